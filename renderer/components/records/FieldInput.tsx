import { Checkbox, Input, InputNumber, Select, TreeSelect } from 'antd';
import { codeTables } from '../../../shared/code';
import type { Field } from '../../../shared/catalog/field';
import { normalizeDayInput } from '../../../shared/catalog/cells';
import { normalizeMonthInput } from '../../../shared/rules/months';
import type { UnitOption } from '../unitOptions';
import { RecordRefSelect } from './RecordRefSelect';

export type { UnitOption };

interface Props {
  field: Field;
  /** The full label (a group's prefix included): the input's accessible name. */
  label: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
  units?: UnitOption[];
  id?: string;
}

/** The input for one field of the catalogue; antd Form.Item passes value/onChange/id. */
export function FieldInput({ field, label, value, onChange, units, id }: Props) {
  const common = { id, 'aria-label': label };
  switch (field.kind) {
    case 'code':
      return (
        <Select
          {...common}
          allowClear={!field.required}
          showSearch={{ optionFilterProp: 'label' }}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          placeholder="请选择"
          options={codeTables[field.table!].entries.map((e) => ({ value: e.code, label: e.caption }))}
        />
      );
    case 'enum':
      return (
        <Select
          {...common}
          allowClear={!field.required}
          value={(value as string | null) ?? undefined}
          onChange={(v) => onChange?.(v ?? null)}
          options={field.options?.map((o) => ({ ...o }))}
          placeholder="请选择"
        />
      );
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
          allowClear={!field.required}
          placeholder="请选择单位"
        />
      );
    case 'record':
      return <RecordRefSelect field={field} label={label} value={value} onChange={onChange} id={id} />;
    case 'month':
      return (
        <Input
          {...common}
          value={(value as string | null) ?? ''}
          placeholder={field.help ? `例：1985-07（${field.help}）` : '例：1985-07'}
          maxLength={12}
          onChange={(e) => onChange?.(e.target.value)}
          // 1985.7, 198507 and 1985年7月 become 1985-07 when the field is left
          onBlur={(e) => {
            const normalized = normalizeMonthInput(e.target.value);
            if (normalized !== null && normalized !== e.target.value) onChange?.(normalized);
          }}
        />
      );
    case 'date':
      return (
        <Input
          {...common}
          value={(value as string | null) ?? ''}
          placeholder="例：2025-07-01"
          maxLength={12}
          onChange={(e) => onChange?.(e.target.value)}
          onBlur={(e) => {
            const normalized = normalizeDayInput(e.target.value);
            if (normalized !== null && normalized !== e.target.value) onChange?.(normalized);
          }}
        />
      );
    case 'boolean':
      return <Checkbox {...common} checked={Boolean(value)} onChange={(e) => onChange?.(e.target.checked)} />;
    case 'year':
    case 'number':
      return (
        <InputNumber
          {...common}
          value={value as number | undefined}
          onChange={(v) => onChange?.(v)}
          min={field.min}
          max={field.max}
          precision={field.kind === 'year' ? 0 : undefined}
          style={{ width: '100%' }}
        />
      );
    case 'longText':
      return (
        <Input.TextArea
          {...common}
          value={(value as string) ?? ''}
          onChange={(e) => onChange?.(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          showCount={field.max ? { formatter: ({ count }) => `${count}/${field.max}` } : false}
          placeholder={field.help}
        />
      );
    default:
      return <Input {...common} value={(value as string) ?? ''} onChange={(e) => onChange?.(e.target.value)} placeholder={field.help} />;
  }
}

/** Empty inputs mean "not recorded" to the schemas: null for months, codes, units and numbers, false for a box, '' for text and links. */
export function toRecordValue(field: Field, value: unknown): unknown {
  if (field.kind === 'boolean') return Boolean(value);
  if (field.kind === 'text' || field.kind === 'longText' || field.kind === 'record') return value ?? '';
  if (value === '' || value === undefined) return null;
  return value;
}
