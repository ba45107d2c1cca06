import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, Modal, Progress, Select, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { dayOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { commitLrmxImport, LrmxImportCancelled, planLrmxImport, problemsFor, type LrmxAction, type LrmxPlan, type LrmxPlanEntry } from '../../db/importLrmx';
import type { WriteContext } from '../../db/repository';
import { unitOptions } from '../../components/unitOptions';
import { cadreDesk, messageOf } from '../../api';
import { BatchCancelled, readBatch } from './readBatch';

// 导入任免表: pick .lrmx files, .lrm + .pic pairs or zips of them; read them with progress (cancel stops it); see
// per file whether it is new or whom it matches, what would change and what did not fit; then import the chosen
// ones all or nothing. A file that cannot be imported is named with its reason, and nothing is imported until the
// person either removes it or chooses to skip it.

type Stage =
  | { kind: 'closed' }
  | { kind: 'reading'; done: number; total: number; label: string }
  | { kind: 'preview'; plan: LrmxPlan; skipped: string[] }
  | { kind: 'writing'; plan: LrmxPlan; skipped: string[]; done: number; total: number }
  | { kind: 'done'; created: number; updated: number; left: number; failed: { fileName: string; reason: string }[] };

const ACTION_LABELS: Record<LrmxAction, string> = { create: '新增', update: '更新', skip: '跳过' };

function MatchTag({ entry }: { entry: LrmxPlanEntry }) {
  if (entry.match === 'new') return <Tag color="green">新增人员</Tag>;
  return (
    <div>
      <Tag color={entry.match === 'idNumber' ? 'blue' : 'orange'}>{entry.match === 'idNumber' ? '身份证号码相同' : '姓名和出生年月相同'}</Tag>
      <div>
        {entry.existing?.name}（尾号 {entry.existing?.idNumber.slice(-4)}）
      </div>
    </div>
  );
}

/** What importing the entry would change, or why it cannot be imported. */
function Changes({ entry, action }: { entry: LrmxPlanEntry; action: LrmxAction }) {
  const problems = problemsFor(entry, action);
  if (problems.length) return <Typography.Text type="danger">无法导入：{problems.join('；')}</Typography.Text>;
  if (action === 'skip') return <Typography.Text type="secondary">不导入</Typography.Text>;
  if (action === 'create') {
    const parts = [entry.career.length && `简历 ${entry.career.length} 段`, entry.family.length && `家庭成员 ${entry.family.length} 人`, entry.assessments.length && `年度考核 ${entry.assessments.length} 年`, entry.photo && '照片'];
    return <Typography.Text>新建档案{parts.some(Boolean) ? `，含${parts.filter(Boolean).join('、')}` : ''}</Typography.Text>;
  }
  if (!entry.conflicts.length && !entry.subChanges.length) return <Typography.Text type="secondary">与档案一致，无变化</Typography.Text>;
  return (
    <div data-testid="lrmx-conflicts">
      {entry.conflicts.map((c) => (
        <div key={c.path}>
          {c.label}：<Typography.Text delete type="secondary">{c.from || '（空）'}</Typography.Text> → {c.to || '（空）'}
        </div>
      ))}
      {entry.subChanges.map((s) => (
        <div key={s}>{s}</div>
      ))}
    </div>
  );
}

function Issues({ entry }: { entry: LrmxPlanEntry }) {
  if (!entry.issues.length) return <Typography.Text type="secondary">无</Typography.Text>;
  return (
    <div style={{ maxHeight: 120, overflow: 'auto' }}>
      {entry.issues.map((i, n) => (
        <div key={n}>
          <Typography.Text type={i.severity === 'error' ? 'warning' : 'secondary'}>{i.message}</Typography.Text>
        </div>
      ))}
    </div>
  );
}

/** The 导入任免表 action: a function that opens the file dialog, and the modal it drives. */
export function useLrmxImport(ctx: WriteContext, defaultUnitId: string | null) {
  const { message } = App.useApp();
  const [stage, setStage] = useState<Stage>({ kind: 'closed' });
  const [actions, setActions] = useState<ReadonlyMap<string, LrmxAction>>(new Map());
  const [skipFailed, setSkipFailed] = useState(false);
  const [unitId, setUnitId] = useState<string | null>(defaultUnitId);
  const [error, setError] = useState<string | null>(null);
  const abort = useRef<AbortController | null>(null);
  const units = useLiveQuery(() => db.units.toArray(), []);
  const treeData = useMemo(() => unitOptions(units ?? []), [units]);

  const start = async () => {
    setError(null);
    try {
      const choice = await cadreDesk().dialog.openFile({
        title: '选择要导入的任免审批表文件',
        multiple: true,
        filters: [{ name: '任免审批表文件（.lrmx、.lrm 及其 .pic 照片、.zip）', extensions: ['lrmx', 'lrm', 'pic', 'zip'] }],
      });
      if (choice.canceled || !choice.filePaths.length) return;
      const controller = new AbortController();
      abort.current = controller;
      // after 取消 the dialog stays closed, whatever progress the work still reports before it stops
      const show = (next: Stage) => void (controller.signal.aborted || setStage(next));
      const paths = choice.filePaths;
      const files: { name: string; bytes: Uint8Array }[] = [];
      for (const [i, path] of paths.entries()) {
        if (controller.signal.aborted) throw new BatchCancelled();
        show({ kind: 'reading', done: i, total: paths.length, label: '正在读取文件' });
        const { bytes } = await cadreDesk().file.read({ path });
        files.push({ name: path.split(/[\\/]/).pop() ?? path, bytes });
      }
      const today = dayOf(new Date());
      const { read, failed, skipped } = await readBatch(files, {
        today,
        signal: controller.signal,
        onProgress: (done, total) => show({ kind: 'reading', done, total, label: '正在解析文件' }),
      });
      show({ kind: 'reading', done: read.length, total: read.length, label: '正在与干部名册比对' });
      const plan = await planLrmxImport(db, read, failed, { today });
      if (controller.signal.aborted) throw new BatchCancelled();
      setActions(new Map(plan.entries.map((e) => [e.key, e.proposed])));
      setSkipFailed(false);
      if (!unitId && units?.length) setUnitId(units.find((u) => !u.deleted)?.id ?? null);
      setStage({ kind: 'preview', plan, skipped });
    } catch (e) {
      setStage({ kind: 'closed' });
      if (e instanceof BatchCancelled) message.info('已取消导入，没有导入任何数据。');
      else message.error(messageOf(e));
    }
  };

  const close = () => {
    abort.current?.abort();
    setStage({ kind: 'closed' });
    setError(null);
  };

  const commit = async () => {
    if (stage.kind !== 'preview') return;
    const { plan, skipped } = stage;
    const controller = new AbortController();
    abort.current = controller;
    setError(null);
    setStage({ kind: 'writing', plan, skipped, done: 0, total: 0 });
    try {
      const result = await commitLrmxImport(db, ctx, plan, {
        unitId,
        actions,
        skipFailed,
        signal: controller.signal,
        onProgress: (done, total) => setStage({ kind: 'writing', plan, skipped, done, total }),
      });
      const refused = plan.entries.filter((e) => problemsFor(e, actions.get(e.key) ?? e.proposed).length);
      setStage({
        kind: 'done',
        created: result.created,
        updated: result.updated,
        left: result.skipped,
        failed: [...plan.failed, ...refused.map((e) => ({ fileName: e.fileName, reason: problemsFor(e, actions.get(e.key) ?? e.proposed).join('；') }))],
      });
    } catch (e) {
      setStage({ kind: 'preview', plan, skipped });
      if (e instanceof LrmxImportCancelled) message.info(e.message);
      else setError(messageOf(e));
    }
  };

  const plan = stage.kind === 'preview' || stage.kind === 'writing' ? stage.plan : null;
  const actionOf = (e: LrmxPlanEntry) => actions.get(e.key) ?? e.proposed;
  const refused = plan ? plan.entries.filter((e) => problemsFor(e, actionOf(e)).length) : [];
  const failedCount = plan ? plan.failed.length + refused.length : 0;
  const chosen = plan ? plan.entries.filter((e) => actionOf(e) !== 'skip' && !problemsFor(e, actionOf(e)).length) : [];
  const needsUnit = chosen.some((e) => actionOf(e) === 'create');
  const count = (m: LrmxPlanEntry['match']) => plan?.entries.filter((e) => e.match === m).length ?? 0;
  const canImport = !!plan && chosen.length > 0 && (failedCount === 0 || skipFailed) && (!needsUnit || !!unitId);

  const footer =
    stage.kind === 'reading'
      ? [
          <Button key="cancel" onClick={close}>
            取消
          </Button>,
        ]
      : stage.kind === 'done'
        ? [
            <Button key="close" type="primary" onClick={close}>
              关闭
            </Button>,
          ]
        : [
            <Button key="cancel" onClick={stage.kind === 'writing' ? () => abort.current?.abort() : close}>
              取消
            </Button>,
            <Button key="ok" type="primary" onClick={commit} disabled={!canImport} loading={stage.kind === 'writing'}>
              导入
            </Button>,
          ];

  const modal = (
    <Modal
      open={stage.kind !== 'closed'}
      title="导入任免审批表（LRMX）"
      width={1100}
      maskClosable={false}
      closable={stage.kind !== 'writing'}
      onCancel={stage.kind === 'writing' ? undefined : close}
      footer={footer}
    >
      {stage.kind === 'reading' && (
        <div data-testid="lrmx-reading">
          <Typography.Text>
            {stage.label}：{stage.done} / {stage.total}
          </Typography.Text>
          <Progress percent={stage.total ? Math.round((stage.done / stage.total) * 100) : 0} />
        </div>
      )}
      {plan && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert
            type={failedCount ? 'warning' : 'success'}
            showIcon
            data-testid="lrmx-summary"
            title={`共 ${plan.entries.length + plan.failed.length} 个文件：新增人员 ${count('new')} 人，身份证号码相同 ${count('idNumber')} 人，姓名和出生年月相同 ${count('nameBirth')} 人${failedCount ? `；${failedCount} 个文件无法导入` : ''}。`}
            description={
              failedCount
                ? '有文件无法导入时，不会导入任何数据：请改正这些文件后重新选择，或勾选下面的“跳过无法导入的文件”，只导入其余文件。'
                : '确认每个文件的处理方式后点击“导入”；全部文件在一次操作中导入，中途出错则全部不导入。'
            }
          />
          {failedCount > 0 && (
            <div data-testid="lrmx-failed">
              <Typography.Title level={5} style={{ marginTop: 0 }}>
                无法导入的文件
              </Typography.Title>
              <ul style={{ margin: 0, paddingLeft: 20, maxHeight: 140, overflow: 'auto' }}>
                {plan.failed.map((f) => (
                  <li key={f.fileName}>
                    <Typography.Text strong>{f.fileName}</Typography.Text>：{f.reason}
                  </li>
                ))}
                {refused.map((e) => (
                  <li key={e.key}>
                    <Typography.Text strong>{e.fileName}</Typography.Text>（{e.name || '无姓名'}）：{problemsFor(e, actionOf(e)).join('；')}
                  </li>
                ))}
              </ul>
              <Checkbox checked={skipFailed} onChange={(e) => setSkipFailed(e.target.checked)} disabled={stage.kind === 'writing'}>
                跳过无法导入的文件（{failedCount} 个），只导入其余文件
              </Checkbox>
            </div>
          )}
          {stage.kind === 'preview' && stage.skipped.length > 0 && (
            <Typography.Text type="secondary">以下文件不是任免审批表文件，已忽略：{stage.skipped.join('、')}</Typography.Text>
          )}
          <Space>
            <span>新增人员归入单位：</span>
            <TreeSelect
              aria-label="新增人员归入单位"
              style={{ width: 320 }}
              value={unitId ?? undefined}
              onChange={(v: string | undefined) => setUnitId(v ?? null)}
              treeData={treeData}
              showSearch
              treeNodeFilterProp="title"
              treeDefaultExpandAll
              placeholder="请选择单位"
              status={needsUnit && !unitId ? 'error' : undefined}
              disabled={stage.kind === 'writing'}
            />
          </Space>
          <Table
            size="small"
            data-testid="lrmx-preview"
            rowKey="key"
            pagination={plan.entries.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ y: 360 }}
            dataSource={plan.entries}
            columns={[
              { title: '文件', dataIndex: 'fileName', width: 170, render: (n: string) => <span style={{ wordBreak: 'break-all' }}>{n}</span> },
              { title: '姓名', dataIndex: 'name', width: 80 },
              { title: '对应档案', width: 160, render: (_: unknown, e: LrmxPlanEntry) => <MatchTag entry={e} /> },
              { title: '将要导入的内容', render: (_: unknown, e: LrmxPlanEntry) => <Changes entry={e} action={actionOf(e)} /> },
              { title: '提示', width: 260, render: (_: unknown, e: LrmxPlanEntry) => <Issues entry={e} /> },
              {
                title: '处理',
                width: 100,
                render: (_: unknown, e: LrmxPlanEntry) => (
                  <Select
                    aria-label={`“${e.fileName}”的处理方式`}
                    size="small"
                    style={{ width: 84 }}
                    value={actionOf(e)}
                    disabled={stage.kind === 'writing'}
                    onChange={(v: LrmxAction) => setActions((m) => new Map(m).set(e.key, v))}
                    options={e.actions.map((a) => ({ value: a, label: ACTION_LABELS[a] }))}
                  />
                ),
              },
            ]}
          />
          {stage.kind === 'writing' && (
            <div data-testid="lrmx-writing">
              <Typography.Text>
                正在导入：{stage.done} / {stage.total}（点击“取消”则全部不导入）
              </Typography.Text>
              <Progress percent={stage.total ? Math.round((stage.done / stage.total) * 100) : 0} />
            </div>
          )}
          {error && <Alert type="error" showIcon title={error} data-testid="lrmx-error" />}
        </Space>
      )}
      {stage.kind === 'done' && (
        <div data-testid="lrmx-report">
          <Alert
            type="success"
            showIcon
            title={`导入完成：新增 ${stage.created} 人，更新 ${stage.updated} 人${stage.left ? `，按选择跳过 ${stage.left} 个文件` : ''}${stage.failed.length ? `，${stage.failed.length} 个文件无法导入、未导入` : ''}。`}
          />
          {stage.failed.length > 0 && (
            <>
              <Typography.Title level={5}>未导入的文件</Typography.Title>
              <ul style={{ paddingLeft: 20 }}>
                {stage.failed.map((f) => (
                  <li key={f.fileName}>
                    <Typography.Text strong>{f.fileName}</Typography.Text>：{f.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Modal>
  );
  return { start, modal };
}
