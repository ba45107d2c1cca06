import { useState, type ReactNode } from 'react';
import { App, Input, Modal, Space, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import type { BackupProgress } from './backupFile';
import { madeElsewhere, openBackup, restoreBackup, type OpenedBackup } from './restore';
import { dateTime, fileSize } from '../../components/format';
import { TaskProgressModal } from '../../components/TaskProgressModal';

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
    if (!madeElsewhere(opened, info?.installationId ?? '')) {
      summary(opened, phrase, false);
      return;
    }
    // another installation's backup (a replaced PC): its name and fingerprint confirmed first, the risk named
    modal.confirm({
      title: '这个备份由另一台电脑制作',
      width: 600,
      content: (
        <Space orientation="vertical" data-testid="restore-elsewhere">
          <span>
            制作备份的电脑：“{opened.signer.name}”，指纹 <Typography.Text code style={{ whiteSpace: 'nowrap' }} data-testid="restore-elsewhere-fingerprint">{opened.signer.fingerprint}</Typography.Text>
          </span>
          <span>
            请与制作这个备份的人员（或这台电脑原来的“本机设置”页面）逐组核对上面的指纹。只有确认它是本单位原来那台电脑（例如已更换的旧电脑）的备份时才可继续：
            来历不明的备份可能被人调包，恢复后本机的全部数据都将被它替换。
          </span>
          <span>恢复后本机仍使用自己的身份和密钥，其他电脑需要重新导入本机的联系卡才能与本机交换数据。</span>
        </Space>
      ),
      okText: '指纹一致，继续',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onCancel: () => void api().close({ openId: opened.openId }),
      onOk: () => summary(opened, phrase, true),
    });
  };

  const summary = (opened: OpenedBackup, phrase: string, elsewhere: boolean) => {
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
            madeElsewhere: elsewhere,
            onProgress: (phase, p) => setTask({ phase: phase === '安全备份' ? '先备份本机当前数据' : '写入备份中的数据', progress: p }),
          });
          setTask(null);
          const kept = safety ? `原有数据已备份到 ${safety.path}。` : '';
          const peers = elsewhere
            ? '这个备份来自另一台电脑，本机与各交换对象的往来进度已重新开始：请在“数据交换 → 本机联系卡”中点击“导出联系卡”，把本机新的联系卡交给每个交换对象导入并通过电话核对指纹，之后才能互相交换数据。'
            : '';
          modal.success({
            title: '恢复完成',
            width: elsewhere ? 560 : undefined,
            content: <span data-testid="restore-done">{`${kept}${peers}点击“确定”重新载入程序。`}</span>,
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
      <TaskProgressModal task={task && { title: '正在恢复', ...task }} />
    </>
  );
  return { start, holder };
}
