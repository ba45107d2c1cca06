import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { Button, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { caption } from '../../../shared/code';
import { POST_LEVELS, establishmentType, type Establishment } from '../../../shared/domain/selection';
import { vacancyRows, type Count, type VacancyRow } from '../../../shared/rules/selectionVacancy';
import { db } from '../../db/instance';
import { createRecord, updateRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { monthOf } from '../../../shared/rules/months';
import { rosterIndexOf } from '../roster/rosterIndex';
import { TypeDialog } from './common';
import { keptRead, tallyOf } from './vacancySource';

// 编制与职数: the district's vacancy table, computed from the cadres' current posts (docs/selection.md
// "Establishments and vacancies"); a unit's establishment is entered or changed from its row.

function CountCell({ c, testId }: { c: Count; testId?: string }) {
  return (
    <span data-testid={testId}>
      {c.filled}/{c.quota}
      {c.vacant > 0 && <Tag color="green" style={{ marginLeft: 4 }}>缺{c.vacant}</Tag>}
      {c.over > 0 && <Tag color="red" style={{ marginLeft: 4 }}>超{c.over}</Tag>}
    </span>
  );
}

/** One collator for every comparison (localeCompare with a locale builds one per call). */
const BY_NAME = new Intl.Collator('zh');

/** The establishments last shown, per database: the next visit draws them at once (vacancySource.ts). */
const lastEstablishments = new WeakMap<object, readonly Establishment[]>();

/**
 * The establishments as the live query reads them, shown from the last read until it answers; an answer equal
 * to what is shown keeps the same array, so the table is not worked out and drawn again for nothing.
 */
function useEstablishments(): readonly Establishment[] | undefined {
  const read = useLiveQuery(() => db.table(establishmentType.table).toArray() as Promise<Establishment[]>, []);
  return useMemo(() => {
    const shown = keptRead(lastEstablishments.get(db), read);
    if (shown) lastEstablishments.set(db, shown);
    return shown;
  }, [read]);
}

export function VacancyView({ ctx }: { ctx: WriteContext }) {
  const establishments = useEstablishments();
  // the cadres and units from the roster's in-memory index, kept current by its change feed
  const index = rosterIndexOf(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  useEffect(() => void index.load(monthOf(new Date())), [index]);
  const nameOf = useMemo(() => {
    const names = new Map(index.unitList.filter((u) => !u.deleted).map((u) => [u.id, u.name]));
    return (id: string) => names.get(id) ?? '';
    // version: the index (its units too) changed since
  }, [index, version]);
  const tally = useMemo(() => (index.loaded ? tallyOf(index) : undefined), [index, version]);
  const rows = useMemo(() => (tally && establishments ? vacancyRows(establishments.filter((e) => !e.deleted), tally) : undefined), [tally, establishments]);
  const [editing, setEditing] = useState<Establishment | 'new' | null>(null);
  const sorted = useMemo(() => [...(rows ?? [])].sort((a, b) => BY_NAME.compare(nameOf(a.unitId), nameOf(b.unitId))), [rows, nameOf]);
  const total = useMemo(() => sorted.reduce((t, r) => ({ vacant: t.vacant + r.vacant, over: t.over + r.over }), { vacant: 0, over: 0 }), [sorted]);
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setEditing('new')}>
          登记单位编制与职数
        </Button>
        <Typography.Text type="secondary">
          实有/核定，按干部现任职务层次和人员类别（在职）统计。全区领导职数空缺 {total.vacant} 名，超职数 {total.over} 名。
        </Typography.Text>
      </Space>
      <Table<VacancyRow>
        size="small"
        rowKey="unitId"
        loading={!rows}
        dataSource={sorted}
        pagination={false}
        // only the rows in view are drawn: the district's hundred-odd units of ten cells each took most of the time
        virtual
        scroll={{ x: 1000, y: 520 }}
        onRow={(r) => ({
          onClick: () => setEditing(establishments?.find((e) => e.unitId === r.unitId && !e.deleted) ?? null),
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: '单位', dataIndex: 'unitId', width: 200, render: (id: string) => nameOf(id) },
          { title: '行政编制', width: 110, render: (_, r) => <CountCell c={r.administrative} /> },
          { title: '事业编制', width: 110, render: (_, r) => <CountCell c={r.institutional} /> },
          ...POST_LEVELS.map((level) => ({
            title: `${caption('postLevel', level)}职数`,
            width: 110,
            render: (_: unknown, r: VacancyRow) => <CountCell c={r.posts[level]} testId={`vacancy-${nameOf(r.unitId)}-${level}`} />,
          })),
          { title: '空缺', dataIndex: 'vacant', width: 70 },
          { title: '超职数', dataIndex: 'over', width: 70, render: (n: number) => (n ? <Typography.Text type="danger">{n}</Typography.Text> : 0) },
        ]}
      />
      {editing && (
        <TypeDialog
          type={establishmentType}
          title={editing === 'new' ? '登记编制与职数' : `修改${nameOf(editing.unitId)}的编制与职数`}
          {...(editing === 'new' ? {} : { record: editing })}
          onSave={(input) => (editing === 'new' ? createRecord(db, ctx, establishmentType, input as never) : updateRecord(db, ctx, establishmentType, editing.id, input as never))}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}
