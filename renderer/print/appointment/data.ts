import { appointmentFormType, type AppointmentForm } from '../../../shared/domain/appointmentForm';
import type { Cadre } from '../../../shared/domain/cadre';
import { naturalId } from '../../../shared/ids';
import { appointmentSheet, type AppointmentSheet } from '../../../shared/print/appointment';
import type { CadreDb } from '../../db/database';
import { getBlob } from '../../db/blobs';
import { assessmentYears } from '../settings';

// Reading what a 任免审批表 prints: the dossier, its sub-records, the form's own record and the photo.

export interface SheetData {
  cadreId: string;
  sheet: AppointmentSheet;
  /** The photo as a blob: URL (revoked by the caller), or null. */
  photoUrl: string | null;
}

/** The id of a cadre's form record: v5 of its cadre id (shared/domain/appointmentForm.ts). */
export function appointmentFormId(cadreId: string): string {
  const rule = appointmentFormType.id;
  if (rule.kind !== 'natural') throw new Error('the appointment form is keyed by its cadre');
  return naturalId(rule.prefix, ...rule.key({ cadreId } as never));
}

export const readAppointmentForm = (db: CadreDb, cadreId: string): Promise<AppointmentForm | undefined> =>
  db.table('appointmentForms').get(appointmentFormId(cadreId)) as Promise<AppointmentForm | undefined>;

/**
 * The sheets of the given cadres, in the given order. A cadre that is gone throws a Chinese message: a form for
 * someone who is not there must not print as a blank.
 */
export async function loadSheets(db: CadreDb, ids: readonly string[], today: string): Promise<SheetData[]> {
  const years = await assessmentYears(db);
  const cadres = await db.cadres.bulkGet([...ids]);
  const sets = await db.subRecords.bulkGet([...ids]);
  const out: SheetData[] = [];
  for (const [i, id] of ids.entries()) {
    const cadre = cadres[i] as Cadre | undefined;
    if (!cadre || cadre.deleted) throw new Error('要打印的干部档案不存在或已删除，请回到干部名册重新选择。');
    const set = sets[i];
    const live = <T extends { deleted: boolean }>(list: T[] | undefined) => (list ?? []).filter((r) => !r.deleted);
    const form = await readAppointmentForm(db, id);
    const photo = cadre.photo ? await getBlob(db, cadre.photo) : undefined;
    out.push({
      cadreId: id,
      sheet: appointmentSheet(
        {
          cadre,
          career: live(set?.career),
          family: live(set?.family),
          rewards: live(set?.rewards),
          assessments: live(set?.assessments),
          form: form && !form.deleted ? form : undefined,
        },
        { today, assessmentYears: years },
      ),
      photoUrl: photo ? URL.createObjectURL(photo.data) : null,
    });
  }
  return out;
}
