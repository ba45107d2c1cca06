import { useMemo, useState } from 'react';
import { App, Button, Checkbox, Drawer, Form, Modal, Popconfirm, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import { displayValue, leavesOfKeys } from '../../../shared/catalog/leaves';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { db } from '../../db/instance';
import { createRecord, deleteRecord, listByCadre, periodOf, updateRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { RecordFields } from './RecordFields';
import { RecordHistory } from './RecordHistory';
import { formLeaves, formSections, initialValues, submitRecord } from './recordForm';
import { useConfirmWarnings, useUnsavedMark } from './useSaveGuards';

type Row = Record<string, unknown> & { id: string };

/**
 * A dossier tab for a record type that belongs to a cadre (docs/record-types.md "Screens"): its list in
 * chronological order, a dialog to add or edit an entry (every problem at its field), delete with a
 * confirmation, and each entry's change history in a drawer.
 */
export function RecordTab({
  type,
  cadreId,
  ctx,
  highlightId = null,
  alsoUpdate,
  write,
}: {
  type: AnyRecordType;
  cadreId: string;
  ctx: WriteContext;
  /** The entry a 数据校验 finding points to. */
  highlightId?: string | null;
  /**
   * A new entry may also update the basic record (a 职务任免 entry → 现任职务): the dialog offers it with this label,
   * and `create` writes both in one transaction.
   */
  alsoUpdate?: { label: string; create: (input: Record<string, unknown>, updateBasic: boolean) => Promise<void> };
  /**
   * Replaces the default save (the catalogue's createRecord / updateRecord) for a type whose writes go through
   * checks that need the database: `id` is null for a new entry. A FieldError it throws is shown at its field.
   */
  write?: (input: Record<string, unknown>, id: string | null) => Promise<void>;
}) {
  const { message, modal } = App.useApp();
  const confirm = useConfirmWarnings();
  const markUnsaved = useUnsavedMark();
  const [changed, setChanged] = useState(false);
  const [updateBasic, setUpdateBasic] = useState(true);
  const sections = useMemo(() => formSections(type), [type]);
  const leaves = useMemo(() => formLeaves(type), [type]);
  const columns = useMemo(() => leavesOfKeys(type, type.list), [type]);
  const rows = useLiveQuery(async () => {
    const list = (await listByCadre(db, type, cadreId)) as unknown as Row[];
    return list.sort((a, b) => periodOf(type, a).localeCompare(periodOf(type, b)));
  }, [type, cadreId]);
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [history, setHistory] = useState<Row | null>(null);
  const [form] = Form.useForm();

  const open = (row: Row | 'new') => {
    form.resetFields();
    form.setFieldsValue(row === 'new' ? initialValues(type) : row);
    setEditing(row);
    setChanged(false);
    setUpdateBasic(true);
  };
  const close = () => {
    setEditing(null);
    setChanged(false);
    markUnsaved(false);
  };
  const cancel = () => {
    if (!changed) return close();
    modal.confirm({ title: '放弃未保存的修改？', content: '这条记录的修改还没有保存。', okText: '放弃修改', okButtonProps: { danger: true }, cancelText: '继续编辑', onOk: close });
  };

  const save = async () => {
    try {
      const siblings = (rows ?? []).filter((r) => editing === 'new' || r.id !== editing?.id);
      const saved = await submitRecord(
        form,
        type,
        leaves,
        { cadreId },
        async (input) => {
          if (write) {
            if (editing) await write(input, editing === 'new' ? null : editing.id);
          } else if (editing === 'new' && alsoUpdate) await alsoUpdate.create(input, updateBasic);
          else if (editing === 'new') await createRecord(db, ctx, type, input as never);
          else if (editing) await updateRecord(db, ctx, type, editing.id, input as never, { cadreId });
        },
        { siblings, confirm },
      );
      if (saved) {
        message.success('已保存');
        close();
      }
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button icon={<PlusOutlined />} onClick={() => open('new')}>
        新增{type.name}
      </Button>
      <Table<Row>
        size="small"
        rowKey="id"
        data-testid={`sub-${type.table}`}
        dataSource={rows ?? []}
        pagination={false}
        rowClassName={(row) => (row.id === highlightId ? 'row-to-fix' : '')}
        locale={{ emptyText: `暂无${type.name}记录` }}
        // headers stay on one line (a narrow window squeezes the long texts of the body instead), and a table
        // wider than the window scrolls sideways rather than crushing its columns
        scroll={{ x: 'max-content' }}
        columns={[
          ...columns.map((leaf) => ({
            key: leaf.path,
            title: leaf.label,
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
            render: (_: unknown, row: Row) => {
              const text = displayValue(leaf.field, row[leaf.path]);
              return leaf.field.kind === 'boolean' && text === '否' ? '' : text;
            },
          })),
          {
            key: 'actions',
            title: '操作',
            width: 170,
            onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
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
                  onConfirm={() => deleteRecord(db, ctx, type, row.id, { cadreId }).catch((e: unknown) => message.error(messageOf(e)))}
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
        onCancel={cancel}
        okText="保存"
        cancelText="取消"
        width={720}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          onValuesChange={() => {
            setChanged(true);
            markUnsaved(true);
          }}
        >
          <RecordFields sections={sections} columns={2} />
          {editing === 'new' && alsoUpdate && (
            <Checkbox checked={updateBasic} onChange={(e) => setUpdateBasic(e.target.checked)}>
              {alsoUpdate.label}
            </Checkbox>
          )}
        </Form>
      </Modal>
      <Drawer
        open={history !== null}
        onClose={() => setHistory(null)}
        title={history ? `${type.title(history as never)} · 变更记录` : ''}
        width={560}
        destroyOnHidden
      >
        {history && <RecordHistory keys={[[type.table, history.id]]} testId="record-history" />}
      </Drawer>
    </Space>
  );
}
