import { z } from 'zod';
import type { BundleMeta } from '../../shared/sync/bundleMeta';
import { fail } from './errors';

// The plaintext container inside the payload (docs/bundle-format.md "Plaintext container"): entries
// `kind u8 | name_len u16 | name | length u64 | bytes`, META first, then RECORDS, BLOBs, MANIFEST, SIGNATURE last.

export const ENTRY = { META: 1, RECORDS: 2, BLOB: 3, MANIFEST: 4, SIGNATURE: 5 } as const;
export type EntryKind = (typeof ENTRY)[keyof typeof ENTRY];

export const META_NAME = 'meta.json';
export const MANIFEST_NAME = 'manifest.json';
export const SIGNATURE_NAME = 'signature';
export const SIGNATURE_SIZE = 64;
/** Entries read whole into memory are bounded before they are read. */
export const MAX_META_SIZE = 1 << 20;
export const MAX_MANIFEST_SIZE = 256 << 20;
const MAX_NAME = 1024;

export const recordsEntryName = (n: number) => `records/${String(n).padStart(4, '0')}.ndjson`;
export const BLOB_NAME = /^[0-9a-f]{64}$/;

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));

/** The same object with its keys in the documented order, whatever order it was built in. */
export function orderedMeta(m: BundleMeta): BundleMeta {
  return {
    format: m.format,
    bundleId: m.bundleId,
    source: { installationId: m.source.installationId, name: m.source.name },
    destination: m.destination,
    seq: m.seq,
    prevBundleHash: m.prevBundleHash,
    kind: m.kind,
    scope: { units: m.scope.units, tables: m.scope.tables },
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schemaVersion: m.schemaVersion,
    knowledge: m.knowledge,
    ...(m.demo ? { demo: m.demo } : {}),
  };
}

export const ManifestEntrySchema = z.strictObject({
  kind: z.number().int().min(1).max(3),
  name: z.string(),
  length: z.number().int().nonnegative(),
  sha256: hex(64),
});
export const ManifestSchema = z.strictObject({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  entries: z.array(ManifestEntrySchema),
});
export type Manifest = z.infer<typeof ManifestSchema>;
export type ManifestEntry = z.infer<typeof ManifestEntrySchema>;

export function encodeEntryHeader(kind: EntryKind, name: string, length: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > MAX_NAME) throw new Error('entry name too long');
  const head = Buffer.alloc(3 + nameBytes.length + 8);
  head[0] = kind;
  head.writeUInt16BE(nameBytes.length, 1);
  nameBytes.copy(head, 3);
  head.writeBigUInt64BE(BigInt(length), 3 + nameBytes.length);
  return head;
}

export interface EntryInfo {
  kind: EntryKind;
  name: string;
  length: number;
  /** position in the container, from 0 */
  index: number;
}

export type ContainerEvent =
  | { type: 'start'; entry: EntryInfo; header: Uint8Array }
  | { type: 'data'; entry: EntryInfo; data: Uint8Array }
  | { type: 'end'; entry: EntryInfo };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Splits the container's plaintext into entry events, checking each entry's kind, place, name and length as soon
 * as its header is complete: before one byte of its content is handed on (a blob named `../x` never reaches a
 * file name).
 */
export class ContainerParser {
  private head = Buffer.alloc(0);
  private current: EntryInfo | null = null;
  private remaining = 0;
  private count = 0;
  private lastKind = 0;
  private records = 0;
  private readonly blobs = new Set<string>();
  private signed = false;

  push(data: Uint8Array, events: ContainerEvent[]): void {
    let offset = 0;
    while (offset < data.length) {
      if (this.signed && !this.current) throw fail.container('签名之后还有数据', 'data after the signature entry');
      if (this.current) {
        const take = Math.min(this.remaining, data.length - offset);
        if (take > 0) events.push({ type: 'data', entry: this.current, data: data.subarray(offset, offset + take) });
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.endEntry(events);
        continue;
      }
      // Gather the entry header: 3 bytes, then the name and 8 bytes of length.
      const need = this.head.length < 3 ? 3 : 3 + this.head.readUInt16BE(1) + 8;
      const take = Math.min(need - this.head.length, data.length - offset);
      this.head = Buffer.concat([this.head, data.subarray(offset, offset + take)]);
      offset += take;
      if (this.head.length === 3 && this.head.readUInt16BE(1) > MAX_NAME) {
        throw fail.container('条目名称过长', 'entry name longer than 1024 bytes');
      }
      if (this.head.length === 3 || this.head.length < 3 + this.head.readUInt16BE(1) + 8) continue;
      this.startEntry(events);
    }
  }

  private startEntry(events: ContainerEvent[]): void {
    const head = this.head;
    this.head = Buffer.alloc(0);
    const kind = head[0]!;
    const nameLength = head.readUInt16BE(1);
    let name: string;
    try {
      name = utf8.decode(head.subarray(3, 3 + nameLength));
    } catch {
      throw fail.container('条目名称不是有效的 UTF-8', 'entry name is not UTF-8');
    }
    const big = head.readBigUInt64BE(3 + nameLength);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) throw fail.container('条目长度超出范围', 'entry length out of range');
    const length = Number(big);
    this.check(kind, name, length);
    const entry: EntryInfo = { kind: kind as EntryKind, name, length, index: this.count++ };
    this.lastKind = kind;
    this.current = entry;
    this.remaining = length;
    events.push({ type: 'start', entry, header: head });
    if (length === 0) this.endEntry(events);
  }

  private check(kind: number, name: string, length: number): void {
    const first = this.count === 0;
    if (first && kind !== ENTRY.META) throw fail.container('第一个条目必须是 meta.json', 'META must be the first entry');
    if (kind < ENTRY.META || kind > ENTRY.SIGNATURE) throw fail.container(`未知的条目类型 ${kind}`, `unknown entry kind ${kind}`);
    if (!first && kind === ENTRY.META) throw fail.container('meta.json 出现了不止一次', 'more than one META entry');
    if (kind < this.lastKind || (kind === ENTRY.MANIFEST && this.lastKind === ENTRY.MANIFEST)) {
      throw fail.container('条目顺序不对', `entry kind ${kind} after kind ${this.lastKind}`);
    }
    switch (kind) {
      case ENTRY.META:
        if (name !== META_NAME) throw fail.container('说明条目名称不对', `META named ${JSON.stringify(name)}`);
        if (length > MAX_META_SIZE) throw fail.container('meta.json 过大', 'META too large');
        return;
      case ENTRY.RECORDS:
        this.records++;
        if (name !== recordsEntryName(this.records)) {
          throw fail.container(`记录条目名称“${name.slice(0, 80)}”不对`, `RECORDS entry ${this.records} named ${JSON.stringify(name.slice(0, 80))}`);
        }
        return;
      case ENTRY.BLOB:
        if (!BLOB_NAME.test(name)) throw fail.blobName(name);
        if (this.blobs.has(name)) throw fail.container('同一个附件出现了两次', `blob ${name} appears twice`);
        this.blobs.add(name);
        return;
      case ENTRY.MANIFEST:
        if (name !== MANIFEST_NAME) throw fail.container('清单条目名称不对', `MANIFEST named ${JSON.stringify(name)}`);
        if (length > MAX_MANIFEST_SIZE) throw fail.container('清单过大', 'MANIFEST too large');
        return;
      case ENTRY.SIGNATURE:
        if (this.lastKind !== ENTRY.MANIFEST) throw fail.container('缺少清单', 'SIGNATURE without a MANIFEST before it');
        if (name !== SIGNATURE_NAME || length !== SIGNATURE_SIZE) {
          throw fail.container('签名条目格式不对', 'SIGNATURE must be named "signature" and hold 64 bytes');
        }
        return;
    }
  }

  private endEntry(events: ContainerEvent[]): void {
    const entry = this.current!;
    this.current = null;
    if (entry.kind === ENTRY.SIGNATURE) this.signed = true;
    events.push({ type: 'end', entry });
  }

  /** The container must have ended exactly after the signature. */
  finish(): void {
    if (this.current || this.head.length > 0) throw fail.container('最后一个条目不完整', 'the last entry is incomplete');
    if (!this.signed) {
      throw fail.container(
        this.lastKind === ENTRY.MANIFEST ? '缺少签名' : '缺少清单和签名',
        this.lastKind === ENTRY.MANIFEST ? 'missing SIGNATURE' : 'missing MANIFEST and SIGNATURE',
      );
    }
  }
}

const TABLE_PREFIX = Buffer.from('{"table":"', 'latin1');
const RECORD_INFIX = Buffer.from('","record":', 'latin1');
const NEWLINE = 0x0a;

/** A table name as the fast path takes it: ASCII letters, digits and underscores (what the catalogue uses). */
function isNameByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

const asBuffer = (data: Uint8Array): Buffer => (Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));

/**
 * Counts NDJSON record lines per table, for the manifest. Lines written as `{"table":"x","record":…}` are read
 * from their first bytes; anything else is parsed in full. Whether each record is valid is the importer's concern.
 * A district's bundle holds two million lines, counted on sealing and again on opening, on the main thread: the
 * fast path compares bytes in place in plain loops (a native call per line, such as Buffer.compare, cost more
 * than the comparison), and counts a run of lines of the same table in a number, not in the map (lines come
 * grouped by table), so a line costs one search for its newline and a few dozen byte comparisons.
 */
export class RecordCounter {
  private readonly counted = new Map<string, number>();
  private partial: Buffer[] = [];
  /**
   * The tables met on the fast path, by their name's bytes, with the lines of each not yet added to `counted`.
   * A district's entries change table almost every line (a cadre, then each of its sub-records), so a line's
   * table is looked for among these (the last one first) before anything is allocated.
   */
  private readonly names: Uint8Array[] = [];
  private readonly tables: string[] = [];
  private runs: number[] = [];
  private last = -1;

  get counts(): Map<string, number> {
    this.settle();
    return this.counted;
  }

  push(data: Uint8Array): void {
    const b = asBuffer(data);
    let start = 0;
    for (;;) {
      const nl = b.indexOf(NEWLINE, start);
      if (nl < 0) break;
      if (this.partial.length > 0) {
        const line = Buffer.concat([...this.partial, b.subarray(start, nl)]);
        this.partial = [];
        this.line(line, 0, line.length);
      } else {
        this.line(b, start, nl);
      }
      start = nl + 1;
    }
    if (start < b.length) this.partial.push(Buffer.from(b.subarray(start)));
  }

  /** End of one records entry: a last line without a newline still counts. */
  endEntry(): void {
    if (this.partial.length > 0) {
      const line = Buffer.concat(this.partial);
      this.line(line, 0, line.length);
    }
    this.partial = [];
  }

  /** The line b[start, end), without its newline. */
  private line(b: Buffer, start: number, end: number): void {
    if (end > start && b[end - 1] === 0x0d) end--;
    if (end === start) return;
    if (this.fastLine(b, start, end)) return;
    const table = this.parsedTable(b, start, end);
    this.counted.set(table, (this.counted.get(table) ?? 0) + 1);
  }

  private settle(): void {
    for (let k = 0; k < this.runs.length; k++) {
      if (this.runs[k] === 0) continue;
      this.counted.set(this.tables[k]!, (this.counted.get(this.tables[k]!) ?? 0) + this.runs[k]!);
      this.runs[k] = 0;
    }
  }

  /** Whether the known name k, then `","record":`, is at b[from…] (within `end`). */
  private isAt(k: number, b: Buffer, from: number, end: number): boolean {
    const name = this.names[k]!;
    if (end - from <= name.length + RECORD_INFIX.length) return false;
    for (let i = 0; i < name.length; i++) if (b[from + i] !== name[i]) return false;
    const after = from + name.length;
    for (let i = 0; i < RECORD_INFIX.length; i++) if (b[after + i] !== RECORD_INFIX[i]) return false;
    return true;
  }

  /** `{"table":"name","record":` at the line's start: counted here (true), or left to the full parse (false). */
  private fastLine(b: Buffer, start: number, end: number): boolean {
    const prefix = TABLE_PREFIX;
    if (end - start <= prefix.length) return false;
    for (let i = 0; i < prefix.length; i++) if (b[start + i] !== prefix[i]) return false;
    const from = start + prefix.length;
    // a table met before, most often the last line's: no scan for the name's end, nothing allocated
    let k = this.last >= 0 && this.isAt(this.last, b, from, end) ? this.last : -1;
    for (let j = 0; k < 0 && j < this.names.length; j++) if (j !== this.last && this.isAt(j, b, from, end)) k = j;
    if (k < 0) {
      let close = from;
      while (close < end && isNameByte(b[close]!)) close++;
      // as isAt asks: something after `"record":`, so a name is never kept twice
      if (close === from || end - close <= RECORD_INFIX.length) return false;
      for (let i = 0; i < RECORD_INFIX.length; i++) if (b[close + i] !== RECORD_INFIX[i]) return false;
      k = this.names.length;
      this.names.push(Uint8Array.prototype.slice.call(b, from, close));
      this.tables.push(b.toString('latin1', from, close));
      this.runs.push(0);
    }
    this.runs[k]!++;
    this.last = k;
    return true;
  }

  private parsedTable(b: Buffer, start: number, end: number): string {
    let parsed: unknown;
    try {
      parsed = JSON.parse(b.toString('utf8', start, end));
    } catch {
      throw fail.container('记录行不是有效的 JSON', 'a record line is not JSON');
    }
    const line = parsed as { table?: unknown; record?: unknown } | null;
    if (typeof line?.table !== 'string' || typeof line.record !== 'object' || line.record === null) {
      throw fail.container('记录行缺少 table 或 record', 'a record line lacks "table" or "record"');
    }
    return line.table;
  }

  toJSON(): Record<string, number> {
    this.settle();
    return Object.fromEntries([...this.counted.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}

/** What the signature covers (docs/bundle-format.md "Plaintext container", SIGNATURE). */
export function signatureMessage(headerHash: Uint8Array, entriesHash: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from('cadredesk/v1/sig\0', 'latin1'), headerHash, entriesHash]);
}
