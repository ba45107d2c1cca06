import { test as base, chromium, type BrowserContext, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SUB_RECORD_TABLE_NAMES } from '../../shared/domain/cadre';
import { STATUS_CODES } from '../../renderer/db/performanceMonthPacks';
import type { Dialogs, FileDialogResult } from '../../electron/ipc/dialog';
import type { Identity } from '../../electron/keys/identity';
import { assertChromium, BASE_URL, CHROMIUM_ARGS, CHROMIUM_PATH } from './env';
import { createMainSide, wireContext, type Dispatch } from './transport';
import { openByteChannel, type ByteChannel } from './byteChannel';

/** Sub-record kinds: stored grouped per dossier in `subRecords` (schema version 4). */
const SUB_KINDS: readonly string[] = SUB_RECORD_TABLE_NAMES;

/**
 * The second transport of docs/architecture.md (./transport.ts, shared with the try launcher in test/try/):
 * window.cadreDesk built by the same buildCadreDeskApi as the preload, calling the same handler set through the
 * same dispatcher, in this Node process. One Installation = one main-process user-data folder + one Chromium
 * profile (where IndexedDB lives); restart() closes both and opens them again, as quitting and starting the app
 * would.
 */
export class Installation {
  readonly userDataDir: string;
  readonly profileDir: string;
  identity: Identity | null = null;
  /** The main side's dispatcher, for the bench to call the handlers directly (their own time, without a page). */
  dispatch: Dispatch | null = null;
  context: BrowserContext | null = null;
  page!: Page;
  private dialogAnswers: FileDialogResult[] = [];
  readonly errors: string[] = [];

  private channel: ByteChannel | null = null;

  /**
   * `byteChannel`: large byte arrays go through a loopback HTTP channel (./byteChannel.ts) instead of the binding,
   * as fast as Electron's IPC moves them; the page's CSP is bypassed for it. For the bench only: the e2e test the CSP.
   */
  constructor(
    readonly root: string,
    private readonly options: { byteChannel?: boolean } = {},
  ) {
    this.userDataDir = path.join(root, 'userData');
    this.profileDir = path.join(root, 'chromium');
  }

  /** The next file dialog is answered with these paths (or cancelled with []). */
  answerNextDialog(filePaths: string[]): void {
    this.dialogAnswers.push({ canceled: filePaths.length === 0, filePaths });
  }

  async launch(): Promise<Page> {
    assertChromium();
    const nextAnswer = async (): Promise<FileDialogResult> =>
      this.dialogAnswers.shift() ?? { canceled: true, filePaths: [] };
    const dialogs: Dialogs = { showOpen: nextAnswer, showSave: nextAnswer, showFolder: nextAnswer };
    const { identity, dispatch } = await createMainSide({
      userDataDir: this.userDataDir,
      allowedOrigin: BASE_URL,
      appVersion: '0.0.0-test',
      dialogs,
      logError: (method, e) => this.errors.push(`${method}: ${String(e)}`),
    });
    this.identity = identity;
    this.dispatch = dispatch;
    if (this.options.byteChannel) this.channel = await openByteChannel(new URL(BASE_URL).origin);

    this.context = await chromium.launchPersistentContext(this.profileDir, {
      ...(this.channel ? { bypassCSP: true } : {}),
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      locale: 'zh-CN',
      viewport: { width: 1366, height: 800 },
      // the app then turns antd's animations off (renderer/main.tsx): a click never lands on a dialog that is still
      // zooming in or fading out, which on a loaded CI machine made a click miss its button
      reducedMotion: 'reduce',
    });
    await wireContext(this.context, dispatch, this.channel ?? undefined);
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    this.page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    await this.page.goto(`${BASE_URL}/index.html`);
    return this.page;
  }

  async close(): Promise<void> {
    await this.context?.close();
    this.context = null;
    await this.channel?.close();
    this.channel = null;
  }

  async restart(): Promise<Page> {
    await this.close();
    return this.launch();
  }

  /**
   * Writes records straight into the page's IndexedDB, behind the app's back, and reloads — what the department's
   * first bundle will do until the exchange issue lands. Sub-record kinds (career, family, …) go into their
   * dossier's set, in the cadre's own row of `dossierPacks`, the way the app stores a set it writes
   * (renderer/db/dossierPacks.ts).
   */
  async seedRecords(table: string, records: object[]): Promise<void> {
    await this.page.evaluate(
      async ([name, rows, subKinds, statusCodes]) => {
        const request = indexedDB.open(localStorage.getItem('cadredesk.database') ?? 'cadredesk') /* after a restore: renderer/db/databaseName.ts */;
        const db: IDBDatabase = await new Promise((ok, fail) => {
          request.onsuccess = () => ok(request.result);
          request.onerror = () => fail(request.error);
        });
        const isSub = subKinds.includes(name);
        // the dossier's kept facts, in the pack its cadre id hashes to (renderer/db/dossierFacts.ts: FNV-1a over the
        // id's UTF-16 code units, 1,024 packs), kept by the app under every write of a dossier set; kept here too since
        // this write goes around the app
        const facts = isSub && db.objectStoreNames.contains('dossierFactPacks');
        const bucketOf = (id: string) => {
          let h = 0x811c9dc5;
          for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
          return (h >>> 0) % 1024;
        };
        type Entry = { deleted?: boolean; kind?: string; postLevel?: unknown; rank?: unknown; from?: unknown; to?: unknown; year?: unknown; grade?: unknown };
        const live = (list: unknown) => ((list ?? []) as Entry[]).filter((r) => !r.deleted);
        await new Promise((ok, fail) => {
          const tx = db.transaction(isSub ? ['dossierPacks', ...(facts ? ['dossierFactPacks'] : [])] : name, 'readwrite');
          if (!isSub) for (const row of rows) tx.objectStore(name).put(row);
          // one read-modify-write per dossier: the reads of one transaction all see the state before its writes
          const byCadre = new Map<string, { id: string; cadreId: string }[]>();
          if (isSub) for (const row of rows as { id: string; cadreId: string }[]) byCadre.set(row.cadreId, [...(byCadre.get(row.cadreId) ?? []), row]);
          // then, once every set is written, one read-modify-write per pack
          const written = new Map<string, object>();
          const writePacks = () => {
            const byBucket = new Map<number, [string, object][]>();
            for (const [cadreId, f] of written) byBucket.set(bucketOf(cadreId), [...(byBucket.get(bucketOf(cadreId)) ?? []), [cadreId, f]]);
            const packs = tx.objectStore('dossierFactPacks');
            for (const [bucket, list] of byBucket) {
              const get = packs.get(bucket);
              get.onsuccess = () => {
                const pack = (get.result ?? { bucket, facts: {} }) as { bucket: number; facts: Record<string, object> };
                for (const [cadreId, f] of list) pack.facts[cadreId] = f;
                packs.put(pack);
              };
            }
          };
          type Row = { packId: string; cadreIds: string[]; sets: Record<string, { id: string }[]>[] };
          for (const [cadreId, list] of byCadre) {
            const packs = tx.objectStore('dossierPacks');
            // every row holding the cadre's set; its own row ('s' + id) before any pack's copy
            const get = packs.index('cadreIds').getAll(cadreId);
            get.onsuccess = () => {
              const rows = get.result as Row[];
              const row = rows.find((r) => r.packId === `s${cadreId}`) ?? rows[0];
              const set = (row ? { ...row.sets[row.cadreIds.indexOf(cadreId)] } : { cadreId }) as Record<string, { id: string }[]>;
              const ids = new Set(list.map((r) => r.id));
              set[name] = [...(set[name] ?? []).filter((r) => !ids.has(r.id)), ...list];
              packs.put({ packId: `s${cadreId}`, cadreIds: [cadreId], sets: [set] });
              if (!facts) return;
              written.set(cadreId, {
                posts: live(set.posts).map((p) => ({ postLevel: p.postLevel, from: p.from, to: p.to })),
                assessments: live(set.assessments).map((a) => ({ year: a.year, grade: a.grade })),
                rewards: live(set.rewards).filter((r) => r.kind !== 'reward'),
                ranks: live(set.ranks).map((r) => ({ rank: r.rank, from: r.from, to: r.to })),
              });
              if (written.size === byCadre.size) writePacks();
            };
          }
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        // and each month's packs of live monthly reports (renderer/db/performanceMonthPacks.ts, schema version 30)
        // and each cadre's year of them (renderer/db/performanceCadreYears.ts, version 34), rebuilt from every report
        // stored: a pack per month and cadre-id prefix, a year's twelve months in a string, statuses coded in order
        if (name === 'performanceRecords' && db.objectStoreNames.contains('performanceMonthPacks') && db.objectStoreNames.contains('performanceCadreYears')) {
          await new Promise((ok, fail) => {
            const tx = db.transaction(['performanceRecords', 'performanceMonthPacks', 'performanceCadreYears'], 'readwrite');
            const all = tx.objectStore('performanceRecords').getAll();
            all.onsuccess = () => {
              const packs = new Map<string, { period: string; bucket: string; cadreId: string[]; status: string }>();
              const years = new Map<string, { cadreId: string; year: number; status: string[] }>();
              for (const r of all.result as { cadreId: string; kind: string; period: string; status: string; deleted?: boolean }[]) {
                if (r.kind !== 'monthly' || r.deleted) continue;
                const code = String(Math.max(0, (statusCodes as readonly string[]).indexOf(r.status)));
                const bucket = r.cadreId.slice(0, 2);
                const key = `${r.period} ${bucket}`;
                const pack = packs.get(key) ?? { period: r.period, bucket, cadreId: [], status: '' };
                pack.cadreId.push(r.cadreId);
                pack.status += code;
                packs.set(key, pack);
                const year = Number(r.period.slice(0, 4));
                const y = years.get(`${r.cadreId} ${year}`) ?? { cadreId: r.cadreId, year, status: [...'-'.repeat(12)] };
                y.status[Number(r.period.slice(5, 7)) - 1] = code;
                years.set(`${r.cadreId} ${year}`, y);
              }
              const store = tx.objectStore('performanceMonthPacks');
              store.clear();
              for (const pack of packs.values()) store.put(pack);
              const yearStore = tx.objectStore('performanceCadreYears');
              yearStore.clear();
              for (const y of years.values()) yearStore.put({ ...y, status: y.status.join('') });
            };
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
          });
        }
        db.close();
        // the roster's first-screen snapshot goes at any write to units or cadres, as the app's own writes remove it
        // (renderer/features/roster/snapshot.ts); this one went around the app
        localStorage.removeItem('cadredesk.rosterSnapshot');
      },
      [table, records, SUB_KINDS, STATUS_CODES] as const,
    );
    await this.page.reload();
  }

  /**
   * Adds `other` as a trusted peer with the given fixed scope, through the app's own IPC methods, the fingerprint
   * checked as read out (the screens for this are exchange.spec's first test): its card comes from its page.
   */
  async trustPeer(other: Installation, scope: 'all' | { unitId: string }): Promise<void> {
    type Api = { exchange: { card(): Promise<{ text: string }>; addPeer(a: unknown): Promise<unknown>; confirmPeer(a: unknown): Promise<unknown> } };
    const cardText = await other.page.evaluate(async () => (await (window as unknown as { cadreDesk: Api }).cadreDesk.exchange.card()).text);
    const peer = { installationId: other.identity!.installationId, fingerprint: other.identity!.fingerprint };
    await this.page.evaluate(
      async ([c, s, p]) => {
        const api = (window as unknown as { cadreDesk: Api }).cadreDesk.exchange;
        await api.addPeer({ cardText: c, scope: s });
        await api.confirmPeer(p);
      },
      [cardText, scope, peer] as const,
    );
  }

  /** A 400×500 JPEG portrait stored in the blobs table, as the dossier's photo field stores one; returns its hash. */
  async seedPhoto(): Promise<string> {
    return this.page.evaluate(async () => {
      const canvas = new OffscreenCanvas(400, 500);
      const g = canvas.getContext('2d')!;
      g.fillStyle = '#4682c8';
      g.fillRect(0, 0, 400, 500);
      g.fillStyle = '#ebbe96';
      g.beginPath();
      g.arc(200, 200, 90, 0, Math.PI * 2);
      g.fill();
      g.fillStyle = '#28283c';
      g.fillRect(60, 330, 280, 170);
      const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
      const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
      const hash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
      const db: IDBDatabase = await new Promise((ok, fail) => {
        const r = indexedDB.open(localStorage.getItem('cadredesk.database') ?? 'cadredesk');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      await new Promise((ok, fail) => {
        const tx = db.transaction('blobs', 'readwrite');
        tx.objectStore('blobs').put({ hash, type: 'image/jpeg', data: blob });
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
      return hash;
    });
  }

  /** Every record of a table, read straight from the page's IndexedDB (what is really stored). */
  async readAll<T = Record<string, unknown>>(table: string): Promise<T[]> {
    return this.page.evaluate(
      ([name, subKinds]) =>
        new Promise<T[]>((ok, fail) => {
          const isSub = subKinds.includes(name);
          const request = indexedDB.open(localStorage.getItem('cadredesk.database') ?? 'cadredesk') /* after a restore: renderer/db/databaseName.ts */;
          request.onerror = () => fail(request.error);
          request.onsuccess = () => {
            const all = request.result.transaction(isSub ? 'dossierPacks' : name).objectStore(isSub ? 'dossierPacks' : name).getAll();
            all.onsuccess = () => {
              request.result.close();
              const rows = all.result as Record<string, unknown>[];
              if (!isSub) return ok(rows as T[]);
              // the dossier sets (renderer/db/dossierPacks.ts): a cadre's own row over a pack's stale copy
              const sets = new Map<string, Record<string, unknown>>();
              for (const row of rows as { packId: string; cadreIds: string[]; sets: Record<string, unknown>[] }[])
                row.cadreIds.forEach((id, i) => {
                  if (row.packId.startsWith('s') || !sets.has(id)) sets.set(id, row.sets[i]!);
                });
              ok([...sets.values()].flatMap((set) => (set[name] ?? []) as T[]));
            };
          };
        }),
      [table, SUB_KINDS] as const,
    );
  }

  /** A synced record as another installation would have written it. */
  static record<T extends object>(data: T & { id: string }) {
    const origin = 'f'.repeat(32);
    return { ...data, vv: { [origin]: 1 }, updatedAt: 0, updatedBy: { installationId: origin, operator: '组织部' }, deleted: false };
  }

  /** Completes the first-run screen through the UI. */
  async completeFirstRun(name = '新城区委组织部干部科', operator = '李明', type: '组织部' | '单位' = '组织部'): Promise<void> {
    const page = this.page;
    await page.getByLabel('本机名称').fill(name);
    await page.getByText(type, { exact: true }).click();
    await page.getByLabel('操作员姓名').fill(operator);
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByTestId('header-installation').waitFor();
  }
}

export const test = base.extend<{ installation: Installation; makeInstallation: () => Promise<Installation> }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies from this pattern
  makeInstallation: async ({}, use) => {
    const made: Installation[] = [];
    await use(async () => {
      const installation = new Installation(await mkdtemp(path.join(tmpdir(), 'cadredesk-e2e-')));
      made.push(installation);
      return installation;
    });
    for (const installation of made) {
      await installation.close();
      await rm(installation.root, { recursive: true, force: true });
    }
  },
  installation: async ({ makeInstallation }, use) => {
    const installation = await makeInstallation();
    await installation.launch();
    await use(installation);
    // A test passes only if the page threw nothing and no handler hit a defect.
    base.expect(installation.errors).toEqual([]);
  },
});

export { expect } from '@playwright/test';

/** Saves a screenshot under test-results/screens for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join('test-results', 'screens', `${name}.png`), fullPage: true });
}
