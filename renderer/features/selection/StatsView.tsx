import { useState } from 'react';
import { App, Button, Card, Col, InputNumber, Row, Space, Spin, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { SelectionStatTable } from '../../../shared/rules/selectionStats';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import { loadSelectionStats } from '../../db/selectionStats';
import { exportSheet } from '../../components/exportSheet';
import { StatChart } from '../../components/StatChart';
import { UnitPicker, useUnits } from './common';

// 选拔任用统计 (docs/selection.md "Statistics"): cases by stage, the year's adjustments by kind and by unit (with
// the performance area's 三项机制 adjustments), promotions per round; each chart with its table beside it, each
// table exported as .xlsx.

export function StatsView() {
  const { nameOf } = useUnits();
  const [year, setYear] = useState(new Date().getFullYear());
  const [unitId, setUnitId] = useState<string | null>(null);
  const tables = useLiveQuery(() => loadSelectionStats(db, { year, unitId }), [year, unitId]);
  const scope = `${year}年${unitId ? nameOf(unitId) : '全区'}`;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber aria-label="统计年度" min={1950} max={2100} value={year} onChange={(v) => v && setYear(v)} suffix="年" style={{ width: 120 }} />
        <UnitPicker label="统计范围" value={unitId} onChange={setUnitId} allowClear />
      </Space>
      {!tables ? (
        <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />
      ) : (
        <Row gutter={[16, 16]}>
          {tables.map((t) => (
            <Col key={t.key} xs={24} xxl={12}>
              <StatCard table={t} scope={scope} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}

function StatCard({ table, scope }: { table: SelectionStatTable; scope: string }) {
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
        <Col xs={24} lg={12}>
          {table.rows.length ? <StatChart table={table} height={280} /> : <div style={{ padding: 48, textAlign: 'center', color: '#999' }}>本年度没有数据</div>}
        </Col>
        <Col xs={24} lg={12}>
          <Table
            size="small"
            rowKey="label"
            pagination={table.rows.length > 12 ? { pageSize: 12, hideOnSinglePage: true, size: 'small' } : false}
            dataSource={table.rows}
            scroll={{ x: 'max-content' }}
            columns={headers.map((h, i) => ({
              key: h,
              title: h,
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
              render: (_: unknown, r: SelectionStatTable['rows'][number]) => (i === 0 ? r.label : r.values[i - 1]),
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}
