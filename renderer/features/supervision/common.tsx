import { App, Col, Form, Modal, Row, Select } from 'antd';
import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import type { Cadre } from '../../../shared/domain/cadre';
import type { SUPERVISION_TYPES } from '../../../shared/domain/supervision';
import { cadreDesk, messageOf } from '../../api';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { writeSupervision, type ChainApi } from '../../db/supervision';
import { readSupervisionSettings } from '../../db/supervisionSettings';
import { DEFAULT_SUPERVISION_SETTINGS, type SupervisionSettings } from '../../../shared/rules/supervisionSettings';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Levels } from '../../../shared/rules/personalMatters';
import { monthOf } from '../../../shared/rules/months';
import { CODE_LEVELS } from '../../db/supervisionLists';
import { rosterIndexOf } from '../roster/rosterIndex';

// What the 监督管理 screens share: the main process's side of the log, a cadre picker that searches by name, the
// names of the cadres a list shows, and the add/edit dialog every supervision record uses (its form derived from
// the catalogue; each write goes through renderer/db/supervision.ts, so it is checked, logged and signed).

export type SupervisionType = (typeof SUPERVISION_TYPES)[number];

/** The levels of 职务层次 and 职级 codes, as the code tables give them (who must report). */
export const LEVELS: Levels = CODE_LEVELS;

/**
 * Every cadre, from the roster's in-memory index (read from IndexedDB once per window, then patched from the
 * committed changes), for the district lists: not 100,000 basic records read again at each change
 * (docs/supervision.md "Performance"). Undefined until the index is loaded.
 */
export function useRosterCadres(): Cadre[] | undefined {
  const index = rosterIndexOf(db);
  const version = useSyncExternalStore(index.subscribe, index.getVersion);
  useEffect(() => void index.load(monthOf(new Date())), [index]);
  // version: the index changed since
  return useMemo(() => (index.loaded ? index.sortedBy('unit').map((r) => r.cadre) : undefined), [index, version]);
}

/** The log's signer and checker in the main process (the key never leaves it). */
export const chainApi = (): ChainApi => {
  const api = cadreDesk();
  return { signHead: (input) => api.supervision.signHead(input), checkHead: (input) => api.supervision.checkHead(input) };
};

/** The area's settings as kept (the defaults until read), followed live as they change. */
export const useSupervisionSettings = (): SupervisionSettings => useLiveQuery(() => readSupervisionSettings(db), []) ?? DEFAULT_SUPERVISION_SETTINGS;

/** Names (and units) of the given cadres, read once per change of the list. */
export function useCadres(ids: readonly string[]): Map<string, Cadre> {
  const key = [...new Set(ids)].sort().join(',');
  const [found, setFound] = useState(new Map<string, Cadre>());
  useEffect(() => {
    let alive = true;
    const list = key ? key.split(',') : [];
    void db.cadres.bulkGet(list).then((rows) => {
      if (alive) setFound(new Map(rows.flatMap((c) => (c ? [[c.id, c] as const] : []))));
    });
    return () => {
      alive = false;
    };
  }, [key]);
  return found;
}

/** Picks a cadre by typing part of a name (the first 30 matches). */
export function CadrePicker({ value, onChange }: { value: string | null; onChange: (id: string | null) => void }) {
  const [query, setQuery] = useState('');
  const [options, setOptions] = useState<Cadre[]>([]);
  useEffect(() => {
    let alive = true;
    const q = query.trim();
    void db.cadres
      .filter((c) => !c.deleted && (!q || c.name.includes(q)))
      .limit(30)
      .toArray()
      .then((found) => alive && setOptions(found));
    return () => {
      alive = false;
    };
  }, [query]);
  return (
    <Select
      aria-label="干部"
      data-testid="supervision-cadre-picker"
      showSearch={{ filterOption: false, onSearch: setQuery }}
      placeholder="输入姓名查找干部"
      style={{ width: 220 }}
      value={value ?? undefined}
      onChange={(v) => onChange((v as string | undefined) ?? null)}
      options={options.map((c) => ({ value: c.id, label: c.name }))}
      allowClear
    />
  );
}

/**
 * A supervision record's add/edit dialog: the form the catalogue derives for its type (less `omit`), every problem
 * at its field — the repository's refusals too. `fixed` are values the form does not show (the cadre, the document).
 */
export function SupervisionDialog({
  type,
  ctx,
  record,
  start,
  fixed,
  omit = [],
  title,
  extraForm,
  extraValues,
  side,
  onClose,
}: {
  type: SupervisionType;
  ctx: WriteContext;
  record?: { id: string; cadreId: string } & object;
  start?: object;
  fixed: { cadreId: string } & Record<string, unknown>;
  omit?: readonly string[];
  title: string;
  /** More inputs below the derived ones (a report's items). */
  extraForm?: ReactNode;
  /** Their values for the record, from the form's values. */
  extraValues?: (values: Record<string, unknown>) => Record<string, unknown>;
  /** What the person should see beside the form while filling it in (凡提四必: the dossier's findings, open clues). */
  side?: ReactNode;
  onClose: (saved: boolean) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const sections = useMemo(
    () => formSections(type as AnyRecordType).map((s) => ({ ...s, leaves: s.leaves.filter((l) => !omit.includes(l.path)) })),
    [type, omit],
  );
  const leaves = useMemo(() => formLeaves(type as AnyRecordType).filter((l) => !omit.includes(l.path)), [type, omit]);
  useEffect(() => form.setFieldsValue(record ?? { ...initialValues(type as AnyRecordType), ...start }), [form, record, start, type]);
  const save = async () => {
    try {
      const more = { ...fixed, ...(extraValues?.(form.getFieldsValue(true) as Record<string, unknown>) ?? {}) };
      const saved = await submitRecord(form, type as AnyRecordType, leaves, more, async (input) => {
        if (record) await writeSupervision(db, ctx, type, { kind: 'update', id: record.id, cadreId: record.cadreId, patch: input as never }, chainApi());
        else await writeSupervision(db, ctx, type, { kind: 'create', input: input as never }, chainApi());
      });
      if (saved) {
        message.success('已保存');
        onClose(true);
      }
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal open title={title} okText="保存" cancelText="取消" onOk={save} onCancel={() => onClose(false)} width={side ? 1160 : 760} destroyOnHidden>
      <Row gutter={20} wrap={false}>
        <Col flex="auto" style={{ minWidth: 0 }}>
          <Form form={form} layout="vertical">
            <RecordFields sections={sections} columns={2} />
            {extraForm}
          </Form>
        </Col>
        {side && (
          <Col flex="380px" style={{ maxHeight: '70vh', overflowY: 'auto' }}>
            {side}
          </Col>
        )}
      </Row>
    </Modal>
  );
}
