import { describe, expect, it } from 'vitest';
import type { BundleMeta } from '../../../shared/sync/bundleMeta';
import { ledgerDecision, type LedgerContext } from '../../../shared/sync/ledger';
import { cadreMismatch, decideRecord } from '../../../shared/sync/recordDecision';
import { coversUnit, scopeUnitIds } from '../../../shared/sync/scope';

const ME = 'a'.repeat(32);
const PEER = 'b'.repeat(32);
const H1 = '1'.repeat(64);
const H2 = '2'.repeat(64);

const meta = (over: Partial<BundleMeta> = {}): BundleMeta => ({
  format: 'cadredesk-bundle/1',
  bundleId: 'c'.repeat(32),
  source: { installationId: PEER, name: '新城区教育局' },
  destination: ME,
  seq: 1,
  prevBundleHash: null,
  kind: 'incremental',
  scope: { units: 'all', tables: 'all' },
  createdAt: '2026-11-30T08:00:00.000Z',
  appVersion: '1.2.0',
  schemaVersion: 6,
  knowledge: {},
  ...over,
});
const ctx = (over: Partial<LedgerContext> = {}): LedgerContext => ({ self: ME, schemaVersion: 6, known: false, tip: undefined, ...over });
const tip = (seq: number, hash = H1) => ({ bundleId: 'd'.repeat(32), seq, hash });

describe('ledgerDecision', () => {
  it('the first bundle of a stream, and the next one chained to the last', () => {
    expect(ledgerDecision(meta(), ctx())).toEqual({ kind: 'next' });
    expect(ledgerDecision(meta({ seq: 5, prevBundleHash: H1 }), ctx({ tip: tip(4, H1) }))).toEqual({ kind: 'next' });
  });

  it('a known bundle id is "already imported", whatever else it says', () => {
    const d = ledgerDecision(meta({ seq: 2, prevBundleHash: H2 }), ctx({ known: true, tip: tip(2) }));
    expect(d.kind).toBe('already');
    if (d.kind === 'already') expect(d.message).toContain('已经导入过');
  });

  it('a seq at or below the last one, with another id, is refused as a replay', () => {
    for (const seq of [1, 3, 4]) {
      const d = ledgerDecision(meta({ seq, prevBundleHash: H1 }), ctx({ tip: tip(4) }));
      expect(d).toMatchObject({ kind: 'refuse', reason: 'replay' });
      if (d.kind === 'refuse') expect(d.message).toContain(`第 4 号`);
    }
  });

  it('seq = last + 1 that does not name the last bundle’s hash is a fork', () => {
    expect(ledgerDecision(meta({ seq: 5, prevBundleHash: H2 }), ctx({ tip: tip(4, H1) }))).toMatchObject({ kind: 'refuse', reason: 'fork' });
    expect(ledgerDecision(meta({ seq: 5, prevBundleHash: null }), ctx({ tip: tip(4, H1) }))).toMatchObject({ kind: 'refuse', reason: 'fork' });
  });

  it('a gap is allowed and said, with the missing numbers', () => {
    const d = ledgerDecision(meta({ seq: 9, prevBundleHash: H2 }), ctx({ tip: tip(4) }));
    expect(d).toMatchObject({ kind: 'gap', missing: { from: 5, to: 8 } });
    if (d.kind === 'gap') expect(d.message).toContain('第 5–8 号');
    expect(ledgerDecision(meta({ seq: 3, prevBundleHash: H2 }), ctx())).toMatchObject({ kind: 'gap', missing: { from: 1, to: 2 } });
  });

  it('refuses demo data, backups, its own bundles, bundles for others, and a newer schema with the version to install', () => {
    expect(ledgerDecision(meta({ demo: true }), ctx())).toMatchObject({ kind: 'refuse', reason: 'demo' });
    expect(ledgerDecision(meta({ kind: 'backup', destination: null }), ctx())).toMatchObject({ kind: 'refuse', reason: 'backup' });
    expect(ledgerDecision(meta({ source: { installationId: ME, name: '本机' } }), ctx())).toMatchObject({ kind: 'refuse', reason: 'own' });
    expect(ledgerDecision(meta({ destination: 'e'.repeat(32) }), ctx())).toMatchObject({ kind: 'refuse', reason: 'destination' });
    const newer = ledgerDecision(meta({ schemaVersion: 9, appVersion: '2.0.0' }), ctx());
    expect(newer).toMatchObject({ kind: 'refuse', reason: 'newer' });
    if (newer.kind === 'refuse') expect(newer.message).toContain('请先将本机软件升级到 2.0.0 版本');
    // a passphrase bundle has no destination and is accepted
    expect(ledgerDecision(meta({ destination: null }), ctx())).toEqual({ kind: 'next' });
  });
});

describe('decideRecord', () => {
  const rec = (vv: Record<string, number>, name = '甲') => ({ id: 'r', vv, name, updatedAt: 1, deleted: false });
  it('take when new or newer, skip when equal or older', () => {
    expect(decideRecord(undefined, rec({ [PEER]: 1 }))).toBe('take');
    expect(decideRecord(rec({ [PEER]: 1 }), rec({ [PEER]: 2 }))).toBe('take');
    expect(decideRecord(rec({ [PEER]: 2 }), rec({ [PEER]: 2 }))).toBe('skip');
    expect(decideRecord(rec({ [PEER]: 2, [ME]: 1 }), rec({ [PEER]: 2 }))).toBe('skip');
  });
  it('concurrent edits conflict, unless both sides hold the same data (then the vectors merge)', () => {
    expect(decideRecord(rec({ [PEER]: 1, [ME]: 2 }, '甲'), rec({ [PEER]: 2 }, '乙'))).toBe('conflict');
    expect(decideRecord({ ...rec({ [ME]: 2 }, '甲'), updatedAt: 5 }, rec({ [PEER]: 2 }, '甲'))).toBe('merge');
  });
});

describe('cadreMismatch', () => {
  it('refuses a sub-record that names another cadre than the stored copy, in Chinese', () => {
    expect(cadreMismatch('c1', 'c1', '简历')).toBeNull();
    expect(cadreMismatch(undefined, 'c2', '简历')).toBeNull();
    expect(cadreMismatch('c1', 'c2', '简历')).toContain('不能在干部之间移动');
  });
});

describe('scopeUnitIds', () => {
  const units = [
    { id: 'root', parentId: null },
    { id: 'a', parentId: 'root' },
    { id: 'a1', parentId: 'a', deleted: true },
    { id: 'a11', parentId: 'a1' },
    { id: 'b', parentId: 'root' },
  ];
  it('is the subtree, tombstones and what hangs below them included', () => {
    expect(scopeUnitIds(units, ['a'])).toEqual(new Set(['a', 'a1', 'a11']));
    expect(scopeUnitIds(units, 'all')).toBe('all');
    expect(coversUnit(scopeUnitIds(units, ['a']), 'b')).toBe(false);
    expect(coversUnit(scopeUnitIds(units, ['a']), 'a11')).toBe(true);
    expect(coversUnit('all', null)).toBe(true);
    expect(coversUnit(new Set(['a']), null)).toBe(false);
  });
});
