import { Alert, App, Button, Card, Col, Row, Spin, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { StatTable } from '../../../shared/rules/cultivationStats';
import { loadStatistics } from '../../db/cultivationStats';
import { db } from '../../db/instance';
import { usePeople } from './cadreSource';
import { messageOf } from '../../api';
import { exportSheet } from '../../components/exportSheet';
import { StatChart } from '../../components/StatChart';

/** 培养历练统计 of a year and unit subtree: each chart with its table beside it, each table exported as .xlsx. */
export function StatsPanel({ year, unitId, unitName }: { year: number; unitId: string | null; unitName: string }) {
  const { people, error } = usePeople(db);
  const tables = useLiveQuery(() => (people ? loadStatistics(db, { year, unitId }, people) : undefined), [year, unitId, people]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!tables) return <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />;
  return (
    <Row gutter={[16, 16]}>
      {tables.map((t) => (
        <Col key={t.key} xs={24} xxl={12}>
          <StatCard table={t} scope={`${year}年${unitName}`} />
        </Col>
      ))}
    </Row>
  );
}

function StatCard({ table, scope }: { table: StatTable; scope: string }) {
  const { message } = App.useApp();
  const headers = [table.category, ...table.columns];
  const save = async () => {
    try {
      const path = await exportSheet(`${scope}${table.title}`, headers, table.rows.map((r) => [r.label, ...r.values]));
      if (path) message.success(`已导出到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card size="small" title={table.title} data-testid={`stat-${table.key}`} extra={<Button size="small" onClick={save}>导出 Excel</Button>}>
      <Row gutter={16}>
        <Col xs={24} md={13}>
          <StatChart table={table} />
        </Col>
        <Col xs={24} md={11}>
          <Table
            size="small"
            rowKey="label"
            pagination={false}
            dataSource={table.rows}
            columns={headers.map((h, i) => ({
              key: h,
              title: h,
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
              render: (_: unknown, r: StatTable['rows'][number]) => (i === 0 ? r.label : r.values[i - 1]),
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}
