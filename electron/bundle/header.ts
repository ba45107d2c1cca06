import { randomBytes, type KeyObject } from 'node:crypto';
import { BundleError, fail } from './errors';
import {
  constantTimeEqual,
  hkdfSha256,
  hmacSha256,
  rawPublic,
  scrypt,
  SCRYPT_LOG2N_MAX,
  SCRYPT_LOG2N_MIN,
  sha256,
  unwrapFileKey,
  wrapFileKey,
  x25519,
  x25519PrivateKey,
  type RandomBytes,
} from './primitives';

// The bundle header (docs/bundle-format.md "File layout"): fixed fields, recipient or passphrase stanzas, and the
// header MAC. Parsing bounds every length before any costly step (X25519, scrypt).

export const MAGIC = Buffer.from('894344580d0a1a0a', 'hex');
export const FORMAT_VERSION = 1;
export const SUITE = 1;
/** magic, version, suite, header_len */
export const PREAMBLE_SIZE = 16;
export const MAX_HEADER_LEN = 65536;
export const MAC_SIZE = 32;
const FIXED_FIELDS = 16 + 16 + 8 + 1;
const MAX_STANZAS = 16;
const RECIPIENT_BODY = 96;
const PASSPHRASE_BODY = 65;
/** What writers use; readers accept SCRYPT_LOG2N_MIN..MAX. */
export const WRITER_LOG2N = 17;

const INFO_X25519 = 'cadredesk/v1/x25519';
const SCRYPT_SALT_LABEL = Buffer.from('cadredesk/v1/scrypt', 'utf8');

export type Stanza =
  | { type: 'recipient'; recipientId: Buffer; ephemeralPublic: Buffer; wrappedKey: Buffer }
  | { type: 'passphrase'; log2N: number; salt: Buffer; wrappedKey: Buffer };

export interface HeaderFields {
  bundleId: Buffer;
  signerId: Buffer;
  createdMs: number;
  stanzas: Stanza[];
}

export interface ParsedHeader extends HeaderFields {
  version: number;
  suite: number;
  headerLen: number;
  /** the whole header, [0, 48 + header_len): what the payload context and the signature hash */
  bytes: Buffer;
}

export interface RecipientKey {
  /** 16 bytes */
  installationId: Buffer;
  /** raw X25519 public key, 32 bytes */
  encryptionKey: Buffer;
}

/** How a reader unlocks the file key: its own X25519 key, or a passphrase. */
export type Unlock =
  | { kind: 'identity'; installationId: Buffer; encryptionPrivateKey: KeyObject }
  | { kind: 'passphrase'; passphrase: string };

const passphraseBytes = (p: string) => Buffer.from(p.normalize('NFC'), 'utf8');

function scryptWrapKey(passphrase: string, salt: Buffer, log2N: number): Buffer {
  return scrypt(passphraseBytes(passphrase), Buffer.concat([SCRYPT_SALT_LABEL, salt]), 2 ** log2N, 8, 1, 32);
}

export function recipientStanza(fileKey: Buffer, to: RecipientKey, random: RandomBytes = randomBytes): Stanza {
  const ephemeral = x25519PrivateKey(random(32));
  const ephemeralPublic = rawPublic(ephemeral);
  const shared = x25519(ephemeral, to.encryptionKey);
  if (!shared) throw fail.card('对方的加密公钥无效', 'the recipient X25519 key gives an all-zero shared secret');
  const wrapKey = hkdfSha256(shared, Buffer.concat([ephemeralPublic, to.encryptionKey]), INFO_X25519);
  return {
    type: 'recipient',
    recipientId: Buffer.from(to.installationId),
    ephemeralPublic,
    wrappedKey: wrapFileKey(wrapKey, fileKey),
  };
}

export function passphraseStanza(
  fileKey: Buffer,
  passphrase: string,
  log2N = WRITER_LOG2N,
  random: RandomBytes = randomBytes,
): Stanza {
  const salt = random(16);
  return { type: 'passphrase', log2N, salt, wrappedKey: wrapFileKey(scryptWrapKey(passphrase, salt, log2N), fileKey) };
}

export const headerKey = (fileKey: Buffer) => hkdfSha256(fileKey, Buffer.alloc(0), 'cadredesk/v1/header');
export const payloadKey = (fileKey: Buffer) => hkdfSha256(fileKey, Buffer.alloc(0), 'cadredesk/v1/payload');
/** The payload's Cobblestone context: SHA-256 of the whole header, MAC included. */
export const payloadContext = (header: Buffer) => sha256(header);

function encodeStanza(s: Stanza): Buffer {
  const body =
    s.type === 'recipient'
      ? Buffer.concat([s.recipientId, s.ephemeralPublic, s.wrappedKey])
      : Buffer.concat([Buffer.of(s.log2N), s.salt, s.wrappedKey]);
  const head = Buffer.alloc(3);
  head[0] = s.type === 'recipient' ? 1 : 2;
  head.writeUInt16BE(body.length, 1);
  return Buffer.concat([head, body]);
}

/** The header bytes, MAC included. */
export function encodeHeader(fields: HeaderFields, fileKey: Buffer): Buffer {
  if (fields.stanzas.length < 1 || fields.stanzas.length > MAX_STANZAS) throw new Error('1..16 stanzas');
  const fixed = Buffer.alloc(FIXED_FIELDS);
  Buffer.from(fields.bundleId).copy(fixed, 0);
  Buffer.from(fields.signerId).copy(fixed, 16);
  fixed.writeBigUInt64BE(BigInt(fields.createdMs), 32);
  fixed[40] = fields.stanzas.length;
  const body = Buffer.concat([fixed, ...fields.stanzas.map(encodeStanza)]);
  const preamble = Buffer.alloc(PREAMBLE_SIZE);
  MAGIC.copy(preamble, 0);
  preamble.writeUInt16BE(FORMAT_VERSION, 8);
  preamble.writeUInt16BE(SUITE, 10);
  preamble.writeUInt32BE(body.length, 12);
  const unmaced = Buffer.concat([preamble, body]);
  return Buffer.concat([unmaced, hmacSha256(headerKey(fileKey), unmaced)]);
}

/**
 * Checks the fixed preamble and returns the whole header's length (48 + header_len), so a reader knows how much
 * to read next and never reads an unbounded amount.
 */
export function headerSize(preamble: Buffer): number {
  if (preamble.length < PREAMBLE_SIZE) {
    if (!MAGIC.subarray(0, preamble.length).equals(preamble.subarray(0, MAGIC.length))) throw fail.notBundle();
    throw fail.truncated('file header');
  }
  if (!preamble.subarray(0, 8).equals(MAGIC)) throw fail.notBundle();
  const version = preamble.readUInt16BE(8);
  if (version !== FORMAT_VERSION) throw fail.version(version);
  const suite = preamble.readUInt16BE(10);
  if (suite !== SUITE) throw fail.suite(suite);
  const hl = preamble.readUInt32BE(12);
  if (hl > MAX_HEADER_LEN) throw fail.header('文件头长度超出上限', `header_len ${hl} exceeds ${MAX_HEADER_LEN}`);
  if (hl < FIXED_FIELDS) throw fail.header('文件头长度过短', `header_len ${hl} is too short`);
  return PREAMBLE_SIZE + hl + MAC_SIZE;
}

/** Parses a whole header (as long as headerSize said); does not check the MAC, which needs the file key. */
export function parseHeader(bytes: Buffer): ParsedHeader {
  const size = headerSize(bytes.subarray(0, PREAMBLE_SIZE));
  if (bytes.length < size) throw fail.truncated('file header');
  const hl = size - PREAMBLE_SIZE - MAC_SIZE;
  const header = bytes.subarray(0, size);
  const body = header.subarray(PREAMBLE_SIZE, PREAMBLE_SIZE + hl);
  const createdBig = body.readBigUInt64BE(32);
  if (createdBig > BigInt(Number.MAX_SAFE_INTEGER)) throw fail.header('创建时间无效', 'created_ms out of range');
  const count = body[40]!;
  if (count < 1 || count > MAX_STANZAS) throw fail.header('加密条目数不对', `stanza_count ${count} not in 1..16`);
  const stanzas: Stanza[] = [];
  let offset = FIXED_FIELDS;
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    if (offset + 3 > hl) throw fail.header('加密条目长度与文件头长度不符', 'stanzas run past header_len');
    const type = body[offset]!;
    const len = body.readUInt16BE(offset + 1);
    const start = offset + 3;
    if (start + len > hl) throw fail.header('加密条目长度与文件头长度不符', 'stanzas run past header_len');
    const b = body.subarray(start, start + len);
    if (type === 1) {
      if (len !== RECIPIENT_BODY) throw fail.header('收件方条目长度不对', `recipient stanza body is ${len} bytes`);
      const recipientId = Buffer.from(b.subarray(0, 16));
      const key = recipientId.toString('hex');
      if (seen.has(key)) throw fail.header('收件方重复', 'duplicate recipient id');
      seen.add(key);
      stanzas.push({
        type: 'recipient',
        recipientId,
        ephemeralPublic: Buffer.from(b.subarray(16, 48)),
        wrappedKey: Buffer.from(b.subarray(48, 96)),
      });
    } else if (type === 2) {
      if (len !== PASSPHRASE_BODY) throw fail.header('口令条目长度不对', `passphrase stanza body is ${len} bytes`);
      const log2N = b[0]!;
      if (log2N < SCRYPT_LOG2N_MIN || log2N > SCRYPT_LOG2N_MAX) {
        throw fail.header('口令强度参数超出允许范围', `scrypt log2N ${log2N} not in 15..18`);
      }
      stanzas.push({
        type: 'passphrase',
        log2N,
        salt: Buffer.from(b.subarray(1, 17)),
        wrappedKey: Buffer.from(b.subarray(17, 65)),
      });
    } else {
      throw fail.header('未知的加密条目类型', `unknown stanza type ${type}`);
    }
    offset = start + len;
  }
  if (offset !== hl) throw fail.header('加密条目长度与文件头长度不符', 'stanza lengths do not add up to header_len');
  if (stanzas.some((s) => s.type === 'passphrase') && stanzas.length !== 1) {
    throw fail.header('口令条目必须是唯一的条目', 'a passphrase stanza must be the only stanza');
  }
  return {
    version: FORMAT_VERSION,
    suite: SUITE,
    headerLen: hl,
    bundleId: Buffer.from(body.subarray(0, 16)),
    signerId: Buffer.from(body.subarray(16, 32)),
    createdMs: Number(createdBig),
    stanzas,
    bytes: Buffer.from(header),
  };
}

/** The file key from the stanza meant for this reader. Costly for passphrases (one scrypt). */
export function unlockFileKey(header: ParsedHeader, unlock: Unlock): Buffer {
  const passphraseStanza = header.stanzas.find((s) => s.type === 'passphrase');
  if (unlock.kind === 'passphrase') {
    if (!passphraseStanza) {
      throw new BundleError(
        'wrongPassphrase',
        '这个交换包是发给指定单位的，不能用口令打开，请在收件单位的电脑上导入。',
        'header: this bundle is for named recipients, not protected by a passphrase',
      );
    }
    const key = unwrapFileKey(
      scryptWrapKey(unlock.passphrase, passphraseStanza.salt, passphraseStanza.log2N),
      passphraseStanza.wrappedKey,
    );
    if (!key) throw fail.wrongPassphrase();
    return key;
  }
  if (passphraseStanza) {
    throw new BundleError(
      'wrongRecipient',
      '这个交换包用口令保护，请输入口令打开。',
      'header: this bundle is protected by a passphrase',
    );
  }
  const mine = header.stanzas.find(
    (s): s is Extract<Stanza, { type: 'recipient' }> => s.type === 'recipient' && s.recipientId.equals(unlock.installationId),
  );
  if (!mine) throw fail.wrongRecipient();
  const ownPublic = rawPublic(unlock.encryptionPrivateKey);
  const shared = x25519(unlock.encryptionPrivateKey, mine.ephemeralPublic);
  if (!shared) throw fail.unwrapFailed();
  const wrapKey = hkdfSha256(shared, Buffer.concat([mine.ephemeralPublic, ownPublic]), INFO_X25519);
  const key = unwrapFileKey(wrapKey, mine.wrappedKey);
  if (!key) throw fail.unwrapFailed();
  return key;
}

export function verifyHeaderMac(header: ParsedHeader, fileKey: Buffer): void {
  const macStart = header.bytes.length - MAC_SIZE;
  const expected = hmacSha256(headerKey(fileKey), header.bytes.subarray(0, macStart));
  if (!constantTimeEqual(expected, header.bytes.subarray(macStart))) throw fail.headerMac();
}
