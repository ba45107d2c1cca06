import { useMemo } from 'react';
import { Button, Input, InputNumber, Segmented, Select, Space, TreeSelect, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { lookup } from '../../../shared/code';
import type { Unit } from '../../../shared/domain/unit';
import { normalizeMonthInput } from '../../../shared/rules/months';
import {
  GROUP_OPS,
  QUERY_FIELDS,
  QUERY_OPERATORS,
  comparesByLevel,
  initialValue,
  newCondition,
  operatorsFor,
  queryField,
  queryIssues,
  valueOptions,
  type GroupOp,
  type QueryCondition,
  type QueryField,
  type QueryFieldId,
  type QueryGroup,
  type QueryNode,
  type QueryOperator,
  type QueryPath,
  type QueryValue,
} from '../../../shared/rules/query';
import { unitOptions as toUnitOptions, type UnitOption } from '../../components/unitOptions';

// 组合查询 editor: a controlled editor of the query tree (shared/rules/query.ts). Each condition is a row
// [字段][条件][值][删除]; each group has its 且/或 switch and 添加条件 / 添加条件组; nested groups are indented
// behind a border. No persistence and no running: the roster validates, compiles and saves.

export interface QueryBuilderProps {
  value: QueryGroup;
  onChange: (value: QueryGroup) => void;
  /** The unit tree for 单位 conditions (deleted units are left out). */
  units: readonly Unit[];
  /** Show each condition's problem (validateQuery's message) under it; default true. */
  showIssues?: boolean;
}


// Stable React keys for nodes of an immutable tree: an edited node inherits the key of the node it replaces.
const nodeKeys = new WeakMap<QueryNode, string>();
let nextKey = 0;
function keyOf(node: QueryNode): string {
  let key = nodeKeys.get(node);
  if (key === undefined) {
    key = `q${++nextKey}`;
    nodeKeys.set(node, key);
  }
  return key;
}

interface Shared {
  unitOptions: UnitOption[];
  /** Issue messages by path ('0.2'), when shown. */
  issues: ReadonlyMap<string, string>;
}

const FIELD_OPTIONS = QUERY_FIELDS.map((f) => ({ value: f.id, label: f.label }));
const OP_OPTIONS = (Object.keys(GROUP_OPS) as GroupOp[]).map((op) => ({ value: op, label: GROUP_OPS[op] }));

/** The 组合查询 editor. */
export function QueryBuilder({ value, onChange, units, showIssues = true }: QueryBuilderProps) {
  const unitOptions = useMemo(() => toUnitOptions(units), [units]);
  const issues = useMemo(
    () => new Map(showIssues ? queryIssues(value).map((i) => [i.path.join('.'), i.message] as const) : []),
    [value, showIssues],
  );
  const shared = useMemo<Shared>(() => ({ unitOptions, issues }), [unitOptions, issues]);
  return (
    <div data-testid="query-builder">
      <GroupEditor group={value} path={[]} onChange={onChange} shared={shared} />
    </div>
  );
}

interface GroupEditorProps {
  group: QueryGroup;
  path: QueryPath;
  onChange: (group: QueryGroup) => void;
  onRemove?: () => void;
  shared: Shared;
}

function GroupEditor({ group, path, onChange, onRemove, shared }: GroupEditorProps) {
  const nested = path.length > 0;
  const setChildren = (children: QueryNode[]) => onChange({ ...group, children });
  const replace = (index: number, child: QueryNode) => {
    const old = group.children[index];
    if (old) nodeKeys.set(child, keyOf(old));
    setChildren(group.children.map((c, i) => (i === index ? child : c)));
  };
  const remove = (index: number) => setChildren(group.children.filter((_, i) => i !== index));
  const addCondition = () => setChildren([...group.children, newCondition()]);
  // A sub-group usually joins the other way (且 inside 或, 或 inside 且), and starts with one condition.
  const addGroup = () =>
    setChildren([...group.children, { kind: 'group', op: group.op === 'and' ? 'or' : 'and', children: [newCondition()] }]);
  const issue = nested ? shared.issues.get(path.join('.')) : undefined;
  const used = new Set<string>();

  return (
    <div
      role="group"
      aria-label={nested ? '条件组' : '查询条件'}
      data-testid="query-group"
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: 8,
        ...(nested
          ? { borderLeft: '3px solid #bfbfbf', border: '1px solid #e8e8e8', borderLeftWidth: 3, borderRadius: 4, padding: '8px 8px 8px 12px', marginLeft: 8, background: '#fcfcfc' }
          : {}),
      }}
    >
      <Space wrap size="small">
        <Segmented<GroupOp>
          aria-label="条件关系"
          size="small"
          value={group.op}
          onChange={(op) => onChange({ ...group, op })}
          options={OP_OPTIONS}
        />
        <Typography.Text type="secondary">
          {group.children.length === 0
            ? nested
              ? '本组还没有条件'
              : '还没有条件：显示全部干部'
            : group.op === 'and'
              ? '同时满足以下全部条件'
              : '满足以下任一条件'}
        </Typography.Text>
      </Space>
      {group.children.map((child, i) => {
        let key = keyOf(child);
        if (used.has(key)) key = `${key}-${i}`;
        used.add(key);
        const at = [...path, i];
        return child.kind === 'group' ? (
          <GroupEditor key={key} group={child} path={at} onChange={(g) => replace(i, g)} onRemove={() => remove(i)} shared={shared} />
        ) : (
          <ConditionEditor
            key={key}
            condition={child}
            onChange={(c) => replace(i, c)}
            onRemove={() => remove(i)}
            unitOptions={shared.unitOptions}
            issue={shared.issues.get(at.join('.'))}
          />
        );
      })}
      {issue && (
        <Typography.Text type="danger" data-testid="query-issue">
          {issue}
        </Typography.Text>
      )}
      <Space wrap size="small">
        <Button size="small" icon={<PlusOutlined />} onClick={addCondition}>
          添加条件
        </Button>
        <Button size="small" icon={<PlusOutlined />} onClick={addGroup}>
          添加条件组
        </Button>
        {onRemove && (
          <Button size="small" danger icon={<DeleteOutlined />} onClick={onRemove}>
            删除条件组
          </Button>
        )}
      </Space>
    </div>
  );
}

/** The value to keep when the operator changes: the same shape carries over, one value ↔ a list or range converts. */
function carryValue(from: QueryOperator, to: QueryOperator, value: QueryValue): QueryValue {
  const a = QUERY_OPERATORS[from].arity;
  const b = QUERY_OPERATORS[to].arity;
  if (a === b) return value;
  if (a === 'one' && b === 'list') return value == null || value === '' || Array.isArray(value) ? [] : [value];
  if ((a === 'list' || a === 'range') && b === 'one') return Array.isArray(value) ? (value[0] ?? null) : null;
  if (a === 'one' && b === 'range') return [Array.isArray(value) ? null : value, null];
  return initialValue(to);
}

interface ConditionEditorProps {
  condition: QueryCondition;
  onChange: (condition: QueryCondition) => void;
  onRemove: () => void;
  unitOptions: UnitOption[];
  issue: string | undefined;
}

function ConditionEditor({ condition, onChange, onRemove, unitOptions, issue }: ConditionEditorProps) {
  const field = queryField(condition.field);
  const operators = operatorsFor(field);

  const setField = (id: QueryFieldId) => {
    if (id === condition.field) return;
    const next = queryField(id);
    const sameKind =
      next.type === field.type &&
      ('table' in next ? next.table : null) === ('table' in field ? field.table : null) &&
      operatorsFor(next).includes(condition.operator);
    onChange(sameKind ? { ...condition, field: id } : newCondition(id));
  };
  const setOperator = (operator: QueryOperator) => {
    if (operator === condition.operator) return;
    onChange({ ...condition, operator, value: carryValue(condition.operator, operator, condition.value) });
  };
  const setValue = (value: QueryValue) => onChange({ ...condition, value });

  return (
    <div data-testid="query-condition" style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Space wrap size="small" align="start">
        <Select<QueryFieldId>
          aria-label="字段"
          style={{ width: 140 }}
          value={condition.field}
          onChange={setField}
          options={FIELD_OPTIONS}
          showSearch={{ optionFilterProp: 'label' }}
        />
        <Select<QueryOperator>
          aria-label="条件"
          style={{ width: 110 }}
          value={condition.operator}
          onChange={setOperator}
          options={operators.map((op) => ({ value: op, label: QUERY_OPERATORS[op].label }))}
        />
        <ValueInput field={field} operator={condition.operator} value={condition.value} onChange={setValue} unitOptions={unitOptions} invalid={!!issue} />
        <Button aria-label="删除条件" title="删除条件" icon={<DeleteOutlined />} onClick={onRemove}>
          删除
        </Button>
      </Space>
      {issue && (
        <Typography.Text type="danger" data-testid="query-issue">
          {issue}
        </Typography.Text>
      )}
    </div>
  );
}

interface ValueInputProps {
  field: QueryField;
  operator: QueryOperator;
  value: QueryValue;
  onChange: (value: QueryValue) => void;
  unitOptions: UnitOption[];
  invalid: boolean;
}

type Scalar = string | number | null;
const RANGE_LABELS = ['值（起）', '值（止）'] as const;

function ValueInput({ field, operator, value, onChange, unitOptions, invalid }: ValueInputProps) {
  const arity = QUERY_OPERATORS[operator].arity;
  const status = invalid ? ('error' as const) : undefined;
  if (arity === 'none') return null;

  if (field.type === 'unit') {
    return (
      <TreeSelect<string[]>
        aria-label="值"
        status={status}
        style={{ minWidth: 260 }}
        multiple
        value={Array.isArray(value) ? value.map(String) : []}
        onChange={(v) => onChange(v ?? [])}
        treeData={unitOptions}
        showSearch={{ treeNodeFilterProp: 'title' }}
        treeDefaultExpandAll
        placeholder="请选择单位（含下级单位）"
      />
    );
  }

  if (arity === 'list') {
    return (
      <Select<string[]>
        aria-label="值"
        status={status}
        mode="multiple"
        style={{ minWidth: 240 }}
        value={Array.isArray(value) ? value.map(String) : []}
        onChange={(v) => onChange(v)}
        options={valueOptions(field, operator)}
        showSearch={{ optionFilterProp: 'label' }}
        placeholder="请选择（可多选）"
      />
    );
  }

  const one = (v: Scalar, set: (v: Scalar) => void, label: string) => (
    <ScalarInput field={field} operator={operator} value={v} onChange={set} label={label} status={status} />
  );
  if (arity === 'range') {
    const [from = null, to = null] = Array.isArray(value) ? value : [];
    return (
      <Space size={4}>
        {one(from, (v) => onChange([v, to]), RANGE_LABELS[0])}
        <span>至</span>
        {one(to, (v) => onChange([from, v]), RANGE_LABELS[1])}
      </Space>
    );
  }
  return one(Array.isArray(value) ? (value[0] ?? null) : value, onChange, '值');
}

interface ScalarInputProps {
  field: QueryField;
  operator: QueryOperator;
  value: Scalar;
  onChange: (value: Scalar) => void;
  label: string;
  status: 'error' | undefined;
}

function ScalarInput({ field, operator, value, onChange, label, status }: ScalarInputProps) {
  switch (field.type) {
    case 'code':
    case 'ordinal': {
      const options = valueOptions(field, operator);
      let shown = value == null || value === '' ? undefined : String(value);
      // Where levels are compared, any code of a level shows as that level's choice (研究生班 → 研究生).
      if (shown !== undefined && comparesByLevel(field, operator)) {
        const level = lookup(field.table, shown)?.level;
        shown = options.find((o) => lookup(field.table, o.value)?.level === level)?.value ?? shown;
      }
      return (
        <Select<string>
          aria-label={label}
          status={status}
          style={{ width: 170 }}
          value={shown}
          onChange={(v) => onChange(v ?? null)}
          options={options}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder="请选择"
        />
      );
    }
    case 'number':
      return (
        <InputNumber<number>
          aria-label={label}
          status={status}
          style={{ width: 110 }}
          value={typeof value === 'number' ? value : null}
          onChange={(v) => onChange(v ?? null)}
          min={0}
          max={150}
          precision={0}
          suffix={field.unit}
          placeholder="整数"
        />
      );
    case 'month':
      return (
        <Input
          aria-label={label}
          status={status}
          style={{ width: 130 }}
          value={value == null ? '' : String(value)}
          placeholder="例：1985-07"
          maxLength={12}
          onChange={(e) => onChange(e.target.value)}
          // 1985.7, 198507 and 1985年7月 become 1985-07 when the field is left
          onBlur={(e) => {
            const normalized = normalizeMonthInput(e.target.value);
            if (normalized !== null && normalized !== e.target.value) onChange(normalized);
          }}
        />
      );
    default:
      return (
        <Input
          aria-label={label}
          status={status}
          style={{ width: 200 }}
          value={value == null ? '' : String(value)}
          placeholder="请输入"
          maxLength={100}
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}
