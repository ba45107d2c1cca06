import { useEffect, useMemo, useState } from 'react';
import { App, Form, Modal, Select, TreeSelect } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import type { Cadre } from '../../../shared/domain/cadre';
import { problemsOf } from '../../../shared/catalog/validate';
import { messageOf } from '../../api';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';
import { unitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';

// Small pieces the 选拔任用 screens share: the live unit tree and names, a cadre picker, a refusal as text, and the
// add/edit dialog of a catalogue type.

export function useUnits() {
  const units = useLiveQuery(() => db.units.toArray(), []);
  return useMemo(() => {
    const live = (units ?? []).filter((u) => !u.deleted);
    const names = new Map(live.map((u) => [u.id, u.name]));
    return { units: live, options: unitOptions(live), nameOf: (id: string | null | undefined) => (id ? (names.get(id) ?? '') : ''), loaded: !!units };
  }, [units]);
}

export function UnitPicker({ value, onChange, label, allowClear }: { value: string | null; onChange: (id: string | null) => void; label: string; allowClear?: boolean }) {
  const { options } = useUnits();
  return (
    <TreeSelect
      aria-label={label}
      style={{ minWidth: 220 }}
      treeData={options}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange(v ?? null)}
      treeDefaultExpandAll
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={`选择${label}`}
    />
  );
}

/** Finds a cadre by name (the first 30 matches; the chosen one stays an option). */
export function CadrePicker({ value, onChange, label = '干部' }: { value: string | null; onChange: (c: Cadre | null) => void; label?: string }) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Cadre[]>([]);
  useEffect(() => {
    let alive = true;
    const q = query.trim();
    void db.cadres
      .filter((c) => !c.deleted && c.status === '01' && (!q || c.name.includes(q)))
      .limit(30)
      .toArray()
      .then(async (found) => {
        if (value && !found.some((c) => c.id === value)) {
          const chosen = await db.cadres.get(value);
          if (chosen) found.unshift(chosen);
        }
        if (alive) setOptions(found);
      });
    return () => {
      alive = false;
    };
  }, [query, value]);
  return (
    <Select
      aria-label={label}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      style={{ minWidth: 220 }}
      placeholder="输入姓名查找干部"
      value={value ?? undefined}
      options={options.map((c) => ({ value: c.id, label: c.currentPost ? `${c.name}（${c.currentPost}）` : c.name }))}
      onChange={(id: string | undefined) => onChange(options.find((c) => c.id === id) ?? null)}
      allowClear
    />
  );
}

/** A refusal as one text: every problem's message, or the error's own. */
export function refusalText(error: unknown): string {
  const problems = problemsOf(error);
  if (problems.length) return problems.map((p) => p.message).join('；');
  return messageOf(error);
}

/** A catalogue type's add/edit dialog (every problem at its field at once). */
export function TypeDialog({
  type,
  record,
  title,
  extra = {},
  onSave,
  onClose,
}: {
  type: AnyRecordType;
  record?: object;
  title: string;
  /** Values the form does not show (the owner's cadreId …). */
  extra?: Record<string, unknown>;
  onSave: (input: Record<string, unknown>) => Promise<unknown>;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { options } = useUnits();
  const sections = useMemo(() => formSections(type), [type]);
  const leaves = useMemo(() => formLeaves(type), [type]);
  useEffect(() => form.setFieldsValue(record ? initialValues(type, record) : initialValues(type)), [form, record, type]);
  const save = async () => {
    try {
      if (await submitRecord(form, type, leaves, extra, async (input) => void (await onSave(input)))) {
        message.success('已保存');
        onClose();
      }
    } catch (e) {
      message.error(refusalText(e));
    }
  };
  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={save} onCancel={onClose} width={760} destroyOnHidden>
      <Form form={form} layout="vertical">
        <RecordFields sections={sections} units={options} columns={2} />
      </Form>
    </Modal>
  );
}
