import { caption } from '../code';
import { ACTING_OUTCOMES, CLASS_FORMATS, POSTING_ROLES, RATINGS, VOLUNTEER_AREAS, VOLUNTEER_FORMS } from '../domain/cultivation';
import { ACTING_KINDS, actingKind, promotionAfter } from './cultivation';
import { printMonth } from './months';

// A dossier's 培养历练 on one timeline (docs/cultivation.md "Screens"): training attended, secondments,
// village postings (with the promotion that followed, read from the post and rank history), 请战 and 顶岗, oldest
// first, each one line as a person reads it.

export interface TimelineEntry {
  /** 'YYYY-MM' (a class's start day is cut to its month). */
  month: string;
  kind: '培训' | '挂职锻炼' | '驻村帮扶' | '请战' | '顶岗';
  text: string;
  /** A later promotion or an outcome, shown under the line. */
  note?: string;
  /** The 选拔任用纪实 a 顶岗 was appointed through, when it is a case of this installation: the line links to it. */
  caseId?: string;
}

export interface TimelineInput {
  training: readonly { name: string; format: string; organiser: string; from: string; hours: number; earned: number | null; completed: boolean }[];
  secondments: readonly { region: string; hostUnit: string; post: string; from: string; to: string | null }[];
  postings: readonly { town: string; village: string; role: string; from: string; to: string | null }[];
  volunteering: readonly { form: string; area: string; task: string; from: string; rating: string }[];
  actingPosts: readonly { post: string; actingLevel: string; from: string; trialMonths: number; outcome: string; appointmentCase?: string }[];
  /** The titles of the linked 选拔任用纪实 by id ("区发改委副主任选任"). */
  caseTitles?: ReadonlyMap<string, string>;
  posts: Parameters<typeof promotionAfter>[1];
  ranks: Parameters<typeof promotionAfter>[2];
}

const span = (from: string, to: string | null) => `${printMonth(from)}--${printMonth(to)}`;
const label = <T extends Record<string, string>>(o: T, k: string) => o[k as keyof T] ?? k;

export function cultivationTimeline(input: TimelineInput): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  for (const t of input.training) {
    const hours = t.earned != null ? `获得${t.earned}学时` : `${t.hours}学时`;
    out.push({
      month: t.from.slice(0, 7),
      kind: '培训',
      text: `参加${t.name}（${label(CLASS_FORMATS, t.format)}${t.organiser ? `，${t.organiser}` : ''}，${hours}${t.completed ? '，已结业' : ''}）`,
    });
  }
  for (const s of input.secondments) {
    out.push({ month: s.from, kind: '挂职锻炼', text: `${span(s.from, s.to)} 赴${s.region}${s.hostUnit}挂职${s.post ? `，任${s.post}` : ''}` });
  }
  for (const p of input.postings) {
    const promotion = promotionAfter(p.from, input.posts, input.ranks);
    out.push({
      month: p.from,
      kind: '驻村帮扶',
      text: `${span(p.from, p.to)} 驻${p.town}${p.village}，任${label(POSTING_ROLES, p.role)}`,
      ...(promotion ? { note: `其后于${printMonth(promotion.month)}${promotion.what}` } : {}),
    });
  }
  for (const v of input.volunteering) {
    out.push({
      month: v.from,
      kind: '请战',
      text: `${label(VOLUNTEER_FORMS, v.form)}：${v.task}（${label(VOLUNTEER_AREAS, v.area)}）${v.rating !== 'none' ? `，评定${label(RATINGS, v.rating)}` : ''}`,
    });
  }
  for (const a of input.actingPosts) {
    // a linked case of this installation by its title; a number typed before the field was a link, as typed
    const title = a.appointmentCase ? input.caseTitles?.get(a.appointmentCase) : undefined;
    const through = title ? `，经“${title}”` : a.appointmentCase ? `，任用案例${a.appointmentCase}` : '';
    out.push({
      month: a.from,
      kind: '顶岗',
      text: `${ACTING_KINDS[actingKind(a.actingLevel)]}：顶岗${a.post}（${caption('postLevel', a.actingLevel)}），试用期${a.trialMonths}个月`,
      note: `结果：${label(ACTING_OUTCOMES, a.outcome)}${through}`,
      ...(title ? { caseId: a.appointmentCase } : {}),
    });
  }
  return out.sort((a, b) => a.month.localeCompare(b.month));
}
