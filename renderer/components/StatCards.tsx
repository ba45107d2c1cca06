import { App, Button, Card, Col, Row, Table } from 'antd';
import type { StatTable } from '../../shared/rules/statTable';
import { messageOf } from '../api';
import { exportSheet } from './exportSheet';
import { StatChart } from './StatChart';

type StatRow = StatTable['rows'][number];

/**
 * The areas' statistics (培养历练, 管理监督, 选拔任用): one card per table, its chart beside it. With `exportScope`
 * each card exports its table as .xlsx named `${exportScope}${title}`; 管理监督 passes none, since its figures count
 * restricted records and leave only as the area's own workbook. `rowsOf` adds rows the table shows (a 合计).
 */
export function StatCards({ tables, chartHeight, exportScope, rowsOf = (t) => t.rows }: {
  tables: readonly StatTable[];
  chartHeight?: number;
  exportScope?: string;
  rowsOf?: (table: StatTable) => StatRow[];
}) {
  return (
    <Row gutter={[16, 16]}>
      {tables.map((t) => (
        <Col key={t.key} xs={24} xxl={12}>
          <StatCard table={t} chartHeight={chartHeight} exportScope={exportScope} rows={rowsOf(t)} />
        </Col>
      ))}
    </Row>
  );
}

function StatCard({ table, chartHeight, exportScope, rows }: { table: StatTable; chartHeight?: number; exportScope?: string; rows: StatRow[] }) {
  const { message } = App.useApp();
  const headers = [table.category, ...table.columns];
  const save = async () => {
    try {
      const path = await exportSheet(`${exportScope}${table.title}`, headers, table.rows.map((r) => [r.label, ...r.values]));
      if (path) message.success(`已导出到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const extra = exportScope === undefined ? undefined : <Button size="small" onClick={save}>导出 Excel</Button>;
  return (
    <Card size="small" title={table.title} data-testid={`stat-${table.key}`} extra={extra}>
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          {table.rows.length ? <StatChart table={table} height={chartHeight} /> : <div style={{ padding: 48, textAlign: 'center', color: '#999' }}>本年度没有数据</div>}
        </Col>
        <Col xs={24} lg={11}>
          <Table
            data-testid={`stats-${table.key}`}
            size="small"
            rowKey="label"
            pagination={rows.length > 12 ? { pageSize: 12, hideOnSinglePage: true, size: 'small' } : false}
            dataSource={rows}
            scroll={{ x: 'max-content' }}
            columns={headers.map((h, i) => ({
              key: h,
              title: h,
              align: i === 0 ? undefined : ('right' as const),
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
              render: (_: unknown, r: StatRow) => (i === 0 ? r.label : r.values[i - 1]),
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}
