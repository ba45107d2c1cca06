import { z } from 'zod';
import type { FieldProblem } from '../catalog/recordType';
import { HANDLINGS, type Handling } from '../domain/supervision';
import { DEFAULT_BLOCK_SETTINGS, type BlockSettings } from './blocks';
import { DEFAULT_REPORTING_RULE, type ReportingRule } from './personalMatters';

// 管理监督's local settings (docs/supervision.md "Settings"): who must report, the blocking months of an
// admonishment, of each handling of a personal-matters finding and of a punishment without its end, and the days
// within which a travel document must come back. Kept in this installation's settings store; the rules read them.

/** The most months a blocking period may be set to (five years), and the most days for a document's return. */
export const MAX_MONTHS = 60;
export const MAX_RETURN_DAYS = 90;
export const DEFAULT_RETURN_DAYS = 10;

const whole = (min: number, max: number) => z.number().int().min(min).max(max);
const months = whole(0, MAX_MONTHS);

export const SupervisionSettingsSchema = z.object({
  reporting: z.object({
    /** Lowest 职务层次 level that reports (1 副科 … 4 正处); null: not by post level. */
    minPostLevel: whole(1, 4).nullable(),
    /** Lowest 职级 level that reports (1 二级科员 … 12 一级巡视员); null: not by rank. */
    minRankLevel: whole(1, 12).nullable(),
  }),
  blocks: z.object({
    admonishmentMonths: months,
    handlingMonths: z.object(Object.fromEntries(Object.keys(HANDLINGS).map((k) => [k, months])) as Record<Handling, typeof months>),
    punishmentMonths: z.object({ discipline: months, organizational: months }),
  }),
  returnDays: whole(1, MAX_RETURN_DAYS),
});
export type SupervisionSettings = z.infer<typeof SupervisionSettingsSchema>;

export const DEFAULT_SUPERVISION_SETTINGS: SupervisionSettings = {
  reporting: DEFAULT_REPORTING_RULE,
  blocks: DEFAULT_BLOCK_SETTINGS,
  returnDays: DEFAULT_RETURN_DAYS,
};

/** What a field is called, and its range, for the messages. */
function labelOf(path: readonly PropertyKey[]): { label: string; range: string } {
  const [group, key, sub] = path.map(String);
  if (group === 'returnDays') return { label: '证件归还期限', range: `1 至 ${MAX_RETURN_DAYS} 天` };
  if (group === 'reporting') return key === 'minPostLevel' ? { label: '报告范围（职务层次）', range: '列表中的一项' } : { label: '报告范围（职级）', range: '列表中的一项' };
  const range = `0 至 ${MAX_MONTHS} 个月`;
  if (key === 'admonishmentMonths') return { label: '诫勉影响期', range };
  if (key === 'handlingMonths') return { label: `“${HANDLINGS[sub as Handling] ?? sub}”的影响期`, range };
  return { label: sub === 'discipline' ? '纪律处分默认影响期' : '组织处理默认影响期', range };
}

/** Every problem of settings as entered, at its field (paths joined by dots), in Chinese; [] when they can be kept. */
export function settingsProblems(input: unknown): FieldProblem[] {
  const parsed = SupervisionSettingsSchema.safeParse(input);
  const out: FieldProblem[] = parsed.success
    ? []
    : parsed.error.issues.map((i) => {
        const { label, range } = labelOf(i.path);
        return { path: i.path.join('.'), message: `${label}填写有误：应为 ${range}的整数，请重新填写` };
      });
  if (parsed.success && parsed.data.reporting.minPostLevel === null && parsed.data.reporting.minRankLevel === null) {
    out.push({ path: 'reporting.minPostLevel', message: '报告范围至少要按职务层次或职级之一确定，否则没有人需要报告。请选择职务层次或职级' });
  }
  return out;
}

/** Stored settings as the rules read them: what was kept, or the defaults for anything missing or unreadable. */
export function settingsOf(stored: unknown): SupervisionSettings {
  const s = (stored ?? {}) as Partial<Record<keyof SupervisionSettings, unknown>>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const r = schema.safeParse(value);
    return r.success ? r.data : fallback;
  };
  const shape = SupervisionSettingsSchema.shape;
  const reporting = pick(shape.reporting, s.reporting, DEFAULT_SUPERVISION_SETTINGS.reporting);
  return {
    reporting: reporting.minPostLevel === null && reporting.minRankLevel === null ? DEFAULT_REPORTING_RULE : reporting,
    blocks: pick(shape.blocks, s.blocks, DEFAULT_SUPERVISION_SETTINGS.blocks),
    returnDays: pick(shape.returnDays, s.returnDays, DEFAULT_RETURN_DAYS),
  };
}

/** The reporting rule in words, for the due list's heading. */
export function reportingRuleText(rule: ReportingRule, postLevelName: (level: number) => string | undefined, rankName: (level: number) => string | undefined): string {
  const parts: string[] = [];
  if (rule.minPostLevel !== null) parts.push(`${postLevelName(rule.minPostLevel) ?? ''}及以上职务`);
  if (rule.minRankLevel !== null) parts.push(`${rankName(rule.minRankLevel) ?? ''}及以上职级`);
  return `${parts.join('或')}的干部应报告`;
}

export type { BlockSettings, ReportingRule };
