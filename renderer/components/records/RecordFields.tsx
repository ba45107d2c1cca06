import { Col, Form, Row, Typography } from 'antd';
import type { UnitOption } from '../unitOptions';
import { FieldInput } from './FieldInput';
import type { FormSection } from './recordForm';

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
                  <FieldInput field={leaf.field} label={leaf.label} units={units} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </div>
      ))}
    </>
  );
}
