import { App, Button, Popconfirm, Space, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type ReactNode } from 'react';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { displayValue } from '../../../shared/catalog/leaves';
import { fourChecksType } from '../../../shared/domain/supervision';
import { messageOf } from '../../api';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { writeSupervision } from '../../db/supervision';
import { CadrePicker, SupervisionDialog, chainApi, useCadres, type SupervisionType } from './common';
import { FourChecksSide } from './FourChecksSide';

// The district's records of one supervision type (提醒函询诫勉, 问题线索, 凡提四必): its list columns with the
// cadre's name, add for a chosen cadre, edit and delete — each write checked, logged and signed.

type Row = { id: string; cadreId: string; deleted: boolean } & Record<string, unknown>;

export function RecordsPanel({ type, ctx, hint }: { type: SupervisionType; ctx: WriteContext; hint?: ReactNode }) {
  const { message } = App.useApp();
  const rows = useLiveQuery(async () => ((await db.table(type.table).toArray()) as Row[]).filter((r) => !r.deleted), [type]);
  const cadres = useCadres((rows ?? []).map((r) => r.cadreId));
  const [cadreId, setCadreId] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ cadreId: string; record?: Row } | null>(null);
  const anyType = type as AnyRecordType;
  const sorted = [...(rows ?? [])].sort((a, b) => String(b[anyType.period ?? 'id'] ?? '').localeCompare(String(a[anyType.period ?? 'id'] ?? '')));
  const remove = async (r: Row) => {
    try {
      await writeSupervision(db, ctx, type, { kind: 'delete', id: r.id, cadreId: r.cadreId }, chainApi());
      message.success('已删除');
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  const name = cadreId ? cadres.get(cadreId)?.name : undefined;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      {hint}
      <Space wrap>
        <CadrePicker value={cadreId} onChange={setCadreId} />
        <Button type="primary" disabled={!cadreId} onClick={() => cadreId && setEditing({ cadreId })}>
          新增{type.name}
        </Button>
      </Space>
      <Table
        data-testid={`supervision-list-${type.table}`}
        size="small"
        rowKey="id"
        dataSource={sorted}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        scroll={{ x: 'max-content' }}
        columns={[
          { key: 'cadre', title: '干部', width: 90, fixed: 'left', render: (_, r) => cadres.get(r.cadreId)?.name ?? '' },
          ...anyType.list.map((key) => ({
            key,
            title: anyType.fields[key]!.label,
            ellipsis: true,
            render: (_: unknown, r: Row) => displayValue(anyType.fields[key]!, r[key]),
          })),
          {
            key: 'actions',
            title: '操作',
            width: 120,
            fixed: 'right' as const,
            render: (_: unknown, r: Row) => (
              <Space size={4}>
                <Button size="small" onClick={() => setEditing({ cadreId: r.cadreId, record: r })}>
                  编辑
                </Button>
                <Popconfirm title={`删除这条${type.name}记录？`} okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                  <Button size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <SupervisionDialog
          type={type}
          ctx={ctx}
          title={`${cadres.get(editing.cadreId)?.name ?? name ?? ''} ${type.name}`}
          record={editing.record as never}
          fixed={{ cadreId: editing.cadreId }}
          side={type === fourChecksType ? <FourChecksSide cadreId={editing.cadreId} /> : undefined}
          onClose={() => setEditing(null)}
        />
      )}
    </Space>
  );
}
