import { Checkbox, Input, InputNumber, Select, TreeSelect } from 'antd';
import { codeTables } from '../../../shared/code';
import { normalizeMonthInput } from '../../../shared/rules/months';
import type { FieldSpec } from './fieldSpecs';

import type { UnitOption } from '../../components/unitOptions';

export type { UnitOption };

interface Props {
  spec: FieldSpec;
  value?: unknown;
  onChange?: (value: unknown) => void;
  units?: UnitOption[];
  id?: string;
}

/** The input for one field spec; antd Form.Item passes value/onChange/id. */
export function FieldInput({ spec, value, onChange, units, id }: Props) {
  const common = { id, 'aria-label': spec.label };
  switch (spec.kind) {
    case 'code':
      return (
        <Select
          {...common}
          allowClear={!spec.required}
          showSearch={{ optionFilterProp: 'label' }}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          placeholder="请选择"
          options={codeTables[spec.table!].entries.map((e) => ({ value: e.code, label: e.caption }))}
        />
      );
    case 'enum':
      return <Select {...common} value={value as string | undefined} onChange={(v) => onChange?.(v)} options={spec.options} placeholder="请选择" />;
    case 'unit':
      return (
        <TreeSelect
          {...common}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          treeData={units}
          showSearch
          treeNodeFilterProp="title"
          treeDefaultExpandAll
          placeholder="请选择单位"
        />
      );
    case 'month':
      return (
        <Input
          {...common}
          value={(value as string | null) ?? ''}
          placeholder="例：1985-07"
          maxLength={12}
          onChange={(e) => onChange?.(e.target.value)}
          // 1985.7, 198507 and 1985年7月 become 1985-07 when the field is left
          onBlur={(e) => {
            const normalized = normalizeMonthInput(e.target.value);
            if (normalized !== null && normalized !== e.target.value) onChange?.(normalized);
          }}
        />
      );
    case 'bool':
      return <Checkbox {...common} checked={Boolean(value)} onChange={(e) => onChange?.(e.target.checked)} />;
    case 'year':
      return <InputNumber {...common} value={value as number | undefined} onChange={(v) => onChange?.(v)} min={1950} max={2100} precision={0} style={{ width: '100%' }} />;
    case 'longText':
      return <Input.TextArea {...common} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} />;
    default:
      return <Input {...common} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} />;
  }
}

/** Empty month and code inputs mean "not recorded" (null) to the schemas. */
export function toRecordValue(spec: FieldSpec, value: unknown): unknown {
  if ((spec.kind === 'month' || spec.kind === 'code' || spec.kind === 'unit') && (value === '' || value === undefined)) return null;
  if (spec.kind === 'bool') return Boolean(value);
  return value;
}
