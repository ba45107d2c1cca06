import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { App, Button, Checkbox, Divider, Input, Popover, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { db } from '../../db/instance';
import { saveColumnSet } from '../../db/rosterSettings';
import { ALL_COLUMNS, DEFAULT_COLUMNS } from './columns';

/** 列设置: which columns, in which order; named column sets are kept on this machine. */
export function ColumnChooser({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const { message } = App.useApp();
  const sets = useLiveQuery(() => db.columnSets.orderBy('name').toArray(), []);
  const [name, setName] = useState('');
  const ordered = [...value, ...ALL_COLUMNS.map((c) => c.id).filter((id) => !value.includes(id))];
  const move = (id: string, by: -1 | 1) => {
    const i = value.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= value.length) return;
    const next = [...value];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return message.warning('请填写列组合的名称');
    await saveColumnSet(db, trimmed, value);
    setName('');
    message.success(`已保存列组合“${trimmed}”`);
  };

  const content = (
    <div style={{ width: 300 }} data-testid="column-chooser">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Select
          aria-label="列组合"
          placeholder="选用已保存的列组合"
          style={{ width: '100%' }}
          value={null}
          onChange={(id: string) => onChange(id === '__default__' ? DEFAULT_COLUMNS : (sets?.find((s) => s.id === id)?.columns ?? value))}
          options={[{ value: '__default__', label: '默认列' }, ...(sets ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <div style={{ maxHeight: 320, overflow: 'auto' }}>
          {ordered.map((id) => {
            const column = ALL_COLUMNS.find((c) => c.id === id)!;
            const shown = value.includes(id);
            return (
              <div key={id} style={{ display: 'flex', alignItems: 'center', gap: 4 }}>
                <Checkbox
                  checked={shown}
                  style={{ flex: 1 }}
                  onChange={(e) => onChange(e.target.checked ? [...value, id] : value.filter((v) => v !== id))}
                >
                  {column.header}
                </Checkbox>
                <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={`上移“${column.header}”`} disabled={!shown} onClick={() => move(id, -1)} />
                <Button size="small" type="text" icon={<ArrowDownOutlined />} aria-label={`下移“${column.header}”`} disabled={!shown} onClick={() => move(id, 1)} />
              </div>
            );
          })}
        </div>
        <Divider style={{ margin: '4px 0' }} />
        <Typography.Text type="secondary">把当前的列保存为列组合：</Typography.Text>
        <Space.Compact style={{ width: '100%' }}>
          <Input aria-label="列组合名称" placeholder="例：考察名册" value={name} maxLength={30} onChange={(e) => setName(e.target.value)} />
          <Button onClick={save}>保存</Button>
        </Space.Compact>
      </Space>
    </div>
  );
  return (
    <Popover content={content} title="列设置" trigger="click" placement="bottomRight">
      <Button>列设置</Button>
    </Popover>
  );
}
