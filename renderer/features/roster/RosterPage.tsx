import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Empty, Input, Select, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { matcher } from '../../../shared/rules/search';
import { monthOf } from '../../../shared/rules/months';
import { buildUnitTree, subtreeIds, type UnitNode } from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import { navigate } from '../../router';
import { buildRows, display, sortRows, SORTS, type RosterRow, type SortKey } from './rows';
import type { WriteContext } from '../../db/repository';
import { cadreDesk, messageOf } from '../../api';
import { ImportButton } from './ImportDialog';

const ROW_HEIGHT = 36;
const ALL = '__all__';

/** The roster's columns: `text` feeds both the cell and the spreadsheet export. */
const COLUMNS: { id: string; header: string; size: number; text: (r: RosterRow, index: number) => string }[] = [
  { id: 'index', header: '序号', size: 60, text: (_r, i) => String(i + 1) },
  { id: 'name', header: '姓名', size: 100, text: (r) => r.name },
  { id: 'sex', header: '性别', size: 56, text: display.sex },
  { id: 'birth', header: '出生年月（年龄）', size: 140, text: display.birth },
  { id: 'nation', header: '民族', size: 80, text: display.nation },
  { id: 'political', header: '政治面貌', size: 110, text: display.political },
  { id: 'unit', header: '单位', size: 170, text: (r) => r.unitName },
  { id: 'post', header: '现任职务', size: 220, text: (r) => r.cadre.currentPost },
  { id: 'rank', header: '职级', size: 120, text: display.rank },
  { id: 'idNumber', header: '身份证号码', size: 190, text: (r) => r.idNumber },
];
const columns: ColumnDef<RosterRow>[] = COLUMNS.map((c) => ({
  id: c.id,
  header: c.header,
  size: c.size,
  cell: ({ row }) => c.text(row.original, row.index),
}));
const gridTemplate = columns.map((c) => `${c.size}px`).join(' ');
const tableWidth = columns.reduce((w, c) => w + (c.size ?? 100), 0);

const toTreeData = (nodes: UnitNode[]): TreeDataNode[] =>
  nodes.map((n) => ({ key: n.unit.id, title: n.unit.name, children: toTreeData(n.children) }));

/** 干部名册: every cadre, filtered by unit subtree and quick search, sorted as the office asks. */
export function RosterPage({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const cadres = useLiveQuery(() => db.cadres.toArray(), []);
  const units = useLiveQuery(() => db.units.toArray(), []);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<SortKey>('unit');
  const [unitFilter, setUnitFilter] = useState<string>(ALL);

  const allRows = useMemo(() => buildRows(cadres ?? [], units ?? [], monthOf(new Date())), [cadres, units]);
  const sorted = useMemo(() => sortRows(allRows, sort), [allRows, sort]);
  const rows = useMemo(() => {
    const inUnits = unitFilter === ALL ? null : subtreeIds(units ?? [], unitFilter);
    const matches = matcher(deferredQuery);
    return sorted.filter((r) => (!inUnits || inUnits.has(r.cadre.unitId)) && matches(r));
  }, [sorted, deferredQuery, unitFilter, units]);
  const treeData = useMemo(() => [{ key: ALL, title: '全部单位', children: toTreeData(buildUnitTree(units ?? [])) }], [units]);

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
      const bytes = await writeSheet('干部名册', COLUMNS.map((c) => c.header), rows.map((r, i) => COLUMNS.map((c) => c.text(r, i))));
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

  return (
    <div style={{ display: 'flex', gap: 16, alignItems: 'stretch', height: '100%' }}>
      <Card title="单位" style={{ width: 260, flexShrink: 0, overflow: 'auto' }} size="small">
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
            style={{ width: 340 }}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            aria-label="快速查找"
          />
          <span>排序：</span>
          <Select
            aria-label="排序"
            style={{ width: 170 }}
            value={sort}
            onChange={setSort}
            options={Object.entries(SORTS).map(([value, label]) => ({ value, label }))}
          />
          <Typography.Text type="secondary" data-testid="roster-count">
            共 {rows.length} 人
          </Typography.Text>
        </Space>
        {cadres && rows.length === 0 ? (
          <Empty description={allRows.length ? '没有符合条件的干部' : '还没有干部，请点击“新增干部”'} />
        ) : (
          <div ref={scrollRef} style={{ flex: 1, minHeight: 300, overflow: 'auto', border: '1px solid #f0f0f0' }} role="table" aria-label="干部名册">
            <div style={{ width: tableWidth, position: 'sticky', top: 0, zIndex: 1, background: '#fafafa' }} role="rowgroup">
              {table.getHeaderGroups().map((group) => (
                <div key={group.id} role="row" style={{ display: 'grid', gridTemplateColumns: gridTemplate, height: ROW_HEIGHT, alignItems: 'center', fontWeight: 600, borderBottom: '1px solid #f0f0f0' }}>
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
                    }}
                  >
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
        <Typography.Text type="secondary">双击一行（或选中后按回车）打开干部档案。</Typography.Text>
      </Card>
    </div>
  );
}
