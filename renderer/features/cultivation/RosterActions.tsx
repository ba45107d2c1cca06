import { lazy, Suspense, useState } from 'react';
import { Button, Dropdown } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import type { Cadre } from '../../../shared/domain/cadre';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import type { WriteContext } from '../../db/repository';

// the dialogs (forms, the repository) load when first opened: the roster is the start page
const EnrollDialog = lazy(() => import('./RosterDialogs').then((m) => ({ default: m.EnrollDialog })));
const TemperingDialog = lazy(() => import('./RosterDialogs').then((m) => ({ default: m.TemperingDialog })));

type Action = 'enroll' | TemperingTable;

/**
 * 培养历练 on the roster: the selected cadres enrolled in a class, or given one 挂职 / 驻村 / 请战 / 顶岗 record each,
 * in one step (all of them, or none when one is refused).
 */
export function CultivationRosterMenu({ ctx, cadres }: { ctx: WriteContext; cadres: readonly Cadre[] }) {
  const [action, setAction] = useState<Action | null>(null);
  return (
    <>
      <Dropdown
        disabled={!cadres.length}
        menu={{
          items: [
            { key: 'enroll', label: '报名参加培训班' },
            ...Object.entries(TEMPERING_TYPES).map(([key, t]) => ({ key, label: `登记${t.name}` })),
          ],
          onClick: ({ key }) => setAction(key as Action),
        }}
      >
        <Button>
          培养历练{cadres.length ? `（${cadres.length}）` : ''} <DownOutlined />
        </Button>
      </Dropdown>
      <Suspense fallback={null}>
        {action === 'enroll' && <EnrollDialog ctx={ctx} cadres={cadres} onClose={() => setAction(null)} />}
        {action && action !== 'enroll' && <TemperingDialog ctx={ctx} table={action} cadres={cadres} onClose={() => setAction(null)} />}
      </Suspense>
    </>
  );
}

