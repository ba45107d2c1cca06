import {
  LrmxError,
  lrmxToDossier,
  pairInterchangeFiles,
  readInterchangeFile,
  type InterchangeFile,
  type TextDecoderEffect,
} from '../../../shared/lrmx';
import type { FailedLrmx, ReadLrmx } from '../../db/importLrmx';
import { readZip } from './zip';

// Reading a batch of 任免审批表 files: zips opened, .lrm paired with its .pic, each file decoded, parsed and mapped
// to the dossier, a file at a time with progress, yielding to the page between slices so the cancel button works.

/** The renderer's decoder: strict UTF-8 (so GBK is detected), GBK as the fallback. */
export const textDecoder: TextDecoderEffect = (bytes, encoding) => new TextDecoder(encoding, { fatal: encoding === 'utf-8' }).decode(bytes);

export class BatchCancelled extends Error {
  constructor() {
    super('已取消');
    this.name = 'BatchCancelled';
  }
}

export interface ReadBatchOptions {
  today: string;
  decode?: TextDecoderEffect;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Lets the page paint and take a click between slices (tests pass an immediate one). */
  yieldToPage?: () => Promise<void>;
}

export interface ReadBatchResult {
  read: ReadLrmx[];
  failed: FailedLrmx[];
  /** Files in the batch that are not interchange files (a .txt in a zip): named, not failed. */
  skipped: string[];
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const SLICE_MS = 30;

/** Opens the zips of the batch; a zip that cannot be opened is a failed file. */
export function expandZips(files: readonly InterchangeFile[], decode: TextDecoderEffect): { files: InterchangeFile[]; failed: FailedLrmx[] } {
  const out: InterchangeFile[] = [];
  const failed: FailedLrmx[] = [];
  for (const file of files) {
    if (!/\.zip$/i.test(file.name)) {
      out.push(file);
      continue;
    }
    try {
      for (const entry of readZip(file.bytes, decode)) out.push({ name: `${file.name}/${entry.name}`, bytes: entry.bytes });
    } catch {
      failed.push({ fileName: file.name, reason: '不是有效的 zip 压缩文件，或文件已损坏，无法打开。请重新压缩或直接选择其中的 .lrmx 文件' });
    }
  }
  return { files: out, failed };
}

/** Reads every file of the batch; throws BatchCancelled when the signal aborts. */
export async function readBatch(files: readonly InterchangeFile[], options: ReadBatchOptions): Promise<ReadBatchResult> {
  const decode = options.decode ?? textDecoder;
  const yieldToPage = options.yieldToPage ?? pause;
  const { files: all, failed } = expandZips(files, decode);
  const { entries, skipped } = pairInterchangeFiles(all);
  const read: ReadLrmx[] = [];
  let sliceStart = Date.now();
  for (const [i, { file, pic }] of entries.entries()) {
    if (Date.now() - sliceStart > SLICE_MS) {
      await yieldToPage();
      sliceStart = Date.now();
    }
    if (options.signal?.aborted) throw new BatchCancelled();
    try {
      const { person } = readInterchangeFile(file, pic, decode);
      read.push({ fileName: file.name, result: lrmxToDossier(person, { today: options.today }) });
    } catch (e) {
      const reason = e instanceof LrmxError ? e.message : `无法读取：${e instanceof Error ? e.message : String(e)}`;
      failed.push({ fileName: file.name, reason });
    }
    options.onProgress?.(i + 1, entries.length);
  }
  return { read, failed, skipped: skipped.map((f) => f.name) };
}
