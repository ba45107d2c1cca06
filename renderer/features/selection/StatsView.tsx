import { useState } from 'react';
import { InputNumber, Space, Spin } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/instance';
import { loadSelectionStats } from '../../db/selectionStats';
import { StatCards } from '../../components/StatCards';
import { UnitPicker, useUnits } from './common';

// 选拔任用统计 (docs/selection.md "Statistics"): cases by stage, the year's adjustments by kind and by unit (with
// the performance area's 三项机制 adjustments), promotions per round; each chart with its table beside it, each
// table exported as .xlsx.

export function StatsView() {
  const { nameOf } = useUnits();
  const [year, setYear] = useState(new Date().getFullYear());
  const [unitId, setUnitId] = useState<string | null>(null);
  const tables = useLiveQuery(() => loadSelectionStats(db, { year, unitId }), [year, unitId]);
  const scope = `${year}年${unitId ? nameOf(unitId) : '全区'}`;
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <InputNumber aria-label="统计年度" min={1950} max={2100} value={year} onChange={(v) => v && setYear(v)} suffix="年" style={{ width: 120 }} />
        <UnitPicker label="统计范围" value={unitId} onChange={setUnitId} allowClear />
      </Space>
      {!tables ? (
        <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />
      ) : (
        <StatCards tables={tables} chartHeight={280} exportScope={scope} />
      )}
    </>
  );
}
