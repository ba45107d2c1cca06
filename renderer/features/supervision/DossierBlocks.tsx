import { Alert, Empty, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { personalMattersType, supervisionActionType, type PersonalMattersReport, type SupervisionAction } from '../../../shared/domain/supervision';
import { cadreBlocks } from '../../../shared/rules/blocks';
import { dayOf } from '../../../shared/rules/months';
import { listSubRecords } from '../../db/cadres';
import { db } from '../../db/instance';
import { readSupervisionSettings } from '../../db/supervisionSettings';

// The dossier's 影响期 tab (docs/supervision.md "Blocking periods"): read-only, the periods in which the cadre may
// not be promoted — from admonishments, from the handling of a personal-matters finding, and from the 纪律处分 /
// 组织处理 in the dossier's 奖惩 — with those in force today marked.

export function DossierBlocks({ cadreId }: { cadreId: string }) {
  const today = dayOf(new Date());
  const blocks = useLiveQuery(async () => {
    const [rewards, actions, reports, settings] = await Promise.all([
      listSubRecords(db, 'rewards', cadreId),
      db.table(supervisionActionType.table).where('cadreId').equals(cadreId).toArray() as Promise<SupervisionAction[]>,
      db.table(personalMattersType.table).where('cadreId').equals(cadreId).toArray() as Promise<PersonalMattersReport[]>,
      readSupervisionSettings(db),
    ]);
    return cadreBlocks({ rewards, actions, reports }, settings.blocks);
  }, [cadreId]);
  if (!blocks) return null;
  if (!blocks.length) return <Empty description="没有影响提拔、晋升的处分、诫勉或处理" />;
  const inForce = blocks.filter((b) => b.from <= today && today <= b.to);
  return (
    <div data-testid="dossier-blocks">
      <Alert
        style={{ marginBottom: 12 }}
        type={inForce.length ? 'warning' : 'info'}
        showIcon
        message={inForce.length ? `现处于影响期内（至 ${inForce.map((b) => b.to).sort().at(-1)}），期间不得提拔或晋升职级` : '目前不在任何影响期内'}
      />
      <Table
        size="small"
        pagination={false}
        rowKey={(b) => `${b.reason}|${b.from}`}
        dataSource={blocks}
        columns={[
          { key: 'reason', title: '事由', dataIndex: 'reason' },
          { key: 'from', title: '开始', dataIndex: 'from', width: 110 },
          { key: 'to', title: '结束', dataIndex: 'to', width: 110 },
          {
            key: 'state',
            title: '状态',
            width: 90,
            render: (_, b) => (b.to < today ? <Tag>已期满</Tag> : b.from > today ? <Tag color="blue">未开始</Tag> : <Tag color="red">影响期内</Tag>),
          },
        ]}
      />
    </div>
  );
}
