import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Checkbox, Input, Modal, Radio, Select, Space, Table, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import type { PeerView } from '../../../shared/contract/exchange';
import { diffRecords, getPath, setPath } from '../../../shared/catalog/leaves';
import { recordTypeOf } from '../../../shared/catalog';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { writeContextOf } from '../../stores/session';
import { listConflicts, resolveConflict, type ConflictRow } from '../../sync';
import { applyStaged, exportToPeer, openForImport, stageImport, type Opened, type Progress, type Staged } from './transfer';
import { fileSize } from '../../components/format';
import { TaskProgressModal, type RunningTask } from '../../components/TaskProgressModal';

export const BUNDLE_FILTERS = [{ name: '数据交换包', extensions: ['cadre'] }];
/**
 * The running export's dialog with `p`: once the read-back has begun (a phase) it offers no 取消, as the file is
 * whole by then.
 */
export const withExportProgress =
  (p: Progress) =>
  (t: RunningTask): RunningTask =>
    t && { ...t, progress: p, phase: p.phase, cancel: p.phase ? undefined : t.cancel };
export const stamp = (d = new Date()) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
const n = (x: number) => x.toLocaleString('zh-CN');


/** 发送数据: a bundle to one trusted peer, in its fixed scope, incremental unless asked for everything. */
export function ExportCard({ info, peers }: { info: AppInfo; peers: PeerView[] }) {
  const { message, modal } = App.useApp();
  const trusted = peers.filter((p) => p.trust === 'trusted');
  const [peerId, setPeerId] = useState<string | undefined>();
  const [full, setFull] = useState(false);
  const [task, setTask] = useState<RunningTask>(null);
  const peer = trusted.find((p) => p.installationId === peerId);

  const run = async () => {
    if (!peer) return;
    const choice = await cadreDesk().dialog.saveFile({ title: '保存数据包', defaultName: `${info.profile?.name ?? '本机'}-发往-${peer.name}-${stamp()}.cadre`, filters: BUNDLE_FILTERS });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return;
    const abort = new AbortController();
    setTask({ title: `正在导出发往“${peer.name}”的数据包`, progress: { done: 0, total: 0 }, cancel: () => abort.abort() });
    try {
      const r = await exportToPeer(db, cadreDesk(), {
        self: info.installationId,
        peerId: peer.installationId,
        scope: peer.scope,
        forceFull: full,
        path,
        signal: abort.signal,
        onProgress: (p) => setTask(withExportProgress(p)),
      });
      setTask(null);
      modal.success({
        title: '数据包已写入并通过校验，可以安全拔出U盘',
        content: `${r.full ? '完整' : '增量'}数据包：${n(r.records)} 条记录，${n(r.photos)} 张照片，${fileSize(r.bytes)}，保存在 ${path}。`,
        okText: '知道了',
      });
    } catch (error) {
      setTask(null);
      message.error(messageOf(error), 10);
    }
  };

  return (
    <Card title="发送数据">
      {trusted.length === 0 ? (
        <Alert type="info" showIcon title="还没有已信任的交换对象。先导入对方的联系卡并核对指纹。" />
      ) : (
        <Space wrap>
          <Select aria-label="发往" placeholder="选择交换对象" style={{ width: 280 }} value={peerId} onChange={setPeerId} options={trusted.map((p) => ({ value: p.installationId, label: p.name }))} />
          <Checkbox checked={full} onChange={(e) => setFull(e.target.checked)}>
            完整导出（包含全部数据，而不只是对方还没有的部分）
          </Checkbox>
          <Button type="primary" disabled={!peer} onClick={() => void run()}>
            导出数据包…
          </Button>
        </Space>
      )}
      <TaskProgressModal task={task} />
    </Card>
  );
}

const previewColumns = [
  { key: 'name', title: '数据', dataIndex: 'name' },
  { key: 'new', title: '新增', dataIndex: 'new' },
  { key: 'updated', title: '更新', dataIndex: 'updated' },
  { key: 'unchanged', title: '未变', dataIndex: 'unchanged' },
  { key: 'conflicting', title: '冲突', dataIndex: 'conflicting' },
].map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) }));

/** 接收数据: verify, stage with a preview per table, then apply in one transaction. */
export function ImportCard({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const [task, setTask] = useState<RunningTask>(null);
  const [asking, setAsking] = useState<{ path: string; passphrase: string } | null>(null);
  const [preview, setPreview] = useState<{ opened: Opened; staged: Staged; gap: string | null } | null>(null);

  const choose = async () => {
    const choice = await cadreDesk().dialog.openFile({ title: '选择数据包', filters: BUNDLE_FILTERS });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return;
    setAsking({ path, passphrase: '' });
  };

  const verifyAndStage = async (path: string, passphrase: string) => {
    setTask({ title: '正在校验数据包', progress: { done: 0, total: 0 } });
    try {
      const { opened, decision } = await openForImport(db, cadreDesk(), { self: info.installationId, path, passphrase });
      setTask({ title: `正在读取“${opened.signer.name}”发来的数据`, progress: { done: 0, total: 0 } });
      const staged = await stageImport(db, cadreDesk(), opened, (p) => setTask((t) => t && { ...t, progress: p }));
      setTask(null);
      setPreview({ opened, staged, gap: decision.kind === 'gap' ? decision.message : null });
    } catch (error) {
      setTask(null);
      message.error(messageOf(error), 10);
    }
  };

  const apply = async () => {
    if (!preview) return;
    const { opened, staged } = preview;
    setPreview(null);
    setTask({ title: '正在导入', progress: { done: 0, total: 0 } });
    try {
      const r = await applyStaged(db, opened, staged, info.installationId);
      setTask(null);
      modal.success({
        title: '导入完成',
        content: `来自“${opened.signer.name}”：采用 ${n(r.taken)} 条，已有 ${n(r.skipped + r.merged)} 条，照片 ${n(r.blobs)} 张${r.conflicts ? `；${n(r.conflicts)} 条与本机的修改冲突，请在下方“待处理的冲突”中逐项确定` : ''}。`,
        okText: '知道了',
      });
    } catch (error) {
      setTask(null);
      message.error(messageOf(error), 10);
    }
  };

  return (
    <Card title="接收数据">
      <Button type="primary" onClick={() => void choose()}>
        导入数据包…
      </Button>
      <Modal
        open={asking !== null}
        title="校验数据包"
        okText="校验并读取"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setAsking(null)}
        onOk={() => {
          const a = asking!;
          setAsking(null);
          void verifyAndStage(a.path, a.passphrase);
        }}
      >
        <Typography.Paragraph>数据包：{asking?.path}</Typography.Paragraph>
        <Input.Password aria-label="口令" placeholder="用口令加密的数据包请输入口令，否则留空" value={asking?.passphrase} onChange={(e) => setAsking((a) => a && { ...a, passphrase: e.target.value })} />
      </Modal>
      <Modal
        open={preview !== null}
        width={720}
        title={preview ? `导入“${preview.opened.signer.name}”发来的数据？` : ''}
        okText="导入"
        cancelText="取消"
        onOk={() => void apply()}
        onCancel={() => {
          if (preview) void cadreDesk().exchange.close({ openId: preview.opened.openId });
          setPreview(null);
        }}
      >
        {preview?.gap && <Alert type="warning" showIcon title={preview.gap} style={{ marginBottom: 12 }} />}
        <Table size="small" rowKey="table" pagination={false} dataSource={preview?.staged.preview.tables ?? []} columns={previewColumns} data-testid="import-preview" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          照片 {n(preview?.staged.preview.blobs ?? 0)} 张。冲突的记录保留本机的内容，对方的版本留待逐项确定。导入是一次完成的：中途出错或关闭程序，本机数据保持原样。
        </Typography.Paragraph>
      </Modal>
      <TaskProgressModal task={task} />
    </Card>
  );
}

/** 待处理的冲突: each record both sides changed, its differing fields side by side, chosen per field. */
export function ConflictsCard({ info }: { info: AppInfo }) {
  const { message } = App.useApp();
  const conflicts = useLiveQuery(() => listConflicts(db), []);
  const [open, setOpen] = useState<ConflictRow | null>(null);
  const [choice, setChoice] = useState<Record<string, 'local' | 'incoming'>>({});
  if (!conflicts?.length) return null;
  const type = open ? recordTypeOf(open.table) : undefined;
  const changes = open && type ? diffRecords(type, open.local, open.incoming) : [];

  const save = async () => {
    if (!open) return;
    const chosen: Record<string, unknown> = { ...open.local };
    for (const c of changes) if (choice[c.path] === 'incoming') setPath(chosen, c.path, getPath(open.incoming, c.path));
    try {
      await resolveConflict(db, writeContextOf(info), open.key, chosen);
      setOpen(null);
      message.success('已处理');
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  return (
    <Card title={`待处理的冲突（${conflicts.length}）`} data-testid="conflicts">
      <Table<ConflictRow>
        size="small"
        rowKey="key"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        dataSource={conflicts}
        columns={[
          { key: 'kind', title: '数据', render: (_, c) => recordTypeOf(c.table)?.name ?? c.table },
          { key: 'title', title: '记录', render: (_, c) => { const t = recordTypeOf(c.table); return t ? t.title(c.local as never) : c.id; } },
          { key: 'at', title: '时间', render: (_, c) => new Date(c.at).toLocaleString('zh-CN', { hour12: false }) },
          {
            key: 'act',
            title: '操作',
            render: (_, c) => (
              <Button type="link" size="small" onClick={() => (setChoice({}), setOpen(c))}>
                逐项确定
              </Button>
            ),
          },
        ]}
      />
      <Modal open={open !== null} width={760} title="两边都修改了这条记录：请逐项选择保留哪一边" okText="保存" cancelText="取消" onOk={() => void save()} onCancel={() => setOpen(null)} destroyOnHidden>
        <Table
          size="small"
          rowKey="path"
          pagination={false}
          dataSource={changes}
          data-testid="conflict-fields"
          columns={[
            { key: 'label', title: '项目', dataIndex: 'label' },
            {
              key: 'pick',
              title: '保留',
              render: (_, c) => (
                <Radio.Group value={choice[c.path] ?? 'local'} onChange={(e) => setChoice((s) => ({ ...s, [c.path]: e.target.value as 'local' | 'incoming' }))}>
                  <Space orientation="vertical">
                    <Radio value="local">本机：{c.from || '（空）'}</Radio>
                    <Radio value="incoming">对方：{c.to || '（空）'}</Radio>
                  </Space>
                </Radio.Group>
              ),
            },
          ]}
        />
      </Modal>
    </Card>
  );
}
