import { useState } from 'react';
import { App, Button, Form, Space } from 'antd';
import { UNIT_ATTRIBUTE_KEYS, unitType, type Unit, type UnitAttributes } from '../../../shared/domain/unit';
import { RecordFields } from '../../components/records/RecordFields';
import { formSections, submitRecord } from '../../components/records/recordForm';
import { messageOf } from '../../api';

// 单位属性 of the selected unit (单位代码, 单位级别, 单位类别, 隶属关系): the inputs come from the unit's declaration
// (docs/record-types.md "Screens"), every problem is shown at its field at once, and the save goes through the
// repository (renderer/db/units.ts updateUnitAttributes).

const KEYS: readonly string[] = UNIT_ATTRIBUTE_KEYS;
/** The declaration's 单位属性 section: the fields this form edits (name, parent and order have their own actions). */
const SECTIONS = formSections(unitType).filter((s) => s.leaves.length > 0 && s.leaves.every((l) => KEYS.includes(l.path)));
const LEAVES = SECTIONS.flatMap((s) => s.leaves);

/** A stored unit's attributes as form values: one written before they existed shows them empty. */
const valuesOf = (unit: Unit): Record<string, unknown> =>
  Object.fromEntries(UNIT_ATTRIBUTE_KEYS.map((k) => [k, unit[k] ?? (k === 'code' ? '' : null)]));

const attributesOf = (input: Record<string, unknown>): Partial<UnitAttributes> =>
  Object.fromEntries(UNIT_ATTRIBUTE_KEYS.map((k) => [k, input[k]])) as Partial<UnitAttributes>;

export interface UnitAttributesFormProps {
  unit: Unit;
  /** False when this installation may not change the unit (another unit's, for a unit installation). */
  editable: boolean;
  save: (attributes: Partial<UnitAttributes>) => Promise<void>;
}

/** Keyed by the unit's id by its caller, so choosing another unit starts from that unit's values. */
export function UnitAttributesForm({ unit, editable, save }: UnitAttributesFormProps) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const [changed, setChanged] = useState(false);

  const submit = async () => {
    setSaving(true);
    try {
      const context = { name: unit.name, parentId: unit.parentId, order: unit.order };
      const saved = await submitRecord(form, unitType, LEAVES, context, (input) => save(attributesOf(input)));
      if (saved) {
        setChanged(false);
        message.success('已保存单位属性');
      }
    } catch (e) {
      modal.warning({ title: '单位属性未保存', content: messageOf(e), okText: '知道了' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={valuesOf(unit)}
      disabled={!editable}
      onValuesChange={() => setChanged(true)}
      onFinish={submit}
      data-testid="unit-attributes"
    >
      <RecordFields sections={SECTIONS} columns={2} />
      {editable && (
        <Space>
          <Button type="primary" htmlType="submit" loading={saving} disabled={!changed}>
            保存单位属性
          </Button>
          <Button
            disabled={!changed}
            onClick={() => {
              form.resetFields();
              setChanged(false);
            }}
          >
            还原
          </Button>
        </Space>
      )}
    </Form>
  );
}
