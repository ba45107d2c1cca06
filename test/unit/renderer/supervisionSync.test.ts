import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCadre } from '../../../renderer/db/cadres';
import { createRecord, updateRecord } from '../../../renderer/db/records';
import { createUnit } from '../../../renderer/db/units';
import { clueType, personalMattersType } from '../../../shared/domain/supervision';
import { sampleCadreInput } from '../../fixtures/cadre';
import { close, exchange, exportBundle, idNumberOf, importBundle, installation, type Installation } from './syncHarness';

// Supervision records travel in bundles (storage 'table', read by cadre beside the dossier set) — but, being
// restricted (shared/rules/restricted.ts), only to a peer whose scope is the whole district, never to a unit's
// peer, and in a passphrase bundle only when its scope names the table.

const DEPT = 'd'.repeat(32);
const OTHER = 'f'.repeat(32);
const RESTRICTED = new Set(['personalMatters', 'supervisionActions', 'clues', 'fourChecks', 'travelDocuments', 'documentLoans']);

let A: Installation;
let B: Installation;
beforeEach(async () => {
  A = await installation(DEPT, '区委组织部');
  B = await installation(OTHER, '区委组织部备用机');
});
afterEach(() => close(A, B));

async function seed() {
  const root = await createUnit(A.db, A.ctx, null, '新城区');
  const edu = await createUnit(A.db, A.ctx, root.id, '教育局');
  const cadre = await createCadre(A.db, A.ctx, { ...sampleCadreInput({ unitId: edu.id, birth: '1975-06', idNumber: idNumberOf(1) }), name: '王芳' });
  const report = await createRecord(A.db, A.ctx, personalMattersType, { cadreId: cadre.id, year: 2023, submitted: '2023-01-20' });
  const clue = await createRecord(A.db, A.ctx, clueType, { cadreId: cadre.id, channel: 'petition', received: '2023-05-01', summary: '反映违规兼职' });
  return { edu, cadre, report, clue };
}

describe('supervision records in bundles', () => {
  it('travel to a peer whose scope is the whole district, and an edit travels alone afterwards', async () => {
    const { cadre, report, clue } = await seed();
    const { bundle } = await exchange(A, B, 'all');
    expect(bundle.lines.filter((l) => RESTRICTED.has(l.table)).map((l) => l.record.id).sort()).toEqual([report.id, clue.id].sort());
    expect(await B.db.table('personalMatters').get(report.id)).toMatchObject({ cadreId: cadre.id, year: 2023, submitted: '2023-01-20' });
    expect(await B.db.table('clues').where('cadreId').equals(cadre.id).count()).toBe(1);

    await exchange(B, A, 'all');
    await updateRecord(A.db, A.ctx, clueType, clue.id, { status: 'verifying' }, { cadreId: cadre.id });
    const { bundle: next } = await exchange(A, B, 'all');
    expect(next.meta.kind).toBe('incremental');
    expect(next.lines.map((l) => [l.table, l.record.id])).toEqual([['clues', clue.id]]);
    expect(await B.db.table('clues').get(clue.id)).toMatchObject({ status: 'verifying' });
  });

  it('never go to a unit’s peer: the dossier travels, its supervision records do not', async () => {
    const { edu, cadre } = await seed();
    const bundle = await exportBundle(A, { kind: 'peer', peerId: B.id, scope: { unitId: edu.id } });
    expect(bundle.lines.some((l) => l.table === 'cadres' && l.record.id === cadre.id)).toBe(true);
    expect(bundle.lines.filter((l) => RESTRICTED.has(l.table))).toEqual([]);
    await importBundle(B, bundle);
    expect(await B.db.table('personalMatters').count()).toBe(0);
    expect(await B.db.table('clues').count()).toBe(0);
  });

  it('go in a passphrase bundle only when its scope names them', async () => {
    const { clue } = await seed();
    const everything = await exportBundle(A, { kind: 'passphrase', scope: { units: 'all', tables: 'all' } }, { commit: false });
    expect(everything.lines.some((l) => l.table === 'cadres')).toBe(true);
    expect(everything.lines.filter((l) => RESTRICTED.has(l.table))).toEqual([]);
    const named = await exportBundle(A, { kind: 'passphrase', scope: { units: 'all', tables: ['units', 'cadres', 'clues'] } }, { commit: false });
    expect(named.lines.filter((l) => RESTRICTED.has(l.table)).map((l) => l.record.id)).toEqual([clue.id]);
  });
});
