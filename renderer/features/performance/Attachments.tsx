import { Button, List, Space, Typography } from 'antd';
import { useRef } from 'react';
import type { PerformanceRecord } from '../../../shared/domain/performance';
import { getBlob, putBlob } from '../../db/blobs';
import { db } from '../../db/instance';
import { editReport } from '../../db/performance';
import type { WriteContext } from '../../db/repository';
import { refusalText } from './common';

// A report's attachments (a scan, a photo of the work): kept as blobs by their hash, like the cadre's photo, so
// they travel with the record in a bundle; added while the record may be edited, opened at any time.

const MAX_BYTES = 20 * 1024 * 1024;

export function Attachments({ record, ctx, editable, onError }: { record: PerformanceRecord; ctx: WriteContext; editable: boolean; onError: (m: string) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const add = async (files: FileList | null) => {
    try {
      const list = [...record.attachments];
      for (const file of files ? [...files] : []) {
        if (file.size > MAX_BYTES) throw new Error(`附件“${file.name}”超过20MB，请压缩后再添加`);
        list.push({ name: file.name.slice(0, 100), file: await putBlob(db, file, file.type || 'application/octet-stream') });
      }
      await editReport(db, ctx, record.id, record.cadreId, { attachments: list });
    } catch (e) {
      onError(refusalText(e));
    }
  };
  const open = async (hash: string | null) => {
    const blob = hash ? await getBlob(db, hash) : undefined;
    if (!blob) return onError('该附件的文件不在本机，可能尚未随数据包收到');
    window.open(URL.createObjectURL(blob.data), '_blank');
  };
  const remove = (i: number) =>
    void editReport(db, ctx, record.id, record.cadreId, { attachments: record.attachments.filter((_, k) => k !== i) }).catch((e: unknown) => onError(refusalText(e)));
  return (
    <List
      size="small"
      header={
        <Space>
          <Typography.Text strong>附件</Typography.Text>
          {editable && <Button size="small" onClick={() => input.current?.click()}>添加附件</Button>}
          <input ref={input} type="file" multiple hidden aria-label="选择附件" onChange={(e) => void add(e.target.files).then(() => (e.target.value = ''))} />
        </Space>
      }
      dataSource={record.attachments}
      locale={{ emptyText: '无附件' }}
      renderItem={(a, i) => (
        <List.Item actions={[<a key="o" onClick={() => void open(a.file)}>打开</a>, ...(editable ? [<a key="d" onClick={() => remove(i)}>移除</a>] : [])]}>{a.name}</List.Item>
      )}
    />
  );
}
