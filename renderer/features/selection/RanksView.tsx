import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { caption } from '../../../shared/code';
import { rankRoundType, type RankRound } from '../../../shared/domain/selection';
import { dayOf, isMonth, monthOf } from '../../../shared/rules/months';
import type { EligibilityRow } from '../../../shared/rules/selectionEligibility';
import { subtreeIds } from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { applyRankRound, loadEligibilityList } from '../../db/selection';
import { liveCadres } from './cadreSource';
import { factsCache } from './factsCache';
import { UnitPicker, refusalText, useUnits } from './common';

// 职级晋升 (docs/selection.md "Rank promotion"): the eligibility list of a unit subtree or the district as of a
// month, with reasons for the eligible and the not yet eligible; the people deciding pick from it and record the
// round (batch, 文号, date), which promotes everyone in it in one transaction. Nothing is promoted by itself.

export function RanksView({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const { units, nameOf } = useUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [asOf, setAsOf] = useState(monthOf(new Date()));
  const [rows, setRows] = useState<EligibilityRow[] | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [deciding, setDeciding] = useState(false);
  const [onlyEligible, setOnlyEligible] = useState(false);
  const rounds = useLiveQuery(() => db.table(rankRoundType.table).orderBy('decidedOn').reverse().toArray() as Promise<RankRound[]>, []);
  const [form] = Form.useForm();
  // the first list of a window reads every dossier: start it while the criteria are being entered
  useEffect(() => void Promise.all([liveCadres(), factsCache().all()]).catch(() => undefined), []);

  const compute = async () => {
    if (!isMonth(asOf)) {
      message.error('计算时间应为“年-月”，例如 2025-10');
      return;
    }
    setLoading(true);
    try {
      const scope = unitId ? subtreeIds(units, unitId) : null;
      const [cadres, dossiers] = await Promise.all([liveCadres(), factsCache().all()]);
      const list = await loadEligibilityList(db, scope, asOf, cadres, dossiers);
      setRows(list);
      setSelected([]);
    } catch (e) {
      message.error(refusalText(e));
    } finally {
      setLoading(false);
    }
  };
  const shown = useMemo(() => (rows ?? []).filter((r) => !onlyEligible || r.eligible), [rows, onlyEligible]);
  const eligibleCount = rows?.filter((r) => r.eligible).length ?? 0;

  const decide = async () => {
    const values = form.getFieldsValue() as { batch?: string; documentNo?: string; decidedOn?: string };
    const chosen = (rows ?? []).filter((r) => selected.includes(r.cadreId));
    try {
      const round = await applyRankRound(db, ctx, {
        batch: values.batch ?? '',
        documentNo: values.documentNo ?? '',
        decidedOn: values.decidedOn ?? '',
        asOf,
        unitId,
        entries: chosen.map((r) => ({ cadreId: r.cadreId, fromRank: r.rank!, toRank: r.nextRank!, reasons: r.reasons.join('；') })),
      });
      message.success(`已记录“${round.batch}”，${round.entries.length}人晋升职级`);
      setDeciding(false);
      form.resetFields();
      await compute();
    } catch (e) {
      message.error(refusalText(e), 8);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <UnitPicker label="范围单位" value={unitId} onChange={setUnitId} allowClear />
        <Input aria-label="计算时间" style={{ width: 120 }} value={asOf} onChange={(e) => setAsOf(e.target.value.trim())} placeholder="2025-10" />
        <Button type="primary" loading={loading} onClick={compute}>
          生成符合条件名单
        </Button>
        <Button onClick={() => setOnlyEligible((v) => !v)}>{onlyEligible ? '显示全部' : '只看符合条件的'}</Button>
        <Button disabled={!selected.length} onClick={() => setDeciding(true)}>
          记录晋升决定（已选 {selected.length} 人）
        </Button>
      </Space>
      {rows && (
        <Alert
          type="info"
          style={{ marginBottom: 12 }}
          title={`${unitId ? nameOf(unitId) : '全区'} ${asOf}：${rows.length} 名有职级的在职干部，${eligibleCount} 名符合晋升条件。名单只是建议，是否晋升由组织研究决定（不搞到点必提）。`}
          data-testid="eligibility-summary"
        />
      )}
      <Table<EligibilityRow>
        size="small"
        rowKey="cadreId"
        loading={loading}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (r) => ({ disabled: !r.eligible, 'aria-label': `选择${r.name}` }),
        }}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '单位', dataIndex: 'unitId', width: 140, render: (id: string) => nameOf(id) },
          { title: '现职级', dataIndex: 'rank', width: 110, render: (c: string) => caption('rank', c) },
          { title: '可晋升职级', dataIndex: 'nextRank', width: 110, render: (c: string | null) => caption('rank', c) },
          { title: '结论', dataIndex: 'eligible', width: 100, render: (e: boolean) => (e ? <Tag color="green">符合条件</Tag> : <Tag>暂不符合</Tag>) },
          { title: '年限届满', dataIndex: 'earliest', width: 90 },
          { title: '理由', dataIndex: 'reasons', render: (r: string[]) => r.join('；') },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        晋升批次
      </Typography.Title>
      <Table<RankRound>
        size="small"
        rowKey="id"
        dataSource={(rounds ?? []).filter((r) => !r.deleted)}
        pagination={false}
        columns={[
          { title: '批次', dataIndex: 'batch' },
          { title: '文号', dataIndex: 'documentNo' },
          { title: '决定日期', dataIndex: 'decidedOn' },
          { title: '计算时间', dataIndex: 'asOf' },
          { title: '人数', dataIndex: 'entries', render: (e: unknown[]) => e.length },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <ul style={{ margin: 0 }}>
              {r.entries.map((e) => (
                <li key={e.cadreId}>
                  <CadreName id={e.cadreId} />：{caption('rank', e.fromRank)} → {caption('rank', e.toRank)}（{e.reasons}）
                </li>
              ))}
            </ul>
          ),
        }}
      />
      <Modal open={deciding} title="记录晋升决定" okText="确定晋升" cancelText="取消" onOk={decide} onCancel={() => setDeciding(false)} destroyOnHidden>
        <Typography.Paragraph>
          将晋升：{(rows ?? []).filter((r) => selected.includes(r.cadreId)).map((r) => `${r.name}（${caption('rank', r.rank)}→${caption('rank', r.nextRank)}）`).join('、')}
        </Typography.Paragraph>
        <Form form={form} layout="vertical" initialValues={{ decidedOn: dayOf(new Date()) }}>
          <Form.Item name="batch" label="批次名称" required>
            <Input maxLength={60} placeholder="例如 2025年第二批职级晋升" />
          </Form.Item>
          <Form.Item name="documentNo" label="文号" required>
            <Input maxLength={60} placeholder="例如 区委组〔2025〕8号" />
          </Form.Item>
          <Form.Item name="decidedOn" label="决定日期" required>
            <Input placeholder="YYYY-MM-DD" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

function CadreName({ id }: { id: string }) {
  const cadre = useLiveQuery(() => db.cadres.get(id), [id]);
  return <>{cadre?.name ?? ''}</>;
}
