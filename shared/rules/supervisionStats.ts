import { ACTION_KINDS, CHECK_RESULTS, CLUE_CHANNELS, CLUE_OUTCOMES } from '../domain/supervision';
import { DUE_STATUS, type DueStatus } from './personalMatters';
import type { StatTable } from './statTable';

// The year's figures of 管理监督 (docs/supervision.md "Statistics"): reports due / submitted / overdue, drawn and
// verified, findings by kind, actions by kind, clues by channel and outcome. Pure, so the screen's charts, its
// tables and its xlsx export show the same numbers. Restricted like the records they count: only 监督管理 shows them.

export interface SupervisionStatTable extends StatTable {
  key: 'due' | 'checks' | 'results' | 'actions' | 'clues';
}

export interface StatsInput {
  year: number;
  /** The status of every cadre who must report this year (the due list). */
  due: readonly DueStatus[];
  /** The year's live reports. */
  reports: readonly { checkKind: string; result: string; submitted: string | null }[];
  actions: readonly { kind: string; date: string; deleted: boolean }[];
  clues: readonly { channel: string; received: string; status: string; outcome: string; deleted: boolean }[];
}

const count = <T>(items: readonly T[], test: (item: T) => boolean): number => items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);

export function supervisionStatistics(input: StatsInput): SupervisionStatTable[] {
  const inYear = (day: string) => day.startsWith(`${input.year}-`);
  const { reports } = input;
  const verified = (r: StatsInput['reports'][number]) => r.result !== 'pending';
  const actions = input.actions.filter((a) => !a.deleted && inYear(a.date));
  const clues = input.clues.filter((c) => !c.deleted && inYear(c.received));
  const outcomes = Object.entries(CLUE_OUTCOMES).filter(([k]) => k !== 'none');
  return [
    {
      key: 'due',
      title: `${input.year}年度报告情况`,
      category: '报告状态',
      columns: ['人数'],
      rows: (Object.keys(DUE_STATUS) as DueStatus[]).map((s) => ({ label: DUE_STATUS[s], values: [count(input.due, (d) => d === s)] })),
      chart: [0],
    },
    {
      key: 'checks',
      title: '抽查核查情况',
      category: '核查方式',
      columns: ['抽取人数', '已核查'],
      rows: [
        { key: 'random', label: '随机抽查' },
        { key: 'key', label: '重点抽查' },
      ].map(({ key, label }) => {
        const drawn = reports.filter((r) => r.checkKind === key);
        return { label, values: [drawn.length, count(drawn, verified)] };
      }),
      chart: [0, 1],
    },
    {
      key: 'results',
      title: '核查结果',
      category: '核查结果',
      columns: ['人数'],
      rows: Object.entries(CHECK_RESULTS)
        .filter(([k]) => k !== 'pending')
        .map(([k, label]) => ({ label, values: [count(reports, (r) => r.result === k)] })),
      chart: [0],
    },
    {
      key: 'actions',
      title: '提醒、函询、诫勉',
      category: '类别',
      columns: ['人次'],
      rows: Object.entries(ACTION_KINDS).map(([k, label]) => ({ label, values: [count(actions, (a) => a.kind === k)] })),
      chart: [0],
    },
    {
      key: 'clues',
      title: '问题线索来源和办理结果',
      category: '来源渠道',
      columns: ['受理', '未了结', ...outcomes.map(([, label]) => label)],
      rows: Object.entries(CLUE_CHANNELS).map(([k, label]) => {
        const of = clues.filter((c) => c.channel === k);
        return {
          label,
          values: [of.length, count(of, (c) => c.status !== 'closed'), ...outcomes.map(([o]) => count(of, (c) => c.status === 'closed' && c.outcome === o))],
        };
      }),
      chart: [1, 2, 3, 4],
      // open and closed by outcome are the parts of what was received
      stacked: true,
    },
  ];
}

/** A table's rows with a 合计 row below, as the screen and the export show them. */
export function withTotal(table: StatTable): { label: string; values: number[] }[] {
  const total = table.columns.map((_, i) => table.rows.reduce((n, r) => n + (r.values[i] ?? 0), 0));
  return [...table.rows, { label: '合计', values: total }];
}
