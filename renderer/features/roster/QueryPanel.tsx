import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space } from 'antd';
import type { Unit } from '../../../shared/domain/unit';
import { describeQuery, emptyQuery, newCondition, validateQuery, type QueryGroup } from '../../../shared/rules/query';
import { db } from '../../db/instance';
import { deleteSavedQuery, saveQuery } from '../../db/rosterSettings';
import { QueryBuilder } from './QueryBuilder';

/** 组合查询: build a query, run it on the roster, keep it under a name on this machine. */
export function QueryPanel({ units, onApply }: { units: readonly Unit[]; onApply: (query: QueryGroup | null) => void }) {
  const { message, modal } = App.useApp();
  const [draft, setDraft] = useState<QueryGroup>(() => ({ ...emptyQuery(), children: [newCondition('age')] }));
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const saved = useLiveQuery(() => db.savedQueries.orderBy('name').toArray(), []);
  const unitName = (id: string) => units.find((u) => u.id === id)?.name ?? id;

  const run = (query: QueryGroup = draft) => {
    const checked = validateQuery(query);
    if (!checked.ok) return setError(`查询条件不完整：${checked.message}`);
    setError(null);
    onApply(checked.query);
  };
  const save = async () => {
    const checked = validateQuery(draft);
    if (!checked.ok) return setError(`查询条件不完整：${checked.message}`);
    const trimmed = name.trim();
    if (!trimmed) return message.warning('请填写查询的名称');
    await saveQuery(db, { name: trimmed, query: checked.query, description: describeQuery(checked.query, { unitName }) });
    setName('');
    message.success(`已保存查询“${trimmed}”`);
  };
  const remove = (id: string) => {
    const entry = saved?.find((s) => s.id === id);
    if (!entry) return;
    modal.confirm({
      title: `删除已保存的查询“${entry.name}”？`,
      content: '删除后不能恢复；查询条件本身和干部信息都不受影响。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => deleteSavedQuery(db, id).then(() => void message.success(`已删除查询“${entry.name}”`)),
    });
  };
  const load = (id: string) => {
    const entry = saved?.find((s) => s.id === id);
    const checked = entry && validateQuery(entry.query);
    if (!checked || !checked.ok) return message.error('该查询已无法使用（条件中的字段或代码已变化），请重新设置。');
    setDraft(checked.query);
    run(checked.query);
  };

  return (
    <Card size="small" title="组合查询" data-testid="query-panel">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Select
            aria-label="已保存的查询"
            placeholder="选用已保存的查询"
            style={{ width: 260 }}
            value={null}
            onChange={load}
            options={(saved ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
          {saved && saved.length > 0 && (
            <Popconfirm
              title="删除哪个已保存的查询？"
              description={
                <Select
                  aria-label="要删除的查询"
                  style={{ width: 220 }}
                  placeholder="选择查询"
                  value={null}
                  onChange={remove}
                  options={saved.map((s) => ({ value: s.id, label: s.name }))}
                />
              }
              showCancel={false}
              okText="完成"
            >
              <Button type="link">管理</Button>
            </Popconfirm>
          )}
        </Space>
        <QueryBuilder value={draft} onChange={setDraft} units={units} showIssues={false} />
        {error && <Alert type="error" showIcon title={error} />}
        <Space wrap>
          <Button type="primary" onClick={() => run()}>
            查询
          </Button>
          <Button
            onClick={() => {
              setDraft(emptyQuery());
              setError(null);
              onApply(null);
            }}
          >
            清除条件
          </Button>
          <Space.Compact>
            <Input aria-label="查询名称" placeholder="保存为…（例：40岁以下研究生）" style={{ width: 240 }} value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            <Button onClick={save}>保存查询</Button>
          </Space.Compact>
        </Space>
      </Space>
    </Card>
  );
}
