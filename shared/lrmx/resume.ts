import type { CareerEntry } from '../domain/cadre';
import type { SyncFields } from '../domain/record';
import { compareMonths, printMonth } from '../rules/months';
import { readLrmxMonth } from './dates';

// 简历 as one text block ↔ career entries. The official line is `1991.01--2000.01  text`; an open (current)
// segment is `1991.01--` padded to the same column; a line that does not start with dates continues the entry
// above it (long entries and "（其间：…）" notes wrap that way).

export type CareerDraft = Omit<CareerEntry, keyof SyncFields | 'cadreId'>;

export interface ResumeProblem {
  /** 1-based line of the 简历 text */
  line: number;
  message: string;
}

const DATE = String.raw`\d{4}\s*[.．\-/年]\s*\d{1,2}\s*月?|\d{6}`;
const DASH = String.raw`(?:-{1,2}|—{1,2}|－{1,2}|–{1,2}|~|～|至)`;
const SEGMENT = new RegExp(String.raw`^\s*(${DATE})\s*${DASH}\s*(${DATE}|至今|今)?[\s\u3000]*(.*)$`);
/** Full-time study is its own segment kind (for the overlap check); in-service study is work. */
const STUDY = /学习|就读|读书|求学|学生/;
const IN_SERVICE = /在职|函授|业余|夜大|自学考试/;

const DATE_COLUMN = '1991.01--2000.01'.length;

export function careerKind(text: string): CareerDraft['kind'] {
  return STUDY.test(text) && !IN_SERVICE.test(text) ? 'study' : 'work';
}

/** Reads a 简历 block into career entries; lines that cannot be placed are problems, never guesses. */
export function parseResume(text: string): { entries: CareerDraft[]; problems: ResumeProblem[] } {
  const entries: CareerDraft[] = [];
  const problems: ResumeProblem[] = [];
  // null before the first segment; 'broken' after a segment line whose dates were wrong (its continuation goes with it)
  let current: CareerDraft | 'broken' | null = null;
  const startLine = new Map<CareerDraft, number>();
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = i + 1;
    const content = raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
    if (content === '') return;
    const m = SEGMENT.exec(raw);
    if (!m) {
      if (current === null) {
        problems.push({ line, message: `第 ${line} 行“${clip(content)}”前面没有起止年月，无法归入任何一段经历` });
      } else if (current !== 'broken') current.unit += content;
      return;
    }
    const from = readLrmxMonth(m[1]!);
    const toText = m[2];
    const to = toText && toText !== '至今' && toText !== '今' ? readLrmxMonth(toText) : null;
    if (!from?.ok || (to && !to.ok)) {
      const reason = !from?.ok ? from?.reason : to && !to.ok ? to.reason : '';
      problems.push({ line, message: `第 ${line} 行的起止年月有误：${reason}` });
      current = 'broken';
      return;
    }
    current = { from: from.month, to: to?.ok ? to.month : null, unit: m[3]!.trim(), post: '', kind: 'work' };
    entries.push(current);
    startLine.set(current, line);
  });
  for (const e of entries) {
    e.kind = careerKind(e.unit);
    const line = startLine.get(e)!;
    if (e.unit === '') problems.push({ line, message: `第 ${line} 行只有起止年月，没有单位和职务` });
  }
  problems.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

const clip = (s: string) => (s.length > 20 ? `${s.slice(0, 20)}…` : s);

type CareerLine = Pick<CareerEntry, 'from' | 'to' | 'unit' | 'post'>;

/** The 简历 block in the official line format, earliest first; lines are separated by '\n'. */
export function formatResume(entries: readonly CareerLine[]): string {
  return [...entries]
    .sort((a, b) => compareMonths(a.from, b.from))
    .map((e) => `${`${printMonth(e.from)}--${printMonth(e.to)}`.padEnd(DATE_COLUMN)}  ${e.unit}${e.post}`)
    .join('\n');
}
