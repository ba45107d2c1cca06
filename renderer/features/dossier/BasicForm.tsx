import { useEffect, useMemo } from 'react';
import { Button, Col, Form, Row, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Cadre } from '../../../shared/domain/cadre';
import { unitOptions as toUnitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';
import type { CadreInput } from '../../db/cadres';
import { BASIC_FIELDS } from './fieldSpecs';
import { FieldInput, toRecordValue } from './FieldInput';
import { showAtField } from './formErrors';
import { validated } from '../../components/validated';

const ALL_FIELDS = BASIC_FIELDS.flatMap((g) => g.fields);
const FIELD_NAMES = ALL_FIELDS.map((f) => f.name);


function get(obj: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], obj);
}

function toInput(values: Record<string, unknown>): CadreInput {
  const out: Record<string, Record<string, unknown> | unknown> = {};
  for (const spec of ALL_FIELDS) {
    const value = toRecordValue(spec, get(values, spec.name));
    const [head, tail] = spec.name.split('.') as [string, string | undefined];
    if (tail) out[head] = { ...((out[head] as Record<string, unknown>) ?? {}), [tail]: value };
    else out[head] = value;
  }
  return out as unknown as CadreInput;
}

/** The basic record: the same form creates a cadre and edits one. Refusals land at their field. */
export function BasicForm({
  cadre,
  defaults,
  focusField,
  onSave,
}: {
  cadre?: Cadre;
  /** A field to bring into view and focus (from a 数据校验 finding). */
  focusField?: string | null;
  defaults?: Partial<CadreInput>;
  onSave: (input: CadreInput) => Promise<void>;
}) {
  const [form] = Form.useForm();
  const units = useLiveQuery(() => db.units.toArray(), []);
  const unitOptions = useMemo(() => toUnitOptions(units ?? []), [units]);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(cadre ?? { personnelCategory: '1', status: '01', nation: '01', ...defaults });
  }, [cadre, defaults, form]);
  useEffect(() => {
    if (!focusField || !FIELD_NAMES.includes(focusField)) return;
    const name = focusField.split('.');
    // after the tab has painted: an input that is not yet visible cannot take focus
    const timer = setTimeout(() => {
      form.scrollToField(name, { block: 'center' });
      form.focusField(name);
    }, 50);
    return () => clearTimeout(timer);
  }, [focusField, form]);

  const submit = async () => {
    if (!(await validated(form))) return; // antd shows the required-field messages
    try {
      await onSave(toInput(form.getFieldsValue(true)));
    } catch (error) {
      if (!showAtField(form, error, FIELD_NAMES)) throw error;
    }
  };

  return (
    <Form form={form} layout="vertical" data-testid="basic-form" onFinish={submit}>
      {BASIC_FIELDS.map((group) => (
        <div key={group.group}>
          <Typography.Title level={5}>{group.group}</Typography.Title>
          <Row gutter={16}>
            {group.fields.map((spec) => (
              <Col key={spec.name} xs={24} md={12} xl={6}>
                <Form.Item
                  name={spec.name.split('.')}
                  label={spec.label}
                  required={spec.required}
                  rules={spec.required ? [{ required: true, message: `请填写${spec.label}` }] : []}
                >
                  <FieldInput spec={spec} units={unitOptions} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
      <Button type="primary" htmlType="submit">
        保存基本信息
      </Button>
    </Form>
  );
}
