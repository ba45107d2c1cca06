import { Alert, App, Button, Card, Col, Form, Input, Row, Segmented, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type CSSProperties } from 'react';
import {
  APPRAISAL_RATINGS,
  APPRAISAL_SUBJECTS,
  MECHANISMS,
  adjustmentType,
  appraisalType,
  type Appraisal,
  type Mechanism,
  type MechanismAdjustment,
} from '../../../shared/domain/performance';
import { db } from '../../db/instance';
import { adjustmentCounts, cadreTimeline } from '../../db/performanceAnalysis';
import { createRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { CadrePicker, UnitPicker, refusalText, useUnits } from './common';
import { EvidenceDialog, type EvidenceTarget } from './EvidenceDialog';
import { pickedEvidence } from '../../../shared/rules/performanceTimeline';

// 综合研判 on four dimensions, with links to the records it rests on, and 三项机制 adjustments with their counts by
// mechanism, unit and year (docs/performance.md "Analysis"). The links of either are changed later by 修改依据.

const DIMENSIONS = [
  { key: 'political', label: '政治意识' },
  { key: 'performance', label: '工作实绩' },
  { key: 'duty', label: '履职情况' },
  { key: 'style', label: '作风表现' },
] as const;
type Rating = keyof typeof APPRAISAL_RATINGS;
const ratingOptions = Object.entries(APPRAISAL_RATINGS).map(([value, label]) => ({ value, label }));

export function AppraisalPanel({ ctx }: { ctx: WriteContext }) {
  return (
    <Row gutter={16}>
      <Col span={13}>
        <AppraisalCard ctx={ctx} />
      </Col>
      <Col span={11}>
        <AdjustmentCard ctx={ctx} />
      </Col>
    </Row>
  );
}

function AppraisalCard({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const [subject, setSubject] = useState<keyof typeof APPRAISAL_SUBJECTS>('cadre');
  const [unitId, setUnitId] = useState<string | null>(null);
  const [cadreId, setCadreId] = useState<string | null>(null);
  const [period, setPeriod] = useState('');
  const [date, setDate] = useState('');
  const [dims, setDims] = useState<Record<string, { rating: Rating; text: string }>>(() =>
    Object.fromEntries(DIMENSIONS.map((d) => [d.key, { rating: 'good' as Rating, text: '' }])),
  );
  const [overall, setOverall] = useState<Rating>('good');
  const [conclusion, setConclusion] = useState('');
  const [evidence, setEvidence] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const candidates = useLiveQuery(async () => (cadreId ? cadreTimeline(db, cadreId) : []), [cadreId]) ?? [];
  const save = async () => {
    try {
      const links = pickedEvidence(evidence, candidates, []);
      await createRecord(db, ctx, appraisalType, {
        subject,
        unitId: unitId ?? '',
        cadreId: subject === 'cadre' ? (cadreId ?? '') : '',
        period,
        date: date.trim(),
        political: dims.political!,
        performance: dims.performance!,
        duty: dims.duty!,
        style: dims.style!,
        overall,
        conclusion,
        evidence: links,
      });
      setError(null);
      setConclusion('');
      setEvidence([]);
      void message.success('已保存综合研判');
    } catch (e) {
      setError(subject === 'cadre' && !cadreId ? '请选择研判的干部' : refusalText(e));
    }
  };
  return (
    <Card size="small" title="综合研判" data-testid="appraisal-form">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Form layout="vertical">
        <Space wrap>
          <Form.Item label="研判对象">
            <Segmented aria-label="研判对象" value={subject} onChange={(v) => setSubject(v as typeof subject)} options={Object.entries(APPRAISAL_SUBJECTS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="所在单位">
            <UnitPicker value={unitId} onChange={setUnitId} />
          </Form.Item>
          {subject === 'cadre' && (
            <Form.Item label="干部">
              <CadrePicker value={cadreId} unitId={unitId} onChange={(c) => setCadreId(c?.id ?? null)} />
            </Form.Item>
          )}
          <Form.Item label="研判期间">
            <Input aria-label="研判期间" value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="如 2025年上半年" />
          </Form.Item>
          <Form.Item label="研判日期">
            <Input aria-label="研判日期" value={date} onChange={(e) => setDate(e.target.value)} placeholder="如 2025-07-10" style={{ width: 130 }} />
          </Form.Item>
        </Space>
        {DIMENSIONS.map((d) => (
          <Form.Item key={d.key} label={d.label}>
            <Space.Compact style={{ width: '100%' }}>
              <Select aria-label={`${d.label}评价`} style={{ width: 90 }} value={dims[d.key]!.rating} options={ratingOptions} onChange={(rating) => setDims({ ...dims, [d.key]: { ...dims[d.key]!, rating } })} />
              <Input aria-label={`${d.label}具体表现`} value={dims[d.key]!.text} onChange={(e) => setDims({ ...dims, [d.key]: { ...dims[d.key]!, text: e.target.value } })} />
            </Space.Compact>
          </Form.Item>
        ))}
        <Space wrap>
          <Form.Item label="综合评价">
            <Select aria-label="综合评价" style={{ width: 100 }} value={overall} options={ratingOptions} onChange={setOverall} />
          </Form.Item>
        </Space>
        <Form.Item label="研判意见">
          <Input.TextArea aria-label="研判意见" rows={2} value={conclusion} onChange={(e) => setConclusion(e.target.value)} />
        </Form.Item>
        {subject === 'cadre' && (
          <Form.Item label="依据记录">
            <Select
              aria-label="依据记录"
              mode="multiple"
              value={evidence}
              onChange={setEvidence}
              placeholder="从该干部的实绩、清单、考核记录中选择"
              options={candidates.map((e) => ({ value: `${e.table}|${e.id}`, label: `${e.when} ${e.title}` }))}
            />
          </Form.Item>
        )}
        <Button type="primary" onClick={() => void save()}>
          保存研判
        </Button>
      </Form>
      <AppraisalList ctx={ctx} />
    </Card>
  );
}

/** A record that links evidence: the latest ones are listed with their links counted and 修改依据. */
interface WithEvidence {
  id: string;
  cadreId: string;
  date: string;
  deleted?: boolean;
  evidence: EvidenceTarget['evidence'];
}

/** The latest 50 records of `table`, newest first, with 依据 (count) and 修改依据 after the given columns. */
function LatestWithEvidence<T extends WithEvidence>(props: {
  ctx: WriteContext;
  table: string;
  holder: EvidenceTarget['holder'];
  titleOf: (r: T) => string;
  columns: TableColumnsType<T>;
  testId: string;
  style: CSSProperties;
}) {
  const { ctx, table, holder, titleOf, columns, testId, style } = props;
  const rows = useLiveQuery(async () => (await db.table<T, string>(table).orderBy('date').reverse().limit(50).toArray()).filter((r) => !r.deleted), [table]);
  const [editing, setEditing] = useState<EvidenceTarget | null>(null);
  return (
    <>
      <EvidenceDialog target={editing} ctx={ctx} onClose={() => setEditing(null)} />
      <Table<T>
        data-testid={testId}
        style={style}
        size="small"
        rowKey="id"
        pagination={{ pageSize: 5 }}
        dataSource={rows ?? []}
        columns={[
          ...columns,
          { title: '依据', key: 'e', width: 56, render: (_: unknown, r: T) => `${r.evidence.length}条` },
          {
            title: '操作',
            key: 'edit',
            width: 80,
            render: (_: unknown, r: T) => <a onClick={() => setEditing({ holder, id: r.id, cadreId: r.cadreId, title: titleOf(r), evidence: r.evidence })}>修改依据</a>,
          },
        ]}
      />
    </>
  );
}

function AppraisalList({ ctx }: { ctx: WriteContext }) {
  const units = useUnits();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  return (
    <LatestWithEvidence<Appraisal>
      ctx={ctx}
      table={appraisalType.table}
      holder="appraisal"
      titleOf={(r) => appraisalType.title(r)}
      testId="appraisal-list"
      style={{ marginTop: 12 }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 100 },
        { title: '对象', dataIndex: 'subject', render: (s: keyof typeof APPRAISAL_SUBJECTS) => APPRAISAL_SUBJECTS[s] },
        { title: '单位', dataIndex: 'unitId', render: (id: string) => unitName.get(id) ?? '' },
        { title: '期间', dataIndex: 'period' },
        { title: '综合', dataIndex: 'overall', render: (r: Rating) => <Tag>{APPRAISAL_RATINGS[r]}</Tag> },
      ]}
    />
  );
}

/** The latest adjustments, each with its evidence links and 修改依据. */
function AdjustmentList({ ctx }: { ctx: WriteContext }) {
  const names = useLiveQuery(async () => {
    const rows = await db.table<MechanismAdjustment, string>(adjustmentType.table).orderBy('date').reverse().limit(50).toArray();
    const cadres = await db.cadres.bulkGet([...new Set(rows.map((r) => r.cadreId))]);
    return new Map(cadres.flatMap((c) => (c ? [[c.id, c.name] as const] : [])));
  }, []);
  return (
    <LatestWithEvidence<MechanismAdjustment>
      ctx={ctx}
      table={adjustmentType.table}
      holder="adjustment"
      titleOf={(r) => adjustmentType.title(r)}
      testId="adjustment-list"
      style={{ marginBottom: 12 }}
      columns={[
        { title: '日期', dataIndex: 'date', width: 100 },
        { title: '干部', dataIndex: 'cadreId', render: (id: string) => names?.get(id) ?? '' },
        { title: '机制', dataIndex: 'mechanism', width: 80, render: (m: Mechanism) => MECHANISMS[m] },
        { title: '调整内容', dataIndex: 'change' },
      ]}
    />
  );
}

function AdjustmentCard({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const units = useUnits();
  const [cadreId, setCadreId] = useState<string | null>(null);
  const [mechanism, setMechanism] = useState<Mechanism>('incentive');
  const [date, setDate] = useState('');
  const [change, setChange] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const counts = useLiveQuery(() => adjustmentCounts(db), []);
  const save = async () => {
    if (!cadreId) return setError('请选择干部');
    try {
      await createRecord(db, ctx, adjustmentType, { cadreId, mechanism, date: date.trim(), change, reason, evidence: [] });
      setError(null);
      setChange('');
      setReason('');
      void message.success('已登记调整');
    } catch (e) {
      setError(refusalText(e));
    }
  };
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const table = [...(counts?.byKey ?? new Map<string, number>())].map(([key, n]) => {
    const [unit = '', year = '', m = ''] = key.split('|');
    return { key, unit: unitName.get(unit) ?? '（无单位）', year, mechanism: MECHANISMS[m as Mechanism], n };
  });
  table.sort((a, b) => b.year.localeCompare(a.year) || a.unit.localeCompare(b.unit));
  return (
    <Card size="small" title="三项机制调整" data-testid="adjustments">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Form layout="vertical">
        <Space wrap>
          <Form.Item label="干部">
            <CadrePicker value={cadreId} onChange={(c) => setCadreId(c?.id ?? null)} />
          </Form.Item>
          <Form.Item label="机制">
            <Select aria-label="机制" style={{ width: 110 }} value={mechanism} onChange={setMechanism} options={Object.entries(MECHANISMS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="调整日期">
            <Input aria-label="调整日期" value={date} onChange={(e) => setDate(e.target.value)} placeholder="如 2025-05-01" style={{ width: 130 }} />
          </Form.Item>
        </Space>
        <Form.Item label="调整内容">
          <Input aria-label="调整内容" value={change} onChange={(e) => setChange(e.target.value)} placeholder="如：由四级调研员晋升为三级调研员" />
        </Form.Item>
        <Form.Item label="调整理由">
          <Input.TextArea aria-label="调整理由" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
        <Button type="primary" onClick={() => void save()}>
          登记调整
        </Button>
      </Form>
      <AdjustmentList ctx={ctx} />
      <Space style={{ margin: '12px 0' }} wrap>
        {Object.entries(MECHANISMS).map(([m, label]) => (
          <Tag key={m} color="blue">
            {label}：{counts?.byMechanism.get(m as Mechanism) ?? 0}人次
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        pagination={{ pageSize: 8 }}
        dataSource={table}
        columns={[
          { title: '年度', dataIndex: 'year', width: 70 },
          { title: '单位', dataIndex: 'unit' },
          { title: '机制', dataIndex: 'mechanism', width: 90 },
          { title: '人次', dataIndex: 'n', width: 60, align: 'right' },
        ]}
      />
    </Card>
  );
}
