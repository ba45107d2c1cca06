import { Typography } from 'antd';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import { addTempering, updateTempering } from '../../db/cultivation';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { RecordTab } from '../../components/records/RecordTab';

/**
 * One tempering kind of a dossier (挂职, 驻村, 请战, 顶岗): the catalogue's dossier list (entries, the form with
 * every problem at its field, delete, history), saving through the 培养历练 repository so that the checks only
 * the database can make (one secondment or posting at a time, 在职 at the start, above the own level) apply.
 */
export function TemperingList({ table, cadreId, ctx }: { table: TemperingTable; cadreId: string; ctx: WriteContext }) {
  const type = TEMPERING_TYPES[table];
  const write = async (input: Record<string, unknown>, id: string | null) => {
    if (id === null) await addTempering(db, ctx, table, input);
    else await updateTempering(db, ctx, table, cadreId, id, input);
  };
  return (
    <div data-testid={`tempering-${table}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {type.name}
      </Typography.Title>
      <RecordTab type={type} cadreId={cadreId} ctx={ctx} write={write} />
    </div>
  );
}
