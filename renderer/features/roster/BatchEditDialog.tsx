import { useMemo, useState } from 'react';
import { Alert, App, Form, Modal, Select, Space, Table, Typography } from 'antd';
import type { Cadre } from '../../../shared/domain/cadre';
import { cadreType } from '../../../shared/domain/cadre';
import { displayValue, leavesOfKeys, type Leaf } from '../../../shared/catalog/leaves';
import { schemaOf } from '../../../shared/catalog/field';
import { unitOptions as toUnitOptions } from '../../components/unitOptions';
import type { Unit } from '../../../shared/domain/unit';
import { db } from '../../db/instance';
import { updateCadres } from '../../db/cadres';
import type { WriteContext } from '../../db/repository';
import { messageOf } from '../../api';
import { FieldInput, toRecordValue } from '../../components/records/FieldInput';

// Fields that make sense to set for many cadres at once (not names, ID numbers or birth dates).
const SPECS: readonly Leaf[] = leavesOfKeys(cadreType, [
  'unitId',
  'currentPost',
  'postLevel',
  'rank',
  'rankSince',
  'personnelCategory',
  'status',
  'health',
  'politicalStatus',
]);

function shown(spec: Leaf, value: unknown, units: readonly Unit[]): string {
  if (value === null || value === undefined || value === '') return '（空）';
  return displayValue(spec.field, value, { unitName: (id) => units.find((u) => u.id === id)?.name });
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
  const spec = SPECS.find((s) => s.path === fieldName)!;
  const unitOptions = useMemo(() => toUnitOptions(units), [units]);

  const changes = useMemo<Change[]>(() => {
    const next = toRecordValue(spec.field, value);
    return cadres.map((cadre) => {
      const current = cadre[fieldName as keyof Cadre];
      const problem = (() => {
        if (spec.field.required && (next === null || next === '')) return `${spec.label}不能为空`;
        const parsed = schemaOf(spec.field, spec.label).safeParse(next);
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
      const next = toRecordValue(spec.field, value);
      // one transaction: every selected cadre changes, or none does
      await updateCadres(
        db,
        ctx,
        effective.map(({ cadre }) => ({ id: cadre.id, patch: { [fieldName]: next } })),
      );
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
              options={SPECS.map((s) => ({ value: s.path, label: s.label }))}
            />
          </Form.Item>
          <Form.Item label="改为">
            <div style={{ width: 260 }}>
              <FieldInput key={fieldName} field={spec.field} label="新的值" value={value} onChange={setValue} units={unitOptions} />
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
