import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Form, Input, InputNumber, Modal, Progress, Space, Table, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { generatePassphrase, passphraseProblem } from '../../../shared/rules/passphrase';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { backupHistory, writeBackup, type BackupProgress } from './backupFile';
import { openBackup, restoreBackup, type OpenedBackup } from './restore';
import { BACKUP_REMINDER_KEY, DEFAULT_REMINDER_DAYS, reminderDays } from './reminder';

const FILTERS = [{ name: '干部信息备份', extensions: ['cadre'] }];
const dateStamp = (d = new Date()) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;
const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const when = (ms: number | string) => new Date(ms).toLocaleString('zh-CN', { hour12: false });

type Task = { title: string; phase: string; progress: BackupProgress; cancel?: () => void } | null;

/** Asks for a new passphrase twice, checks its strength, and offers a generated one. */
function PassphraseForm({ form, confirm }: { form: ReturnType<typeof Form.useForm>[0]; confirm: boolean }) {
  const [generated, setGenerated] = useState<string | null>(null);
  return (
    <Form form={form} layout="vertical" requiredMark={false}>
      <Form.Item
        label="口令"
        name="passphrase"
        extra="恢复时需要这个口令；忘记口令，备份就无法打开。"
        rules={[{ validator: async (_, v: string | undefined) => { const p = confirm ? passphraseProblem(v ?? '') : (v ?? '') ? null : '请输入口令'; if (p) throw new Error(p); } }]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      {confirm && (
        <>
          <Form.Item
            label="再次输入口令"
            name="again"
            dependencies={['passphrase']}
            rules={[{ validator: async (_, v: string | undefined) => { if (v !== form.getFieldValue('passphrase')) throw new Error('两次输入的口令不一致'); } }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Button
              onClick={() => {
                const p = generatePassphrase((b) => crypto.getRandomValues(new Uint8Array(b.length)));
                setGenerated(p);
                form.setFieldsValue({ passphrase: p, again: p });
              }}
            >
              生成口令
            </Button>
            {generated && (
              <Alert type="warning" showIcon title={<span>生成的口令：<Typography.Text code copyable data-testid="generated-passphrase">{generated}</Typography.Text></span>} description="请抄写下来，与备份分开妥善保管。" />
            )}
          </Space>
        </>
      )}
    </Form>
  );
}

/** 备份与恢复 (本机设置): a full encrypted backup to a file, restore from one, and the list of past backups. */
export function BackupCard({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [asking, setAsking] = useState<'backup' | 'restore' | null>(null);
  const [task, setTask] = useState<Task>(null);
  const [restoreFile, setRestoreFile] = useState<string | null>(null);
  const history = useLiveQuery(() => backupHistory(db), []);
  const days = useLiveQuery(() => reminderDays(db), []);
  const operator = info.profile?.operator ?? '';
  const abort = useRef<AbortController | null>(null);
  const api = () => cadreDesk().exchange;

  const backup = async (passphrase: string) => {
    const choice = await cadreDesk().dialog.saveFile({ title: '保存备份', defaultName: `干部信息备份-${dateStamp()}.cadre`, filters: FILTERS });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return;
    abort.current = new AbortController();
    const progress = { done: 0, total: 0 };
    setTask({ title: '正在备份', phase: '读取并加密本机数据', progress, cancel: () => abort.current?.abort() });
    try {
      const record = await writeBackup(db, api(), {
        path,
        passphrase,
        operator,
        signal: abort.current.signal,
        onProgress: (p) => setTask((t) => t && { ...t, progress: p }),
      });
      message.success(`备份完成并已通过读回校验：${record.records.toLocaleString('zh-CN')} 条记录，${size(record.bytes)}，保存在 ${path}`, 10);
    } catch (error) {
      message.error(messageOf(error), 10);
    } finally {
      setTask(null);
    }
  };

  const restore = async (file: string, passphrase: string) => {
    setTask({ title: '正在恢复', phase: '校验备份文件', progress: { done: 0, total: 0 } });
    let opened: OpenedBackup;
    try {
      opened = await openBackup(api(), { path: file, passphrase, installationId: info.installationId });
    } catch (error) {
      setTask(null);
      message.error(messageOf(error), 10);
      return;
    }
    setTask(null);
    const records = Object.values(opened.counts).reduce((a, b) => a + b, 0);
    modal.confirm({
      title: '用这个备份替换本机的全部数据？',
      width: 560,
      content: (
        <Space orientation="vertical" data-testid="restore-summary">
          <span>备份时间：{when(opened.meta.createdAt)}；制作者：{opened.signer.name}；共 {records.toLocaleString('zh-CN')} 条记录，{size(opened.bytes)}。</span>
          <span>本机当前的数据会先自动备份（使用同一口令）到数据文件夹的“backups”中，然后被这个备份替换。备份之后录入或修改的内容将不再存在。</span>
        </Space>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onCancel: () => void api().close({ openId: opened.openId }),
      onOk: async () => {
        setTask({ title: '正在恢复', phase: '安全备份', progress: { done: 0, total: 0 } });
        try {
          const { path: safetyPath } = await api().safetyBackupPath();
          const safety = await restoreBackup(db, api(), opened, {
            safetyPath,
            passphrase,
            operator,
            onProgress: (phase, p) => setTask((t) => t && { ...t, phase: phase === '安全备份' ? '先备份本机当前数据' : '写入备份中的数据', progress: p }),
          });
          setTask(null);
          modal.success({
            title: '恢复完成',
            content: `原有数据已备份到 ${safety.path}。点击“确定”重新载入程序。`,
            okText: '确定',
            onOk: () => window.location.reload(),
          });
        } catch (error) {
          setTask(null);
          message.error(messageOf(error), 10);
        }
      },
    });
  };

  const chooseRestoreFile = async () => {
    const choice = await cadreDesk().dialog.openFile({ title: '选择备份文件', filters: FILTERS });
    const file = choice.filePaths[0];
    if (choice.canceled || !file) return;
    setRestoreFile(file);
    form.resetFields();
    setAsking('restore');
  };

  const last = history?.[0];
  return (
    <Card title="备份与恢复" data-testid="backup-card">
      <Typography.Paragraph type="secondary">
        备份包含本机全部干部档案、单位、照片和变更记录，用口令加密后保存为一个文件（.cadre），建议保存到U盘或其他电脑。本机的安装密钥不在备份中。
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Button
          type="primary"
          onClick={() => {
            form.resetFields();
            setAsking('backup');
          }}
        >
          立即备份
        </Button>
        <Button onClick={() => void chooseRestoreFile()}>从备份恢复…</Button>
        <span>
          超过{' '}
          <InputNumber
            aria-label="备份提醒天数"
            min={1}
            max={365}
            size="small"
            value={days ?? DEFAULT_REMINDER_DAYS}
            onChange={(v) => v && void db.meta.put({ key: BACKUP_REMINDER_KEY, value: v })}
            style={{ width: 64 }}
          />{' '}
          天未备份时在首页提醒
        </span>
      </Space>
      <Typography.Paragraph data-testid="last-backup">{last ? `最近一次备份：${when(last.at)}（${size(last.bytes)}）` : '本机还没有备份过。'}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="bundleHash"
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        dataSource={history ?? []}
        locale={{ emptyText: '暂无备份记录' }}
        data-testid="backup-history"
        columns={[
          { key: 'at', title: '时间', render: (_, r) => when(r.at), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'bytes', title: '大小', render: (_, r) => size(r.bytes), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'operator', title: '操作员', dataIndex: 'operator', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'path', title: '文件', dataIndex: 'path', ellipsis: true },
        ]}
      />
      <Modal
        open={asking !== null}
        title={asking === 'backup' ? '设置备份口令' : '输入备份口令'}
        okText={asking === 'backup' ? '选择保存位置并备份' : '校验备份'}
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setAsking(null)}
        onOk={async () => {
          // an invalid field keeps the dialog open with its message at the field
          const values = (await form.validateFields().catch(() => null)) as { passphrase: string } | null;
          if (!values) return;
          const { passphrase } = values;
          const what = asking;
          setAsking(null);
          if (what === 'backup') await backup(passphrase);
          else if (restoreFile) await restore(restoreFile, passphrase);
        }}
      >
        {asking === 'restore' && <Typography.Paragraph>备份文件：{restoreFile}</Typography.Paragraph>}
        <PassphraseForm form={form} confirm={asking === 'backup'} />
      </Modal>
      <Modal open={task !== null} title={task?.title} closable={false} maskClosable={false} keyboard={false} footer={task?.cancel ? <Button onClick={task.cancel}>取消</Button> : null}>
        <Typography.Paragraph>{task?.phase}…</Typography.Paragraph>
        <Progress percent={task && task.progress.total ? Math.floor((task.progress.done / task.progress.total) * 100) : 0} status="active" data-testid="backup-progress" />
        {task && task.progress.total > 0 && (
          <Typography.Text type="secondary">
            {task.progress.done.toLocaleString('zh-CN')} / {task.progress.total.toLocaleString('zh-CN')} 条
          </Typography.Text>
        )}
      </Modal>
    </Card>
  );
}
