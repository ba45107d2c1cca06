import { AUDIENCES, ACTING_OUTCOMES, POSTING_ROLES, VOLUNTEER_AREAS, VOLUNTEER_FORMS, type Audience } from '../domain/cultivation';
import { ACTING_KINDS, actingKind, countBy, startsIn } from './cultivation';
import { hoursOfColumns, quotaFillOfColumns, type TotalsColumns } from './cultivationTotals';
import type { StatTable } from './statTable';

// The figures of the 培养历练 statistics page for one year and one unit subtree (docs/cultivation.md
// "Statistics"), as tables: each chart draws one and shows it beside itself, and the xlsx export writes it as it
// is. Records count in the year they start in (a secondment sent in 2024 counts in 2024); a village posting's
// promotion counts whenever it came. Trainees who are not cadres belong to no unit: they count for the whole
// district only.

export type { StatTable } from './statTable';

export interface StatsInput {
  year: number;
  /** The cadres in scope (the unit subtree, or everyone), with what the figures need. */
  cadres: readonly { id: string; status: string }[];
  /** Whether the scope is the whole district (trainees outside the registry count then). */
  wholeDistrict: boolean;
  /** The year's trainees, each with the hours earned and the audiences of the classes attended (cultivationTotals). */
  totals: readonly TotalsColumns[];
  quotas: Readonly<Record<Audience, number | null>>;
  requiredHours: number;
  /** The tempering records of the cadres in scope. */
  secondments: readonly { cadreId: string; region: string; from: string }[];
  /** With the month of the promotion that followed each ('' when none: promotionAfter, kept in the postings' packs). */
  postings: readonly { cadreId: string; role: string; from: string; promotedIn: string }[];
  volunteering: readonly { form: string; area: string; from: string }[];
  actingPosts: readonly { actingLevel: string; outcome: string; from: string }[];
}

const ENTRY = (o: Readonly<Record<string, string>>) => Object.entries(o);

export function cultivationStats(input: StatsInput): StatTable[] {
  const { year } = input;
  const inScope = new Set(input.cadres.map((c) => c.id));
  const counts = (cadreId: string | null) => (cadreId ? inScope.has(cadreId) : input.wholeDistrict);
  const fill = quotaFillOfColumns(input.totals, input.quotas, year, counts);

  // one pass over the cadres (100,000 at district size) for the 在职 ones, those meeting the hours, and their sum
  const hours = hoursOfColumns(input.totals, year);
  let servingCount = 0;
  let met = 0;
  let total = 0;
  for (const c of input.cadres) {
    if (c.status !== '01') continue;
    const h = hours.get(c.id) ?? 0;
    servingCount++;
    if (h >= input.requiredHours) met++;
    total += h;
  }

  const secondments = input.secondments.filter((s) => startsIn(s.from, year));
  const regions = [...new Set(secondments.map((s) => s.region.trim()))].sort((a, b) => a.localeCompare(b, 'zh'));

  const postings = input.postings.filter((p) => startsIn(p.from, year));
  const promoted = (p: (typeof postings)[number]) => p.promotedIn !== '';

  const volunteering = input.volunteering.filter((v) => startsIn(v.from, year));
  const acting = input.actingPosts.filter((a) => startsIn(a.from, year));

  return [
    {
      key: 'quota',
      title: '培训对象与名额',
      category: '培训对象',
      columns: ['年度名额', '已培训人数', '完成率（%）'],
      chart: [0, 1],
      rows: fill.map((f) => ({ label: AUDIENCES[f.audience], values: [f.quota, f.trained, f.percent] })),
    },
    {
      key: 'hours',
      title: `在职干部学时（应修${input.requiredHours}学时，人均${servingCount ? Math.round((total / servingCount) * 10) / 10 : 0}学时）`,
      category: '情况',
      columns: ['人数'],
      chart: [0],
      rows: [
        { label: '达到应修学时', values: [met] },
        { label: '未达到应修学时', values: [servingCount - met] },
      ],
    },
    {
      key: 'secondments',
      title: '挂职锻炼（按挂职地区）',
      category: '挂职地区',
      columns: ['人次'],
      chart: [0],
      rows: countBy(secondments, (s) => s.region.trim(), regions).map((c) => ({ label: c.key, values: [c.count] })),
    },
    {
      key: 'postings',
      title: '驻村帮扶及其后提拔',
      category: '驻村身份',
      columns: ['驻村人次', '其后获提拔'],
      chart: [0, 1],
      rows: ENTRY(POSTING_ROLES).map(([role, label]) => {
        const these = postings.filter((p) => p.role === role);
        return { label, values: [these.length, these.filter(promoted).length] };
      }),
    },
    {
      key: 'volunteerForms',
      title: '请战（按形式）',
      category: '请战形式',
      columns: ['人次'],
      chart: [0],
      rows: countBy(volunteering, (v) => v.form, Object.keys(VOLUNTEER_FORMS)).map((c) => ({
        label: VOLUNTEER_FORMS[c.key as keyof typeof VOLUNTEER_FORMS],
        values: [c.count],
      })),
    },
    {
      key: 'volunteerAreas',
      title: '请战（按任务领域）',
      category: '任务领域',
      columns: ['人次'],
      chart: [0],
      rows: countBy(volunteering, (v) => v.area, Object.keys(VOLUNTEER_AREAS)).map((c) => ({
        label: VOLUNTEER_AREAS[c.key as keyof typeof VOLUNTEER_AREAS],
        values: [c.count],
      })),
    },
    {
      key: 'acting',
      title: '顶岗（按类别与结果）',
      category: '顶岗类别',
      columns: Object.values(ACTING_OUTCOMES),
      chart: [0, 1, 2, 3],
      rows: ENTRY(ACTING_KINDS).map(([kind, label]) => {
        const these = acting.filter((a) => actingKind(a.actingLevel) === kind);
        return { label, values: Object.keys(ACTING_OUTCOMES).map((o) => these.filter((a) => a.outcome === o).length) };
      }),
    },
  ];
}
