import { Card, Segmented } from 'antd';
import { CADRE_OWNED_TYPES } from '../../../shared/catalog';
import { RecordList } from '../../components/records/RecordList';
import { navigate } from '../../router';

/**
 * 档案记录: every record type that belongs to a cadre, listed across the district (all 年度考核 of a unit, the
 * 奖惩 of a year …). Each list is derived from its declaration; later record types appear here by being declared.
 */
export function RecordsPage({ table }: { table: string | null }) {
  const type = CADRE_OWNED_TYPES.find((t) => t.table === table) ?? CADRE_OWNED_TYPES[0]!;
  return (
    <Card
      title="档案记录"
      extra={
        <Segmented
          aria-label="记录类别"
          value={type.table}
          onChange={(value) => navigate('records', { type: String(value) })}
          options={CADRE_OWNED_TYPES.filter((t) => !t.restricted).map((t) => ({ value: t.table, label: t.name }))}
        />
      }
    >
      <RecordList key={type.table} type={type} />
    </Card>
  );
}
