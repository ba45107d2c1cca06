import { useMemo, useState } from 'react';
import { App, Form, Modal, Select, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Cadre } from '../../../shared/domain/cadre';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import { addTemperingForCadres, classesOfYear, enrollCadres } from '../../db/cultivation';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';

// The roster's 培养历练 dialogs (RosterActions.tsx opens them): enrolment of the selection, or one tempering record
// for each selected cadre.

/** The names of the selection, shortened past a few. */
const namesOf = (cadres: readonly Cadre[]) => cadres.slice(0, 5).map((c) => c.name).join('、') + (cadres.length > 5 ? ` 等${cadres.length}人` : '');

export function EnrollDialog({ ctx, cadres, onClose }: { ctx: WriteContext; cadres: readonly Cadre[]; onClose: () => void }) {
  const { message } = App.useApp();
  const year = new Date().getFullYear();
  const classes = useLiveQuery(async () => [...(await classesOfYear(db, year)), ...(await classesOfYear(db, year - 1))], [year]);
  const [classId, setClassId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const enroll = async () => {
    if (!classId) return setError('请选择培训班');
    try {
      const done = await enrollCadres(db, ctx, classId, cadres.map((c) => c.id));
      message.success(`已为 ${done.length} 人报名`);
      onClose();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <Modal open title="报名参加培训班" okText="报名" cancelText="取消" onOk={enroll} onCancel={onClose} destroyOnHidden>
      <Typography.Paragraph>报名人员：{namesOf(cadres)}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="培训班" required validateStatus={error ? 'error' : undefined} help={error ?? (classes && !classes.length ? '今年和去年还没有培训班，请先到“培养历练”新增培训班' : undefined)}>
          <Select
            aria-label="培训班"
            value={classId ?? undefined}
            onChange={(v) => {
              setClassId(v);
              setError(null);
            }}
            placeholder="请选择培训班"
            options={(classes ?? []).map((c) => ({ value: c.id, label: `${c.from} ${c.name}（${c.hours}学时）` }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TemperingDialog({ ctx, table, cadres, onClose }: { ctx: WriteContext; table: TemperingTable; cadres: readonly Cadre[]; onClose: () => void }) {
  const type = TEMPERING_TYPES[table];
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const sections = useMemo(() => formSections(type), [type]);
  const leaves = useMemo(() => formLeaves(type), [type]);
  const save = async () => {
    try {
      // the form is checked as the first cadre's record; the repository checks each cadre's own
      const saved = await submitRecord(form, type, leaves, { cadreId: cadres[0]!.id }, async (input) => {
        await addTemperingForCadres(db, ctx, table, cadres.map((c) => c.id), input);
      });
      if (saved) {
        message.success(`已为 ${cadres.length} 人登记${type.name}`);
        onClose();
      }
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Modal open title={`登记${type.name}`} okText="保存" cancelText="取消" onOk={save} onCancel={onClose} width={720} destroyOnHidden>
      <Typography.Paragraph>登记人员：{namesOf(cadres)}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={initialValues(type)}>
        <RecordFields sections={sections} columns={2} />
      </Form>
    </Modal>
  );
}
