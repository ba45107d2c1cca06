import { Col, Form, Row, Typography } from 'antd';
import type { Leaf } from '../../../shared/catalog/leaves';
import type { UnitOption } from '../unitOptions';
import { FieldInput } from './FieldInput';
import type { FormSection } from './recordForm';

/**
 * One field's input as Form.Item drives it. The field's message from the last save goes as soon as the person
 * changes the field: it spoke of the old value (the next save checks everything again).
 */
function FieldControl({ leaf, units, value, onChange, id }: { leaf: Leaf; units?: UnitOption[]; value?: unknown; onChange?: (v: unknown) => void; id?: string }) {
  const form = Form.useFormInstance();
  const name = leaf.path.split('.');
  const change = (v: unknown) => {
    onChange?.(v);
    if (form.getFieldError(name).length) form.setFields([{ name, errors: [] }]);
  };
  return <FieldInput field={leaf.field} label={leaf.label} units={units} value={value} onChange={change} id={id} />;
}

/**
 * The inputs of a record type's form, section by section, each labelled and marked as its declaration says. The
 * problems are set by submitRecord (every one at once), so the items carry no rules of their own.
 */
export function RecordFields({ sections, units, columns = 4 }: { sections: readonly FormSection[]; units?: UnitOption[]; columns?: 2 | 4 }) {
  return (
    <>
      {sections.map((section) => (
        <div key={section.title}>
          {sections.length > 1 && <Typography.Title level={5}>{section.title}</Typography.Title>}
          <Row gutter={16}>
            {section.leaves.map((leaf) => (
              <Col
                key={leaf.path}
                xs={24}
                md={12}
                xl={columns === 4 ? (leaf.field.kind === 'longText' ? 12 : 6) : leaf.field.kind === 'boolean' ? 6 : 12}
              >
                <Form.Item
                  name={leaf.path.split('.')}
                  label={leaf.label}
                  tooltip={leaf.field.help}
                  required={leaf.field.required && leaf.field.default === undefined}
                >
                  <FieldControl leaf={leaf} units={units} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </>
  );
}
