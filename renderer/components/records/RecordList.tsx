import { useEffect, useMemo, useRef, useState } from 'react';
import { App, Button, Checkbox, Descriptions, Drawer, Empty, Input, Popover, Select, Space, Spin, TreeSelect, Typography } from 'antd';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { formatCell } from '../../../shared/catalog/cells';
import { displayValue, getPath, leaves, leavesOfKeys, type DisplayContext, type Leaf } from '../../../shared/catalog/leaves';
import { recordTypeOf } from '../../../shared/catalog';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { compareByStroke, loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { subtreeIds } from '../../../shared/rules/unitTree';
import type { Cadre } from '../../../shared/domain/cadre';
import { onCommittedChanges } from '../../db/changes';
import { db } from '../../db/instance';
import { listRecords, periodOf } from '../../db/records';
import { messageOf } from '../../api';
import { unitOptions as toUnitOptions } from '../unitOptions';
import { RecordHistory } from './RecordHistory';
import { exportSheet } from '../exportSheet';

// The list of a record type across the district (docs/record-types.md "Screens"), derived from its declaration:
// columns from its fields, filters by unit subtree, period and each of its kinds, a column chooser, xlsx export of
// exactly what is shown, and a drawer with one record's fields and change history. Only the rows on screen are
// rendered, and only they are handed to TanStack Table, so a district's hundreds of thousands of rows stay light.

const ROW_HEIGHT = 34;

interface ListRow {
  id: string;
  record: Record<string, unknown> & { id: string };
  cadre: Cadre | undefined;
  unitName: string;
}

/** A column of the list: an owner column (姓名, 身份证号码, 所在单位) or one of the type's fields. */
interface ListColumn {
  id: string;
  header: string;
  size: number;
  text: (row: ListRow) => string;
  /** The same value as a spreadsheet cell (formatCell), so the export re-imports. */
  cell: (row: ListRow) => string;
}

const OWNER_COLUMNS: ListColumn[] = [
  { id: 'owner.name', header: '姓名', size: 90, text: (r) => r.cadre?.name ?? '', cell: (r) => r.cadre?.name ?? '' },
  { id: 'owner.idNumber', header: '身份证号码', size: 180, text: (r) => r.cadre?.idNumber ?? '', cell: (r) => r.cadre?.idNumber ?? '' },
  { id: 'owner.unit', header: '所在单位', size: 150, text: (r) => r.unitName, cell: (r) => r.unitName },
];

function fieldColumn(leaf: Leaf, ctx: DisplayContext): ListColumn {
  const wide = leaf.field.kind === 'text' || leaf.field.kind === 'longText' || leaf.field.kind === 'unit';
  return {
    id: leaf.path,
    header: leaf.label,
    size: wide ? 200 : leaf.field.kind === 'boolean' ? 80 : 110,
    text: (r) => displayValue(leaf.field, getPath(r.record, leaf.path), ctx),
    cell: (r) => formatCell(leaf.field, getPath(r.record, leaf.path)),
  };
}

export function RecordList({ type }: { type: AnyRecordType }) {
  const { message } = App.useApp();
  const units = useLiveQuery(() => db.units.toArray(), []);
  const unitNames = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);
  const unitName = useMemo(() => (id: string) => unitNames.get(id), [unitNames]);
  // the titles of the records the type's 'record' fields link to (a 顶岗's 选拔任用纪实)
  const targets = useMemo(() => [...new Set(leaves(type).flatMap((l) => (l.field.kind === 'record' ? [l.field.target!] : [])))], [type]);
  const linkedTitles = useLiveQuery(async () => {
    const titles = new Map<string, string>();
    for (const t of targets) {
      const linked = recordTypeOf(t);
      for (const r of (await db.table(t).toArray()) as { id: string; deleted?: boolean }[]) if (linked && !r.deleted) titles.set(r.id, linked.title(r as never));
    }
    return titles;
  }, [targets]);
  const display = useMemo<DisplayContext>(() => ({ unitName, recordTitle: (_t, id) => linkedTitles?.get(id) }), [unitName, linkedTitles]);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const kindLeaves = useMemo(() => leaves(type).filter((l) => l.field.kind === 'enum'), [type]);
  const [kinds, setKinds] = useState<Record<string, string | null>>({});
  const fieldLeaves = useMemo(() => leaves(type).filter((l) => l.field.kind !== 'cadre' && l.field.kind !== 'blob' && l.field.kind !== 'list'), [type]);
  const allColumns = useMemo(
    () => [...(type.ownedByCadre ? OWNER_COLUMNS : []), ...fieldLeaves.map((l) => fieldColumn(l, display))],
    [type, fieldLeaves, display],
  );
  const defaultIds = useMemo(
    () => [...(type.ownedByCadre ? ['owner.name', 'owner.unit'] : []), ...leavesOfKeys(type, type.list).map((l) => l.path)],
    [type],
  );
  const [columnIds, setColumnIds] = useState<string[]>(defaultIds);
  useEffect(() => setColumnIds(defaultIds), [defaultIds]);
  const columns = useMemo(() => columnIds.map((id) => allColumns.find((c) => c.id === id)).filter((c): c is ListColumn => !!c), [columnIds, allColumns]);

  const [rows, setRows] = useState<ListRow[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => onCommittedChanges(db, (changes) => changes.some((c) => c.table === type.table || c.table === 'cadres') && setVersion((v) => v + 1)), [type]);
  useEffect(() => {
    let current = true;
    setRows(null);
    (async () => {
      const [all] = await Promise.all([db.units.toArray(), loadStrokeOrder()]);
      const unitIds = unitId ? subtreeIds(all, unitId) : undefined;
      const found = await listRecords(db, type, { ...(unitIds ? { unitIds } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const cadres = new Map((await db.cadres.bulkGet([...new Set(found.flatMap((f) => (f.cadreId ? [f.cadreId] : [])))])).flatMap((c) => (c ? [[c.id, c] as const] : [])));
      const names = new Map(all.map((u) => [u.id, u.name]));
      const list = found
        .filter(({ record }) => kindLeaves.every((l) => !kinds[l.path] || getPath(record, l.path) === kinds[l.path]))
        .map(({ record, cadreId }) => {
          const cadre = cadreId ? cadres.get(cadreId) : undefined;
          return { id: record.id, record: record as ListRow['record'], cadre, unitName: cadre ? (names.get(cadre.unitId) ?? '') : '' };
        })
        // newest first, then by the official name order
        .sort((a, b) => periodOf(type, b.record).localeCompare(periodOf(type, a.record)) || compareByStroke(a.cadre?.name ?? '', b.cadre?.name ?? ''));
      if (current) setRows(list);
    })().catch((e: unknown) => current && message.error(messageOf(e)));
    return () => {
      current = false;
    };
  }, [type, unitId, from, to, kinds, kindLeaves, version, message]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows?.length ?? 0, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const shown = useMemo(() => items.map((i) => rows![i.index]!), [items, rows]);
  const columnDefs = useMemo<ColumnDef<ListRow>[]>(() => columns.map((c) => ({ id: c.id, header: c.header, cell: ({ row }) => c.text(row.original) })), [columns]);
  const table = useReactTable({ data: shown, columns: columnDefs, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });
  const grid = columns.map((c) => `${c.size}px`).join(' ');
  const width = columns.reduce((s, c) => s + c.size, 0);
  const [detail, setDetail] = useState<ListRow | null>(null);

  const exportXlsx = async () => {
    if (!rows) return;
    try {
      const path = await exportSheet(type.name, columns.map((c) => c.header), rows.map((r) => columns.map((c) => c.cell(r))));
      if (!path) return;
      message.success(`已导出 ${rows.length} 条${type.name}记录`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const chooser = (
    <div style={{ width: 240, maxHeight: 360, overflow: 'auto' }} data-testid="record-columns">
      <Checkbox.Group
        value={columnIds}
        onChange={(ids) => setColumnIds(allColumns.map((c) => c.id).filter((id) => (ids as string[]).includes(id)))}
        options={allColumns.map((c) => ({ value: c.id, label: c.header }))}
        style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
      />
    </div>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <TreeSelect
          aria-label="单位范围"
          style={{ width: 220 }}
          allowClear
          placeholder="全部单位"
          value={unitId ?? undefined}
          onChange={(v) => setUnitId(v ?? null)}
          treeData={toUnitOptions(units ?? [])}
          treeDefaultExpandAll
          showSearch
          treeNodeFilterProp="title"
        />
        {type.period && (
          <Space.Compact>
            <Input aria-label="起始期间" style={{ width: 136 }} placeholder="从（如 2020）" value={from} onChange={(e) => setFrom(e.target.value.trim())} />
            <Input aria-label="截止期间" style={{ width: 136 }} placeholder="到（如 2024-12）" value={to} onChange={(e) => setTo(e.target.value.trim())} />
          </Space.Compact>
        )}
        {kindLeaves.map((l) => (
          <Select
            key={l.path}
            aria-label={l.label}
            style={{ width: 150 }}
            allowClear
            placeholder={`全部${l.label}`}
            value={kinds[l.path] ?? undefined}
            onChange={(v: string | undefined) => setKinds((k) => ({ ...k, [l.path]: v ?? null }))}
            options={l.field.options?.map((o) => ({ ...o }))}
          />
        ))}
        <Popover trigger="click" content={chooser} title="显示哪些列">
          <Button>列设置</Button>
        </Popover>
        <Button onClick={exportXlsx} disabled={!rows?.length}>
          导出Excel
        </Button>
        <Typography.Text type="secondary" data-testid="record-count">
          共 {rows?.length ?? 0} 条
        </Typography.Text>
      </Space>
      {rows === null ? (
        <Spin description={`正在读取${type.name}…`} />
      ) : rows.length === 0 ? (
        <Empty description={`没有符合条件的${type.name}记录`} />
      ) : (
        <div ref={scrollRef} style={{ height: 'calc(100vh - 300px)', minHeight: 300, overflow: 'auto', border: '1px solid #f0f0f0', background: '#fff' }} role="table" aria-label={`${type.name}列表`}>
          <div role="rowgroup" style={{ width, position: 'sticky', top: 0, zIndex: 1, background: '#fafafa' }}>
            {table.getHeaderGroups().map((g) => (
              <div key={g.id} role="row" style={{ display: 'grid', gridTemplateColumns: grid, height: ROW_HEIGHT, alignItems: 'center', fontWeight: 600 }}>
                {g.headers.map((h) => (
                  <div key={h.id} role="columnheader" style={{ padding: '0 8px', whiteSpace: 'nowrap', overflow: 'hidden' }}>
                    {flexRender(h.column.columnDef.header, h.getContext())}
                  </div>
                ))}
              </div>
            ))}
          </div>
          <div role="rowgroup" style={{ width, height: virtualizer.getTotalSize(), position: 'relative' }}>
            {table.getRowModel().rows.map((row, i) => (
              <div
                key={row.id}
                role="row"
                data-testid="record-row"
                tabIndex={0}
                className="roster-row"
                onClick={() => setDetail(row.original)}
                onKeyDown={(e) => e.key === 'Enter' && setDetail(row.original)}
                style={{
                  position: 'absolute',
                  top: 0,
                  transform: `translateY(${items[i]!.start}px)`,
                  height: ROW_HEIGHT,
                  width: '100%',
                  display: 'grid',
                  gridTemplateColumns: grid,
                  alignItems: 'center',
                  borderBottom: '1px solid #f5f5f5',
                  cursor: 'pointer',
                }}
              >
                {row.getVisibleCells().map((cell) => (
                  <div key={cell.id} role="cell" style={{ padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
      )}
      <Drawer
        open={detail !== null}
        onClose={() => setDetail(null)}
        width={560}
        title={detail ? `${detail.cadre ? `${detail.cadre.name} · ` : ''}${type.title(detail.record as never)}` : ''}
        destroyOnHidden
      >
        {detail && (
          <Space direction="vertical" style={{ width: '100%' }} data-testid="record-detail">
            <Descriptions
              size="small"
              column={1}
              bordered
              items={fieldLeaves.map((l) => ({ key: l.path, label: l.label, children: displayValue(l.field, getPath(detail.record, l.path), display) }))}
            />
            <Typography.Title level={5}>变更记录</Typography.Title>
            <RecordHistory keys={[[type.table, detail.id]]} testId="record-history" />
          </Space>
        )}
      </Drawer>
    </Space>
  );
}
