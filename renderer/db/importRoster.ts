import type { ImportPlan } from '../../shared/rules/rosterImport';
import { UserError } from '../../shared/errors';
import type { CadreDb } from './database';
import { createCadre, updateCadre } from './cadres';
import { cadreType } from '../../shared/domain/cadre';
import { writeScope } from './records';
import { writeTransaction, type WriteContext } from './repository';

/**
 * Commits a checked import plan in ONE transaction: every create and update, or — if anything fails, even the
 * last row — none of them. Refuses a plan that still has issues.
 */
export async function commitImport(
  db: CadreDb,
  ctx: WriteContext,
  plan: ImportPlan,
  onProgress?: (done: number, total: number) => void,
): Promise<{ created: number; updated: number }> {
  if (plan.issues.length) throw new UserError(`表格中还有 ${plan.issues.length} 处问题，改正后才能导入。`);
  const total = plan.creates.length + plan.updates.length;
  let done = 0;
  await writeTransaction(db, writeScope(db, cadreType), async () => {
    for (const { row, fields } of plan.creates) {
      await createCadre(db, ctx, fields).catch((e: unknown) => {
        // a refusal names its row; anything else (a full disk) aborted the whole transaction and says so itself
        if (!(e instanceof UserError)) throw e;
        throw new UserError(`第 ${row} 行：${e instanceof Error ? e.message : String(e)}。整个表格均未导入。`);
      });
      onProgress?.(++done, total);
    }
    for (const { row, id, fields } of plan.updates) {
      await updateCadre(db, ctx, id, fields).catch((e: unknown) => {
        // a refusal names its row; anything else (a full disk) aborted the whole transaction and says so itself
        if (!(e instanceof UserError)) throw e;
        throw new UserError(`第 ${row} 行：${e instanceof Error ? e.message : String(e)}。整个表格均未导入。`);
      });
      onProgress?.(++done, total);
    }
  });
  return { created: plan.creates.length, updated: plan.updates.length };
}
