import { useMemo } from 'react';
import { App, Form, Modal } from 'antd';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { messageOf } from '../../api';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';

/**
 * A record's add/edit dialog with the form the catalogue derives (every problem at its field at once, the
 * repository's refusals too). `record` undefined: a new one, prefilled with `start` or the declared initial values.
 */
export function RecordDialog({
  type,
  record,
  start,
  title,
  onSave,
  onClose,
}: {
  type: AnyRecordType;
  record?: object;
  start?: object;
  title: string;
  onSave: (input: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const sections = useMemo(() => formSections(type), [type]);
  const leaves = useMemo(() => formLeaves(type), [type]);
  const values = useMemo(() => record ?? start ?? initialValues(type), [record, start, type]);
  const save = async () => {
    try {
      if (await submitRecord(form, type, leaves, {}, async (input) => void (await onSave(input)))) {
        message.success('已保存');
        onClose();
      }
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={save} onCancel={onClose} width={720} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={values}>
        <RecordFields sections={sections} columns={2} />
      </Form>
    </Modal>
  );
}
