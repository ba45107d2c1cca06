import { Button, Card, Empty, Input, InputNumber, List, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { monthOf } from '../../../shared/rules/months';
import { CELL_LABELS, printRate, reminderList, type CollectionMatrix } from '../../../shared/rules/performanceCollection';
import { subtreeIds } from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import { districtCompletion, unitMatrix } from '../../db/performanceAnalysis';
import { openPreview } from '../print/printParams';
import { STATUS_COLORS, UnitPicker, rosterCadres, useUnits } from './common';

// 收集情况: the unit × year matrix of monthly reports (cadres × months: submitted, missing, returned, approved),
// completion per month, the 催报清单 of what is missing (printable), and the district's completion for one month
// by unit (docs/performance.md "Collection").

const monthLabel = (m: string) => `${Number(m.slice(5))}月`;

export function MatrixPanel({ onOpen }: { onOpen: (cadreId: string) => void }) {
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [year, setYear] = useState(new Date().getFullYear());
  const [matrix, setMatrix] = useState<CollectionMatrix | null>(null);
  const [loading, setLoading] = useState(false);
  const current = monthOf(new Date());
  const ids = useMemo(() => (unitId ? [...subtreeIds(units, unitId)] : []), [units, unitId]);

  useEffect(() => {
    if (!ids.length) return setMatrix(null);
    let alive = true;
    setLoading(true);
    void unitMatrix(db, ids, year, current).then((m) => {
      if (!alive) return;
      setMatrix(m);
      setLoading(false);
    });
    return () => {
      alive = false;
    };
  }, [ids, year, current]);

  const reminders = matrix ? reminderList(matrix) : [];
  const columns = [
    { title: '姓名', dataIndex: 'name', fixed: 'left' as const, width: 96, render: (_: unknown, r: { id: string; name: string }) => <a onClick={() => onOpen(r.id)}>{r.name}</a> },
    ...(matrix?.months ?? []).map((m, i) => ({
      title: monthLabel(m),
      key: m,
      width: 70,
      align: 'center' as const,
      render: (_: unknown, r: { cells: string[] }) => {
        const cell = r.cells[i]!;
        return cell === 'notDue' ? '' : <Tag color={STATUS_COLORS[cell] ?? 'default'}>{CELL_LABELS[cell as keyof typeof CELL_LABELS]}</Tag>;
      },
    })),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <UnitPicker value={unitId} onChange={setUnitId} testId="matrix-unit" />
          <InputNumber aria-label="年度" value={year} min={1990} max={2100} onChange={(v) => v && setYear(v)} addonAfter="年" />
          {matrix && (
            <Button
              data-testid="print-reminders"
              disabled={!unitId}
              onClick={() => openPreview({ kind: 'reminders', unit: unitId!, year: String(year), title: `${year}年月上报催报清单` })}
            >
              打印催报清单
            </Button>
          )}
        </Space>
      </Card>
      {!unitId ? (
        <Empty description="请选择单位" />
      ) : loading || !matrix ? (
        <Spin />
      ) : (
        <>
          <Card size="small" title={`${year}年月上报收集情况`} data-testid="collection-matrix">
            <Space size="large" style={{ marginBottom: 12 }}>
              <Statistic title="应报" value={matrix.total.due} suffix="份" />
              <Statistic title="已报" value={matrix.total.done} suffix="份" />
              <Statistic title="完成率" value={printRate(matrix.total)} />
            </Space>
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 96 + 12 * 70, y: 420 }}
              virtual
              columns={columns}
              dataSource={matrix.rows.map((r) => ({ id: r.cadre.id, name: r.cadre.name, cells: r.cells }))}
              summary={() => (
                <Table.Summary fixed>
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0}>完成率</Table.Summary.Cell>
                    {matrix.byMonth.map((r, i) => (
                      <Table.Summary.Cell index={i + 1} key={i} align="center">
                        {printRate(r)}
                      </Table.Summary.Cell>
                    ))}
                  </Table.Summary.Row>
                </Table.Summary>
              )}
            />
          </Card>
          <Card size="small" title={`催报清单（${reminders.length}人）`} data-testid="reminder-list">
            <List
              size="small"
              dataSource={reminders}
              locale={{ emptyText: '没有未报或被退回的月报' }}
              renderItem={(l) => (
                <List.Item>
                  <Space wrap>
                    <Typography.Text strong>{l.cadre.name}</Typography.Text>
                    {l.missing.length > 0 && <span>未报：{l.missing.map(monthLabel).join('、')}</span>}
                    {l.returned.length > 0 && <span>退回待重报：{l.returned.map(monthLabel).join('、')}</span>}
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </>
      )}
      <DistrictCard />
    </Space>
  );
}

/** The district's completion for one month, unit by unit. */
function DistrictCard() {
  const units = useUnits();
  const current = monthOf(new Date());
  const [month, setMonth] = useState(() => {
    const d = new Date();
    d.setMonth(d.getMonth() - 1);
    return monthOf(d);
  });
  const [rates, setRates] = useState<{ unit: string; due: number; done: number; rate: string }[] | null>(null);
  const compute = async () => {
    setRates(null);
    const byUnit = await districtCompletion(db, month, current, rosterCadres);
    const name = new Map(units.map((u) => [u.id, u.name]));
    setRates([...byUnit].map(([id, r]) => ({ unit: name.get(id) ?? '（已删除的单位）', due: r.due, done: r.done, rate: printRate(r) })));
  };
  return (
    <Card
      size="small"
      title="全区月上报完成情况"
      extra={
        <Space>
          <Input aria-label="统计月份" style={{ width: 110 }} value={month} onChange={(e) => setMonth(e.target.value.trim())} placeholder="如 2025-03" />
          <Button onClick={() => void compute()} disabled={!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)}>
            统计
          </Button>
        </Space>
      }
    >
      {rates ? (
        <Table
          size="small"
          rowKey="unit"
          pagination={false}
          dataSource={rates}
          columns={[
            { title: '单位', dataIndex: 'unit' },
            { title: '应报', dataIndex: 'due', align: 'right' },
            { title: '已报', dataIndex: 'done', align: 'right' },
            { title: '完成率', dataIndex: 'rate', align: 'right' },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">选择月份后点“统计”</Typography.Text>
      )}
    </Card>
  );
}
