import { z } from 'zod';
import { recordTypeOf } from '../catalog';
import { decodeBase64, encodeBase64 } from '../lrmx/base64';
import { isHex64, sha256, sha256HexThenText, sha256HexThenTextIs } from './sha256';

// The hash-chained log of supervision writes (docs/supervision.md "Hash-chained log"). Every write to a
// restricted record appends an entry holding the SHA-256 of the record as written and of the entry before it; the
// main process signs the head after each write batch and keeps the heads it signed, signing only a batch that
// extends the last one. Verification recomputes every entry, checks the signature, compares the chain with the
// signed heads (a re-chained edit no longer matches them) and the live records with their last entries (a record
// edited straight in IndexedDB no longer matches its digest), and names the first entry that is broken.

export const GENESIS = '0'.repeat(64);
const HEX64 = /^[0-9a-f]{64}$/;
const Hex64 = z.string().regex(HEX64);

export const ChainEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: z.number().int().nonnegative(),
  table: z.string().min(1).max(64),
  recordId: z.string().min(1).max(64),
  action: z.enum(['create', 'update', 'delete']),
  /** SHA-256 of the record as written (canonical JSON, sync fields included). */
  digest: Hex64,
  /** Who wrote it (the operator's name). */
  by: z.string().max(60),
  /** The previous entry's hash; GENESIS for the first. */
  prev: Hex64,
  hash: Hex64,
});
export type ChainEntry = z.infer<typeof ChainEntrySchema>;
export type ChainAction = ChainEntry['action'];

export const ChainHeadSchema = z.object({ seq: z.number().int().nonnegative(), hash: Hex64 });
export type ChainHead = z.infer<typeof ChainHeadSchema>;

/**
 * Entries `from`…`to` with no signed head to check them against: the heads signed for them were lost (the heads
 * file gone, or restored from an older backup) and signing started again after `to`. Shown, never hidden.
 */
export const ChainGapSchema = z.object({ from: z.number().int().positive(), to: z.number().int().positive() });
export type ChainGap = z.infer<typeof ChainGapSchema>;

/** JSON with object keys sorted at every level: the same record always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The digest of a record as stored. */
export const recordDigest = (record: unknown): string => sha256(canonicalJson(record));

/** How every entry's text starts (the log's format and version). */
export const ENTRY_TEXT_PREFIX = 'cadredesk-supervision-log/1|';

/** The text part of what an entry's hash is taken of: its fields but the hashes, in a fixed order (`by` last). */
export const entryText = (e: Omit<ChainEntry, 'hash'>): string => `${ENTRY_TEXT_PREFIX}${e.seq}|${e.at}|${e.table}|${e.recordId}|${e.action}|${e.by}`;

/**
 * An entry's hash: SHA-256 of the previous hash and the record's digest (32 bytes each), then entryText — three
 * SHA-256 blocks, so that a million entries verify within seconds.
 */
export const entryHash = (e: Omit<ChainEntry, 'hash'>): string => sha256HexThenText([e.prev, e.digest], entryText(e));

/** Whether an entry's hash is its own (entryHash(e) === e.hash), without making the hash's text. */
const hashIsOwn = (e: ChainEntry): boolean => sha256HexThenTextIs([e.prev, e.digest], entryText(e), e.hash);

/** The next entry after `last` (or the first). */
export function nextEntry(last: Pick<ChainEntry, 'seq' | 'hash'> | undefined, e: Omit<ChainEntry, 'seq' | 'prev' | 'hash'>): ChainEntry {
  const body = { ...e, seq: (last?.seq ?? 0) + 1, prev: last?.hash ?? GENESIS };
  return { ...body, hash: entryHash(body) };
}

/** The text the main process signs for a head: the installation's, so a head cannot be moved to another. */
export const headText = (installationId: string, head: ChainHead): string => `cadredesk-supervision-head/1\n${installationId}\n${head.seq}\n${head.hash}`;

/** A record as people name it in a message: its type's Chinese name and the start of its id. */
const recordName = (table: string, id: string): string => `${recordTypeOf(table)?.name ?? '监督'}记录（${id.slice(0, 8)}）`;

/** Why an entry is broken, in Chinese. */
export interface Broken {
  seq: number;
  reason: string;
}

/**
 * Checks that `entries` (in order, continuing from `after`) chain: consecutive numbers, each one's prev the hash
 * before it, each hash its own text's. Returns the first broken entry, or null.
 */
export function firstBrokenLink(entries: readonly ChainEntry[], after: Pick<ChainEntry, 'seq' | 'hash'> | undefined): Broken | null {
  let prevSeq = after?.seq ?? 0;
  let prevHash = after?.hash ?? GENESIS;
  for (const e of entries) {
    if (e.seq !== prevSeq + 1) return { seq: prevSeq + 1, reason: `第${prevSeq + 1}条日志缺失（下一条是第${e.seq}条），日志被删除或改动过` };
    if (e.prev !== prevHash) return { seq: e.seq, reason: `第${e.seq}条日志与前一条衔接不上，日志被改动过` };
    // entryHash reads every field but the hash (and refuses a digest that is not 64 hex digits)
    if (!isHex64(e.digest) || !hashIsOwn(e)) return { seq: e.seq, reason: `第${e.seq}条日志（${recordName(e.table, e.recordId)}）的内容与其哈希不符，日志被改动过` };
    prevSeq = e.seq;
    prevHash = e.hash;
  }
  return null;
}

/** The first signed head the chain no longer matches: a re-chained edit lies at or before it, after the one before. */
export function firstUnmatchedHead(hashAt: (seq: number) => string | undefined, heads: readonly ChainHead[]): Broken | null {
  let previous = 0;
  for (const head of heads) {
    const hash = hashAt(head.seq);
    if (hash === undefined) return { seq: head.seq, reason: `已签署的第${head.seq}条日志不见了，日志被截短或删除过` };
    if (hash !== head.hash) {
      const where = head.seq - previous > 1 ? `第${previous + 1}至${head.seq}条之间` : `第${head.seq}条`;
      return { seq: previous + 1, reason: `${where}日志与已签署的记录不符，日志被改动后重新串联过` };
    }
    previous = head.seq;
  }
  return null;
}

/** A live record that no longer matches the digest of its last entry (edited outside the app), or null. */
export function firstChangedRecord(
  lastEntries: { get(key: string): Pick<ChainEntry, 'seq' | 'digest'> | undefined },
  records: Iterable<{ table: string; record: { id: string } }>,
): Broken | null {
  const digests: RecordDigest[] = [];
  for (const { table, record } of records) digests.push({ table, id: record.id, digest: () => recordDigest(record) });
  return firstChangedDigest(lastEntries, digests);
}

/** A record as verification compares it: its digest, or how to take it. */
export interface RecordDigest {
  table: string;
  id: string;
  digest: string | (() => string);
}

/** firstChangedRecord, on the records' digests (taken elsewhere: verification takes them beside the hashing). */
export function firstChangedDigest(
  lastEntries: { get(key: string): Pick<ChainEntry, 'seq' | 'digest'> | undefined },
  records: Iterable<RecordDigest>,
): Broken | null {
  let first: Broken | null = null;
  for (const { table, id, digest } of records) {
    const entry = lastEntries.get(`${table}:${id}`);
    const reason = !entry
      ? `${recordName(table, id)}不在日志中，是在程序之外写入的`
      : entry.digest !== (typeof digest === 'string' ? digest : digest())
        ? `第${entry.seq}条日志之后，${recordName(table, id)}在程序之外被改动过`
        : null;
    if (reason && (!first || (entry?.seq ?? 0) < first.seq)) first = { seq: entry?.seq ?? 0, reason };
  }
  return first;
}

// ---- Blocks: the log's sealed entries, many to a row ---------------------------------------------------------

/**
 * Entries in a sealed block of the log (docs/supervision.md "Hash-chained log", "Performance"). IndexedDB's cost is
 * per row and per value in it, so a million one-row entries took half a minute to read; a block of 200 entries is
 * one row of two strings, kept under the 64 KiB above which Chromium stores a value as a file of its own.
 */
export const BLOCK_SIZE = 200;

/**
 * A sealed block of entries `start`…: `hashes` holds each entry's digest, prev and hash (64 hex digits each) one
 * after the other, or in the compact layout (LINKED, below) the same as base64 bytes without the prevs that are the
 * hash before; `fields` is the JSON of [names, rows] (and the layout): each entry's [seq, at, table, recordId, action, by] with
 * the table, action and writer given by their place in `names`, every character past ASCII escaped so the text stays one byte a character. Plain strings, so a backup's JSON carries a block as
 * it is. Unpacked, a block gives the very entries that were packed, and the chain is checked on exactly what it was
 * before: a changed, removed or reordered entry still breaks it.
 */
export interface ChainBlock {
  start: number;
  hashes: string;
  fields: string;
}

const escapeWide = (text: string): string => text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The compact layout (LINKED in the fields): `hashes` is the base64 of the first entry's prev, then each entry's
 * digest and hash (32 bytes each); each later entry's prev is the hash before it, so it is not stored. Half the
 * bytes of the hex layout, and verification's time is mostly reading them. Only entries that link (each prev the
 * hash before it) are packed so; any others keep the hex layout with every prev, so a block always unpacks to the
 * very entries packed.
 */
const LINKED = 2;

const hexPairs = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hexOfBytes = (bytes: Uint8Array, at: number): string => {
  let s = '';
  for (let i = at; i < at + 32; i++) s += hexPairs[bytes[i]!]!;
  return s;
};
function putHex(hex: string, out: Uint8Array, at: number): void {
  for (let i = 0; i < 32; i++) out[at + i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
}

export function packBlock(entries: readonly ChainEntry[]): ChainBlock {
  // the table, action and writer repeat from entry to entry: each is written once and named by its place
  const names: string[] = [];
  const place = new Map<string, number>();
  const nameOf = (name: string): number => {
    let i = place.get(name);
    if (i === undefined) place.set(name, (i = names.push(name) - 1));
    return i;
  };
  const rows = entries.map((e) => [e.seq, e.at, nameOf(e.table), e.recordId, nameOf(e.action), nameOf(e.by)]);
  const start = entries[0]?.seq ?? 0;
  const linked = entries.length > 0 && entries.every((e, i) => isHex64(e.digest) && isHex64(e.prev) && isHex64(e.hash) && (i === 0 || e.prev === entries[i - 1]!.hash));
  if (!linked) return { start, hashes: entries.map((e) => e.digest + e.prev + e.hash).join(''), fields: escapeWide(JSON.stringify([names, rows])) };
  const bytes = new Uint8Array(32 + entries.length * 64);
  putHex(entries[0]!.prev, bytes, 0);
  entries.forEach((e, i) => {
    putHex(e.digest, bytes, 32 + i * 64);
    putHex(e.hash, bytes, 64 + i * 64);
  });
  return { start, hashes: encodeBase64(bytes), fields: escapeWide(JSON.stringify([names, rows, LINKED])) };
}

/**
 * The entries of a block as stored, in either layout. A block edited outside the app is unpacked as it is —
 * unreadable fields give no entries, short or unreadable hashes short or empty ones — so the chain's own checks
 * (firstBrokenLink) name the entry.
 */
export function unpackBlock(block: unknown): ChainEntry[] {
  const b = (block !== null && typeof block === 'object' ? block : {}) as Partial<Record<keyof ChainBlock, unknown>>;
  const hashes = typeof b.hashes === 'string' ? b.hashes : '';
  let names: unknown[] = [];
  let rows: unknown[] = [];
  let layout: unknown;
  try {
    const parsed: unknown = typeof b.fields === 'string' ? JSON.parse(b.fields) : [];
    if (Array.isArray(parsed) && Array.isArray(parsed[0]) && Array.isArray(parsed[1])) [names, rows, layout] = parsed as [unknown[], unknown[], unknown];
  } catch {
    rows = [];
  }
  const text = (v: unknown): string => (typeof v === 'string' ? v : '');
  const named = (v: unknown): string => (typeof v === 'number' ? text(names[v]) : '');
  // the compact layout: hashes as bytes (none when unreadable), each prev the hash before it
  const bytes = layout === LINKED ? (decodeBase64(hashes) ?? new Uint8Array(0)) : null;
  const hexAt = (at: number): string => (bytes && at + 32 <= bytes.length ? hexOfBytes(bytes, at) : '');
  const out: ChainEntry[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const f: unknown[] = Array.isArray(row) ? row : [];
    const o = i * 192;
    out[i] = {
      seq: Number(f[0]),
      at: Number(f[1]),
      table: named(f[2]),
      recordId: text(f[3]),
      action: named(f[4]) as ChainAction,
      digest: bytes ? hexAt(32 + i * 64) : hashes.slice(o, o + 64),
      by: named(f[5]),
      prev: bytes ? (i ? out[i - 1]!.hash : hexAt(0)) : hashes.slice(o + 64, o + 128),
      hash: bytes ? hexAt(64 + i * 64) : hashes.slice(o + 128, o + 192),
    };
  }
  return out;
}

/**
 * A stored row joins the entries of ten blocks (2,000) once all ten are sealed: such a row is over 64 KiB, which
 * Chromium keeps as a file of its own and reads five to six times faster than the same bytes in rows under it
 * (docs/supervision.md "Performance"). Sealing stays by BLOCK_SIZE; a joined row is a block of ROW_SIZE entries,
 * starting at a multiple of ROW_SIZE plus one, in the compact layout.
 */
export const ROW_SIZE = BLOCK_SIZE * 10;

/** The first entry number of the ROW_SIZE stretch that holds entry `seq`. */
export const stretchOf = (seq: number): number => seq - ((seq - 1) % ROW_SIZE);

/** An entry as the app writes it: whole numbers, 64 hex digits, text fields (what packBlock keeps exactly). */
const whole = (e: ChainEntry): boolean =>
  Number.isSafeInteger(e.seq) &&
  Number.isSafeInteger(e.at) &&
  typeof e.table === 'string' &&
  typeof e.recordId === 'string' &&
  typeof e.action === 'string' &&
  typeof e.by === 'string' &&
  isHex64(e.digest) &&
  isHex64(e.prev) &&
  isHex64(e.hash);

/**
 * The full blocks that `entries` (in order, the first at a block's start) fill, sealed from their consecutive start
 * only: `count` entries are packed, the rest stay open. Where a run covers a whole ROW_SIZE from its start, it is
 * packed as one row. A log damaged outside the app (a number missing or out of place) is not sealed past the
 * damage, so verification names it as it would have.
 */
export function sealFull(entries: readonly ChainEntry[]): { blocks: ChainBlock[]; count: number } {
  const first = entries[0];
  if (!first || !Number.isInteger(first.seq) || (first.seq - 1) % BLOCK_SIZE !== 0) return { blocks: [], count: 0 };
  let run = 1;
  if (!whole(first)) return { blocks: [], count: 0 };
  // a prev that does not link stops the run too: the compact layout does not store it, and it must stay in sight
  while (run < entries.length && entries[run]!.seq === first.seq + run && whole(entries[run]!) && entries[run]!.prev === entries[run - 1]!.hash) run++;
  const count = run - (run % BLOCK_SIZE);
  const blocks: ChainBlock[] = [];
  for (let i = 0; i < count; ) {
    const size = stretchOf(first.seq + i) === first.seq + i && i + ROW_SIZE <= count ? ROW_SIZE : BLOCK_SIZE;
    blocks.push(packBlock(entries.slice(i, i + size)));
    i += size;
  }
  return { blocks, count };
}

/**
 * The blocks of one ROW_SIZE stretch (stored rows, in key order) joined into one row, or null when they are not
 * exactly its entries as the app seals them: numbered from a multiple of ROW_SIZE plus one without a gap, whole,
 * each prev the hash before it. Verification reads a block only as the entries it unpacks to, and the joined row
 * unpacks to the very entries of the blocks: an edited digest or hash is carried over unchanged and named just the
 * same; a block damaged in any other way (mangled, cut short, a gap, a prev that does not link) is not joined and
 * stays where verification names it.
 */
export function joinBlocks(blocks: readonly unknown[]): ChainBlock | null {
  if (blocks.length < 2) return null;
  const entries = blocks.flatMap(unpackBlock);
  const start = entries[0]?.seq ?? 0;
  if (entries.length !== ROW_SIZE || stretchOf(start) !== start) return null;
  const linked = entries.every((e, i) => e.seq === start + i && whole(e) && (i === 0 || e.prev === entries[i - 1]!.hash));
  if (!linked) return null;
  return packBlock(entries);
}
