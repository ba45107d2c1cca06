import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Card, Form, Select, TreeSelect, Typography } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import type { BundleScope } from '../../../shared/sync/bundleMeta';
import { SYNCED_TYPES } from '../../../shared/catalog';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { unitOptions } from '../../components/unitOptions';
import { NewPassphraseFields } from '../../components/NewPassphraseFields';
import { fileSize } from '../../components/format';
import { exportWithPassphrase } from './transfer';
import { BUNDLE_FILTERS, stamp, withExportProgress } from './TransferCards';
import { TaskProgressModal, type RunningTask } from '../../components/TaskProgressModal';

const tableOptions = SYNCED_TYPES.map((t) => ({ value: t.table, label: t.restricted ? `${t.name}（受限，须单独选择）` : t.name }));

/**
 * 口令数据包: a one-off bundle of units and tables chosen here, outside a peer's fixed scope, encrypted with a
 * passphrase given to the other side apart from the stick (who must still trust this installation's card: every
 * bundle is signed). Always full; no acknowledgement. Restricted tables travel only when chosen by name (docs/supervision.md "Restricted").
 */
export function PassphraseExportCard({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const units = useLiveQuery(() => db.units.toArray(), []);
  const [task, setTask] = useState<RunningTask>(null);

  const run = async () => {
    const values = (await form.validateFields()) as { units?: string[]; tables?: string[]; passphrase: string };
    const scope: BundleScope = { units: values.units?.length ? values.units : 'all', tables: values.tables?.length ? values.tables : 'all' };
    const choice = await cadreDesk().dialog.saveFile({ title: '保存口令数据包', defaultName: `${info.profile?.name ?? '本机'}-口令数据包-${stamp()}.cadre`, filters: BUNDLE_FILTERS });
    const path = choice.filePaths[0];
    if (choice.canceled || !path) return;
    const abort = new AbortController();
    setTask({ title: '正在导出口令数据包', progress: { done: 0, total: 0 }, cancel: () => abort.abort() });
    try {
      const r = await exportWithPassphrase(db, cadreDesk(), {
        self: info.installationId,
        scope,
        passphrase: values.passphrase,
        path,
        signal: abort.signal,
        onProgress: (p) => setTask(withExportProgress(p)),
      });
      setTask(null);
      form.resetFields(['passphrase', 'again']);
      modal.success({
        title: '口令数据包已写入并通过校验，可以安全拔出U盘',
        content: `${r.records.toLocaleString('zh-CN')} 条记录，${r.photos.toLocaleString('zh-CN')} 张照片，${fileSize(r.bytes)}，保存在 ${path}。请把口令另行告知对方，不要与U盘放在一起。`,
        okText: '知道了',
      });
    } catch (error) {
      setTask(null);
      message.error(messageOf(error), 10);
    }
  };

  return (
    <Card title="口令数据包" data-testid="passphrase-export">
      <Typography.Paragraph type="secondary">自选单位和数据导出，再用口令加密：用于一次性移交部分数据，或不按交换对象的固定范围发送。对方须已信任本机的联系卡，在“接收数据”中输入口令即可导入；本机不记录对方是否收到。</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} style={{ maxWidth: 560 }}>
        <Form.Item label="单位（含下级单位）" name="units" extra="不选则为全部单位。">
          <TreeSelect aria-label="口令数据包的单位" multiple treeData={unitOptions(units ?? [])} showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder="全部单位" />
        </Form.Item>
        <Form.Item label="数据" name="tables" extra="不选则为全部数据（受限数据除外）。">
          <Select aria-label="口令数据包的数据" mode="multiple" options={tableOptions} optionFilterProp="label" placeholder="全部数据（受限数据除外）" />
        </Form.Item>
        <NewPassphraseFields form={form} extra="对方导入时需要这个口令。请当面或电话告知，不要写在U盘上。" keepApart="请抄写下来，另行告知对方。" />
      </Form>
      <Button type="primary" style={{ marginTop: 16 }} onClick={() => void run().catch(() => undefined)}>
        导出口令数据包…
      </Button>
      <TaskProgressModal task={task} />
    </Card>
  );
}
