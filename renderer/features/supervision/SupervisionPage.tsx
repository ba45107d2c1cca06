import { Card, Select, Tabs } from 'antd';
import { useMemo, useState } from 'react';
import type { AppInfo } from '../../../shared/domain/installation';
import { clueType, fourChecksType, supervisionActionType } from '../../../shared/domain/supervision';
import { writeContextOf } from '../../stores/session';
import { ChainPanel } from './ChainPanel';
import { DocumentsPanel } from './DocumentsPanel';
import { RecordsPanel } from './RecordsPanel';
import { ReportsPanel } from './ReportsPanel';
import { SettingsPanel } from './SettingsPanel';
import { StatsPanel } from './StatsPanel';

/**
 * 监督管理 (docs/supervision.md): personal-matters reports and their verification, reminders, inquiries and
 * admonishments, clues, 凡提四必, travel documents, the year's figures and the log's verification. These records
 * are restricted: they are shown here and nowhere else (shared/rules/restricted.ts).
 */
export function SupervisionPage({ info, tab }: { info: AppInfo; tab: string | null }) {
  const ctx = useMemo(() => writeContextOf(info), [info]);
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [active, setActive] = useState(tab ?? 'reports');
  const years = Array.from({ length: thisYear - 2009 }, (_, i) => thisYear - i);
  const yearPicker = (active === 'reports' || active === 'statistics') && (
    <Select aria-label="年度" value={year} onChange={setYear} style={{ width: 110 }} options={years.map((y) => ({ value: y, label: `${y}年度` }))} />
  );
  return (
    <Card title="监督管理" extra={yearPicker}>
      <Tabs
        activeKey={active}
        onChange={setActive}
        destroyOnHidden
        items={[
          { key: 'reports', label: '个人有关事项报告', children: <ReportsPanel ctx={ctx} year={year} /> },
          { key: 'actions', label: '提醒·函询·诫勉', children: <RecordsPanel type={supervisionActionType} ctx={ctx} /> },
          { key: 'clues', label: '问题线索', children: <RecordsPanel type={clueType} ctx={ctx} /> },
          { key: 'fourChecks', label: '凡提四必', children: <RecordsPanel type={fourChecksType} ctx={ctx} /> },
          { key: 'documents', label: '出国（境）证件', children: <DocumentsPanel ctx={ctx} /> },
          { key: 'statistics', label: '统计', children: <StatsPanel year={year} /> },
          { key: 'chain', label: '日志校验', children: <ChainPanel self={info.installationId} /> },
          { key: 'settings', label: '设置', children: <SettingsPanel /> },
        ]}
      />
    </Card>
  );
}
