import type { FieldProblem } from '../catalog/recordType';
import { parseIdNumber } from './idNumber';
import { printMonth } from './months';

/**
 * Birth month and sex on the record must agree with the ID number (docs/domain.md "ID number"): a disagreement is
 * refused at the field, never silently fixed. Reads only what it can check, so it runs on half-valid input too.
 */
export function identityProblems(record: { idNumber?: unknown; birth?: unknown; sex?: unknown }, ctx: { today: string }): FieldProblem[] {
  if (typeof record.idNumber !== 'string') return [];
  const id = parseIdNumber(record.idNumber, ctx.today);
  if (!id.ok) return [];
  const problems: FieldProblem[] = [];
  if (typeof record.birth === 'string' && record.birth && record.birth !== id.value.birthMonth) {
    problems.push({
      path: 'birth',
      message: `出生年月 ${printMonth(record.birth)} 与身份证号码中的 ${printMonth(id.value.birthMonth)} 不一致，请核对`,
    });
  }
  if (typeof record.sex === 'string' && record.sex && record.sex !== id.value.sex) {
    problems.push({ path: 'sex', message: `性别与身份证号码不一致：号码第17位表示${id.value.sex === '1' ? '男' : '女'}，请核对` });
  }
  return problems;
}
