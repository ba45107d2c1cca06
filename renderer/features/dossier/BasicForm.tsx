import { useEffect, useMemo } from 'react';
import { App, Button, Form } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { cadreType, type Cadre } from '../../../shared/domain/cadre';
import { unitOptions as toUnitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';
import { messageOf } from '../../api';
import type { CadreInput } from '../../db/cadres';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';
import { useConfirmWarnings, useUnsavedMark } from '../../components/records/useSaveGuards';

const SECTIONS = formSections(cadreType);
const LEAVES = formLeaves(cadreType);
const FIELD_PATHS = LEAVES.map((l) => l.path);

/** The basic record: the same form creates a cadre and edits one. Every problem shows at its field at once. */
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
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const confirm = useConfirmWarnings();
  const markUnsaved = useUnsavedMark();
  const units = useLiveQuery(() => db.units.toArray(), []);
  const unitOptions = useMemo(() => toUnitOptions(units ?? []), [units]);
  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(cadre ?? { ...initialValues(cadreType), ...defaults });
    markUnsaved(false);
  }, [cadre, defaults, form, markUnsaved]);
  useEffect(() => {
    if (!focusField || !FIELD_PATHS.includes(focusField)) return;
    const name = focusField.split('.');
    // after the tab has painted: an input that is not yet visible cannot take focus
    const timer = setTimeout(() => {
      form.scrollToField(name, { block: 'center' });
      form.focusField(name);
    }, 50);
    return () => clearTimeout(timer);
  }, [focusField, form]);

  // the photo is kept as it is: it has a control of its own (PhotoField)
  // saved: nothing is unsaved any more, even if saving moves on to another page (a new cadre's dossier)
  const save = async (input: Record<string, unknown>) => {
    markUnsaved(false);
    try {
      await onSave(input as CadreInput);
    } catch (error) {
      markUnsaved(true);
      throw error;
    }
  };
  const submit = () =>
    submitRecord(form, cadreType, LEAVES, { photo: cadre?.photo ?? null }, save, { confirm }).catch((e: unknown) => message.error(messageOf(e)));

  return (
    <Form form={form} layout="vertical" data-testid="basic-form" onFinish={submit} onValuesChange={() => markUnsaved(true)}>
      <RecordFields sections={SECTIONS} units={unitOptions} />
      <Button type="primary" htmlType="submit">
        保存基本信息
      </Button>
    </Form>
  );
}
