import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { caption } from '../../../shared/code';
import { POOL_KINDS, POOL_STATUS } from '../../../shared/domain/selection';
import { fullYears, monthOf } from '../../../shared/rules/months';
import { parseCandidateQuery, type PoolKind } from '../../../shared/rules/selectionSearch';
import { db } from '../../db/instance';
import { navigate } from '../../router';
import { liveCadres } from './cadreSource';
import { findCandidates, type CandidateRow } from './candidateSearch';
import { factsCache } from './factsCache';
import { refusalText, useUnits } from './common';

// 干部库 and the candidate search (docs/selection.md "Pools and the candidate search"): a sentence of criteria
// ("35岁以下正科, 研究生, 近三年考核有优秀") and the pool and eligibility switches, combined. Pool entries are
// added on the dossier's 选拔任用 tab and listed under 档案记录.

type ResultRow = CandidateRow;

export function PoolsView() {
  const { message } = App.useApp();
  const { nameOf } = useUnits();
  const [text, setText] = useState('');
  const [pool, setPool] = useState<PoolKind | null>(null);
  const [eligibleOnly, setEligibleOnly] = useState(false);
  const [result, setResult] = useState<{ rows: ResultRow[]; unknown: string[]; asOf: string } | null>(null);
  const [loading, setLoading] = useState(false);
  // the first list of a window reads every dossier: start it while the criteria are being entered
  useEffect(() => void Promise.all([liveCadres(), factsCache().all()]).catch(() => undefined), []);

  const search = async () => {
    setLoading(true);
    try {
      const asOf = monthOf(new Date());
      const { criteria, unknown } = parseCandidateQuery(text, asOf);
      if (pool) criteria.pool = pool;
      if (eligibleOnly) criteria.eligibleOnly = true;
      const [cadres, dossiers] = await Promise.all([liveCadres(), factsCache().all()]);
      setResult({ rows: await findCandidates(db, criteria, cadres, dossiers), unknown, asOf });
    } catch (e) {
      message.error(refusalText(e));
    } finally {
      setLoading(false);
    }
  };

  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Input
          aria-label="组合条件"
          style={{ width: 380 }}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={search}
          placeholder="例如：35岁以下正科, 研究生, 近三年考核有优秀"
        />
        <Select
          aria-label="干部库"
          style={{ width: 150 }}
          allowClear
          placeholder="不限干部库"
          value={pool ?? undefined}
          onChange={(v: PoolKind | undefined) => setPool(v ?? null)}
          options={Object.entries(POOL_KINDS).map(([value, label]) => ({ value, label }))}
        />
        <Checkbox checked={eligibleOnly} onChange={(e) => setEligibleOnly(e.target.checked)}>
          符合职级晋升条件
        </Checkbox>
        <Button type="primary" loading={loading} onClick={search}>
          查找人选
        </Button>
      </Space>
      <Typography.Paragraph type="secondary">
        可写：N岁以下/以上、正处/副处/正科/副科、研究生/大学/大专（及以上）、近N年考核有优秀、男/女、后备干部/优秀年轻干部/考察对象、符合晋升条件，用逗号分开。
      </Typography.Paragraph>
      {result && result.unknown.length > 0 && (
        <Alert type="warning" style={{ marginBottom: 12 }} title={`没有看懂“${result.unknown.join('”“')}”，已忽略这些条件。请按上面的写法修改。`} />
      )}
      {result && <Typography.Paragraph data-testid="search-count">找到 {result.rows.length} 名在职干部。</Typography.Paragraph>}
      <Table<ResultRow>
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={result?.rows ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(r) => ({ onClick: () => navigate('cadre', { id: r.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '姓名', dataIndex: 'name', width: 90 },
          { title: '单位', dataIndex: 'unitId', width: 150, render: (id: string) => nameOf(id) },
          { title: '现任职务', dataIndex: 'currentPost' },
          { title: '性别', dataIndex: 'sex', width: 60, render: (c: string) => caption('sex', c) },
          { title: '年龄', dataIndex: 'birth', width: 60, render: (b: string) => (result ? fullYears(b, result.asOf) : '') },
          { title: '学历', dataIndex: 'educations', width: 110, render: (e: (string | null)[]) => e.filter(Boolean).map((c) => caption('education', c)).join('、') },
          { title: '职务层次', dataIndex: 'postLevel', width: 80, render: (c: string | null) => caption('postLevel', c) },
          {
            title: '干部库',
            dataIndex: 'pools',
            render: (p: ResultRow['pools']) => p.map((x, i) => <Tag key={i}>{POOL_KINDS[x.pool]}·{POOL_STATUS[x.status as keyof typeof POOL_STATUS] ?? x.status}</Tag>),
          },
        ]}
      />
    </>
  );
}
