import { Alert, App, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import type { Cadre } from '../../../shared/domain/cadre';
import { ASSET_ITEM_KINDS, CHECK_KINDS, CHECK_RESULTS, FAMILY_ITEM_KINDS, HANDLINGS, personalMattersType, type PersonalMattersReport } from '../../../shared/domain/supervision';
import { DUE_STATUS, drawReports, dueDay, dueList, newSeed, type DueRow, type DueStatus } from '../../../shared/rules/personalMatters';
import { dayOf } from '../../../shared/rules/months';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { confirmKeyChecks, drawsTable, keyCheckProposalsOf, recordDraw, reportsOfYear } from '../../db/supervision';
import { LEVELS, SupervisionDialog, chainApi, useCadres, useRosterCadres, useSupervisionSettings } from './common';
import { reportingRuleText } from '../../../shared/rules/supervisionSettings';
import { codeTables } from '../../../shared/code';

// 个人有关事项报告 for a year (docs/supervision.md "Personal-matters reports"): who must report and each one's
// status, a report with its family and asset items, the kept random draw, and each report's verification and
// handling; 重点抽查 proposed from the selection work's open cases and pools, confirmed here (or chosen by hand).

/** A 职务层次 or 职级 by its level, as the settings name it. */
const nameOfLevel = (table: 'postLevel' | 'rank') => (level: number) => {
  const e = codeTables[table].entries.find((x) => x.level === level);
  return e ? (e.full ?? e.caption) : undefined;
};
const STATUS_COLOR: Record<DueStatus, string> = { due: 'blue', submitted: 'green', overdue: 'red' };

/** The report's items, edited as lists beside the derived form (a kind and what was reported). */
function ItemsForm() {
  const list = (name: 'familyItems' | 'assetItems', title: string, kinds: Record<string, string>, amount: boolean) => (
    <div>
      <Typography.Title level={5}>{title}</Typography.Title>
      <Form.List name={name}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Space key={field.key} align="baseline" wrap style={{ display: 'flex', marginBottom: 4 }}>
                <Form.Item name={[field.name, 'kind']} rules={[{ required: true, message: '请选择事项' }]} style={{ marginBottom: 0 }}>
                  <Select aria-label="事项" placeholder="事项" style={{ width: 260 }} options={Object.entries(kinds).map(([value, label]) => ({ value, label }))} />
                </Form.Item>
                <Form.Item name={[field.name, 'detail']} style={{ marginBottom: 0 }}>
                  <Input aria-label="填报内容" placeholder="填报内容" style={{ width: amount ? 220 : 330 }} maxLength={500} />
                </Form.Item>
                {amount && (
                  <Form.Item name={[field.name, 'amount']} style={{ marginBottom: 0 }}>
                    <InputNumber aria-label="金额（万元）" placeholder="金额（万元）" min={0} style={{ width: 120 }} />
                  </Form.Item>
                )}
                <MinusCircleOutlined aria-label="删除此项" onClick={() => remove(field.name)} />
              </Space>
            ))}
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ detail: '' })}>
              添加{title.slice(0, 2)}
            </Button>
          </>
        )}
      </Form.List>
    </div>
  );
  return (
    <>
      {list('familyItems', '家事事项', FAMILY_ITEM_KINDS, false)}
      {list('assetItems', '家产事项', ASSET_ITEM_KINDS, true)}
    </>
  );
}

const itemValues = (values: Record<string, unknown>) => {
  const rows = (key: string) => ((values[key] as Record<string, unknown>[] | undefined) ?? []).filter(Boolean);
  return {
    familyItems: rows('familyItems').map((r) => ({ kind: r.kind, detail: String(r.detail ?? '') })),
    assetItems: rows('assetItems').map((r) => ({ kind: r.kind, detail: String(r.detail ?? ''), amount: typeof r.amount === 'number' ? r.amount : null })),
  };
};

function DrawCard({ ctx, year, reports, names }: { ctx: WriteContext; year: number; reports: PersonalMattersReport[]; names: Map<string, Cadre> }) {
  const { message } = App.useApp();
  const [percent, setPercent] = useState(10);
  const [seed, setSeed] = useState(() => newSeed(year));
  const draw = useLiveQuery(() => drawsTable(db).where('year').equals(year).first(), [year]);
  const submitted = reports.filter((r) => r.submitted);
  const run = async () => {
    try {
      const drawn = drawReports(submitted.map((r) => r.cadreId), percent, seed);
      await recordDraw(db, ctx, { year, percent, seed, drawn }, submitted, chainApi());
      message.success(`已随机抽取${drawn.length}人`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card size="small" title="随机抽查" data-testid="supervision-draw">
      {draw ? (
        <Descriptions size="small" column={2} bordered>
          <Descriptions.Item label="抽查比例">{draw.percent}%</Descriptions.Item>
          <Descriptions.Item label="随机种子">{draw.seed}</Descriptions.Item>
          <Descriptions.Item label="抽取人">{draw.by}</Descriptions.Item>
          <Descriptions.Item label="抽取时间">{new Date(draw.at).toLocaleString('zh-CN')}</Descriptions.Item>
          <Descriptions.Item label={`抽中名单（${draw.drawn.length}人）`} span={2}>
            {draw.drawn.map((id) => names.get(id)?.name ?? id).join('、')}
          </Descriptions.Item>
        </Descriptions>
      ) : (
        <Space wrap>
          <span>已报告{submitted.length}人，抽取</span>
          <InputNumber aria-label="抽查比例" min={1} max={100} value={percent} onChange={(v) => setPercent(v ?? 10)} suffix="%" />
          <span>随机种子</span>
          <Input aria-label="随机种子" value={seed} onChange={(e) => setSeed(e.target.value.slice(0, 40))} style={{ width: 160 }} />
          <Button type="primary" onClick={run} disabled={!submitted.length || !seed.trim()}>
            抽取并保存
          </Button>
          <Typography.Text type="secondary">同一种子对同一名单总是抽出相同结果；抽取结果保存后不能重新抽取。</Typography.Text>
        </Space>
      )}
    </Card>
  );
}

/**
 * 重点抽查 proposed from the selection work: the due list's cadres who are candidates in a case under way or in a
 * pool, with why; confirmed by a person (one or all), which marks their submitted reports 重点抽查.
 */
function KeyChecksCard({ ctx, rows, reportOf }: { ctx: WriteContext; rows: DueRow<Cadre>[]; reportOf: Map<string, PersonalMattersReport> }) {
  const { message } = App.useApp();
  const proposals = useLiveQuery(() => keyCheckProposalsOf(db, dayOf(new Date()).slice(0, 7)), []);
  const proposed = rows.filter((r) => proposals?.has(r.cadre.id));
  if (!proposed.length) return null;
  const reportsOf = (list: DueRow<Cadre>[]) => list.flatMap((r) => (r.reportId ? [reportOf.get(r.reportId)!] : []));
  const open = reportsOf(proposed).filter((r) => r.submitted && r.checkKind === 'none');
  const confirm = async (reports: PersonalMattersReport[]) => {
    try {
      const n = await confirmKeyChecks(db, ctx, reports, chainApi());
      message.success(`已确认${n}人为重点抽查`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Card
      size="small"
      title="重点抽查建议（拟提拔人选、后备干部等）"
      data-testid="supervision-key-checks"
      extra={
        <Button size="small" type="primary" disabled={!open.length} onClick={() => confirm(open)}>
          全部确认（{open.length}人）
        </Button>
      }
    >
      <Table
        size="small"
        rowKey={(r) => r.cadre.id}
        pagination={false}
        dataSource={proposed}
        columns={[
          { key: 'name', title: '姓名', width: 100, render: (_, r) => r.cadre.name },
          { key: 'why', title: '建议理由', render: (_, r) => proposals?.get(r.cadre.id)?.join('；') },
          {
            key: 'state',
            title: '核查方式',
            width: 200,
            render: (_, r) => {
              const report = r.reportId ? reportOf.get(r.reportId) : undefined;
              if (!report?.submitted) return <Typography.Text type="secondary">尚未提交报告，提交后再确认</Typography.Text>;
              if (report.checkKind !== 'none') return CHECK_KINDS[report.checkKind];
              return (
                <Button size="small" onClick={() => confirm([report])}>
                  确认重点抽查
                </Button>
              );
            },
          },
        ]}
      />
    </Card>
  );
}

export function ReportsPanel({ ctx, year }: { ctx: WriteContext; year: number }) {
  const today = dayOf(new Date());
  // the cadres from the roster's in-memory index (docs/supervision.md "Performance")
  const cadres = useRosterCadres();
  const units = useLiveQuery(() => db.units.toArray(), []);
  const reports = useLiveQuery(() => reportsOfYear(db, year), [year]);
  const [status, setStatus] = useState<DueStatus | 'all'>('all');
  const [editing, setEditing] = useState<{ cadre: Cadre; report?: PersonalMattersReport } | null>(null);
  const { reporting } = useSupervisionSettings();
  const rows = useMemo(() => dueList(cadres ?? [], reports ?? [], year, today, LEVELS, reporting), [cadres, reports, year, today, reporting]);
  const reportOf = useMemo(() => new Map((reports ?? []).map((r) => [r.id, r])), [reports]);
  const unitName = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);
  const drawNames = useCadres((reports ?? []).map((r) => r.cadreId));
  const counts = { due: 0, submitted: 0, overdue: 0 };
  for (const r of rows) counts[r.status]++;
  const shown = status === 'all' ? rows : rows.filter((r) => r.status === status);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="info"
        showIcon
        message={`${year}年度应报告${rows.length}人：已报${counts.submitted}人，应报未报${counts.due}人，逾期${counts.overdue}人（报告截止 ${dueDay(year)}；${reportingRuleText(reporting, nameOfLevel('postLevel'), nameOfLevel('rank'))}）`}
      />
      <DrawCard ctx={ctx} year={year} reports={reports ?? []} names={drawNames} />
      <KeyChecksCard ctx={ctx} rows={rows} reportOf={reportOf} />
      <Space>
        <Select
          aria-label="报告状态"
          value={status}
          onChange={setStatus}
          style={{ width: 140 }}
          options={[{ value: 'all', label: '全部' }, ...Object.entries(DUE_STATUS).map(([value, label]) => ({ value, label }))]}
        />
      </Space>
      <Table
        data-testid="supervision-due-list"
        size="small"
        rowKey={(r) => r.cadre.id}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'name', title: '姓名', width: 100, render: (_, r) => r.cadre.name },
          { key: 'unit', title: '单位', ellipsis: true, render: (_, r) => (r.cadre.unitId ? unitName.get(r.cadre.unitId) : '') },
          { key: 'post', title: '现任职务', ellipsis: true, render: (_, r) => r.cadre.currentPost },
          { key: 'status', title: '报告状态', width: 90, render: (_, r) => <Tag color={STATUS_COLOR[r.status]}>{DUE_STATUS[r.status]}</Tag> },
          { key: 'check', title: '核查方式', width: 90, render: (_, r) => (r.reportId ? CHECK_KINDS[reportOf.get(r.reportId)!.checkKind] : '') },
          { key: 'result', title: '核查结果', width: 90, render: (_, r) => (r.reportId ? CHECK_RESULTS[reportOf.get(r.reportId)!.result] : '') },
          { key: 'handling', title: '处理', width: 110, render: (_, r) => (r.reportId ? HANDLINGS[reportOf.get(r.reportId)!.handling] : '') },
          {
            key: 'actions',
            title: '操作',
            width: 120,
            render: (_, r) => (
              <Button size="small" onClick={() => setEditing({ cadre: r.cadre, report: r.reportId ? reportOf.get(r.reportId) : undefined })}>
                {r.reportId ? '查看·核查' : '登记报告'}
              </Button>
            ),
          },
        ]}
      />
      {editing && (
        <SupervisionDialog
          type={personalMattersType}
          ctx={ctx}
          title={`${editing.cadre.name} ${year}年度个人有关事项报告`}
          record={editing.report}
          start={{ year }}
          fixed={{ cadreId: editing.cadre.id }}
          extraForm={<ItemsForm />}
          extraValues={itemValues}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
