import { promises as fs } from 'node:fs';
import { FileSource } from '../bundle/fileBytes';
import type { FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { BLOB_NAME, ENTRY, type EntryInfo } from '../bundle/container';
import { BundleKindSchema, BundleScopeSchema } from '../../shared/sync/bundleMeta';
import { VersionVectorSchema } from '../../shared/sync/versionVector';
import { fail } from '../bundle/errors';
import type { EntrySink } from '../bundle/reader';
import type { EntrySource, MetaInput } from '../bundle/writer';

// A container directory, the command-line tool's plain form of a bundle's content: meta.json (the caller's META
// fields), records/*.ndjson and blobs/<sha256>. `seal` reads one; `open` writes one, into a staging folder that
// becomes the target only once the whole bundle has verified.

const CallerMetaSchema = z.object({
  kind: BundleKindSchema.default('full'),
  seq: z.number().int().nonnegative().default(1),
  prevBundleHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().default(null),
  scope: BundleScopeSchema.default({ units: 'all', tables: 'all' }),
  appVersion: z.string().optional(),
  schemaVersion: z.number().int().positive(),
  knowledge: VersionVectorSchema.default({}),
});

export interface ContainerInput {
  meta: MetaInput;
  entries: EntrySource[];
  /** content bytes, to decide whether hashing on a worker thread is worth it */
  bytes: number;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function readContainerDir(dir: string, appVersion: string): Promise<ContainerInput> {
  let raw: unknown;
  try {
    raw = JSON.parse(await fs.readFile(path.join(dir, 'meta.json'), 'utf8'));
  } catch {
    throw fail.input(`无法读取 ${path.join(dir, 'meta.json')}（缺少或不是有效的 JSON）。`, 'input: meta.json missing or not JSON');
  }
  const parsed = CallerMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') ?? '';
    throw fail.input(`meta.json 中的字段“${where}”有误（schemaVersion 必须填写）。`, `input: meta.json field "${where}" is invalid`);
  }
  const meta: MetaInput = { ...parsed.data, appVersion: parsed.data.appVersion ?? appVersion };
  const entries: EntrySource[] = [];
  let bytes = 0;
  for (const name of await listDir(path.join(dir, 'records'))) {
    if (!name.endsWith('.ndjson')) continue;
    const file = path.join(dir, 'records', name);
    const { size } = await fs.stat(file);
    entries.push({ kind: 'records', length: size, data: new FileSource(file) });
    bytes += size;
  }
  for (const name of await listDir(path.join(dir, 'blobs'))) {
    if (!BLOB_NAME.test(name)) {
      throw fail.input(`附件文件名“${name}”不是 64 位小写十六进制的 SHA-256。`, `input: blob name ${JSON.stringify(name)} is not a SHA-256`);
    }
    const file = path.join(dir, 'blobs', name);
    const { size } = await fs.stat(file);
    entries.push({ kind: 'blob', sha256: name, length: size, data: new FileSource(file) });
    bytes += size;
  }
  return { meta, entries, bytes };
}

const BATCH = 1 << 20;

/**
 * Writes opened entries under a staging folder. Blob names were checked to be 64 hex characters by the reader
 * before this sees them, and are checked again here before they become file names.
 */
export class ContainerDirSink implements EntrySink {
  private handle: FileHandle | null = null;
  private buffer = Buffer.allocUnsafe(BATCH);
  private spare = Buffer.allocUnsafe(BATCH);
  private used = 0;
  /** one write in flight while the next batch fills, so decryption does not wait on the disk */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(readonly staging: string) {}

  static async create(target: string): Promise<ContainerDirSink> {
    const staging = `${target}.partial-${randomBytes(4).toString('hex')}`;
    await fs.mkdir(path.join(staging, 'records'), { recursive: true });
    await fs.mkdir(path.join(staging, 'blobs'), { recursive: true });
    return new ContainerDirSink(staging);
  }

  private fileFor(entry: EntryInfo): string {
    if (entry.kind === ENTRY.META) return path.join(this.staging, 'meta.json');
    if (entry.kind === ENTRY.RECORDS && /^records\/\d{4,}\.ndjson$/.test(entry.name)) {
      return path.join(this.staging, entry.name);
    }
    if (entry.kind === ENTRY.BLOB && BLOB_NAME.test(entry.name)) return path.join(this.staging, 'blobs', entry.name);
    throw fail.blobName(entry.name);
  }

  async start(entry: EntryInfo): Promise<void> {
    this.handle = await fs.open(this.fileFor(entry), 'wx', 0o600);
    this.used = 0;
  }

  async data(_entry: EntryInfo, bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const take = Math.min(BATCH - this.used, bytes.length - offset);
      this.buffer.set(bytes.subarray(offset, offset + take), this.used);
      this.used += take;
      offset += take;
      if (this.used === BATCH) await this.flush();
    }
  }

  private async flush(): Promise<void> {
    await this.writing;
    if (this.used === 0) return;
    const handle = this.handle!;
    const full = this.buffer;
    const length = this.used;
    this.writing = (async () => {
      for (let done = 0; done < length; ) done += (await handle.write(full, done, length - done)).bytesWritten;
    })();
    [this.buffer, this.spare] = [this.spare, this.buffer];
    this.used = 0;
  }

  async end(): Promise<void> {
    await this.flush();
    await this.writing;
    await this.handle!.close();
    this.handle = null;
  }

  /** The verified content becomes the target folder (which must not exist, or be empty). */
  async commit(target: string): Promise<void> {
    await fs.rmdir(target).catch(() => undefined);
    await fs.rename(this.staging, target);
  }

  async discard(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.handle?.close().catch(() => undefined);
    await fs.rm(this.staging, { recursive: true, force: true });
  }
}
