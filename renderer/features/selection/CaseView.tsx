import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Form, Input, InputNumber, Modal, Space, Steps, Table, Tag, Tooltip, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { leavesOfKeys } from '../../../shared/catalog/leaves';
import { caption } from '../../../shared/code';
import { withoutSyncFields } from '../../../shared/domain/record';
import {
  CASE_STAGES,
  STAGE_ORDER,
  appointmentCaseType,
  type AppointmentCase,
  type AppointmentCaseFields,
  type CaseCandidate,
  type CaseStage,
} from '../../../shared/domain/selection';
import { fourChecksType } from '../../../shared/domain/supervision';
import { isOpen, stepProblems, stepWarnings } from '../../../shared/rules/selectionCase';
import { checksNeedingException } from '../../../shared/rules/selectionPosts';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, submitRecord, type FormSection } from '../../components/records/recordForm';
import { db } from '../../db/instance';
import { createRecord, updateRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { closeAppointmentCase, completeCaseStep, loadCaseEnv, saveCase } from '../../db/selection';
import { navigate } from '../../router';
import { CadrePicker, TypeDialog, refusalText, useUnits } from './common';
import { InspectionReport } from './InspectionReport';
import { openPreview } from '../print/printParams';

// One 选拔任用纪实 through its steps (docs/selection.md "The case"): what each step records, the candidates with
// their votes, the 凡提四必 gate per candidate (which check is missing), the leadership-post checks with reasons and
// the 破格 note, and the step log with who and when. 完成本步骤 saves first, then asks the rules; a refusal lists
// every problem.

const SECTIONS: { from: CaseStage; title: string; keys: (keyof AppointmentCaseFields)[] }[] = [
  { from: 'motion', title: '动议', keys: ['unitId', 'postTitle', 'postLevel', 'elected', 'motionOn', 'analysis', 'overQuotaReason'] },
  { from: 'recommendation', title: '民主推荐', keys: ['meetingOn', 'meetingDue', 'meetingPresent', 'talkOn', 'talkCount'] },
  { from: 'inspection', title: '考察', keys: ['inspectionOn', 'inspectionTeam', 'interviewees'] },
  { from: 'decision', title: '讨论决定', keys: ['decisionOn', 'membersDue', 'membersPresent', 'votesFor'] },
  { from: 'publicity', title: '任前公示与任职', keys: ['publicityFrom', 'publicityTo', 'objections', 'objectionsHandled', 'documentNo', 'appointedOn', 'rank'] },
];

const reached = (stage: CaseStage, from: CaseStage) => stage === 'closed' || STAGE_ORDER.indexOf(stage) >= STAGE_ORDER.indexOf(from);

const INSPECTION = [
  ['virtue', '德'],
  ['ability', '能'],
  ['diligence', '勤'],
  ['achievement', '绩'],
  ['integrity', '廉'],
] as const;

export function CaseView({ id, ctx }: { id: string; ctx: WriteContext }) {
  const { message, modal } = App.useApp();
  const { options, nameOf } = useUnits();
  const record = useLiveQuery(() => db.table(appointmentCaseType.table).get(id) as Promise<AppointmentCase | undefined>, [id]);
  const [form] = Form.useForm();
  const [candidates, setCandidates] = useState<CaseCandidate[]>([]);
  const [picked, setPicked] = useState<string | null>(null);
  const [material, setMaterial] = useState<number | null>(null);
  const [checksFor, setChecksFor] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const data = useMemo(() => (record ? (withoutSyncFields(record) as AppointmentCaseFields) : null), [record]);
  const env = useLiveQuery(async () => (data ? loadCaseEnv(db, data, id) : null), [data, id]);
  const names = useLiveQuery(async () => {
    const ids = candidates.map((k) => k.cadreId);
    const found = await db.cadres.bulkGet(ids);
    return new Map(ids.map((cid, i) => [cid, found[i]?.name ?? '（已删除）']));
  }, [candidates]);
  const fourChecks = useLiveQuery(
    async () => (candidates.length ? ((await db.table(fourChecksType.table).where('cadreId').anyOf(candidates.map((k) => k.cadreId)).toArray()) as { id: string; cadreId: string; deleted: boolean; ref: string }[]) : []),
    [candidates],
  );

  useEffect(() => {
    if (!record) return;
    form.setFieldsValue(record);
    setCandidates(record.candidates);
    // a record changed elsewhere (another window, sync) resets the form to it
  }, [record, form]);

  const sections: FormSection[] = useMemo(
    () => (data ? SECTIONS.filter((s) => reached(data.stage, s.from)).map((s) => ({ title: s.title, leaves: leavesOfKeys(appointmentCaseType, s.keys as string[]) })) : []),
    [data],
  );
  if (record === undefined) return <Card loading />;
  if (!record || record.deleted || !data) return <Alert type="error" title="该选任纪实已不存在，可能已被删除。" />;
  const open = isOpen(data.stage);
  const stage = data.stage;
  const problems = env && open ? stepProblems(data, env) : [];
  const warnings = env && open ? stepWarnings(data, env) : [];
  const name = (cid: string) => names?.get(cid) ?? '';
  const patch = (i: number, p: Partial<CaseCandidate>) => setCandidates((list) => list.map((k, j) => (j === i ? { ...k, ...p } : k)));

  const save = async (): Promise<boolean> => {
    const leaves = formLeaves(appointmentCaseType).filter((l) => sections.some((s) => s.leaves.some((x) => x.path === l.path)));
    const others = Object.fromEntries(Object.entries(data).filter(([k]) => !leaves.some((l) => l.path === k)));
    return submitRecord(form, appointmentCaseType, leaves, { ...others, candidates }, async (input) => void (await saveCase(db, ctx, id, input as never)));
  };
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setRefusal([]);
    try {
      await action();
      message.success(done);
    } catch (e) {
      const text = refusalText(e);
      setRefusal(text.replace(/^不能完成“[^”]+”：/, '').split('；'));
      message.error('未能完成，请看页面上列出的问题');
    } finally {
      setBusy(false);
    }
  };
  const complete = () =>
    run(async () => {
      if (!(await save())) throw new Error('请先改正表单中标出的问题');
      await completeCaseStep(db, ctx, id);
    }, '已完成本步骤');
  const close = () => {
    let reason = '';
    modal.confirm({
      title: '终止选任',
      content: <Input.TextArea aria-label="终止原因" placeholder="终止原因" onChange={(e) => (reason = e.target.value)} />,
      okText: '终止',
      cancelText: '取消',
      onOk: () => run(() => closeAppointmentCase(db, ctx, id, reason), '已终止'),
    });
  };
  const checksOf = (cid: string) => fourChecks?.find((r) => r.cadreId === cid && !r.deleted && r.ref.trim() === data.postTitle.trim()) ?? fourChecks?.find((r) => r.cadreId === cid && !r.deleted);
  const current = STAGE_ORDER.indexOf(stage);

  return (
    <Card
      title={
        <Space>
          <Button onClick={() => navigate('selection', { view: 'cases' })}>返回列表</Button>
          <span>{data.postTitle}选任纪实</span>
          <Tag color={open ? 'blue' : stage === 'appointed' ? 'green' : 'default'} data-testid="case-stage">
            {CASE_STAGES[stage]}
          </Tag>
        </Space>
      }
      extra={
        <Space>
          <Button onClick={() => openPreview({ kind: 'selectionCase', id, title: `${data.postTitle}选任纪实` })}>打印选任纪实</Button>
          {open && <Button onClick={close}>终止</Button>}
        </Space>
      }
    >
      <Steps
        size="small"
        current={current < 0 ? STAGE_ORDER.length - 1 : current}
        status={stage === 'closed' ? 'error' : stage === 'appointed' ? 'finish' : 'process'}
        items={STAGE_ORDER.map((s, i) => ({ title: CASE_STAGES[s], ...(s === 'inspection' && i === current ? { description: '凡提四必' } : {}) }))}
        style={{ marginBottom: 16 }}
      />
      {stage === 'appointed' && (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={`已任职：${data.documentNo}，${data.appointedOn} 起任${nameOf(data.unitId)}${data.postTitle}${data.trialUntil ? `，试用期至 ${data.trialUntil}` : '（选任制职务，不设试用期）'}`}
        />
      )}
      {stage === 'closed' && <Alert type="info" style={{ marginBottom: 12 }} title={`已终止：${data.closedReason}`} />}
      {open && problems.length > 0 && refusal.length === 0 && (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          title={`完成“${CASE_STAGES[stage]}”还需要：`}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{problems.map((p) => <li key={p}>{p}</li>)}</ul>}
          data-testid="case-problems"
        />
      )}
      {refusal.length > 0 && (
        <Alert
          type="error"
          style={{ marginBottom: 12 }}
          title={`不能完成“${CASE_STAGES[stage]}”：`}
          description={<ul style={{ margin: 0, paddingLeft: 20 }}>{refusal.map((p) => <li key={p}>{p}</li>)}</ul>}
          data-testid="case-refusal"
          closable={{ onClose: () => setRefusal([]) }}
        />
      )}
      {warnings.map((w) => (
        <Alert key={w} type="warning" showIcon style={{ marginBottom: 12 }} title={w} />
      ))}
      <Form form={form} layout="vertical" disabled={!open}>
        <RecordFields sections={sections} units={options} columns={4} />
      </Form>
      {reached(stage, 'inspection') && <InspectionReport caseId={id} hash={data.inspectionReport} postTitle={data.postTitle} ctx={ctx} editable={open} saveFirst={save} />}

      {reached(stage, 'recommendation') && (
        <>
          <Typography.Title level={5}>人选</Typography.Title>
          {open && (
            <Space style={{ marginBottom: 8 }}>
              <CadrePicker value={picked} onChange={(c) => setPicked(c?.id ?? null)} label="推荐人选" />
              <Button
                disabled={!picked}
                onClick={() => {
                  if (!picked) return;
                  if (candidates.some((k) => k.cadreId === picked)) {
                    message.warning('该干部已在人选中');
                    return;
                  }
                  setCandidates((list) => [...list, blankCandidate(picked)]);
                  setPicked(null);
                }}
              >
                添加人选
              </Button>
            </Space>
          )}
          <Table<CaseCandidate>
            size="small"
            rowKey="cadreId"
            pagination={false}
            dataSource={candidates}
            scroll={{ x: 'max-content' }}
            columns={[
              { title: '姓名', dataIndex: 'cadreId', fixed: 'left', render: (cid: string) => name(cid) },
              {
                title: '区级领导推荐',
                render: (_, k, i) => <Checkbox aria-label={`${name(k.cadreId)}区级领导推荐`} disabled={!open} checked={k.leaderNominated} onChange={(e) => patch(i, { leaderNominated: e.target.checked })} />,
              },
              {
                title: '党委（党组）推荐',
                render: (_, k, i) => <Checkbox aria-label={`${name(k.cadreId)}党委推荐`} disabled={!open} checked={k.committeeNominated} onChange={(e) => patch(i, { committeeNominated: e.target.checked })} />,
              },
              {
                title: '谈话调研推荐票',
                render: (_, k, i) => <InputNumber aria-label={`${name(k.cadreId)}谈话调研推荐票`} disabled={!open} min={0} value={k.talkVotes} onChange={(v) => patch(i, { talkVotes: v ?? null })} style={{ width: 90 }} />,
              },
              {
                title: '会议推荐票',
                render: (_, k, i) => <InputNumber aria-label={`${name(k.cadreId)}会议推荐票`} disabled={!open} min={0} value={k.meetingVotes} onChange={(v) => patch(i, { meetingVotes: v ?? null })} style={{ width: 90 }} />,
              },
              ...(reached(stage, 'shortlist')
                ? [
                    {
                      title: '考察对象',
                      render: (_: unknown, k: CaseCandidate, i: number) => (
                        <Checkbox aria-label={`${name(k.cadreId)}确定为考察对象`} disabled={!open} checked={k.shortlisted} onChange={(e) => patch(i, { shortlisted: e.target.checked })} />
                      ),
                    },
                  ]
                : []),
              ...(reached(stage, 'inspection')
                ? [
                    {
                      title: '凡提四必',
                      render: (_: unknown, k: CaseCandidate) => {
                        if (!k.shortlisted) return '—';
                        const missing = env?.fourChecksMissing(k.cadreId) ?? [];
                        return (
                          <Space orientation="vertical" size={2} data-testid={`four-checks-${name(k.cadreId)}`}>
                            {missing.length ? missing.map((m) => <Tag key={m} color="red">缺：{m}</Tag>) : <Tag color="green">四项已完成</Tag>}
                            {open && (
                              <Button size="small" onClick={() => setChecksFor(k.cadreId)}>
                                登记凡提四必
                              </Button>
                            )}
                          </Space>
                        );
                      },
                    },
                    {
                      title: '考察材料',
                      render: (_: unknown, k: CaseCandidate, i: number) =>
                        k.shortlisted ? (
                          <Button size="small" onClick={() => setMaterial(i)} aria-label={`${name(k.cadreId)}考察材料`}>
                            {INSPECTION.every(([key]) => k[key].trim()) ? '已填写' : '填写'}德能勤绩廉
                          </Button>
                        ) : (
                          '—'
                        ),
                    },
                  ]
                : []),
              {
                title: `任职条件（${caption('postLevel', data.postLevel)}）`,
                render: (_: unknown, k: CaseCandidate) => {
                  const checks = env?.postChecks(k.cadreId) ?? [];
                  if (!checks.length) return <Typography.Text type="secondary">同级交流，无提任条件</Typography.Text>;
                  const unmet = checksNeedingException(checks);
                  return (
                    <Space orientation="vertical" size={2} data-testid={`post-checks-${name(k.cadreId)}`}>
                      {checks.map((c) => (
                        <Tooltip key={c.label} title={c.reason}>
                          <Tag color={c.met === true ? 'green' : c.met === null ? 'default' : c.needsException ? 'red' : 'orange'}>
                            {c.label}：{c.reason}
                          </Tag>
                        </Tooltip>
                      ))}
                      {unmet.length > 0 && !k.exceptionNote.trim() && <Typography.Text type="danger">提任须填写破格说明</Typography.Text>}
                      {k.exceptionNote.trim() && <Typography.Text>破格说明：{k.exceptionNote}</Typography.Text>}
                    </Space>
                  );
                },
              },
              ...(reached(stage, 'decision')
                ? [
                    {
                      title: '拟任人选',
                      render: (_: unknown, k: CaseCandidate, i: number) => (
                        <Checkbox
                          aria-label={`${name(k.cadreId)}为拟任人选`}
                          disabled={!open || !k.shortlisted}
                          checked={k.chosen}
                          onChange={(e) => setCandidates((list) => list.map((x, j) => ({ ...x, chosen: j === i ? e.target.checked : e.target.checked ? false : x.chosen })))}
                        />
                      ),
                    },
                  ]
                : []),
              ...(open
                ? [
                    {
                      title: '操作',
                      render: (_: unknown, k: CaseCandidate, i: number) => (
                        <Space>
                          <Button size="small" type="link" onClick={() => setMaterial(i)}>
                            破格说明
                          </Button>
                          {stage === 'recommendation' && (
                            <Button size="small" type="link" danger onClick={() => setCandidates((list) => list.filter((x) => x.cadreId !== k.cadreId))}>
                              移除
                            </Button>
                          )}
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}

      {open && (
        <Space style={{ marginTop: 16 }}>
          <Button loading={busy} onClick={() => run(async () => void (await save()), '已保存')}>
            保存
          </Button>
          <Button type="primary" loading={busy} onClick={complete}>
            完成“{CASE_STAGES[stage]}”，进入“{CASE_STAGES[STAGE_ORDER[current + 1] ?? 'appointed']}”
          </Button>
        </Space>
      )}

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        步骤记录
      </Typography.Title>
      <Table
        size="small"
        rowKey={(_, i) => String(i)}
        pagination={false}
        dataSource={data.steps}
        columns={[
          { title: '步骤', dataIndex: 'stage', render: (s: CaseStage) => CASE_STAGES[s] },
          { title: '日期', dataIndex: 'on' },
          { title: '经办人', dataIndex: 'by' },
          { title: '说明', dataIndex: 'note' },
        ]}
      />

      {material !== null && candidates[material] && (
        <MaterialDialog
          candidate={candidates[material]}
          name={name(candidates[material].cadreId)}
          disabled={!open}
          onOk={(p) => {
            patch(material, p);
            setMaterial(null);
          }}
          onClose={() => setMaterial(null)}
        />
      )}
      {checksFor && (
        <TypeDialog
          type={fourChecksType}
          title={`登记凡提四必：${name(checksFor)}`}
          {...(checksOf(checksFor) ? { record: checksOf(checksFor) } : { record: { kind: 'appointment', ref: data.postTitle } })}
          extra={{ cadreId: checksFor }}
          onSave={(input) => {
            const existing = checksOf(checksFor);
            return existing
              ? updateRecord(db, ctx, fourChecksType, existing.id, input as never, { cadreId: checksFor })
              : createRecord(db, ctx, fourChecksType, input as never);
          }}
          onClose={() => setChecksFor(null)}
        />
      )}
    </Card>
  );
}

const blankCandidate = (cadreId: string): CaseCandidate => ({
  cadreId,
  leaderNominated: false,
  committeeNominated: false,
  talkVotes: null,
  meetingVotes: null,
  shortlisted: false,
  virtue: '',
  ability: '',
  diligence: '',
  achievement: '',
  integrity: '',
  exceptionNote: '',
  chosen: false,
});

function MaterialDialog({
  candidate,
  name,
  disabled,
  onOk,
  onClose,
}: {
  candidate: CaseCandidate;
  name: string;
  disabled: boolean;
  onOk: (p: Partial<CaseCandidate>) => void;
  onClose: () => void;
}) {
  const [form] = Form.useForm();
  return (
    <Modal open title={`${name}的考察材料`} okText="确定" cancelText="取消" onOk={() => onOk(form.getFieldsValue())} onCancel={onClose} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={candidate} disabled={disabled}>
        {INSPECTION.map(([key, label]) => (
          <Form.Item key={key} name={key} label={label}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        ))}
        <Form.Item name="exceptionNote" label="破格说明" tooltip="不符合任职条件而提任时必填">
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
