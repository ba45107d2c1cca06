import { strToU8, unzipSync, zipSync } from 'fflate';
import type { TextDecoderEffect } from '../../../shared/lrmx';

// .zip batches of 任免审批表 files (fflate). Zips made on Chinese Windows store entry names in GBK without the
// UTF-8 flag; fflate then reads them as Latin-1, one character per byte, so the bytes are recovered and decoded
// the way a file's text is (strict UTF-8 first, GBK otherwise).

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** An entry name as people wrote it: Latin-1 characters turned back into bytes and decoded. */
export function entryName(raw: string, decode: TextDecoderEffect): string {
  if (![...raw].some((ch) => ch.charCodeAt(0) > 0x7f)) return raw;
  if ([...raw].some((ch) => ch.charCodeAt(0) > 0xff)) return raw; // already decoded (the UTF-8 flag was set)
  const bytes = Uint8Array.from(raw, (ch) => ch.charCodeAt(0));
  try {
    return decode(bytes, 'utf-8');
  } catch {
    return decode(bytes, 'gbk');
  }
}

/** The files of a zip (folders left out), with their names decoded; throws when it is not a zip. */
export function readZip(bytes: Uint8Array, decode: TextDecoderEffect): ZipEntry[] {
  const entries = unzipSync(bytes);
  return Object.entries(entries)
    .filter(([name]) => !name.endsWith('/'))
    .map(([name, data]) => ({ name: entryName(name, decode), bytes: data }));
}

/** A zip of the given files (names stored as UTF-8, which fflate flags). */
export function writeZip(files: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [f.bytes, { level: 6 }]])));
}

export { strToU8 };
