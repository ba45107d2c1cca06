import { useState } from 'react';
import { App, Button, Col, Form, Modal, Popconfirm, Row, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { caption } from '../../../shared/code';
import { SUB_RECORD_TABLES, type SubRecordTable } from '../../../shared/domain/cadre';
import { printMonth } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { addSubRecord, deleteSubRecord, listSubRecords, updateSubRecord } from '../../db/cadres';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { SUB_RECORD_FIELDS, type FieldSpec } from './fieldSpecs';
import { FieldInput, toRecordValue } from './FieldInput';
import { showAtField } from './formErrors';
import { validated } from '../../components/validated';

type Row = Record<string, unknown> & { id: string };

function show(spec: FieldSpec, value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  switch (spec.kind) {
    case 'month':
      return printMonth(value as string);
    case 'code':
      return caption(spec.table!, value as string);
    case 'enum':
      return spec.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'bool':
      return value ? '是' : '';
    default:
      return String(value);
  }
}

/** One sub-record kind of a dossier: its list, and a dialog to add or edit an entry. */
export function SubRecordTab({
  table,
  cadreId,
  ctx,
  highlightId = null,
}: {
  table: SubRecordTable;
  cadreId: string;
  ctx: WriteContext;
  /** The entry a 数据校验 finding points to. */
  highlightId?: string | null;
}) {
  const { message } = App.useApp();
  const specs = SUB_RECORD_FIELDS[table];
  const label = SUB_RECORD_TABLES[table].label;
  const rows = useLiveQuery(async () => {
    const list = (await listSubRecords(db, table, cadreId)) as unknown as Row[];
    // chronological: by year for assessments, else by the first month field (career 起始时间, family 出生年月 …)
    const key = table === 'assessments' ? 'year' : (specs.find((s) => s.kind === 'month')?.name ?? specs[0]!.name);
    return list.sort((a, b) => String(a[key] ?? '').localeCompare(String(b[key] ?? '')));
  }, [table, cadreId]);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [form] = Form.useForm();

  const open = (row: Row | 'new') => {
    form.resetFields();
    if (row !== 'new') form.setFieldsValue(row);
    else if (table === 'career') form.setFieldsValue({ kind: 'work' });
    setEditing(row);
  };

  const save = async () => {
    if (!(await validated(form))) return;
    const values = form.getFieldsValue(true) as Record<string, unknown>;
    const input = Object.fromEntries(specs.map((s) => [s.name, toRecordValue(s, values[s.name])]));
    try {
      if (editing === 'new') await addSubRecord(db, ctx, table, cadreId, input as never);
      else if (editing) await updateSubRecord(db, ctx, table, cadreId, editing.id, input as never);
      message.success('已保存');
      setEditing(null);
    } catch (error) {
      if (!showAtField(form, error, specs.map((s) => s.name))) message.error(messageOf(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<PlusOutlined />} onClick={() => open('new')}>
        新增{label}
      </Button>
      <Table<Row>
        size="small"
        rowKey="id"
        data-testid={`sub-${table}`}
        dataSource={rows ?? []}
        pagination={false}
        rowClassName={(row) => (row.id === highlightId ? 'row-to-fix' : '')}
        locale={{ emptyText: `暂无${label}记录` }}
        columns={[
          ...specs
            .filter((s) => s.column)
            .map((s) => ({ key: s.name, title: s.label, render: (_: unknown, row: Row) => show(s, row[s.name]) })),
          {
            key: 'actions',
            title: '操作',
            width: 120,
            render: (_: unknown, row: Row) => (
              <Space>
                <Button type="link" size="small" onClick={() => open(row)}>
                  修改
                </Button>
                <Popconfirm title="确定删除这条记录吗？" okText="删除" cancelText="取消" onConfirm={() => deleteSubRecord(db, ctx, table, cadreId, row.id).catch((e: unknown) => message.error(messageOf(e)))}>
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
        title={`${editing === 'new' ? '新增' : '修改'}${label}`}
        onOk={save}
        onCancel={() => setEditing(null)}
        okText="保存"
        cancelText="取消"
        width={720}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Row gutter={16}>
            {specs.map((spec) => (
              <Col key={spec.name} span={spec.kind === 'bool' ? 6 : 12}>
                <Form.Item
                  name={spec.name}
                  label={spec.label}
                  required={spec.required}
                  rules={spec.required ? [{ required: true, message: `请填写${spec.label}` }] : []}
                >
                  <FieldInput spec={spec} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form>
      </Modal>
    </Space>
  );
}
