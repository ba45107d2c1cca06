import { Alert, App, Button, Card, Col, Form, Input, List, Row, Segmented, Select, Space, Switch, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { CONDUCT_POLARITIES, conductItemType, conductRecordType, type ConductItem, type ConductPolarity, type ConductRecord } from '../../../shared/domain/performance';
import { db } from '../../db/instance';
import { conductItems, recordConduct } from '../../db/performanceConduct';
import { createRecord, updateRecord } from '../../db/records';
import type { WriteContext } from '../../db/repository';
import { CadrePicker, refusalText } from './common';

// 正负面清单: the administrator's editor of both lists (wording, new items, retiring one), recording a cadre's
// conduct against an item with its facts, source and date, and the conduct recorded lately (docs/performance.md).

export function ConductPanel({ ctx }: { ctx: WriteContext }) {
  const [items, setItems] = useState<ConductItem[] | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    void conductItems(db, ctx).then(setItems);
  }, [ctx, version]);
  const refresh = () => setVersion((v) => v + 1);
  return (
    <Row gutter={16}>
      <Col span={12}>
        <ListsEditor items={items ?? []} ctx={ctx} onChanged={refresh} />
      </Col>
      <Col span={12}>
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <RecordConduct items={(items ?? []).filter((i) => !i.retired)} ctx={ctx} />
          <RecentConduct />
        </Space>
      </Col>
    </Row>
  );
}

function ListsEditor({ items, ctx, onChanged }: { items: ConductItem[]; ctx: WriteContext; onChanged: () => void }) {
  const { message } = App.useApp();
  const [polarity, setPolarity] = useState<ConductPolarity>('positive');
  const [newText, setNewText] = useState('');
  const shown = items.filter((i) => i.polarity === polarity);
  const save = async (what: () => Promise<unknown>) => {
    try {
      await what();
      onChanged();
    } catch (e) {
      void message.error(refusalText(e));
    }
  };
  const nextCode = () => {
    const letter = polarity === 'positive' ? 'Z' : 'F';
    const max = Math.max(0, ...shown.map((i) => Number(i.code.slice(1)) || 0));
    return `${letter}${String(max + 1).padStart(2, '0')}`;
  };
  return (
    <Card
      size="small"
      title="清单维护"
      extra={<Segmented aria-label="清单" value={polarity} onChange={(v) => setPolarity(v as ConductPolarity)} options={Object.entries(CONDUCT_POLARITIES).map(([value, label]) => ({ value, label }))} />}
      data-testid="conduct-lists"
    >
      <List
        size="small"
        dataSource={shown}
        style={{ maxHeight: 460, overflow: 'auto' }}
        renderItem={(i) => (
          <List.Item
            actions={[
              <Switch
                key="r"
                size="small"
                checkedChildren="启用"
                unCheckedChildren="停用"
                checked={!i.retired}
                onChange={(on) => void save(() => updateRecord(db, ctx, conductItemType, i.id, { retired: !on }))}
              />,
            ]}
          >
            <Space>
              <Tag>{i.code}</Tag>
              <Input
                aria-label={`条目${i.code}`}
                variant="borderless"
                defaultValue={i.text}
                style={{ width: 360 }}
                onBlur={(e) => e.target.value.trim() !== i.text && void save(() => updateRecord(db, ctx, conductItemType, i.id, { text: e.target.value.trim() }))}
              />
            </Space>
          </List.Item>
        )}
      />
      <Space.Compact style={{ width: '100%', marginTop: 8 }}>
        <Input aria-label="新条目" placeholder={`新增${CONDUCT_POLARITIES[polarity]}条目`} value={newText} onChange={(e) => setNewText(e.target.value)} />
        <Button
          onClick={() =>
            void save(async () => {
              await createRecord(db, ctx, conductItemType, { polarity, code: nextCode(), text: newText });
              setNewText('');
            })
          }
        >
          添加
        </Button>
      </Space.Compact>
    </Card>
  );
}

function RecordConduct({ items, ctx }: { items: ConductItem[]; ctx: WriteContext }) {
  const { message } = App.useApp();
  const [cadreId, setCadreId] = useState<string | null>(null);
  const [polarity, setPolarity] = useState<ConductPolarity>('positive');
  const [itemId, setItemId] = useState<string | null>(null);
  const [date, setDate] = useState('');
  const [facts, setFacts] = useState('');
  const [source, setSource] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!cadreId) return setError('请选择干部');
    if (!itemId) return setError('请选择清单条目');
    if (!date) return setError('请选择发生日期');
    try {
      await recordConduct(db, ctx, { cadreId, itemId, date: date.trim(), facts, source });
      setError(null);
      setFacts('');
      setSource('');
      setItemId(null);
      void message.success('已登记');
    } catch (e) {
      setError(refusalText(e));
    }
  };
  return (
    <Card size="small" title="登记正负面行为" data-testid="conduct-form">
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
      <Form layout="vertical">
        <Space wrap>
          <Form.Item label="干部">
            <CadrePicker value={cadreId} onChange={(c) => setCadreId(c?.id ?? null)} testId="conduct-cadre" />
          </Form.Item>
          <Form.Item label="清单">
            <Segmented
              aria-label="登记清单"
              value={polarity}
              onChange={(v) => {
                setPolarity(v as ConductPolarity);
                setItemId(null);
              }}
              options={Object.entries(CONDUCT_POLARITIES).map(([value, label]) => ({ value, label }))}
            />
          </Form.Item>
          <Form.Item label="发生日期">
            <Input aria-label="发生日期" value={date} onChange={(e) => setDate(e.target.value)} placeholder="如 2025-03-10" style={{ width: 140 }} />
          </Form.Item>
        </Space>
        <Form.Item label="行为表现">
          <Select
            aria-label="行为表现"
            showSearch={{ optionFilterProp: 'label' }}
            value={itemId ?? undefined}
            onChange={setItemId}
            placeholder="选择清单条目"
            options={items.filter((i) => i.polarity === polarity).map((i) => ({ value: i.id, label: `${i.code} ${i.text}` }))}
          />
        </Form.Item>
        <Form.Item label="事实情况">
          <Input.TextArea aria-label="事实情况" rows={3} value={facts} onChange={(e) => setFacts(e.target.value)} />
        </Form.Item>
        <Form.Item label="信息来源">
          <Input aria-label="信息来源" value={source} onChange={(e) => setSource(e.target.value)} placeholder="如：单位报告、12345热线、督查通报" />
        </Form.Item>
        <Button type="primary" onClick={() => void submit()}>
          登记
        </Button>
      </Form>
    </Card>
  );
}

function RecentConduct() {
  const rows = useLiveQuery(async () => {
    const list = (await db.table<ConductRecord, string>(conductRecordType.table).orderBy('date').reverse().limit(100).toArray()).filter((r) => !r.deleted);
    const cadres = await db.cadres.bulkGet([...new Set(list.map((r) => r.cadreId))]);
    const names = new Map(cadres.flatMap((c) => (c ? [[c.id, c.name] as const] : [])));
    return list.map((r) => ({ ...r, name: names.get(r.cadreId) ?? '' }));
  }, []);
  return (
    <Card size="small" title="最近登记" data-testid="conduct-recent">
      <Table
        size="small"
        rowKey="id"
        pagination={{ pageSize: 8 }}
        dataSource={rows ?? []}
        columns={[
          { title: '日期', dataIndex: 'date', width: 100 },
          { title: '干部', dataIndex: 'name', width: 80 },
          { title: '清单', dataIndex: 'polarity', width: 90, render: (p: ConductPolarity) => <Tag color={p === 'positive' ? 'green' : 'red'}>{CONDUCT_POLARITIES[p]}</Tag> },
          { title: '行为表现', dataIndex: 'itemText' },
        ]}
      />
    </Card>
  );
}
