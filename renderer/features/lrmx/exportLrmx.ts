import type { Cadre } from '../../../shared/domain/cadre';
import { buildLrmx, dossierToLrmx, encodeBase64 } from '../../../shared/lrmx';
import type { CadreDb } from '../../db/database';
import { getKeptMany } from '../../db/lrmxKept';
import { appointmentFormIdOf, appointmentFormTable, formOverrides } from '../../db/lrmxForm';
import { BatchCancelled } from './readBatch';
import { writeZip, type ZipEntry } from './zip';

// Exporting 任免审批表 files: a dossier (basic record, 简历, family, 奖惩, 年度考核, photo) and what its import
// kept, through dossierToLrmx and buildLrmx, as UTF-8 .lrmx — one file, or a .zip of a selection.

/** Characters Windows refuses in a file name. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').trim() || '未命名'; // eslint-disable-line no-control-regex

/** 姓名.lrmx, as the 任免表编辑器 names its files. */
export const singleFileName = (cadre: Pick<Cadre, 'name'>) => `${safeName(cadre.name)}.lrmx`;

/** 姓名_身份证后4位.lrmx for each, made unique with _2, _3 … (case ignored, as Windows compares names). */
export function zipEntryNames(cadres: readonly Pick<Cadre, 'name' | 'idNumber'>[]): string[] {
  const used = new Set<string>();
  return cadres.map((c) => {
    const base = `${safeName(c.name)}_${c.idNumber.slice(-4) || '0000'}`;
    let name = `${base}.lrmx`;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}.lrmx`;
    used.add(name.toLowerCase());
    return name;
  });
}

async function photoBase64(db: CadreDb, hash: string | null): Promise<string | null> {
  if (!hash) return null;
  const blob = await db.blobs.get(hash);
  return blob ? encodeBase64(new Uint8Array(await blob.data.arrayBuffer())) : null;
}

/** The .lrmx text of each cadre, in the given order (cadres that are gone are left out). */
async function lrmxTexts(db: CadreDb, cadreIds: readonly string[]): Promise<{ cadre: Cadre; xml: string }[]> {
  const [cadres, sets, kept, forms] = await Promise.all([
    db.cadres.bulkGet([...cadreIds]),
    db.subRecords.bulkGet([...cadreIds]),
    getKeptMany(db, cadreIds),
    appointmentFormTable(db).bulkGet(cadreIds.map(appointmentFormIdOf)),
  ]);
  const out: { cadre: Cadre; xml: string }[] = [];
  for (const [i, cadre] of cadres.entries()) {
    if (!cadre || cadre.deleted) continue;
    const set = sets[i];
    const person = dossierToLrmx(
      { cadre, career: set?.career ?? [], family: set?.family ?? [], rewards: set?.rewards ?? [], assessments: set?.assessments ?? [] },
      {
        kept: kept.get(cadre.id),
        photoBase64: await photoBase64(db, cadre.photo),
        overrides: formOverrides(forms[i]?.deleted ? undefined : forms[i], kept.get(cadre.id)),
      },
    );
    out.push({ cadre, xml: buildLrmx(person) });
  }
  return out;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** One cadre's .lrmx file: its suggested name and bytes. */
export async function exportCadreLrmx(db: CadreDb, cadreId: string): Promise<{ fileName: string; bytes: Uint8Array<ArrayBuffer> }> {
  const [one] = await lrmxTexts(db, [cadreId]);
  if (!one) throw new Error('该干部的档案已不存在，可能已被删除。请刷新后重试。');
  return { fileName: singleFileName(one.cadre), bytes: utf8(one.xml) };
}

export interface ZipExportOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  yieldToPage?: () => Promise<void>;
}

const CHUNK = 50;

/** A .zip of the cadres' .lrmx files, a chunk at a time with progress; throws BatchCancelled when aborted. */
export async function exportLrmxZip(db: CadreDb, cadreIds: readonly string[], options: ZipExportOptions = {}): Promise<{ bytes: Uint8Array<ArrayBuffer>; count: number }> {
  const yieldToPage = options.yieldToPage ?? (() => new Promise<void>((r) => setTimeout(r, 0)));
  const done: { cadre: Cadre; xml: string }[] = [];
  for (let i = 0; i < cadreIds.length; i += CHUNK) {
    if (options.signal?.aborted) throw new BatchCancelled();
    done.push(...(await lrmxTexts(db, cadreIds.slice(i, i + CHUNK))));
    options.onProgress?.(Math.min(i + CHUNK, cadreIds.length), cadreIds.length);
    await yieldToPage();
  }
  if (options.signal?.aborted) throw new BatchCancelled();
  const names = zipEntryNames(done.map((d) => d.cadre));
  const entries: ZipEntry[] = done.map((d, i) => ({ name: names[i]!, bytes: utf8(d.xml) }));
  return { bytes: writeZip(entries), count: entries.length };
}
