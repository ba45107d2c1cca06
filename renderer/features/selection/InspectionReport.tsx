import { useRef, useState } from 'react';
import { App, Button, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { cadreDesk } from '../../api';
import { getBlob } from '../../db/blobs';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { setInspectionReport } from '../../db/selection';
import { refusalText } from './common';

// The 考察 step's report as an attachment (docs/selection.md "The case"): one file per case, kept as a blob by its
// hash like a photo, so it travels with the case in a bundle; opened in a window or saved where the person says.

const MAX_BYTES = 20 * 1024 * 1024;
const EXTENSION: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-works': 'wps',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'text/plain': 'txt',
};

const sizeText = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

export function InspectionReport({
  caseId,
  hash,
  postTitle,
  ctx,
  editable,
  saveFirst,
}: {
  caseId: string;
  hash: string | null;
  postTitle: string;
  ctx: WriteContext;
  editable: boolean;
  /** Saves what the case screen holds (the case is written, and the screen then shows what was saved). */
  saveFirst: () => Promise<boolean>;
}) {
  const { message, modal } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  // undefined while reading; null when the case names a file this installation has not received
  const entry = useLiveQuery(async () => (hash ? ((await getBlob(db, hash)) ?? null) : null), [hash]);
  const run = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      message.success(done);
    } catch (e) {
      message.error(refusalText(e), 8);
    } finally {
      setBusy(false);
    }
  };
  const saved = async () => {
    if (!(await saveFirst())) throw new Error('请先改正表单中标出的问题，再上传或移除考察材料');
  };
  const attach = (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      message.error(`文件“${file.name}”超过20MB，请压缩或分拆后再上传`);
      return;
    }
    void run(async () => (await saved(), await setInspectionReport(db, ctx, caseId, file)), '已上传考察材料');
  };
  const view = () => {
    if (!entry) return message.error('考察材料的文件不在本机，可能尚未随数据包收到');
    window.open(URL.createObjectURL(entry.data), '_blank');
  };
  const save = () =>
    run(async () => {
      if (!entry) throw new Error('考察材料的文件不在本机，可能尚未随数据包收到');
      const ext = EXTENSION[entry.type] ?? 'bin';
      const choice = await cadreDesk().dialog.saveFile({
        title: '保存考察材料',
        defaultName: `${postTitle}考察材料.${ext}`,
        filters: [{ name: '考察材料', extensions: [ext] }],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) throw new Error('已取消保存');
      await cadreDesk().file.write({ path, bytes: new Uint8Array(await entry.data.arrayBuffer()) });
    }, '已保存考察材料');
  const remove = () =>
    modal.confirm({
      title: '移除考察材料',
      content: '移除后选任纪实不再附有考察材料，可重新上传。',
      okText: '移除',
      cancelText: '取消',
      onOk: () => run(async () => (await saved(), await setInspectionReport(db, ctx, caseId, null)), '已移除考察材料'),
    });
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="inspection-report">
      <Typography.Text strong>考察材料（考察报告）：</Typography.Text>
      {!hash && <Typography.Text type="secondary">未上传</Typography.Text>}
      {hash && entry === null && <Typography.Text type="warning">文件不在本机，可能尚未随数据包收到</Typography.Text>}
      {hash && entry && (
        <Typography.Text data-testid="inspection-report-file">
          已上传（{EXTENSION[entry.type]?.toUpperCase() ?? '文件'}，{sizeText(entry.data.size)}）
        </Typography.Text>
      )}
      {hash && entry && (
        <>
          <Button size="small" onClick={view}>
            查看
          </Button>
          <Button size="small" loading={busy} onClick={() => void save()}>
            另存为
          </Button>
        </>
      )}
      {editable && (
        <Button size="small" loading={busy} onClick={() => input.current?.click()}>
          {hash ? '替换' : '上传'}考察材料
        </Button>
      )}
      {editable && hash && (
        <Button size="small" danger loading={busy} onClick={remove}>
          移除
        </Button>
      )}
      <input ref={input} type="file" hidden aria-label="选择考察材料文件" onChange={(e) => (attach(e.target.files?.[0]), (e.target.value = ''))} />
    </Space>
  );
}
