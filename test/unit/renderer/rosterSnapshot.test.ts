import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type CadreDb } from '../../../renderer/db/database';
import { createCadre } from '../../../renderer/db/cadres';
import { createUnit } from '../../../renderer/db/units';
import type { WriteContext } from '../../../renderer/db/repository';
import {
  buildIdOf,
  BUILD_ID,
  dropSnapshotOnChanges,
  endSnapshotCover,
  keepSnapshot,
  loadSnapshot,
  ownerKeyOf,
  saveSnapshot,
  settleSnapshotOwner,
  SNAPSHOT_KEY,
  SNAPSHOT_MAX_CHARS,
  snapshotCover,
  snapshotGeneration,
  takeBootSnapshot,
  type RosterSnapshot,
  visibleHtml,
} from '../../../renderer/features/roster/snapshot';
import { RosterIndex } from '../../../renderer/features/roster/rosterIndex';
import type { AppInfo } from '../../../shared/domain/installation';
import { newId } from '../../../shared/ids';
import { sampleCadreInput } from '../../fixtures/cadre';
import { memoryStorage } from './memoryStorage';

// The roster's first-screen snapshot (renderer/features/roster/snapshot.ts) and the boot script that shows it
// (renderer/public/snapshot-boot.js, run here as the page runs it, against the same storage).

const BOOT = readFileSync(path.resolve('renderer/public/snapshot-boot.js'), 'utf8') // vitest runs at the repository's root;
const ctx: WriteContext = { actor: { installationId: '0123456789abcdef0123456789abcdef', operator: '张三' }, now: () => Date.UTC(2026, 0, 15) };
const info = (operator = '李明'): AppInfo => ({
  appName: 'CadreDesk',
  version: '0.1.0',
  installationId: '0123456789abcdef0123456789abcdef',
  fingerprint: 'ABCD',
  keyProtection: 'userFile',
  dataFolder: '/tmp',
  profile: { name: '新城区委组织部', type: 'department', operator, unitId: null },
});
const ROWS = '<div class="ant-app"><div role="row" data-testid="roster-row">王芳 区委组织部</div></div>';
const snapshot = (over: Partial<RosterSnapshot> = {}): Omit<RosterSnapshot, 'format'> => ({
  database: 'cadredesk',
  build: BUILD_ID,
  owner: ownerKeyOf(info()),
  savedAt: 1,
  html: ROWS,
  css: '.css-var-r0{--ant-color-text:#000}',
  ...over,
});

/** index.html as built: the hashed entry and stylesheet in the head, #root empty, then the boot script. */
function page(hash: string, entry = '/assets/index-AbC123.js'): void {
  document.head.innerHTML = `<script type="module" crossorigin src="${entry}"></script><link rel="stylesheet" crossorigin href="/assets/index-Xy9.css">`;
  document.body.innerHTML = '<div id="root"></div>';
  window.location.hash = hash;
}
const boot = () => new Function(BOOT)() as void;
const shown = () => document.querySelector('#root > [data-snapshot]');

let storage: Storage;
beforeEach(() => {
  storage = memoryStorage();
  endSnapshotCover();
});

describe('the roster snapshot', () => {
  it('is kept and read back for the same database and build, and refused and removed for another', () => {
    expect(saveSnapshot(snapshot(), storage)).toBe(true);
    expect(loadSnapshot({ database: 'cadredesk', build: BUILD_ID }, storage)?.html).toBe(ROWS);
    // a restore switched the database: never shown, and removed
    expect(loadSnapshot({ database: 'cadredesk-m3x1', build: BUILD_ID }, storage)).toBeNull();
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    saveSnapshot(snapshot(), storage);
    expect(loadSnapshot({ database: 'cadredesk', build: '/assets/index-Other.js' }, storage)).toBeNull();
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    storage.setItem(SNAPSHOT_KEY, '{not json');
    expect(loadSnapshot({ database: 'cadredesk', build: BUILD_ID }, storage)).toBeNull();
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
  });

  it('is not kept past its size cap, and an older one goes with it', () => {
    saveSnapshot(snapshot(), storage);
    expect(saveSnapshot(snapshot({ html: 'x'.repeat(SNAPSHOT_MAX_CHARS) }), storage)).toBe(false);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    expect(saveSnapshot(snapshot({ html: 'x'.repeat(SNAPSHOT_MAX_CHARS - 1000) }), storage)).toBe(true);
  });

  it('leaves out the rows and tree nodes below the window', () => {
    const root = document.createElement('div');
    root.innerHTML = '<div class="ant-tree-treenode">区委组织部</div><div class="ant-tree-treenode">街道</div><div data-testid="roster-row">王芳</div><div data-testid="roster-row">李四</div><p>共 2 人</p>';
    const tops = new Map([['区委组织部', 10], ['街道', 900], ['王芳', 100], ['李四', 768]]);
    for (const el of root.children) el.getBoundingClientRect = () => ({ top: tops.get(el.textContent!) ?? 0 }) as DOMRect;
    window.innerHeight = 768;
    expect(visibleHtml(root)).toBe('<div class="ant-tree-treenode">区委组织部</div><div data-snapshot-testid="roster-row">王芳</div><p>共 2 人</p>');
    expect(root.children).toHaveLength(5); // the page itself is left as it was
    expect(root.querySelectorAll('[data-testid="roster-row"]')).toHaveLength(2);
  });

  it('carries no test id of the live page, so a lookup of the live count never finds the picture too', () => {
    const root = document.createElement('div');
    root.innerHTML = '<div data-testid="roster-row">王芳</div><span data-testid="roster-count">共 1 人</span>';
    window.innerHeight = 768;
    const copy = document.createElement('div');
    copy.innerHTML = visibleHtml(root);
    expect(copy.querySelectorAll('[data-testid]')).toHaveLength(0);
    expect(copy.querySelector('[data-snapshot-testid="roster-count"]')!.textContent).toBe('共 1 人');
  });

  it('is not kept when storage refuses it (quota), and an older one goes', () => {
    saveSnapshot(snapshot(), storage);
    const full: Storage = { ...storage, getItem: storage.getItem, removeItem: storage.removeItem, setItem: () => { throw new DOMException('full', 'QuotaExceededError'); } };
    expect(saveSnapshot(snapshot(), full)).toBe(false);
    expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
  });

  describe('and the database', () => {
    let db: CadreDb;
    let stop: () => void;
    beforeEach(async () => {
      db = openDatabase(`snapshot-${newId()}`);
      await db.open();
      stop = dropSnapshotOnChanges(db, storage);
    });
    afterEach(async () => {
      stop();
      db.close();
      await Dexie.delete(db.name);
    });

    it('is kept only from a roster index that holds every write announced (RosterIndex.current)', async () => {
      const unit = await createUnit(db, ctx, null, '区委组织部');
      const index = new RosterIndex(db);
      const stop = index.subscribe(() => undefined); // the roster is on screen
      expect(index.current).toBe(false);
      await index.load('2026-01');
      expect(index.current).toBe(true);
      await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '王芳' }));
      expect(index.current).toBe(false); // announced, not yet applied: what is on screen may be old
      await index.load('2026-01'); // catches up
      expect(index.current).toBe(true);
      expect(index.sortedBy('unit').map((r) => r.name)).toEqual(['王芳']);
      stop();
    });

    it('is removed at the commit of any write to units or cadres, and a save planned before it is dropped', async () => {
      settleSnapshotOwner(info(), storage);
      const root = document.createElement('div');
      root.innerHTML = ROWS;
      document.head.innerHTML = '<style data-token-hash="css-var-r0">.css-var-r0{--ant-color-text:#000}</style>';
      expect(keepSnapshot(root, db.name, snapshotGeneration(), storage)).toBe(true);
      const unit = await createUnit(db, ctx, null, '区委组织部');
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();

      const planned = snapshotGeneration();
      expect(keepSnapshot(root, db.name, planned, storage)).toBe(true);
      await createCadre(db, ctx, sampleCadreInput({ unitId: unit.id, name: '王芳' }));
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
      // the roster drew its screen before that write: it may be stale, and is not kept
      expect(keepSnapshot(root, db.name, planned, storage)).toBe(false);
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
      expect(keepSnapshot(root, db.name, snapshotGeneration(), storage)).toBe(true);
      expect(loadSnapshot({ database: db.name, build: BUILD_ID }, storage)).toMatchObject({ owner: ownerKeyOf(info()), html: ROWS.replace('data-testid', 'data-snapshot-testid'), css: '.css-var-r0{--ant-color-text:#000}' });

      // a write elsewhere (the roster's saved queries) leaves it
      await db.transaction('rw', db.savedQueries, () => db.savedQueries.put({ id: 'q', name: '查询', query: {} } as never));
      expect(storage.getItem(SNAPSHOT_KEY)).not.toBeNull();
    });
  });

  describe('at start (the boot script)', () => {
    it('shows it inert on the roster, for the database in use and this build, and React keeps showing it', () => {
      page('#/roster');
      saveSnapshot(snapshot({ build: buildIdOf(document) }), storage);
      boot();
      const el = shown()!;
      expect(el.getAttribute('data-snapshot')).toBe('1');
      expect(el.hasAttribute('inert')).toBe(true);
      expect(el.getAttribute('aria-hidden')).toBe('true');
      expect(el.querySelector('[data-testid="roster-row"]')!.textContent).toBe('王芳 区委组织部');
      expect(el.textContent).toContain('正在启动…');
      expect(document.head.querySelector('style[data-snapshot-style]')!.textContent).toBe('.css-var-r0{--ant-color-text:#000}');

      takeBootSnapshot(document, { database: 'cadredesk', build: buildIdOf(document) }, storage);
      expect(snapshotCover()).toBe(el.innerHTML);
      settleSnapshotOwner(info(), storage);
      expect(snapshotCover()).toBe(el.innerHTML);
      endSnapshotCover();
      expect(snapshotCover()).toBeNull();
      expect(document.head.querySelector('style[data-snapshot-style]')).toBeNull();
    });

    it('shows it with no route at all (the start route), never on another page', () => {
      for (const hash of ['', '#/']) {
        page(hash);
        saveSnapshot(snapshot({ build: buildIdOf(document) }), storage);
        boot();
        expect(shown()).not.toBeNull();
      }
      for (const hash of ['#/settings', '#/print?kind=roster', '#/cadre?id=c1']) {
        page(hash);
        boot();
        expect(shown()).toBeNull();
      }
      expect(storage.getItem(SNAPSHOT_KEY)).not.toBeNull();
    });

    it('ignores and removes one of another build or database', () => {
      page('#/roster');
      saveSnapshot(snapshot({ build: buildIdOf(document) }), storage);
      page('#/roster', '/assets/index-NewBuild.js');
      boot();
      expect(shown()).toBeNull();
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();

      saveSnapshot(snapshot({ build: buildIdOf(document) }), storage);
      storage.setItem('cadredesk.database', 'cadredesk-m3x1'); // a restore switched it (renderer/db/databaseName.ts)
      boot();
      expect(shown()).toBeNull();
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
      takeBootSnapshot(document, { database: 'cadredesk-m3x1', build: buildIdOf(document) }, storage);
      expect(snapshotCover()).toBeNull();
    });

    it('is dropped once the app knows another installation or profile, or a first run', () => {
      page('#/roster');
      saveSnapshot(snapshot({ build: buildIdOf(document) }), storage);
      boot();
      takeBootSnapshot(document, { database: 'cadredesk', build: buildIdOf(document) }, storage);
      settleSnapshotOwner(info('王强'), storage); // the operator was renamed: the header it shows is old
      expect(snapshotCover()).toBeNull();
      expect(document.head.querySelector('style[data-snapshot-style]')).toBeNull();
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();

      saveSnapshot(snapshot({ build: buildIdOf(document), owner: ownerKeyOf(info('王强')) }), storage);
      settleSnapshotOwner({ ...info(), profile: null }, storage);
      expect(storage.getItem(SNAPSHOT_KEY)).toBeNull();
    });
  });
});
