import type { PerformanceKind } from './performancePeriod';

// What a performance record must hold before it is submitted (docs/performance.md "Bad input"): a draft may be
// saved half-written, a submitted one may not be empty. Each problem names its field, as forms show them.

export interface PerformanceContent {
  kind: PerformanceKind;
  summary: string;
  keyWork: string;
  highlights: string;
  shortcomings: string;
  nextPlan: string;
  checkedBy: string;
  findings: string;
  rating: string;
  grade: string | null;
}

const REQUIRED: Record<PerformanceKind, readonly { path: keyof PerformanceContent; label: string }[]> = {
  weekly: [{ path: 'summary', label: '本周工作小结' }],
  monthly: [
    { path: 'keyWork', label: '重点工作完成情况' },
    { path: 'highlights', label: '突出实绩' },
    { path: 'nextPlan', label: '下月计划' },
  ],
  quarterly: [
    { path: 'checkedBy', label: '检查人' },
    { path: 'findings', label: '检查情况' },
  ],
  annual: [{ path: 'grade', label: '考核等次' }],
};

const blank = (v: unknown) => v == null || (typeof v === 'string' && v.trim() === '');

/** The fields that must be filled in before this record is submitted, each with what to do. */
export function submitProblems(record: PerformanceContent): { path: string; message: string }[] {
  const problems = REQUIRED[record.kind]
    .filter(({ path }) => blank(record[path]))
    .map(({ path, label }) => ({ path, message: `请填写${label}后再上报` }));
  if (record.kind === 'quarterly' && record.rating === 'none') problems.push({ path: 'rating', message: '请选择检查评价后再上报' });
  return problems;
}

/** The text of a record that full-text search reads, sections joined. */
export const reportText = (r: Partial<PerformanceContent>): string =>
  [r.summary, r.keyWork, r.highlights, r.shortcomings, r.nextPlan, r.findings].filter(Boolean).join('\n');
