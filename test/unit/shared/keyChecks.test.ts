import { describe, expect, it } from 'vitest';
import { keyCheckProposals, type CaseLike, type PoolEntryLike } from '../../../shared/rules/keyChecks';

// 重点抽查 proposed from the selection work's cases and pools (shared/rules/keyChecks.ts).

const aCase = (postTitle: string, stage: string, ids: string[], deleted = false): CaseLike => ({ postTitle, stage, deleted, candidates: ids.map((cadreId) => ({ cadreId })) });
const entry = (cadreId: string, o: Partial<PoolEntryLike> = {}): PoolEntryLike => ({ cadreId, pool: 'reserve', status: 'active', validUntil: null, deleted: false, ...o });

describe('重点抽查 proposals', () => {
  it('propose the candidates of a case under way, not of one appointed, closed or deleted', () => {
    const got = keyCheckProposals(
      [aCase('区财政局局长', 'inspection', ['a', 'b']), aCase('区审计局局长', 'appointed', ['c']), aCase('区商务局局长', 'closed', ['d']), aCase('区教育局局长', 'motion', ['e'], true)],
      [],
      '2025-06',
    );
    expect([...got]).toEqual([
      ['a', ['区财政局局长人选']],
      ['b', ['区财政局局长人选']],
    ]);
  });

  it('propose everyone in a pool while the entry is in force, with every reason once', () => {
    const got = keyCheckProposals(
      [aCase('区财政局局长', 'decision', ['a']), aCase('区财政局局长', 'decision', ['a'])],
      [
        entry('a', { pool: 'young' }),
        entry('f', { validUntil: '2025-06' }),
        entry('g', { validUntil: '2025-05' }),
        entry('h', { status: 'exited' }),
        entry('i', { status: 'used' }),
        entry('j', { deleted: true }),
      ],
      '2025-06',
    );
    expect(Object.fromEntries(got)).toEqual({ a: ['区财政局局长人选', '优秀年轻干部库在库'], f: ['后备干部库在库'] });
  });
});
