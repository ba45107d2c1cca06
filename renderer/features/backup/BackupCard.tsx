import { useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Form, InputNumber, Modal, Space, Table, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { backupHistory, writeBackup } from './backupFile';
import { useRestore } from './useRestore';
import { BACKUP_REMINDER_KEY, DEFAULT_REMINDER_DAYS, reminderDays } from './reminder';
import { dateTime, fileSize } from '../../components/format';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { TaskProgressModal, type RunningTask } from '../../components/TaskProgressModal';

const FILTERS = [{ name: '干部信息备份', extensions: ['cadre'] }];
const dateStamp = (d = new Date()) => `${d.getFullYear()}${String(d.getMonth() + 1).padStart(2, '0')}${String(d.getDate()).padStart(2, '0')}`;


/** 备份与恢复 (本机设置): a full encrypted backup to a file, restore from one, and the list of past backups. */
export function BackupCard({ info }: { info: AppInfo }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [asking, setAsking] = useState<boolean>(false);
  const [task, setTask] = useState<RunningTask>(null);
  const restore = useRestore(info, { safety: true });
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
      message.success(`备份完成并已通过读回校验：${record.records.toLocaleString('zh-CN')} 条记录，${fileSize(record.bytes)}，保存在 ${path}`, 10);
    } catch (error) {
      message.error(messageOf(error), 10);
    } finally {
      setTask(null);
    }
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
            setAsking(true);
          }}
        >
          立即备份
        </Button>
        <Button onClick={() => void restore.start()}>从备份恢复…</Button>
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
      <Typography.Paragraph data-testid="last-backup">{last ? `最近一次备份：${dateTime(last.at)}（${fileSize(last.bytes)}）` : '本机还没有备份过。'}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="bundleHash"
        pagination={{ pageSize: 5, hideOnSinglePage: true }}
        dataSource={history ?? []}
        locale={{ emptyText: '暂无备份记录' }}
        data-testid="backup-history"
        columns={[
          { key: 'at', title: '时间', render: (_, r) => dateTime(r.at), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'bytes', title: '大小', render: (_, r) => fileSize(r.bytes), onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'operator', title: '操作员', dataIndex: 'operator', onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' } }) },
          { key: 'path', title: '文件', dataIndex: 'path', ellipsis: true },
        ]}
      />
      <Modal
        open={asking}
        title="设置备份口令"
        okText="选择保存位置并备份"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setAsking(false)}
        onOk={async () => {
          // an invalid field keeps the dialog open with its message at the field
          const values = (await form.validateFields().catch(() => null)) as { passphrase: string } | null;
          if (!values) return;
          setAsking(false);
          await backup(values.passphrase);
        }}
      >
        <Form form={form} layout="vertical" requiredMark={false}>
          <NewPassphraseFields form={form} extra="恢复时需要这个口令；忘记口令，备份就无法打开。" keepApart="请抄写下来，与备份分开妥善保管。" />
        </Form>
      </Modal>
      {restore.holder}
      <TaskProgressModal task={task} testId="backup-progress" />
    </Card>
  );
}
