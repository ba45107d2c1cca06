import { decodeInterchangeBytes, type DetectedEncoding, type TextDecoderEffect } from './encoding';
import { LrmxError } from './errors';
import { parseLrm, withLrmPhoto } from './lrm';
import { parseLrmx } from './parse';
import type { LrmxPerson } from './schema';

// One file of an import batch (a folder or a .zip) → LrmxPerson: the format from the name, the encoding from the
// bytes, a .lrm's photo from the .pic of the same name. Pure: the caller reads the files.

export type InterchangeFormat = 'lrmx' | 'lrm';

export interface InterchangeFile {
  name: string;
  bytes: Uint8Array;
}

const extension = (name: string) => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
const stem = (name: string) => name.replace(/\.[^./\\]+$/, '').toLowerCase();

export function formatOf(name: string): InterchangeFormat | null {
  const ext = extension(name);
  return ext === 'lrmx' || ext === 'lrm' ? ext : null;
}

/**
 * Pairs the files of a batch: every .lrmx and .lrm with, for a .lrm, the .pic of the same name (case ignored, as
 * Windows names are); other files are listed as skipped so the report can name them.
 */
export function pairInterchangeFiles<F extends InterchangeFile>(files: readonly F[]): { entries: { file: F; pic: F | null }[]; skipped: F[] } {
  const pics = new Map<string, F>();
  for (const f of files) if (extension(f.name) === 'pic') pics.set(stem(f.name), f);
  const entries: { file: F; pic: F | null }[] = [];
  const skipped: F[] = [];
  const used = new Set<F>();
  for (const f of files) {
    const format = formatOf(f.name);
    if (format === null) continue;
    const pic = format === 'lrm' ? (pics.get(stem(f.name)) ?? null) : null;
    if (pic) used.add(pic);
    entries.push({ file: f, pic });
  }
  for (const f of files) if (formatOf(f.name) === null && !used.has(f)) skipped.push(f);
  return { entries, skipped };
}

/** Reads one .lrmx or .lrm (with its .pic); throws LrmxError with a Chinese reason for anything else. */
export function readInterchangeFile(
  file: InterchangeFile,
  pic: InterchangeFile | null,
  decode: TextDecoderEffect,
): { person: LrmxPerson; format: InterchangeFormat; encoding: DetectedEncoding } {
  const format = formatOf(file.name);
  if (format === null) {
    throw new LrmxError('notLrm', `“${file.name}”不是任免审批表文件：只能导入 .lrmx 文件，或 .lrm 文件（照片为同名 .pic 文件）`);
  }
  const { text, encoding } = decodeInterchangeBytes(file.bytes, decode);
  if (format === 'lrmx') return { person: parseLrmx(text), format, encoding };
  const person = parseLrm(text);
  return { person: pic ? withLrmPhoto(person, pic.bytes) : person, format, encoding };
}
