import type { FieldProblem } from '../catalog/recordType';

// The bad-input rules of the supervision records (docs/supervision.md "Bad input"): pure, each problem at its
// field, in Chinese. Rules that need other records (a document already out, a clue of the cadre still open) take
// those records as arguments; the repository (renderer/db/supervision.ts) reads them and calls these.

/** A report: a verification result only once it is submitted; a handling only after a finding. */
export function reportProblems(r: { submitted?: string | null; result?: string; handling?: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (r.result && r.result !== 'pending' && !r.submitted) {
    out.push({ path: 'result', message: '该报告尚未提交，不能登记核查结果。请先填写报告日期（报告提交后再核查）' });
  }
  if (r.handling && r.handling !== 'none' && r.result !== 'omitted' && r.result !== 'concealed') {
    out.push({ path: 'handling', message: '只有核查结果为漏报或瞒报时才登记处理方式，请先登记核查结果' });
  }
  return out;
}

/** An action: an inquiry's reply not before its letter; an admonishment always with its reason. */
export function actionProblems(a: { kind?: string; date?: string; reason?: string; replyReceived?: string | null; replyDue?: string | null }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (a.kind === 'inquiry' && a.date && a.replyReceived && a.replyReceived < a.date) {
    out.push({ path: 'replyReceived', message: `回复日期 ${a.replyReceived} 早于函询日期 ${a.date}，请核对` });
  }
  if (a.kind === 'inquiry' && a.date && a.replyDue && a.replyDue < a.date) {
    out.push({ path: 'replyDue', message: `回复期限 ${a.replyDue} 早于函询日期 ${a.date}，请核对` });
  }
  if (a.kind === 'admonishment' && !a.reason?.trim()) {
    out.push({ path: 'reason', message: '诫勉必须写明事由，请填写诫勉事由' });
  }
  return out;
}

/** A clue: closed only with its outcome; an outcome only on a closed clue. */
export function clueProblems(c: { status?: string; outcome?: string; closedOn?: string | null; received?: string }): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (c.status === 'closed' && (!c.outcome || c.outcome === 'none')) {
    out.push({ path: 'outcome', message: '了结线索必须登记核查结论（属实、部分属实或不属实），请选择了结结论' });
  }
  if (c.status !== 'closed' && c.outcome && c.outcome !== 'none') {
    out.push({ path: 'status', message: '已登记了结结论的线索，状态应为“了结”' });
  }
  if (c.closedOn && c.received && c.closedOn < c.received) {
    out.push({ path: 'closedOn', message: `了结日期 ${c.closedOn} 早于受理日期 ${c.received}，请核对` });
  }
  return out;
}

/** The four checks of 凡提四必, by the field prefixes of a FourChecks record. */
export const FOUR_CHECKS = [
  { key: 'file', name: '档案必审' },
  { key: 'report', name: '个人有关事项报告必核' },
  { key: 'opinion', name: '纪检监察机关意见必听' },
  { key: 'clues', name: '线索具体的信访举报必查' },
] as const;

/** Which of the four checks are done (a date and a result each). */
export function missingChecks(r: Record<string, unknown>): string[] {
  return FOUR_CHECKS.filter(({ key }) => !r[`${key}Date`] || !String(r[`${key}Result`] ?? '').trim()).map((c) => c.name);
}

/** A 凡提四必 record marked complete: all four done, and (given the cadre's open clues) none still open. */
export function fourChecksProblems(r: Record<string, unknown>, openClues: readonly { received: string; summary: string }[] = []): FieldProblem[] {
  if (!r.complete) return [];
  const missing = missingChecks(r);
  if (missing.length) return [{ path: 'complete', message: `${missing.join('、')}尚未完成，不能标记为四必已完成` }];
  if (openClues.length) {
    const first = openClues[0]!;
    return [{ path: 'complete', message: `该干部尚有${openClues.length}条问题线索未了结（如 ${first.received} 受理的“${first.summary.slice(0, 20)}”），须全部了结后才能标记为四必已完成` }];
  }
  return [];
}

/** A loan: returned not before it went out; not while the document is out on another loan. */
export function loanProblems(l: { checkedOut?: string; returned?: string | null }): FieldProblem[] {
  if (l.checkedOut && l.returned && l.returned < l.checkedOut) {
    return [{ path: 'returned', message: `归还日期 ${l.returned} 早于借出日期 ${l.checkedOut}，证件不能在借出前归还，请核对` }];
  }
  return [];
}

/** A second loan of a document still out. */
export function doubleLoanProblem(open: readonly { checkedOut: string; destination: string }[]): FieldProblem[] {
  const first = open[0];
  if (!first) return [];
  return [{ path: 'documentId', message: `该证件已于 ${first.checkedOut} 借出（前往${first.destination}）尚未归还，不能重复借出。请先登记归还` }];
}
