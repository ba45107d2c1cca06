import { useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Select, Space, Table, Typography } from 'antd';
import type { Cadre } from '../../../shared/domain/cadre';
import { CadreFieldsSchema } from '../../../shared/domain/cadre';
import { caption } from '../../../shared/code';
import { printMonth } from '../../../shared/rules/months';
import { unitOptions as toUnitOptions } from '../../components/unitOptions';
import type { Unit } from '../../../shared/domain/unit';
import { db } from '../../db/instance';
import { updateCadre } from '../../db/cadres';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { BASIC_FIELDS, type FieldSpec } from '../dossier/fieldSpecs';
import { FieldInput, toRecordValue } from '../dossier/FieldInput';

// Fields that make sense to set for many cadres at once (not names, ID numbers or birth dates).
const BATCH_FIELDS = ['unitId', 'currentPost', 'postLevel', 'rank', 'rankSince', 'personnelCategory', 'status', 'health', 'politicalStatus'];
const SPECS = BASIC_FIELDS.flatMap((g) => g.fields).filter((f) => BATCH_FIELDS.includes(f.name));


function shown(spec: FieldSpec, value: unknown, units: readonly Unit[]): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (spec.kind === 'code') return caption(spec.table!, value as string);
  if (spec.kind === 'month') return printMonth(value as string);
  if (spec.kind === 'unit') return units.find((u) => u.id === value)?.name ?? String(value);
  return String(value);
}

interface Change {
  cadre: Cadre;
  before: string;
  after: string;
  problem: string | null;
}

/** 批量修改: one field over the selected cadres, every change previewed, committed all or nothing. */
export function BatchEditDialog({
  open,
  cadres,
  units,
  ctx,
  onClose,
}: {
  open: boolean;
  cadres: Cadre[];
  units: readonly Unit[];
  ctx: WriteContext;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const [fieldName, setFieldName] = useState<string>('rank');
  const [value, setValue] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const spec = SPECS.find((s) => s.name === fieldName)!;
  const unitOptions = useMemo(() => toUnitOptions(units), [units]);

  const changes = useMemo<Change[]>(() => {
    const next = toRecordValue(spec, value);
    return cadres.map((cadre) => {
      const current = cadre[fieldName as keyof Cadre];
      const problem = (() => {
        if (spec.required && (next === null || next === '')) return `${spec.label}不能为空`;
        const parsed = CadreFieldsSchema.shape[fieldName as keyof typeof CadreFieldsSchema.shape].safeParse(next);
        return parsed.success ? null : (parsed.error.issues[0]?.message ?? '取值不正确');
      })();
      return { cadre, before: shown(spec, current, units), after: shown(spec, next, units), problem };
    });
  }, [cadres, fieldName, spec, value, units]);
  const effective = changes.filter((c) => c.before !== c.after);
  const problems = changes.filter((c) => c.problem);

  const commit = async () => {
    setSaving(true);
    setError(null);
    try {
      const next = toRecordValue(spec, value);
      // one transaction: every selected cadre changes, or none does
      await db.transaction('rw', [db.cadres, db.units, db.meta, db.audit], async () => {
        for (const { cadre } of effective) {
          await updateCadre(db, ctx, cadre.id, { [fieldName]: next }).catch((e: unknown) => {
            throw new Error(`${cadre.name}：${messageOf(e)}（请先在其档案中改正）`);
          });
        }
      });
      message.success(`已修改 ${effective.length} 人的“${spec.label}”`);
      onClose(true);
    } catch (e) {
      setError(`未修改任何人：${messageOf(e)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={`批量修改（已选 ${cadres.length} 人）`}
      width={760}
      okText={`修改 ${effective.length} 人`}
      cancelText="取消"
      onOk={commit}
      okButtonProps={{ disabled: !effective.length || problems.length > 0, loading: saving }}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Form layout="inline">
          <Form.Item label="修改字段">
            <Select
              aria-label="修改字段"
              style={{ width: 160 }}
              value={fieldName}
              onChange={(f: string) => {
                setFieldName(f);
                setValue(null);
              }}
              options={SPECS.map((s) => ({ value: s.name, label: s.label }))}
            />
          </Form.Item>
          <Form.Item label="改为">
            <div style={{ width: 260 }}>
              <FieldInput key={fieldName} spec={{ ...spec, label: '新的值' }} value={value} onChange={setValue} units={unitOptions} />
            </div>
          </Form.Item>
        </Form>
        <Typography.Text data-testid="batch-summary">
          将修改 {effective.length} 人，{changes.length - effective.length} 人已是该值不变。
        </Typography.Text>
        {problems.length > 0 && <Alert type="error" showIcon title={`不能修改：${problems[0]!.problem}`} />}
        <Table<Change>
          size="small"
          rowKey={(c) => c.cadre.id}
          data-testid="batch-preview"
          dataSource={changes}
          pagination={{ pageSize: 10, showSizeChanger: false }}
          columns={[
            { title: '姓名', render: (_, c) => c.cadre.name, width: 100 },
            { title: `原${spec.label}`, render: (_, c) => c.before },
            { title: `新${spec.label}`, render: (_, c) => (c.before === c.after ? <Typography.Text type="secondary">不变</Typography.Text> : c.after) },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} />}
      </Space>
    </Modal>
  );
}
