import { Card, Col, Row, Table } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { lookup } from '../../../shared/code';
import {
  ACTION_KINDS,
  CHECK_KINDS,
  CHECK_RESULTS,
  CLUE_CHANNELS,
  CLUE_OUTCOMES,
  clueType,
  supervisionActionType,
  type Clue,
  type SupervisionAction,
} from '../../../shared/domain/supervision';
import { DUE_STATUS, countBy, dueList, type Levels } from '../../../shared/rules/personalMatters';
import { dayOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { reportsOfYear } from '../../db/supervision';

// The year's figures (docs/supervision.md "Screens"): reports due / submitted / overdue, drawn and verified,
// findings by kind, actions by kind, clues by channel and outcome — as tables, shown only in this area.

const LEVELS: Levels = { postLevel: (c) => lookup('postLevel', c)?.level, rank: (c) => lookup('rank', c)?.level };

function CountTable({ title, testId, labels, counts }: { title: string; testId: string; labels: Record<string, string>; counts: Map<string, number> }) {
  const rows = Object.entries(labels).map(([key, label]) => ({ key, label, count: counts.get(key) ?? 0 }));
  return (
    <Card size="small" title={title}>
      <Table
        data-testid={testId}
        size="small"
        pagination={false}
        dataSource={[...rows, { key: '__total', label: '合计', count: rows.reduce((n, r) => n + r.count, 0) }]}
        columns={[
          { key: 'label', title: '项目', dataIndex: 'label' },
          { key: 'count', title: '数量', dataIndex: 'count', align: 'right', width: 80 },
        ]}
      />
    </Card>
  );
}

export function StatsPanel({ year }: { year: number }) {
  const data = useLiveQuery(async () => {
    const [cadres, reports, actions, clues] = await Promise.all([
      db.cadres.toArray(),
      reportsOfYear(db, year),
      db.table(supervisionActionType.table).toArray() as Promise<SupervisionAction[]>,
      db.table(clueType.table).toArray() as Promise<Clue[]>,
    ]);
    const inYear = (day: string) => day.startsWith(`${year}-`);
    return {
      due: countBy(dueList(cadres, reports, year, dayOf(new Date()), LEVELS), (r) => r.status),
      checked: countBy(reports, (r) => r.checkKind),
      results: countBy(reports, (r) => r.result),
      actions: countBy(actions.filter((a) => !a.deleted && inYear(a.date)), (a) => a.kind),
      channels: countBy(clues.filter((c) => !c.deleted && inYear(c.received)), (c) => c.channel),
      outcomes: countBy(clues.filter((c) => !c.deleted && inYear(c.received)), (c) => c.outcome),
    };
  }, [year]);
  if (!data) return null;
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} md={12} xl={8}>
        <CountTable title={`${year}年度报告情况`} testId="stats-due" labels={DUE_STATUS} counts={data.due} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <CountTable title="抽查核查方式" testId="stats-checks" labels={CHECK_KINDS} counts={data.checked} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <CountTable title="核查结果" testId="stats-results" labels={CHECK_RESULTS} counts={data.results} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <CountTable title="提醒、函询、诫勉" testId="stats-actions" labels={ACTION_KINDS} counts={data.actions} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <CountTable title="问题线索来源" testId="stats-channels" labels={CLUE_CHANNELS} counts={data.channels} />
      </Col>
      <Col xs={24} md={12} xl={8}>
        <CountTable title="问题线索办理结果" testId="stats-outcomes" labels={CLUE_OUTCOMES} counts={data.outcomes} />
      </Col>
    </Row>
  );
}
