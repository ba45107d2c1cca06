import { useMemo, useState } from 'react';
import { Card, Segmented, Select, Space, Tabs, TreeSelect } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppInfo } from '../../../shared/domain/installation';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import { db } from '../../db/instance';
import { writeContextOf } from '../../stores/session';
import { RecordList } from '../../components/records/RecordList';
import { unitOptions } from '../../components/unitOptions';
import { ShortfallPanel } from './ShortfallPanel';
import { StatsPanel } from './StatsPanel';
import { TrainingPanel } from './TrainingPanel';

/**
 * 培养历练 (docs/cultivation.md): the year's training programme and classes, who falls short of the required
 * hours, the district's secondments, postings, 请战 and 顶岗, and the statistics — for a year and a unit subtree.
 */
export function CultivationPage({ info, tab }: { info: AppInfo; tab: string | null }) {
  const ctx = useMemo(() => writeContextOf(info), [info]);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [active, setActive] = useState(tab ?? 'training');
  const [kind, setKind] = useState<TemperingTable>('secondments');
  const units = useLiveQuery(() => db.units.filter((u) => !u.deleted).toArray(), []);
  const options = useMemo(() => unitOptions(units ?? []), [units]);
  const unitName = unitId ? (units?.find((u) => u.id === unitId)?.name ?? '') : '全区';
  const years = Array.from({ length: thisYear - 2009 }, (_, i) => thisYear + 1 - i);

  const filters = (
    <Space style={{ visibility: active === 'records' ? 'hidden' : undefined }}>
      <Select aria-label="年度" value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}年` }))} />
      {active !== 'training' && (
        <TreeSelect
          aria-label="统计范围"
          style={{ width: 240 }}
          value={unitId ?? undefined}
          onChange={(v) => setUnitId(v ?? null)}
          treeData={options}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          placeholder="全区"
        />
      )}
    </Space>
  );
  return (
    <Card title="培养历练" extra={filters}>
      <Tabs
        activeKey={active}
        onChange={setActive}
        destroyOnHidden
        items={[
          { key: 'training', label: '培训计划与培训班', children: <TrainingPanel ctx={ctx} year={year} /> },
          { key: 'shortfall', label: '学时不足名单', children: <ShortfallPanel year={year} unitId={unitId} unitName={unitName} /> },
          { key: 'statistics', label: '统计', children: <StatsPanel year={year} unitId={unitId} unitName={unitName} /> },
          {
            key: 'records',
            label: '挂职·驻村·请战·顶岗',
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Segmented
                  aria-label="历练类别"
                  value={kind}
                  onChange={(v) => setKind(v as TemperingTable)}
                  options={Object.entries(TEMPERING_TYPES).map(([value, t]) => ({ value, label: t.name }))}
                />
                <RecordList key={kind} type={TEMPERING_TYPES[kind]} />
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
