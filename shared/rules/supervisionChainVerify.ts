import { encodeInto, sha256Into, utf8 } from './sha256';
import { ENTRY_TEXT_PREFIX, firstBrokenLink, firstChangedDigest, unpackBlock, type Broken, type ChainEntry, type ChainHead } from './supervisionChain';

// Verification of the whole log, entry after entry (docs/supervision.md "Hash-chained log", "Performance"). The
// checks are the chain's own (firstBrokenLink, then the signed heads that end at the entry), run in the log's
// order; what this module adds is speed for the sealed blocks, where a million entries lie. A block is checked
// straight from its two stored strings: the hashes decoded to bytes once, each entry's hash recomputed from those
// bytes and its fields' bytes, compared word by word, and each record's last entry kept as a number and 32 bytes —
// no entry object, no hash text, no key text per entry. Anything the fast path does not expect (a field of another
// type, a number out of place, a link or a hash that does not fit) hands the block, from that entry on, to the
// entry-by-entry path, which names the problem exactly as it always has; so the fast path only ever says "sound"
// where the entry-by-entry path would too.

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
/**
 * Two lowercase hex digits (their char codes, 7 bits each, side by side) to their byte, or -1: one look-up a byte,
 * since decoding is a fifth of verification's own work.
 */
const PAIRS = new Int16Array(1 << 14).fill(-1);
const DIGITS = '0123456789abcdef';
for (let high = 0; high < 16; high++) for (let low = 0; low < 16; low++) PAIRS[(DIGITS.charCodeAt(high) << 7) | DIGITS.charCodeAt(low)] = (high << 4) | low;

/** Decodes `bytes` bytes' lowercase hex digits of `hex` from `from` into `out` at `at`; false if they are not. */
function hexInto(hex: string, out: Uint8Array, at: number, from = 0, bytes = 32): boolean {
  if (from === 0 && bytes === 32 && hex.length !== 64) return false;
  for (let i = 0, j = from; i < bytes; i++, j += 2) {
    const high = hex.charCodeAt(j);
    const low = hex.charCodeAt(j + 1);
    // a code past 7 bits is not hex; past the end, NaN reads as 0 here, which no pair of digits has
    if (!((high | low) < 128)) return false;
    const v = PAIRS[(high << 7) | low]!;
    if (v < 0) return false;
    out[at + i] = v;
  }
  return true;
}

/** Each UTF-16 code's value as a base64 digit, or -1. */
const BASE64 = new Int8Array(1 << 16).fill(-1);
for (let i = 0; i < 64; i++) BASE64['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'.charCodeAt(i)] = i;

/**
 * The bytes of base64 written as packBlock writes it (no white space), checked while decoded; null otherwise. The
 * same bytes as decodeBase64 gives wherever this gives any (it takes white space too, so a block with some goes to
 * the entry-by-entry checks): decodeBase64's check of the whole text by a regular expression was about a tenth of
 * the fast path's time (a Node profile of 600,000 entries).
 */
export function base64Bytes(text: string): Uint8Array | null {
  const length = text.length;
  if (length % 4 !== 0) return null;
  const padding = length && text.charCodeAt(length - 1) === 61 ? (text.charCodeAt(length - 2) === 61 ? 2 : 1) : 0;
  const out = new Uint8Array((length / 4) * 3 - padding);
  const whole = padding ? length - 4 : length;
  let o = 0;
  for (let i = 0; i < whole; i += 4) {
    const a = BASE64[text.charCodeAt(i)]!;
    const b = BASE64[text.charCodeAt(i + 1)]!;
    const c = BASE64[text.charCodeAt(i + 2)]!;
    const d = BASE64[text.charCodeAt(i + 3)]!;
    if ((a | b | c | d) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 255;
    out[o++] = n & 255;
  }
  if (padding) {
    const a = BASE64[text.charCodeAt(whole)]!;
    const b = BASE64[text.charCodeAt(whole + 1)]!;
    const c = padding === 1 ? BASE64[text.charCodeAt(whole + 2)]! : 0;
    if ((a | b | c) < 0) return null;
    const n = (a << 18) | (b << 12) | (c << 6);
    out[o++] = n >> 16;
    if (padding === 1) out[o++] = (n >> 8) & 255;
  }
  return out;
}

const hexOf = (bytes: Uint8Array, at: number): string => {
  let s = '';
  for (let i = at; i < at + 32; i++) s += HEX[bytes[i]!]!;
  return s;
};

/**
 * Each record's last entry in the log: its number and digest, kept as a number and 32 bytes in a slot per record.
 * Read as a map keyed `table:recordId` (firstChangedRecord's), so the comparison of the records is unchanged.
 */
export class LastEntries {
  private readonly tables = new Map<string, Map<string, number>>();
  private seqs: number[] = [];
  private digests = new Uint8Array(32 * 4096);

  /** The records of one table (a block names its tables once; the caller looks each up once a block). */
  of(table: string): Map<string, number> {
    let slots = this.tables.get(table);
    if (!slots) this.tables.set(table, (slots = new Map()));
    return slots;
  }

  /** Notes entry `seq` of a record, its digest the 32 bytes of `bytes` at `at`. */
  note(slots: Map<string, number>, recordId: string, seq: number, bytes: Uint8Array, at: number): void {
    let slot = slots.get(recordId);
    if (slot === undefined) {
      slot = this.seqs.length;
      slots.set(recordId, slot);
      if ((slot + 1) * 32 > this.digests.length) {
        const grown = new Uint8Array(this.digests.length * 2);
        grown.set(this.digests);
        this.digests = grown;
      }
    }
    this.seqs[slot] = seq;
    const o = slot * 32;
    for (let i = 0; i < 32; i++) this.digests[o + i] = bytes[at + i]!;
  }

  /** The last entry of `table:recordId`: its number and digest (64 hex digits), or undefined. */
  get(key: string): Pick<ChainEntry, 'seq' | 'digest'> | undefined {
    const colon = key.indexOf(':');
    const slot = this.tables.get(key.slice(0, colon))?.get(key.slice(colon + 1));
    return slot === undefined ? undefined : { seq: this.seqs[slot]!, digest: hexOf(this.digests, slot * 32) };
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }
}

/**
 * Checks the log in its order, blocks (addBlock) then open entries (addEntries): the links and hashes of every
 * entry, then the signed heads that end at it; the first problem is kept in `broken`. Also counts the entries, keeps
 * each record's last entry (for comparing the records) and the hash at the signed head's place.
 */
export class ChainVerifier {
  broken: Broken | null = null;
  /** Entries read, broken or not. */
  count = 0;
  /** The number of the last entry read, broken or not. */
  lastSeq: number | undefined;
  /** The hash of the entry at `signedSeq`, once reached. */
  signedHash: string | undefined;
  readonly last = new LastEntries();
  /** The last entry checked sound: its number, and its hash as bytes (GENESIS, all zeros, before the first). */
  private prevSeq = 0;
  private readonly prevHash = new Uint8Array(32);
  private head = 0;
  private prevHeadSeq = 0;
  /** Per entry: prev and digest (the first SHA-256 block), then the text; reused, the prefix written once. */
  private message = new Uint8Array(1024);
  private bytes = new Uint8Array(96 * 256);
  /** The block fastBlock last read: its rows, its bytes and where each entry's hash lies in them. */
  private blockLength = 0;
  private blockBytes: Uint8Array = new Uint8Array(0);
  private blockHashAt = (i: number) => i;
  private readonly scratch = new Uint8Array(32);

  constructor(
    private readonly heads: readonly ChainHead[],
    private readonly signedSeq: number | undefined,
  ) {
    encodeInto(ENTRY_TEXT_PREFIX, this.message, 64);
  }

  /** Entries checked one by one: the open ones, and a block (or its rest) the fast path does not take. */
  addEntries(entries: readonly ChainEntry[]): void {
    for (const e of entries) {
      this.count++;
      this.lastSeq = e.seq;
      if (this.broken) continue;
      this.broken = firstBrokenLink([e], { seq: this.prevSeq, hash: hexOf(this.prevHash, 0) });
      if (this.broken) continue;
      this.prevSeq = e.seq;
      hexInto(e.hash, this.prevHash, 0);
      hexInto(e.digest, this.bytes, 0);
      this.last.note(this.last.of(e.table), e.recordId, e.seq, this.bytes, 0);
      if (e.seq === this.signedSeq) this.signedHash = e.hash;
      this.headsAt(e.seq, (hash) => hash === e.hash);
    }
  }

  /** A sealed block as stored (ChainBlock, or whatever was found in its place). */
  addBlock(block: unknown): void {
    const taken = this.broken ? -1 : this.fastBlock(block);
    if (taken < 0) this.addEntries(unpackBlock(block));
    else if (taken < this.blockLength) this.addEntries(unpackBlock(block).slice(taken));
  }

  /** After the whole log: a signed head it never reached names the log as cut short. */
  end(): void {
    const head = this.heads[this.head];
    if (!this.broken && head) this.broken = { seq: head.seq, reason: `已签署的第${head.seq}条日志不见了，日志被截短或删除过` };
  }

  /** The signed heads that end at entry `seq`: each must still be the hash there. */
  private headsAt(seq: number, matches: (hash: string) => boolean): void {
    while (!this.broken && this.head < this.heads.length && this.heads[this.head]!.seq === seq) {
      if (!matches(this.heads[this.head]!.hash)) {
        const where = seq - this.prevHeadSeq > 1 ? `第${this.prevHeadSeq + 1}至${seq}条之间` : `第${seq}条`;
        this.broken = { seq: this.prevHeadSeq + 1, reason: `${where}日志与已签署的记录不符，日志被改动后重新串联过` };
      }
      this.prevHeadSeq = seq;
      this.head++;
    }
  }

  /**
   * Checks a block's entries from its strings while they are as the app writes them, and returns how many it
   * took (checked, counted, noted) — the rest, from the first that does not fit, are for addEntries; -1 when the
   * block is not in the shape the app writes (nothing taken).
   */
  private fastBlock(block: unknown): number {
    if (block === null || typeof block !== 'object') return -1;
    this.blockLength = 0;
    const { hashes, fields } = block as { hashes?: unknown; fields?: unknown };
    if (typeof hashes !== 'string' || typeof fields !== 'string') return -1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(fields);
    } catch {
      return -1;
    }
    if (!Array.isArray(parsed) || !Array.isArray(parsed[0]) || !Array.isArray(parsed[1])) return -1;
    const names = parsed[0] as unknown[];
    const rows = parsed[1] as unknown[];
    // where each entry's digest, prev and hash lie in the block's bytes, by layout (supervisionChain.ts packBlock)
    const compact = parsed[2] === 2;
    if (!compact && parsed.length !== 2) return -1;
    const digestAt = compact ? (i: number) => 32 + i * 64 : (i: number) => i * 96;
    const prevAt = compact ? (i: number) => (i ? i * 64 : 0) : (i: number) => i * 96 + 32;
    const hashAt = compact ? (i: number) => 64 + i * 64 : (i: number) => i * 96 + 64;
    let bytes: Uint8Array;
    if (compact) {
      const decoded = base64Bytes(hashes);
      if (!decoded || decoded.length !== 32 + rows.length * 64) return -1;
      bytes = decoded;
    } else {
      if (hashes.length !== rows.length * 192) return -1;
      if (this.bytes.length < rows.length * 96) this.bytes = new Uint8Array(rows.length * 96);
      bytes = this.bytes;
    }
    this.blockLength = rows.length;
    this.blockBytes = bytes;
    this.blockHashAt = hashAt;
    const nameBytes = names.map((n) => (typeof n === 'string' ? utf8(n) : null));
    const isName = (v: unknown): v is number => typeof v === 'number' && nameBytes[v] != null;
    let longest = 0;
    for (const b of nameBytes) longest = Math.max(longest, b?.length ?? 0);
    // every row as written: its number next in line, its fields of their types
    for (let i = 0; i < rows.length; i++) {
      const f = rows[i];
      if (!Array.isArray(f) || f[0] !== this.prevSeq + 1 + i || typeof f[1] !== 'number' || typeof f[3] !== 'string' || !isName(f[2]) || !isName(f[4]) || !isName(f[5])) {
        return -1;
      }
    }
    if (!compact && !hexInto(hashes, bytes, 0, 0, rows.length * 96)) return -1;
    const slotsOf = names.map((n) => (typeof n === 'string' ? this.last.of(n) : null));
    let atValue = NaN;
    let atBytes: Uint8Array = new Uint8Array(0);
    for (let i = 0; i < rows.length; i++) {
      const f = rows[i] as [number, number, number, string, number, number];
      const seq = f[0];
      const d = digestAt(i);
      const p = prevAt(i);
      const h = hashAt(i);
      const prev = i ? bytes : this.prevHash;
      const linkAt = i ? hashAt(i - 1) : 0;
      for (let k = 0; k < 32; k++) if (bytes[p + k] !== prev[linkAt + k]) return this.settled(i);
      // the text: prefix|seq|at|table|recordId|action|by, after prev and digest as bytes
      const message = this.room(f[3].length * 3 + longest * 3 + 128);
      for (let k = 0; k < 32; k++) {
        message[k] = bytes[p + k]!;
        message[32 + k] = bytes[d + k]!;
      }
      let n = 64 + ENTRY_TEXT_PREFIX.length;
      n = encodeInto(String(seq), message, n);
      message[n++] = 124;
      if (f[1] !== atValue) {
        atValue = f[1];
        atBytes = utf8(String(atValue));
      }
      message.set(atBytes, n);
      n += atBytes.length;
      message[n++] = 124;
      n = put(message, n, nameBytes[f[2]]!);
      message[n++] = 124;
      n = encodeInto(f[3], message, n);
      message[n++] = 124;
      n = put(message, n, nameBytes[f[4]]!);
      message[n++] = 124;
      n = put(message, n, nameBytes[f[5]]!);
      const state = sha256Into(message, n);
      for (let w = 0; w < 8; w++) {
        const b = h + w * 4;
        if (state[w] !== ((bytes[b]! << 24) | (bytes[b + 1]! << 16) | (bytes[b + 2]! << 8) | bytes[b + 3]!)) return this.settled(i);
      }
      // sound: counted, noted, its heads compared
      this.count++;
      this.lastSeq = seq;
      this.prevSeq = seq;
      if (this.broken) continue;
      this.last.note(slotsOf[f[2]]!, f[3], seq, bytes, d);
      if (seq === this.signedSeq) this.signedHash = hexOf(bytes, h);
      if (this.head < this.heads.length && this.heads[this.head]!.seq === seq) {
        this.headsAt(seq, (hash) => hexInto(hash, this.scratch, 0) && this.scratch.every((v, k) => v === bytes[h + k]));
      }
    }
    return this.settled(rows.length);
  }

  /** The block's first `taken` rows were sound: the last of them is the one the next entry links to. */
  private settled(taken: number): number {
    if (taken) for (let k = 0; k < 32; k++) this.prevHash[k] = this.blockBytes[this.blockHashAt(taken - 1) + k]!;
    return taken;
  }

  /** The message buffer, with room for `text` bytes after the 64 of prev and digest. */
  private room(text: number): Uint8Array {
    if (this.message.length < 64 + text + 72) {
      const grown = new Uint8Array((64 + text + 72) * 2);
      grown.set(this.message.subarray(0, 64 + ENTRY_TEXT_PREFIX.length));
      this.message = grown;
    }
    return this.message;
  }
}

function put(out: Uint8Array, at: number, bytes: Uint8Array): number {
  out.set(bytes, at);
  return at + bytes.length;
}

// ---- A verification as requests: the log in order, then the records -----------------------------------------

/** A record to compare with its last entry: its digest, and whether this installation wrote it last. */
export interface RecordToCompare {
  table: string;
  id: string;
  digest: string;
  /** Written last by this installation (compared even when the log holds no entry of it). */
  mine: boolean;
}

export type VerifyRequest =
  | { kind: 'start'; heads: ChainHead[]; signedSeq: number | undefined }
  | { kind: 'blocks'; blocks: unknown[] }
  | { kind: 'entries'; entries: ChainEntry[] }
  | { kind: 'end'; records: RecordToCompare[] };

/** What verification of the log found; `changed` is the records' comparison, made only on a sound log. */
export interface VerifyOutcome {
  broken: Broken | null;
  count: number;
  lastSeq: number | undefined;
  signedHash: string | undefined;
  changed: Broken | null;
}

export type VerifyReply = { kind: 'ack' } | { kind: 'done'; outcome: VerifyOutcome };

/**
 * One verification fed in order: start, the blocks and open entries in the log's order, then the records. Plain
 * requests and replies (structured-cloneable). It runs in the window's thread: a worker hashing the blocks posted to
 * it, and one reading and checking the last rows of the log itself, were both measured slower than the window
 * (docs/supervision.md "Performance"); a worker digests the records (renderer/db/supervisionVerifyPart.ts).
 */
export class VerifySession {
  private verifier: ChainVerifier | null = null;

  handle(request: VerifyRequest): VerifyReply {
    if (request.kind === 'start') {
      this.verifier = new ChainVerifier(request.heads, request.signedSeq);
      return { kind: 'ack' };
    }
    const v = this.verifier;
    if (!v) throw new Error('verification not started');
    if (request.kind === 'blocks') {
      for (const block of request.blocks) v.addBlock(block);
      return { kind: 'ack' };
    }
    if (request.kind === 'entries') {
      v.addEntries(request.entries);
      return { kind: 'ack' };
    }
    v.end();
    // the records this installation wrote, and those the log holds (what its imports stored)
    const compared = v.broken ? [] : request.records.filter((r) => r.mine || v.last.has(`${r.table}:${r.id}`));
    const outcome = { broken: v.broken, count: v.count, lastSeq: v.lastSeq, signedHash: v.signedHash, changed: v.broken ? null : firstChangedDigest(v.last, compared) };
    this.verifier = null;
    return { kind: 'done', outcome };
  }
}
