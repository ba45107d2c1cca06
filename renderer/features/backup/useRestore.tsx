import { useState, type ReactNode } from 'react';
import { App, Input, Modal, Progress, Space, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import type { BackupProgress } from './backupFile';
import { openBackup, restoreBackup } from './restore';
import { dateTime, fileSize } from '../../components/format';

const FILTERS = [{ name: '干部信息备份', extensions: ['cadre'] }];

type Task = { phase: string; progress: BackupProgress } | null;

/**
 * 从备份恢复, step by step: pick the file, type its passphrase, verify it all, confirm what will be replaced, restore
 * with progress, reload. From 本机设置 the current data is first kept as a safety backup; from the screen of a
 * database that cannot be opened (`safety: false`) nothing is read from it and it is left where it is.
 */
export function useRestore(info: AppInfo | null, options: { safety: boolean }): { start: () => Promise<void>; holder: ReactNode } {
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [task, setTask] = useState<Task>(null);
  const api = () => cadreDesk().exchange;
  const operator = info?.profile?.operator ?? '';

  const start = async () => {
    const choice = await cadreDesk().dialog.openFile({ title: '选择备份文件', filters: FILTERS });
    const picked = choice.filePaths[0];
    if (choice.canceled || !picked) return;
    setPassphrase('');
    setFile(picked);
  };

  const verify = async (path: string, phrase: string) => {
    setTask({ phase: '校验备份文件', progress: { done: 0, total: 0 } });
    let opened: Awaited<ReturnType<typeof openBackup>>;
    try {
      opened = await openBackup(api(), { path, passphrase: phrase, installationId: info?.installationId ?? '' });
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
          <span>
            备份时间：{dateTime(opened.meta.createdAt)}；制作者：{opened.signer.name}；共 {records.toLocaleString('zh-CN')} 条记录，{fileSize(opened.bytes)}。
          </span>
          <span>
            {options.safety
              ? '本机当前的数据会先自动备份（使用同一口令）到数据文件夹的“backups”中，然后被这个备份替换。备份之后录入或修改的内容将不再存在。'
              : '无法打开的本机数据库会原样保留，不会被删除；恢复后程序使用备份中的数据。'}
          </span>
        </Space>
      ),
      okText: '恢复',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onCancel: () => void api().close({ openId: opened.openId }),
      onOk: async () => {
        setTask({ phase: options.safety ? '先备份本机当前数据' : '写入备份中的数据', progress: { done: 0, total: 0 } });
        try {
          const safetyPath = options.safety ? (await api().safetyBackupPath()).path : null;
          const safety = await restoreBackup(db, api(), opened, {
            safetyPath,
            passphrase: phrase,
            operator,
            onProgress: (phase, p) => setTask({ phase: phase === '安全备份' ? '先备份本机当前数据' : '写入备份中的数据', progress: p }),
          });
          setTask(null);
          modal.success({
            title: '恢复完成',
            content: safety ? `原有数据已备份到 ${safety.path}。点击“确定”重新载入程序。` : '点击“确定”重新载入程序。',
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

  const holder = (
    <>
      <Modal
        open={file !== null}
        title="输入备份口令"
        okText="校验备份"
        cancelText="取消"
        destroyOnHidden
        onCancel={() => setFile(null)}
        onOk={() => {
          const picked = file!;
          setFile(null);
          void verify(picked, passphrase);
        }}
      >
        <Typography.Paragraph>备份文件：{file}</Typography.Paragraph>
        <Input.Password aria-label="口令" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </Modal>
      <Modal open={task !== null} title="正在恢复" closable={false} maskClosable={false} keyboard={false} footer={null}>
        <Typography.Paragraph>{task?.phase}…</Typography.Paragraph>
        <Progress percent={task && task.progress.total ? Math.floor((task.progress.done / task.progress.total) * 100) : 0} status="active" />
      </Modal>
    </>
  );
  return { start, holder };
}
