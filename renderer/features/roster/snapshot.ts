import type { AppInfo } from '../../../shared/domain/installation';
import type { CadreDb } from '../../db/database';
import { onCommittedChanges } from '../../db/changes';
import { BUILD_ID } from '../../buildId';

// The roster's first screenful as last drawn, painted before the app's scripts run (docs/architecture.md
// "Start-up"): renderer/public/snapshot-boot.js puts it into #root at a cold start on the roster, React shows the
// same HTML (SnapshotCover) while it starts, and the live roster takes its place once its rows are there. The HTML
// is never interactive (inert, pointer-events none): nothing can be typed or clicked into it, so nothing is lost.
//
// Never stale: any committed write to units or cadres removes it at once (the committed-change feed, which fires in
// the window that wrote), and one of another database (a restore switched it) or another build is ignored and
// removed. What remains is a crash between a write's commit and the removal: the next start shows the old first
// screen until the live rows replace it, a second or two.
//
// Safety: the HTML is React's own render of the roster (text escaped by React), kept in this origin's storage, and
// the CSP (script-src 'self', electron/security/csp.ts) runs no inline handler or script it might hold.
//
// The boot script reads the same key and checks the same fields: keep SNAPSHOT_KEY, the fields and buildIdOf in
// step with it (test/unit/renderer/rosterSnapshot.test.ts runs both).

export const SNAPSHOT_KEY = 'cadredesk.rosterSnapshot';
/** A snapshot longer than this (characters of its stored JSON) is not kept: the start would parse it every time. */
export const SNAPSHOT_MAX_CHARS = 512 * 1024;
/** How long the roster must stay unchanged in its default view before its screen is kept. */
export const SNAPSHOT_DELAY_MS = 400;
const FORMAT = 1;

export interface RosterSnapshot {
  format: typeof FORMAT;
  /** The IndexedDB database it was drawn from (renderer/db/databaseName.ts). */
  database: string;
  /** The build that drew it (buildIdOf). */
  build: string;
  /** Who the shell's header named (ownerKeyOf); checked once the app knows, the boot script cannot. */
  owner: string;
  savedAt: number;
  /** #root's innerHTML. */
  html: string;
  /** The style elements antd added to the head (its theme's CSS variables): the HTML's classes need them. */
  css: string;
}

export { BUILD_ID, buildIdOf } from '../../buildId';

/** The installation and profile the shell's header shows: a snapshot of another is never shown. */
export const ownerKeyOf = (info: AppInfo): string =>
  info.profile ? JSON.stringify([info.installationId, info.profile.name, info.profile.type, info.profile.operator]) : '';

const storageOf = (): Storage | null => {
  try {
    return window.localStorage;
  } catch {
    return null; // storage unavailable: no snapshot
  }
};

export function dropSnapshot(storage = storageOf()): void {
  try {
    storage?.removeItem(SNAPSHOT_KEY);
  } catch {
    // nothing kept
  }
}

/** Keeps a snapshot; false (and any older one removed) when it is too large or cannot be stored. */
export function saveSnapshot(snapshot: Omit<RosterSnapshot, 'format'>, storage = storageOf()): boolean {
  if (!storage) return false;
  const text = JSON.stringify({ format: FORMAT, ...snapshot } satisfies RosterSnapshot);
  if (text.length > SNAPSHOT_MAX_CHARS) {
    dropSnapshot(storage);
    return false;
  }
  try {
    storage.setItem(SNAPSHOT_KEY, text);
    return true;
  } catch {
    dropSnapshot(storage); // quota: never leave an older one behind
    return false;
  }
}

/** What storage holds under SNAPSHOT_KEY, parsed; null when nothing, unreadable storage or unreadable JSON. */
function storedSnapshot(storage: Storage | null): Partial<RosterSnapshot> | null {
  try {
    const text = storage?.getItem(SNAPSHOT_KEY);
    return text ? (JSON.parse(text) as Partial<RosterSnapshot>) : null;
  } catch {
    return null;
  }
}

/** The kept snapshot if it was drawn from `database` by `build`; one of another, or unreadable, is removed. */
export function loadSnapshot(expected: { database: string; build: string }, storage = storageOf()): RosterSnapshot | null {
  const s = storedSnapshot(storage);
  if (s && s.format === FORMAT && s.database === expected.database && s.build === expected.build && typeof s.html === 'string' && typeof s.css === 'string' && typeof s.owner === 'string') {
    return s as RosterSnapshot;
  }
  dropSnapshot(storage);
  return null;
}

let generation = 0;
/** Bumped on every removal by a write: a save planned before it would keep what may be stale, and is dropped. */
export const snapshotGeneration = (): number => generation;

/** Removes the snapshot at every committed write to units or cadres of `db`; gives the unsubscribe. */
export function dropSnapshotOnChanges(db: CadreDb, storage = storageOf()): () => void {
  return onCommittedChanges(db, (changes) => {
    if (!changes.some((c) => (c.table === 'units' || c.table === 'cadres') && c.ids.length)) return;
    generation++;
    dropSnapshot(storage);
  });
}

// The snapshot the boot script showed at this start, as it put it into #root (read before React replaces it), and
// whose header it showed; null once the live roster (or any other screen) has taken its place.
let cover: { html: string; owner: string } | null = null;

/** Takes what the boot script showed (call once, at module load, before React renders). */
export function takeBootSnapshot(doc: Document, expected: { database: string; build: string }, storage = storageOf()): void {
  const shown = doc.getElementById('root')?.querySelector(':scope > [data-snapshot]');
  const kept = shown ? loadSnapshot(expected, storage) : null;
  cover = shown && kept ? { html: shown.innerHTML, owner: kept.owner } : null;
}

/** The HTML to keep showing while the app starts, or null. */
export const snapshotCover = (): string | null => cover?.html ?? null;

/** The live roster (or another screen) is shown: the snapshot is not shown again in this window. */
export function endSnapshotCover(): void {
  cover = null;
  // the styles the boot script added for it: antd has added its own for what it drew by now
  if (typeof document !== 'undefined') for (const style of document.querySelectorAll('style[data-snapshot-style]')) style.remove();
}

let settled: string | null = null;

/** Who the shell names now (set by settleSnapshotOwner), or null before the app knows. */
export const snapshotOwner = (): string | null => settled || null;

/**
 * Once the app knows who this installation is: a snapshot drawn under another installation or profile (or before a
 * first run) is removed and not shown. Idempotent, so it may run during render.
 */
export function settleSnapshotOwner(info: AppInfo, storage = storageOf()): void {
  const owner = ownerKeyOf(info);
  if (owner === settled) return; // a render of the same installation: checked already
  settled = owner;
  if (cover && cover.owner !== owner) endSnapshotCover();
  // nothing stored, or something unreadable: removing it is harmless, or right
  if (!owner || storedSnapshot(storage)?.owner !== owner) dropSnapshot(storage);
}

/**
 * Keeps `root`'s current HTML as the snapshot of `database`, if it still may be: no write to units or cadres since
 * `planned` (snapshotGeneration when the save was planned) and the owner known. Gives whether it was kept.
 */
export function keepSnapshot(root: HTMLElement, database: string, planned: number, storage = storageOf()): boolean {
  const owner = snapshotOwner();
  if (planned !== generation || !owner || root.querySelector('[data-snapshot]')) return false;
  const css = [...(root.ownerDocument.head?.querySelectorAll('style:not([data-snapshot-style])') ?? [])].map((s) => s.textContent).join('\n');
  return saveSnapshot({ database, build: BUILD_ID, owner, savedAt: Date.now(), html: visibleHtml(root), css }, storage);
}

/** Lines that may run past the window's bottom edge: the roster's rows and the unit tree's nodes. */
const LINES = '[data-testid="roster-row"], .ant-tree-treenode';

/**
 * The attribute a kept element's `data-testid` moves to. The snapshot is a picture of the page shown beside the live
 * page while it starts: with the live page's test ids it would answer every lookup of the live count or rows twice.
 */
const SNAPSHOT_TESTID = 'data-snapshot-testid';

/**
 * `root`'s HTML without the rows and tree nodes below the window's bottom edge (nobody sees them at the start, and
 * every element is work — parsing, styles, layout — on the way to the first paint; a taller window shows space there
 * until the live rows come), its test ids moved to SNAPSHOT_TESTID.
 */
export function visibleHtml(root: HTMLElement): string {
  const bottom = root.ownerDocument.defaultView?.innerHeight ?? Infinity;
  const lines = [...root.querySelectorAll(LINES)];
  const below = new Set(lines.flatMap((el, i) => (el.getBoundingClientRect().top >= bottom ? [i] : [])));
  const copy = root.cloneNode(true) as HTMLElement;
  [...copy.querySelectorAll(LINES)].forEach((el, i) => {
    if (below.has(i)) el.remove();
  });
  for (const el of copy.querySelectorAll('[data-testid]')) {
    el.setAttribute(SNAPSHOT_TESTID, el.getAttribute('data-testid')!);
    el.removeAttribute('data-testid');
  }
  return copy.innerHTML;
}
