import { App, Alert, Button, Card, Descriptions, Empty, Form, Input, Modal, Segmented, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import type { Cadre } from '../../../shared/domain/cadre';
import type { AppInfo } from '../../../shared/domain/installation';
import { QUARTER_RATINGS, type PerformanceRecord } from '../../../shared/domain/performance';
import { codeTables } from '../../../shared/code';
import { monthOf, addMonths } from '../../../shared/rules/months';
import { PERFORMANCE_KINDS, isoWeekOf, periodLabel, type PerformanceKind } from '../../../shared/rules/performancePeriod';
import {
  PERFORMANCE_ACTIONS,
  PERFORMANCE_STATUSES,
  PERFORMANCE_USES,
  availableActions,
  type PerformanceAction,
  type PerformanceActionType,
  type PerformanceUse,
} from '../../../shared/rules/performanceWorkflow';
import { dayOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { actOnReport, createReport, editReport, performanceId, performanceTable, type ReportInput } from '../../db/performance';
import { readPerformanceSettings, type SectionKey } from '../../db/performanceSettings';
import type { WriteContext } from '../../db/repository';
import { CadrePicker, STATUS_COLORS, installationName, refusalText } from './common';
import { Attachments } from './Attachments';

// 实绩填报: one cadre's record of a kind and period — the form of its sections while it is a draft or returned, the
// workflow's buttons for what may happen next, and every step taken so far (docs/performance.md "Workflow").

const SECTIONS: Record<PerformanceKind, { key: SectionKey | 'checkedBy'; label: string; rows: number }[]> = {
  weekly: [{ key: 'summary', label: '本周工作小结', rows: 6 }],
  monthly: [
    { key: 'keyWork', label: '重点工作完成情况', rows: 5 },
    { key: 'highlights', label: '突出实绩', rows: 4 },
    { key: 'shortcomings', label: '存在不足', rows: 3 },
    { key: 'nextPlan', label: '下月计划', rows: 3 },
  ],
  quarterly: [
    { key: 'checkedBy', label: '检查人', rows: 1 },
    { key: 'findings', label: '检查情况', rows: 5 },
  ],
  annual: [],
};

/** The period a new record is for by default: last week, last month, the last quarter, last year. */
function defaultPeriod(kind: PerformanceKind, now = new Date()): string {
  const lastMonth = addMonths(monthOf(now), -1);
  switch (kind) {
    case 'weekly':
      return isoWeekOf(dayOf(new Date(now.getTime() - 7 * 86_400_000)));
    case 'monthly':
      return lastMonth;
    case 'quarterly': {
      const m = Number(lastMonth.slice(5));
      return `${lastMonth.slice(0, 4)}-Q${Math.ceil(m / 3)}`;
    }
    case 'annual':
      return String(now.getFullYear() - 1);
  }
}

type Draft = Partial<Record<SectionKey | 'checkedBy' | 'rating' | 'grade', string | null>>;

export function ReportPanel({ info, ctx, initialCadreId }: { info: AppInfo; ctx: WriteContext; initialCadreId: string | null }) {
  const { message } = App.useApp();
  const [cadreId, setCadreId] = useState<string | null>(initialCadreId);
  const [kind, setKind] = useState<PerformanceKind>('monthly');
  const [period, setPeriod] = useState(defaultPeriod('monthly'));
  const [draft, setDraft] = useState<Draft>({});
  const [errors, setErrors] = useState<string | null>(null);
  const [asking, setAsking] = useState<PerformanceActionType | null>(null);
  const id = cadreId ? performanceId(cadreId, kind, period) : null;
  const record = useLiveQuery(async () => (id ? ((await performanceTable(db).get(id)) ?? null) : null), [id]);
  const settings = useLiveQuery(() => readPerformanceSettings(db), []);
  const live = record && !record.deleted ? record : null;
  const editable = !live || live.status === 'draft' || live.status === 'returned';
  const value = (k: keyof Draft): string => draft[k] ?? (live ? ((live as unknown as Record<string, string | null>)[k] ?? '') : '');

  const choose = (c: Cadre | null) => {
    setCadreId(c?.id ?? null);
    setDraft({});
    setErrors(null);
  };
  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setErrors(null);
      setDraft({});
      void message.success(done);
      return true;
    } catch (e) {
      setErrors(refusalText(e));
      return false;
    }
  };

  const save = () =>
    run(async () => {
      const content = Object.fromEntries(Object.entries(draft).map(([k, v]) => [k, v ?? ''])) as Partial<ReportInput>;
      if (content.grade === '') content.grade = null;
      if (live) await editReport(db, ctx, live.id, live.cadreId, content);
      else {
        const templates = settings?.templates ?? {};
        const fromTemplate = Object.fromEntries(SECTIONS[kind].flatMap((s) => (s.key in templates ? [[s.key, templates[s.key as SectionKey]]] : [])));
        await createReport(db, ctx, { cadreId: cadreId!, kind, period, ...fromTemplate, ...content } as ReportInput);
      }
    }, '已保存草稿');

  const act = (action: PerformanceAction) =>
    run(() => actOnReport(db, ctx, live!.id, live!.cadreId, action, { installation: installationName(info) }), `${PERFORMANCE_ACTIONS[action.type]}完成`);

  const onAction = (a: PerformanceActionType) => {
    if (a === 'submit' || a === 'unitApprove' || a === 'deptApprove') {
      if (a === 'submit' && Object.keys(draft).length) {
        void save().then((ok) => ok && act({ type: 'submit' }));
        return;
      }
      void act({ type: a } as PerformanceAction);
    } else setAsking(a);
  };

  const steps = settings?.steps[kind];
  const actions = live && steps ? availableActions(live.status, steps) : [];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <CadrePicker value={cadreId} onChange={choose} testId="perf-cadre" />
          <Segmented
            aria-label="类别"
            value={kind}
            onChange={(k) => {
              setKind(k as PerformanceKind);
              setPeriod(defaultPeriod(k as PerformanceKind));
              setDraft({});
              setErrors(null);
            }}
            options={Object.entries(PERFORMANCE_KINDS).map(([value, label]) => ({ value, label }))}
          />
          <Input
            aria-label="期间"
            data-testid="perf-period"
            style={{ width: 130 }}
            value={period}
            onChange={(e) => {
              setPeriod(e.target.value.trim());
              setDraft({});
              setErrors(null);
            }}
          />
          <Typography.Text type="secondary">{periodLabel(kind, period)}</Typography.Text>
        </Space>
      </Card>
      {!cadreId ? (
        <Empty description="请先选择干部" />
      ) : (
        <Card
          title={`${periodLabel(kind, period)}${PERFORMANCE_KINDS[kind]}`}
          extra={<Tag color={STATUS_COLORS[live?.status ?? 'draft']} data-testid="perf-status">{live ? PERFORMANCE_STATUSES[live.status] : '未填报'}</Tag>}
        >
          {errors && <Alert type="error" showIcon message={errors} style={{ marginBottom: 12 }} data-testid="perf-error" />}
          {live?.status === 'returned' && (
            <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`已退回：${[...live.history].reverse().find((h) => h.status === 'returned')?.comment ?? ''}`} />
          )}
          <Form layout="vertical" disabled={!editable}>
            {SECTIONS[kind].map((s) => (
              <Form.Item key={s.key} label={s.label}>
                {s.rows === 1 ? (
                  <Input aria-label={s.label} value={value(s.key)} onChange={(e) => setDraft({ ...draft, [s.key]: e.target.value })} />
                ) : (
                  <Input.TextArea aria-label={s.label} rows={s.rows} value={value(s.key)} onChange={(e) => setDraft({ ...draft, [s.key]: e.target.value })} />
                )}
              </Form.Item>
            ))}
            {kind === 'quarterly' && (
              <Form.Item label="检查评价">
                <Select aria-label="检查评价" style={{ width: 160 }} value={value('rating') || 'none'} onChange={(v) => setDraft({ ...draft, rating: v })} options={Object.entries(QUARTER_RATINGS).map(([v, l]) => ({ value: v, label: l }))} />
              </Form.Item>
            )}
            {kind === 'annual' && (
              <Form.Item label="考核等次" help="审定后记入该干部当年的年度考核">
                <Select
                  aria-label="考核等次"
                  style={{ width: 200 }}
                  value={value('grade') || undefined}
                  onChange={(v) => setDraft({ ...draft, grade: v })}
                  options={codeTables.assessmentGrade.entries.map((e) => ({ value: e.code, label: e.caption }))}
                />
              </Form.Item>
            )}
          </Form>
          {live && <Attachments record={live} ctx={ctx} editable={editable} onError={setErrors} />}
          <Space wrap style={{ marginTop: 12 }}>
            {editable && (
              <Button onClick={() => void save()} disabled={!Object.keys(draft).length && !!live} data-testid="perf-save">
                保存草稿
              </Button>
            )}
            {actions.map((a) => (
              <Button key={a} type={a === 'submit' || a.endsWith('Approve') ? 'primary' : 'default'} danger={a.endsWith('Return')} onClick={() => onAction(a)}>
                {PERFORMANCE_ACTIONS[a]}
              </Button>
            ))}
          </Space>
          {live && <History record={live} />}
        </Card>
      )}
      <AskDialog action={asking} error={asking ? errors : null} onCancel={() => setAsking(null)} onOk={async (a) => (await act(a)) && setAsking(null)} />
    </Space>
  );
}

function History({ record }: { record: PerformanceRecord }) {
  if (!record.history.length && !record.uses.length) return null;
  return (
    <Card size="small" title="流转记录" style={{ marginTop: 16 }} data-testid="perf-history">
      <Timeline
        items={record.history.map((h) => ({
          color: h.status === 'returned' ? 'orange' : h.status === 'approved' || h.status === 'applied' ? 'green' : 'blue',
          children: (
            <span>
              {h.at.slice(0, 16).replace('T', ' ')} {h.byInstallation} {h.by}：{PERFORMANCE_ACTIONS[h.action]}
              {h.comment && `（${h.comment}）`} → {PERFORMANCE_STATUSES[h.status]}
            </span>
          ),
        }))}
      />
      {record.uses.length > 0 && (
        <Descriptions size="small" column={1} title="运用情况">
          {record.uses.map((u, i) => (
            <Descriptions.Item key={i} label={PERFORMANCE_USES[u.use]}>
              {u.at.slice(0, 10)} {u.by} {u.comment}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
    </Card>
  );
}

/** The comment a return or a reopening needs, or the use an application records. */
function AskDialog({ action, error, onCancel, onOk }: { action: PerformanceActionType | null; error: string | null; onCancel: () => void; onOk: (a: PerformanceAction) => Promise<unknown> }) {
  const [comment, setComment] = useState('');
  const [use, setUse] = useState<PerformanceUse>('selection');
  const label = action === 'reopen' ? '重新打开的原因' : action === 'apply' ? '运用说明（文号等）' : '退回意见';
  return (
    <Modal
      open={!!action}
      title={action ? PERFORMANCE_ACTIONS[action] : ''}
      okText="确定"
      cancelText="取消"
      destroyOnHidden
      afterClose={() => setComment('')}
      onCancel={onCancel}
      onOk={() => onOk({ type: action!, comment, use } as PerformanceAction)}
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {action === 'apply' && (
        <Form.Item label="运用方式">
          <Select aria-label="运用方式" value={use} onChange={setUse} options={Object.entries(PERFORMANCE_USES).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
      )}
      <Form.Item label={label}>
        <Input.TextArea aria-label={label} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      </Form.Item>
    </Modal>
  );
}
