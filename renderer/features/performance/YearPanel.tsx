import { App, Button, Card, InputNumber, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { monthOf } from '../../../shared/rules/months';
import { yearTable } from '../../../shared/rules/performanceCollection';
import { buildUnitTree, type UnitNode } from '../../../shared/rules/unitTree';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import { districtYear } from '../../db/performanceAnalysis';
import { rosterCadres, useUnits } from './common';
import { exportSheet } from '../../components/exportSheet';

// 全年统计: the district's monthly reports of a year by unit — collected and due month by month, the year's total
// and completion — as a table and an .xlsx (docs/performance.md "Collection").

const preOrder = (nodes: readonly UnitNode[]): { id: string; name: string }[] =>
  nodes.flatMap((n) => [{ id: n.unit.id, name: n.unit.name }, ...preOrder(n.children)]);

export function YearPanel() {
  const { message } = App.useApp();
  const units = useUnits();
  const [year, setYear] = useState(new Date().getFullYear());
  const [table, setTable] = useState<{ year: number; headers: string[]; rows: string[][] } | null>(null);
  const [busy, setBusy] = useState(false);
  const compute = async () => {
    setBusy(true);
    try {
      const byUnit = await districtYear(db, year, monthOf(new Date()), rosterCadres);
      setTable({ year, ...yearTable(byUnit, preOrder(buildUnitTree(units))) });
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const exportXlsx = async () => {
    if (!table) return;
    const title = `${table.year}年月上报收集统计`;
    try {
      const path = await exportSheet(title, table.headers, table.rows);
      if (path) message.success(`已导出到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card
      size="small"
      title="全区月上报全年统计（按单位）"
      data-testid="year-stats"
      extra={
        <Space>
          <InputNumber aria-label="统计年度" value={year} min={1990} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" />
          <Button type="primary" onClick={() => void compute()} loading={busy}>
            统计
          </Button>
          <Button onClick={() => void exportXlsx()} disabled={!table}>
            导出Excel
          </Button>
        </Space>
      }
    >
      {table ? (
        <Table
          size="small"
          rowKey="key"
          pagination={false}
          scroll={{ x: 'max-content', y: 480 }}
          dataSource={table.rows.map((cells, key) => ({ key, cells }))}
          columns={table.headers.map((h, i) => ({
            title: h,
            key: h,
            fixed: i === 0 ? ('left' as const) : undefined,
            align: i === 0 ? ('left' as const) : ('right' as const),
            render: (_: unknown, r: { cells: string[] }) => r.cells[i],
          }))}
        />
      ) : (
        <Typography.Text type="secondary">选择年度后点“统计”。每月一格为“已报/应报”；已上报、审核中、已审定的月报都算已报，草稿和被退回的不算。</Typography.Text>
      )}
    </Card>
  );
}
