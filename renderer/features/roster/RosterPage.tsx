import { memo, startTransition, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { App, Button, Card, Checkbox, Empty, Input, Select, Space, Spin, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import type { Unit } from '../../../shared/domain/unit';
import { PlusOutlined } from '@ant-design/icons';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { codeTables } from '../../../shared/code';
import { monthOf } from '../../../shared/rules/months';
import { compileQuery, describeQuery, type QueryGroup } from '../../../shared/rules/query';
import { buildUnitTree, subtreeIds, type UnitNode } from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { navigate, parseHash } from '../../router';
import { messageOf } from '../../api';
import { filterRows, IN_SERVICE, SORTS, type RosterRow, type SortKey } from './rows';
import { prewarmAfter, rosterIndexOf } from './rosterIndex';
import { startupSettled } from '../startup/databaseStatus';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { columnsOf, DEFAULT_COLUMNS } from './columns';
import { ColumnChooser } from './ColumnChooser';
import { ImportButton } from './ImportDialog';
import { QueryPanel } from './QueryPanel';
import { BatchEditDialog } from './BatchEditDialog';
import { RosterPrintButtons } from '../print/RosterPrintButtons';
import { LrmxRosterMenu } from '../lrmx/LrmxActions';
import { CultivationRosterMenu } from '../cultivation/RosterActions';
import { exportSheet } from '../../components/exportSheet';
import { BUILD_ID, dropSnapshotOnChanges, endSnapshotCover, keepSnapshot, SNAPSHOT_DELAY_MS, snapshotGeneration, takeBootSnapshot } from './snapshot';
import { SnapshotCover } from './SnapshotCover';

const ROW_HEIGHT = 36;
const OTHER_STATUSES = codeTables.cadreStatus.entries.filter((e) => e.code !== IN_SERVICE);
const STATUS_OPTIONS = OTHER_STATUSES.map((e) => ({ value: e.code, label: `含${e.caption}` }));
const SORT_OPTIONS = Object.entries(SORTS).map(([value, label]) => ({ value, label }));
const SELECT_WIDTH = 40;
const ALL = '__all__';
const NONE: readonly RosterRow[] = [];

// A start on the roster fetches the stroke data (a chunk of its own, which its first screen waits for) at once, and
// reads the roster once the start-up's own transactions are done, while the shell is still being drawn, rather than
// once the page has mounted (the shell's own prewarm comes later, for a start on another page).
if (parseHash(window.location.hash).name === 'roster') {
  void loadStrokeOrder().catch(() => undefined); // the read reports a failure
  void prewarmAfter(db, startupSettled, () => monthOf(new Date()));
}
// The snapshot of the roster's first screen (./snapshot.ts): gone at any write to units or cadres in this window,
// and what the boot script showed is taken before React replaces it, to keep showing until the live rows are here.
dropSnapshotOnChanges(db);
takeBootSnapshot(document, { database: db.name, build: BUILD_ID });

const toTreeData = (nodes: UnitNode[]): TreeDataNode[] =>
  nodes.map((n) => ({ key: n.unit.id, title: n.unit.name, children: toTreeData(n.children) }));

/** A line of the roster as the table sees it: only the lines on screen are handed to TanStack Table. */
interface ShownRow {
  row: RosterRow;
  index: number;
}

/** The unit tree on the left; memoised so a search keystroke does not re-render a hundred tree nodes. */
const UnitFilter = memo(function UnitFilter({ units, value, onChange }: { units: readonly Unit[]; value: string; onChange: (id: string) => void }) {
  const treeData = useMemo(() => [{ key: ALL, title: '全部单位', children: toTreeData(buildUnitTree(units)) }], [units]);
  return <Tree data-testid="roster-units" treeData={treeData} selectedKeys={[value]} onSelect={(_k, { node }) => onChange(node.key as string)} defaultExpandAll blockNode />;
});

/**
 * Quick search keeps its own text: a keystroke re-renders only the box at once, and the roster follows in a
 * transition (one render of the page per keystroke, which React may drop when the next key comes first).
 */
const SearchBox = memo(function SearchBox({ onSearch }: { onSearch: (text: string) => void }) {
  const [text, setText] = useState('');
  return (
    <Input.Search
      allowClear
      // short enough to show whole at 1024 px; the tooltip gives the examples
      placeholder="姓名、拼音（如 zs）或身份证号"
      title="按姓名、拼音（全拼如 zhangsan，首字母如 zs）或身份证号码查找"
      style={{ width: 320 }}
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        startTransition(() => onSearch(e.target.value));
      }}
      aria-label="快速查找"
    />
  );
});

/** 干部名册: every cadre, filtered by unit subtree, quick search and combined query, sorted as the office asks. */
export function RosterPage({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const index = rosterIndexOf(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<SortKey>('unit');
  const [unitFilter, setUnitFilter] = useState<string>(ALL);
  const [columnIds, setColumnIds] = useState<string[]>(DEFAULT_COLUMNS);
  const [showQuery, setShowQuery] = useState(false);
  const [query, setQuery] = useState<QueryGroup | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batchOpen, setBatchOpen] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  // 在职 by default; 退休, 调出 and 去世 on request (人员状态 codes of the cadreStatus table)
  const [alsoStatuses, setAlsoStatuses] = useState<string[]>([]);
  const asOf = monthOf(new Date());

  useEffect(() => {
    index.load(asOf).catch((e: unknown) => setLoadError(messageOf(e)));
  }, [index, asOf]);

  const units = index.loaded ? index.unitList : undefined;
  // before the whole roster is read, the default view's first rows as read on their own (a cold start)
  const defaultView = sort === 'unit' && unitFilter === ALL && !search.trim() && !query && !alsoStatuses.length;
  const firstScreen = !index.loaded && defaultView ? index.firstScreen : null;
  const sorted = useMemo(() => (index.loaded ? index.sortedBy(sort) : []), [index, version, sort]);
  const predicate = useMemo(
    () => (query ? compileQuery(query, { asOf, unitSubtree: (id) => subtreeIds(units ?? [], id) }) : null),
    [query, asOf, units],
  );
  const rows = useMemo(
    () => firstScreen?.rows ?? filterRows(sorted, { inUnits: unitFilter === ALL ? null : subtreeIds(units ?? [], unitFilter), alsoStatuses, search, predicate }),
    [firstScreen, sorted, search, unitFilter, units, predicate, alsoStatuses],
  );
  const visible = useMemo(() => columnsOf(columnIds), [columnIds]);
  const columns = useMemo<ColumnDef<ShownRow>[]>(
    () =>
      visible.map((c) => ({
        id: c.id,
        header: () =>
          c.sort ? (
            <span role="button" tabIndex={-1} style={{ cursor: 'pointer' }} title={`按${SORTS[c.sort]}排序`} onClick={() => setSort(c.sort!)}>
              {c.header}
              {sort === c.sort ? ' ▲' : ''}
            </span>
          ) : (
            c.header
          ),
        size: c.size,
        cell: ({ row }) => c.text(row.original.row, row.original.index),
      })),
    [visible, sort],
  );
  const gridTemplate = `${SELECT_WIDTH}px ${visible.map((c) => `${c.size}px`).join(' ')}`;
  const tableWidth = SELECT_WIDTH + visible.reduce((w, c) => w + c.size, 0);
  // the same empty list while nothing is selected: the menus that take the selection are not re-rendered for nothing
  const selectedInView = useMemo(() => (selected.size ? rows.filter((r) => selected.has(r.id)) : NONE), [rows, selected]);
  const allSelected = rows.length > 0 && selectedInView.length === rows.length;

  const toggle = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const exportXlsx = async () => {
    try {
      const path = await exportSheet('干部名册', visible.map((c) => c.header), rows.map((r, i) => visible.map((c) => c.text(r, i))));
      if (!path) return;
      message.success(`已导出 ${rows.length} 人到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualItems = virtualizer.getVirtualItems();
  // TanStack Table builds an object per row it is given: hand it the lines on screen, not 100,000
  // (a new array only when the range or the rows change: new data on every render would loop through TanStack's
  // automatic page reset)
  const shown = useMemo(() => virtualItems.map((item) => ({ row: rows[item.index]!, index: item.index })), [virtualItems, rows]);
  const table = useReactTable({ data: shown, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.row.id, autoResetPageIndex: false });
  const tableRows = table.getRowModel().rows;
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? id;

  // While the rows are still being read at a start, the snapshot the boot script showed stays on screen; once this
  // page shows anything else (rows, an empty roster, an error) or is left, it is gone for this window.
  const loading = !loadError && !index.error && !index.loaded && !firstScreen;
  useLayoutEffect(() => {
    if (!loading) endSnapshotCover();
  }, [loading]);
  // The default view's first screen of live rows, unchanged for a moment, is kept for the next start's snapshot:
  // nothing chosen, at the top, every write applied (a save planned before a write is dropped, ./snapshot.ts).
  const snapshotable =
    !import.meta.env.DEV &&
    defaultView &&
    index.loaded &&
    !firstScreen &&
    rows.length > 0 &&
    !selected.size &&
    !showQuery &&
    columnIds.join() === DEFAULT_COLUMNS.join() &&
    !loadError &&
    !index.error;
  useEffect(() => {
    if (!snapshotable) return;
    const planned = snapshotGeneration();
    const timer = setTimeout(() => {
      const root = document.getElementById('root');
      const scroller = scrollRef.current;
      if (!root || !index.current || !scroller || scroller.scrollTop || scroller.scrollLeft) return;
      keepSnapshot(root, db.name, planned);
    }, SNAPSHOT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [snapshotable, index, version, rows, shown]);

  // A search keystroke re-renders this page: everything that does not depend on the search is the same element as
  // before, which React skips, so a keystroke costs the count and the rows on screen, not every button and select.
  // (The sort select above all: once opened, antd keeps its option list mounted, and each render of it measured the
  // options' layout, forcing a layout of the whole page mid-keystroke.)
  const exportRef = useRef(exportXlsx);
  useLayoutEffect(() => {
    exportRef.current = exportXlsx;
  });
  const exportDisabled = !rows.length || !!firstScreen;
  const importButton = useMemo(() => <ImportButton ctx={ctx} />, [ctx]);
  const lrmxMenu = useMemo(() => <LrmxRosterMenu ctx={ctx} selectedIds={selectedInView.map((r) => r.id)} />, [ctx, selectedInView]);
  const cultivationMenu = useMemo(() => <CultivationRosterMenu ctx={ctx} cadres={selectedInView.map((r) => r.cadre)} />, [ctx, selectedInView]);
  const exportButton = useMemo(
    () => (
      <Button onClick={() => void exportRef.current()} disabled={exportDisabled}>
        导出 Excel
      </Button>
    ),
    [exportDisabled],
  );
  const printButtons = useMemo(
    () => (
      <RosterPrintButtons
        view={{ sort, unitId: unitFilter === ALL ? null : unitFilter, alsoStatuses, search, query, columns: columnIds, title: '干部名册' }}
        selected={selectedInView}
      />
    ),
    [sort, unitFilter, alsoStatuses, search, query, columnIds, selectedInView],
  );
  const newButton = useMemo(
    () => (
      <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('cadre', { id: 'new' })}>
        新增干部
      </Button>
    ),
    [],
  );
  const selectedCount = selectedInView.length;
  const controls = useMemo(
    () => (
      <>
        <SearchBox onSearch={setSearch} />
        <Button type={showQuery ? 'primary' : 'default'} ghost={showQuery} onClick={() => setShowQuery((v) => !v)}>
          组合查询
        </Button>
        <span>排序：</span>
        <Select aria-label="排序" style={{ width: 160 }} value={sort} onChange={setSort} options={SORT_OPTIONS} />
        <ColumnChooser value={columnIds} onChange={setColumnIds} />
        <Button disabled={!selectedCount} onClick={() => setBatchOpen(true)}>
          批量修改{selectedCount ? `（${selectedCount}）` : ''}
        </Button>
        <Checkbox.Group aria-label="人员范围" value={alsoStatuses} onChange={(v) => setAlsoStatuses(v as string[])} options={STATUS_OPTIONS} />
      </>
    ),
    [showQuery, sort, columnIds, selectedCount, alsoStatuses],
  );

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'stretch', height: '100%' }}>
      {loading && <SnapshotCover otherwise={null} />}
      <Card title="单位" style={{ width: 240, flexShrink: 0, overflow: 'auto' }} size="small">
        {units && <UnitFilter units={units} value={unitFilter} onChange={setUnitFilter} />}
      </Card>
      <Card
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
        // the actions wrap onto a second line in a narrow window (1024 px) rather than run past its edge
        styles={{ title: { flex: 'none' }, extra: { flex: '0 1 auto', minWidth: 0 }, body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 12 } }}
        title="干部名册"
        extra={
          <Space wrap style={{ justifyContent: 'flex-end', padding: '8px 0' }}>
            {importButton}
            {lrmxMenu}
            {cultivationMenu}
            {exportButton}
            {printButtons}
            {newButton}
          </Space>
        }
      >
        <Space wrap>
          {controls}
          <Typography.Text type="secondary" data-testid="roster-count">
            {/* no count before every row is read: not 共 0 人 beside the spinner */}
            {loadError || index.error ? null : firstScreen || !index.loaded ? '正在读取全部干部…' : `共 ${rows.length} 人`}
          </Typography.Text>
        </Space>
        {showQuery && units && <QueryPanel units={units} onApply={setQuery} />}
        {query && (
          <div data-testid="query-description">
            <Tag closable onClose={() => setQuery(null)} color="red">
              组合查询：{describeQuery(query, { unitName })}
            </Tag>
          </div>
        )}
        {loadError || index.error ? (
          <Empty description={`读取干部名册失败：${loadError ?? index.error}。请切换到其他页面后再回到干部名册重试。`} />
        ) : !index.loaded && !firstScreen ? (
          <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Spin description="正在读取干部名册…" />
          </div>
        ) : rows.length === 0 ? (
          <Empty description={index.size ? '没有符合条件的干部' : '还没有干部，请点击“新增干部”'} />
        ) : (
          <div ref={scrollRef} style={{ flex: 1, minHeight: 300, overflow: 'auto', border: '1px solid #f0f0f0' }} role="table" aria-label="干部名册">
            <div style={{ width: tableWidth, position: 'sticky', top: 0, zIndex: 1, background: '#fafafa' }} role="rowgroup">
              {table.getHeaderGroups().map((group) => (
                <div
                  key={group.id}
                  role="row"
                  style={{ display: 'grid', gridTemplateColumns: gridTemplate, height: ROW_HEIGHT, alignItems: 'center', fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}
                >
                  <div style={{ paddingLeft: 12 }}>
                    <Checkbox
                      aria-label="全选"
                      disabled={!!firstScreen}
                      checked={allSelected}
                      indeterminate={!allSelected && selectedInView.length > 0}
                      onChange={(e) => setSelected(e.target.checked ? new Set(rows.map((r) => r.id)) : new Set())}
                    />
                  </div>
                  {group.headers.map((h) => (
                    <div key={h.id} role="columnheader" style={{ padding: '0 8px', whiteSpace: 'nowrap' }}>
                      {flexRender(h.column.columnDef.header, h.getContext())}
                    </div>
                  ))}
                </div>
              ))}
            </div>
            <div role="rowgroup" style={{ width: tableWidth, height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualItems.map((item, i) => {
                const row = tableRows[i]!;
                return (
                  <div
                    key={row.id}
                    role="row"
                    data-testid="roster-row"
                    aria-selected={selected.has(row.id)}
                    onDoubleClick={() => navigate('cadre', { id: row.id })}
                    onKeyDown={(e) => e.key === 'Enter' && navigate('cadre', { id: row.id })}
                    tabIndex={0}
                    className="roster-row"
                    style={{
                      position: 'absolute',
                      top: 0,
                      transform: `translateY(${item.start}px)`,
                      height: ROW_HEIGHT,
                      width: '100%',
                      display: 'grid',
                      gridTemplateColumns: gridTemplate,
                      alignItems: 'center',
                      borderBottom: '1px solid #f5f5f5',
                      cursor: 'pointer',
                      background: selected.has(row.id) ? '#fff1f0' : undefined,
                    }}
                  >
                    <div style={{ paddingLeft: 12 }} onDoubleClick={(e) => e.stopPropagation()}>
                      <Checkbox aria-label={`选择${row.original.row.name}`} disabled={!!firstScreen} checked={selected.has(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
                    </div>
                    {row.getVisibleCells().map((cell) => (
                      <div key={cell.id} role="cell" style={{ padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          </div>
        )}
        <Typography.Text type="secondary">双击一行（或选中后按回车）打开干部档案；勾选多人后可批量修改。</Typography.Text>
      </Card>
      {batchOpen && (
        <BatchEditDialog
          open
          cadres={selectedInView.map((r) => r.cadre)}
          units={units ?? []}
          ctx={ctx}
          onClose={(done) => {
            setBatchOpen(false);
            if (done) setSelected(new Set());
          }}
        />
      )}
    </div>
  );
}
