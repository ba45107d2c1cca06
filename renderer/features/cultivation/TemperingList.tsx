import { useMemo, useState } from 'react';
import { App, Button, Drawer, Form, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { displayValue, leavesOfKeys } from '../../../shared/catalog/leaves';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import { addTempering, deleteTempering, updateTempering } from '../../db/cultivation';
import { db } from '../../db/instance';
import { periodOf } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { RecordFields } from '../../components/records/RecordFields';
import { RecordHistory } from '../../components/records/RecordHistory';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';

type Row = Record<string, unknown> & { id: string };

/**
 * One tempering kind of a dossier (挂职, 驻村, 请战, 顶岗): its entries, a dialog to add or edit one with the form the
 * catalogue derives (every problem at its field, the database's checks included), delete, and each entry's history.
 */
export function TemperingList({ table, cadreId, ctx, rows }: { table: TemperingTable; cadreId: string; ctx: WriteContext; rows: readonly Row[] }) {
  const type = TEMPERING_TYPES[table];
  const { message } = App.useApp();
  const sections = useMemo(() => formSections(type), [type]);
  const leaves = useMemo(() => formLeaves(type), [type]);
  const columns = useMemo(() => leavesOfKeys(type, type.list), [type]);
  const sorted = useMemo(() => [...rows].sort((a, b) => periodOf(type, a).localeCompare(periodOf(type, b))), [rows, type]);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [history, setHistory] = useState<Row | null>(null);
  const [form] = Form.useForm();

  const open = (row: Row | 'new') => {
    form.resetFields();
    form.setFieldsValue(row === 'new' ? initialValues(type) : row);
    setEditing(row);
  };
  const save = async () => {
    try {
      const saved = await submitRecord(form, type, leaves, { cadreId }, async (input) => {
        if (editing === 'new') await addTempering(db, ctx, table, input);
        else if (editing) await updateTempering(db, ctx, table, cadreId, editing.id, input);
      });
      if (saved) {
        message.success('已保存');
        setEditing(null);
      }
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text strong>{type.name}</Typography.Text>
        <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')}>
          新增{type.name}
        </Button>
      </Space>
      <Table<Row>
        size="small"
        rowKey="id"
        data-testid={`tempering-${table}`}
        dataSource={sorted}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: `暂无${type.name}记录` }}
        columns={[
          ...columns.map((leaf) => ({
            key: leaf.path,
            title: leaf.label,
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
            render: (_: unknown, row: Row) => displayValue(leaf.field, row[leaf.path]),
          })),
          {
            key: 'actions',
            title: '操作',
            width: 170,
            render: (_: unknown, row: Row) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => open(row)}>
                  修改
                </Button>
                <Button type="link" size="small" onClick={() => setHistory(row)}>
                  历史
                </Button>
                <Popconfirm
                  title={`确定删除这条${type.name}记录吗？`}
                  okText="删除"
                  cancelText="取消"
                  onConfirm={() => deleteTempering(db, ctx, table, cadreId, row.id).catch((e: unknown) => message.error(messageOf(e)))}
                >
                  <Button type="link" size="small" danger>
                    删除
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={`${editing === 'new' ? '新增' : '修改'}${type.name}`}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <RecordFields sections={sections} columns={2} />
        </Form>
      </Modal>
      <Drawer open={history !== null} onClose={() => setHistory(null)} title={history ? `${type.title(history as never)} · 变更记录` : ''} width={560} destroyOnHidden>
        {history && <RecordHistory keys={[[type.table, history.id]]} testId="record-history" />}
      </Drawer>
    </Space>
  );
}
