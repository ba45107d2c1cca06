import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Checkbox, Empty, Input, Select, Space, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { matcher } from '../../../shared/rules/search';
import { monthOf } from '../../../shared/rules/months';
import { compileQuery, describeQuery, type QueryGroup } from '../../../shared/rules/query';
import { buildUnitTree, subtreeIds, type UnitNode } from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { navigate } from '../../router';
import { cadreDesk, messageOf } from '../../api';
import { buildRows, sortRows, SORTS, type RosterRow, type SortKey } from './rows';
import { columnsOf, DEFAULT_COLUMNS } from './columns';
import { ColumnChooser } from './ColumnChooser';
import { ImportButton } from './ImportDialog';
import { QueryPanel } from './QueryPanel';
import { BatchEditDialog } from './BatchEditDialog';

const ROW_HEIGHT = 36;
const SELECT_WIDTH = 40;
const ALL = '__all__';

const toTreeData = (nodes: UnitNode[]): TreeDataNode[] =>
  nodes.map((n) => ({ key: n.unit.id, title: n.unit.name, children: toTreeData(n.children) }));

/** 干部名册: every cadre, filtered by unit subtree, quick search and combined query, sorted as the office asks. */
export function RosterPage({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const cadres = useLiveQuery(() => db.cadres.toArray(), []);
  const units = useLiveQuery(() => db.units.toArray(), []);
  const [search, setSearch] = useState('');
  const deferredSearch = useDeferredValue(search);
  const [sort, setSort] = useState<SortKey>('unit');
  const [unitFilter, setUnitFilter] = useState<string>(ALL);
  const [columnIds, setColumnIds] = useState<string[]>(DEFAULT_COLUMNS);
  const [showQuery, setShowQuery] = useState(false);
  const [query, setQuery] = useState<QueryGroup | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [batchOpen, setBatchOpen] = useState(false);
  const asOf = monthOf(new Date());

  const allRows = useMemo(() => buildRows(cadres ?? [], units ?? [], asOf), [cadres, units, asOf]);
  const sorted = useMemo(() => sortRows(allRows, sort), [allRows, sort]);
  const predicate = useMemo(
    () => (query ? compileQuery(query, { asOf, unitSubtree: (id) => subtreeIds(units ?? [], id) }) : null),
    [query, asOf, units],
  );
  const rows = useMemo(() => {
    const inUnits = unitFilter === ALL ? null : subtreeIds(units ?? [], unitFilter);
    const matches = matcher(deferredSearch);
    return sorted.filter((r) => (!inUnits || inUnits.has(r.cadre.unitId)) && matches(r) && (!predicate || predicate(r.cadre)));
  }, [sorted, deferredSearch, unitFilter, units, predicate]);
  const treeData = useMemo(() => [{ key: ALL, title: '全部单位', children: toTreeData(buildUnitTree(units ?? [])) }], [units]);
  const visible = useMemo(() => columnsOf(columnIds), [columnIds]);
  const columns = useMemo<ColumnDef<RosterRow>[]>(
    () => visible.map((c) => ({ id: c.id, header: c.header, size: c.size, cell: ({ row }) => c.text(row.original, row.index) })),
    [visible],
  );
  const gridTemplate = `${SELECT_WIDTH}px ${visible.map((c) => `${c.size}px`).join(' ')}`;
  const tableWidth = SELECT_WIDTH + visible.reduce((w, c) => w + c.size, 0);
  const selectedInView = rows.filter((r) => selected.has(r.id));
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
      const choice = await cadreDesk().dialog.saveFile({
        title: '导出干部名册',
        defaultName: `干部名册-${new Date().toISOString().slice(0, 10)}.xlsx`,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      // exceljs is large: loaded only when a spreadsheet is actually written
      const { writeSheet } = await import('./xlsx');
      const bytes = await writeSheet('干部名册', visible.map((c) => c.header), rows.map((r, i) => visible.map((c) => c.text(r, i))));
      await cadreDesk().file.write({ path, bytes });
      message.success(`已导出 ${rows.length} 人到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: (r) => r.id });
  const tableRows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tableRows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const unitName = (id: string) => units?.find((u) => u.id === id)?.name ?? id;

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'stretch', height: '100%' }}>
      <Card title="单位" style={{ width: 240, flexShrink: 0, overflow: 'auto' }} size="small">
        {units && (
          <Tree
            data-testid="roster-units"
            treeData={treeData}
            selectedKeys={[unitFilter]}
            onSelect={(_k, { node }) => setUnitFilter(node.key as string)}
            defaultExpandAll
            blockNode
          />
        )}
      </Card>
      <Card
        style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}
        styles={{ body: { flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column', gap: 12 } }}
        title="干部名册"
        extra={
          <Space>
            <ImportButton ctx={ctx} />
            <Button onClick={exportXlsx} disabled={!rows.length}>
              导出 Excel
            </Button>
            <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('cadre', { id: 'new' })}>
              新增干部
            </Button>
          </Space>
        }
      >
        <Space wrap>
          <Input.Search
            allowClear
            placeholder="姓名、拼音（如 zs、zhangsan）或身份证号码"
            style={{ width: 320 }}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="快速查找"
          />
          <Button type={showQuery ? 'primary' : 'default'} ghost={showQuery} onClick={() => setShowQuery((v) => !v)}>
            组合查询
          </Button>
          <span>排序：</span>
          <Select aria-label="排序" style={{ width: 160 }} value={sort} onChange={setSort} options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))} />
          <ColumnChooser value={columnIds} onChange={setColumnIds} />
          <Button disabled={!selectedInView.length} onClick={() => setBatchOpen(true)}>
            批量修改{selectedInView.length ? `（${selectedInView.length}）` : ''}
          </Button>
          <Typography.Text type="secondary" data-testid="roster-count">
            共 {rows.length} 人
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
        {cadres && rows.length === 0 ? (
          <Empty description={allRows.length ? '没有符合条件的干部' : '还没有干部，请点击“新增干部”'} />
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
              {virtualizer.getVirtualItems().map((item) => {
                const row = tableRows[item.index]!;
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
                      <Checkbox aria-label={`选择${row.original.name}`} checked={selected.has(row.id)} onChange={(e) => toggle(row.id, e.target.checked)} />
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
