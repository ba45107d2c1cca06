import { describe, expect, it } from 'vitest';
import { ALL_COLUMNS } from '../../../renderer/features/roster/columns';
import { CADRE_OWNED_TYPES, CATALOG, SYNCED_TYPES } from '../../../shared/catalog';
import { leaves } from '../../../shared/catalog/leaves';
import { cadreType } from '../../../shared/domain/cadre';
import { SUPERVISION_TYPES } from '../../../shared/domain/supervision';
import { QUERY_FIELDS } from '../../../shared/rules/query';
import { openTo, openTypes, type Audience } from '../../../shared/rules/restricted';

// Restricted really restricted (shared/rules/restricted.ts): the supervision types are marked in the catalogue,
// and every general view — the roster's columns and its xlsx export, the combined query, the 档案记录 lists — and
// every bundle but one to the department's scope leave them out. (Bundles: test/unit/renderer/supervisionSync.test.ts.)

const restricted = CATALOG.filter((t) => t.restricted);
const cadreLabels = new Set(leaves(cadreType).map((l) => l.label));
/** Labels only supervision records carry: seeing one in a general view means a restricted field leaked. */
const restrictedLabels = [...new Set(restricted.flatMap((t) => [t.name, ...leaves(t).map((l) => l.label)]))].filter((l) => !cadreLabels.has(l) && l !== '干部');

describe('the restricted mark', () => {
  it('is on every supervision type, and they are owned by a cadre, synced and stored in tables of their own', () => {
    expect(restricted.map((t) => t.table).sort()).toEqual(SUPERVISION_TYPES.map((t) => t.table).sort());
    for (const t of restricted) expect([t.ownedByCadre, t.syncs, t.storage]).toEqual([true, true, 'table']);
    expect(restrictedLabels).toEqual(expect.arrayContaining(['核查结果', '了结结论', '证件号码', '四必已完成']));
  });

  it('opens a restricted type only to its own area, the department’s peer and a passphrase bundle naming it', () => {
    const [type] = restricted;
    const open = (a: Audience) => openTo(type!, a);
    expect([{ kind: 'roster' }, { kind: 'query' }, { kind: 'recordList' }].map((a) => open(a as Audience))).toEqual([false, false, false]);
    expect(open({ kind: 'ownArea' })).toBe(true);
    expect(open({ kind: 'peer', scope: 'all' })).toBe(true);
    expect(open({ kind: 'peer', scope: { unitId: 'u1' } })).toBe(false);
    expect(open({ kind: 'passphrase', scope: { units: 'all', tables: 'all' } })).toBe(false);
    expect(open({ kind: 'passphrase', scope: { units: 'all', tables: [type!.table] } })).toBe(true);
    expect(open({ kind: 'passphrase', scope: { units: ['u1'], tables: [type!.table] } })).toBe(false);
    // a type that is not restricted is open everywhere
    expect(openTo(cadreType, { kind: 'peer', scope: { unitId: 'u1' } })).toBe(true);
  });

  it('leaves them out of the 档案记录 lists, and leaves every other owned type in', () => {
    const listed = openTypes(CADRE_OWNED_TYPES, { kind: 'recordList' });
    expect(listed.filter((t) => t.restricted)).toEqual([]);
    expect(listed.length).toBe(CADRE_OWNED_TYPES.length - restricted.length);
    expect(SYNCED_TYPES.filter((t) => t.restricted).length).toBe(restricted.length);
  });

  // the roster's xlsx export writes the chosen columns' headers and texts (RosterPage), so its columns are all it has
  it('no roster column (so no column of its xlsx export) and no field of the combined query reads a restricted field', () => {
    const headers = ALL_COLUMNS.map((c) => c.header);
    const queryLabels = QUERY_FIELDS.map((f) => f.label);
    for (const label of restrictedLabels) {
      expect(headers, label).not.toContain(label);
      expect(queryLabels, label).not.toContain(label);
    }
  });
});
