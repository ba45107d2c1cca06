import { useEffect } from 'react';
import { Form, Input, Modal } from 'antd';
import { UNIT_NAME_MAX, UnitNameSchema } from '../../../shared/domain/unit';
import { zodRule } from '../../components/zodRule';
import { validated } from '../../components/validated';

export interface UnitNameDialogProps {
  open: boolean;
  title: string;
  initialName?: string;
  /** Resolves when saved; rejects with a Chinese message shown at the field. */
  onSubmit: (name: string) => Promise<void>;
  onClose: () => void;
}

export function UnitNameDialog({ open, title, initialName = '', onSubmit, onClose }: UnitNameDialogProps) {
  const [form] = Form.useForm<{ name: string }>();
  useEffect(() => {
    if (open) form.setFieldsValue({ name: initialName });
  }, [open, initialName, form]);

  const ok = async () => {
    const values = await validated(form);
    if (!values) return; // the field shows why
    const { name } = values;
    try {
      await onSubmit(name);
      onClose();
    } catch (e) {
      form.setFields([{ name: 'name', errors: [e instanceof Error ? e.message : String(e)] }]);
    }
  };

  return (
    <Modal open={open} title={title} onOk={ok} onCancel={onClose} okText="保存" cancelText="取消" destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={ok}>
        <Form.Item label="单位名称" name="name" required rules={[zodRule(UnitNameSchema)]}>
          {/* no maxLength: a long pasted name would be cut silently; the rule refuses it with the limit instead */}
          <Input autoFocus showCount={{ formatter: ({ count }) => `${count} / ${UNIT_NAME_MAX}` }} placeholder="例：区委组织部" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
