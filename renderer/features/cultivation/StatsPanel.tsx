import { Alert, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { loadStatistics } from '../../db/cultivationStats';
import { db } from '../../db/instance';
import { usePeople } from './cadreSource';
import { StatCards } from '../../components/StatCards';

/** 培养历练统计 of a year and unit subtree: each chart with its table beside it, each table exported as .xlsx. */
export function StatsPanel({ year, unitId, unitName }: { year: number; unitId: string | null; unitName: string }) {
  const { people, error } = usePeople(db);
  const tables = useLiveQuery(() => (people ? loadStatistics(db, { year, unitId }, people) : undefined), [year, unitId, people]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!tables) return <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />;
  return (
    <StatCards tables={tables} exportScope={`${year}年${unitName}`} />
  );
}
