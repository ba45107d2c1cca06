import { Alert, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { poolEntryType, trialPeriodType, type TrialPeriod } from '../../../shared/domain/selection';
import { dayOf } from '../../../shared/rules/months';
import { RecordTab } from '../../components/records/RecordTab';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';

// The dossier's 选拔任用 tab: the trial period an appointment started (and its outcome), and the pools the cadre
// is in. Both lists are the catalogue's own tab (docs/record-types.md "Screens").

export function SelectionTab({ cadreId, ctx }: { cadreId: string; ctx: WriteContext }) {
  const today = dayOf(new Date());
  const running = useLiveQuery(
    async () => ((await db.table(trialPeriodType.table).where('cadreId').equals(cadreId).toArray()) as TrialPeriod[]).filter((t) => !t.deleted && t.status === 'running'),
    [cadreId],
  );
  return (
    <>
      {running?.map((t) => (
        <Alert
          key={t.id}
          type={t.to < today ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="trial-period"
          title={`试用期：${t.post}，${t.from} 至 ${t.to}${t.to < today ? '，已期满，请登记试用结果' : ''}`}
        />
      ))}
      <Typography.Title level={5}>试用期</Typography.Title>
      <RecordTab type={trialPeriodType} cadreId={cadreId} ctx={ctx} />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        干部库
      </Typography.Title>
      <RecordTab type={poolEntryType} cadreId={cadreId} ctx={ctx} />
    </>
  );
}
