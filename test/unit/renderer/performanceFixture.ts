import { createCadre } from '../../../renderer/db/cadres';
import type { CadreDb } from '../../../renderer/db/database';
import type { WriteContext } from '../../../renderer/db/repository';
import { sampleCadreInput } from '../../fixtures/cadre';
import { idNumberOf } from './syncHarness';

// What the 实绩档案 repository tests create again and again: numbered cadres and a monthly report's input.

/** Cadre `n` of a unit (干部n, born 1975-06, a valid ID number of its own), through the repository. */
export const numberedCadre = (db: CadreDb, ctx: WriteContext, unitId: string, n: number) =>
  createCadre(db, ctx, { ...sampleCadreInput({ unitId, birth: '1975-06', idNumber: idNumberOf(n) }), name: `干部${n}` });

/** A monthly report's input for a cadre and month, its text sections filled. */
export const monthlyInput = (cadreId: string, period: string) => ({ cadreId, kind: 'monthly' as const, period, keyWork: '重点工作', highlights: '突出实绩', nextPlan: '下月计划' });
