import { Card, Segmented } from 'antd';
import { CADRE_OWNED_TYPES } from '../../../shared/catalog';
import { openTypes } from '../../../shared/rules/restricted';
import { RecordList } from '../../components/records/RecordList';
import { navigate } from '../../router';

/**
 * 档案记录: every record type that belongs to a cadre, listed across the district (all 年度考核 of a unit, the
 * 奖惩 of a year …). Each list is derived from its declaration; later record types appear here by being declared.
 */
export function RecordsPage({ table }: { table: string | null }) {
  // restricted types (supervision records) are not listed here, nor opened by an address naming them
  const types = openTypes(CADRE_OWNED_TYPES, { kind: 'recordList' });
  const type = types.find((t) => t.table === table) ?? types[0]!;
  return (
    <Card
      title="档案记录"
      extra={
        <Segmented
          aria-label="记录类别"
          value={type.table}
          onChange={(value) => navigate('records', { type: String(value) })}
          options={types.map((t) => ({ value: t.table, label: t.name }))}
        />
      }
    >
      <RecordList key={type.table} type={type} />
    </Card>
  );
}
