import { useMemo } from 'react';
import { Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Field } from '../../../shared/catalog/field';
import { recordTypeOf } from '../../../shared/catalog';
import { db } from '../../db/instance';

interface Props {
  field: Field;
  label: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
  id?: string;
}

/**
 * The input of a 'record' field (docs/record-types.md "Adding a record type"): the live records of the linked table, newest
 * first, each by its catalogue title and period. A value that is no record's id (a number typed before the field
 * was a link) is shown as it is, so nothing typed is lost.
 */
export function RecordRefSelect({ field, label, value, onChange, id }: Props) {
  const type = recordTypeOf(field.target!);
  const rows = useLiveQuery(() => db.table(field.target!).toArray() as Promise<(Record<string, unknown> & { id: string; deleted?: boolean })[]>, [field.target]);
  const options = useMemo(() => {
    if (!type || !rows) return [];
    const periodKey = type.period;
    return rows
      .filter((r) => !r.deleted)
      .map((r) => ({ period: periodKey ? String(r[periodKey] ?? '') : '', value: r.id, title: type.title(r as never) }))
      .sort((a, b) => b.period.localeCompare(a.period))
      .map((o) => ({ value: o.value, label: o.period ? `${o.title}（${o.period}）` : o.title }));
  }, [rows, type]);
  return (
    <Select
      id={id}
      aria-label={label}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={(value as string) || undefined}
      onChange={(v) => onChange?.(v ?? '')}
      options={options}
      placeholder={field.help ?? '请选择'}
      notFoundContent={`暂无${type?.name ?? '记录'}`}
    />
  );
}
