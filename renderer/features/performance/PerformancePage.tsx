import { Card, Tabs } from 'antd';
import { useMemo } from 'react';
import type { AppInfo } from '../../../shared/domain/installation';
import { navigate } from '../../router';
import { writeContextOf } from '../../stores/session';
import { AppraisalPanel } from './AppraisalPanel';
import { ConductPanel } from './ConductPanel';
import { MatrixPanel } from './MatrixPanel';
import { ReportPanel } from './ReportPanel';
import { SettingsPanel } from './SettingsPanel';
import { SearchPanel, TimelinePanel } from './TimelinePanel';
import { YearPanel } from './YearPanel';

// 实绩档案 (docs/performance.md): collect → review → analyse → apply. The tab and the cadre are in the address
// (#/performance?tab=timeline&cadre=…), so the matrix and the search can open a cadre's timeline or report.

const TABS = ['report', 'matrix', 'year', 'timeline', 'search', 'conduct', 'appraisal', 'settings'] as const;
type Tab = (typeof TABS)[number];

export function PerformancePage({ info, tab, cadre }: { info: AppInfo; tab: string | null; cadre: string | null }) {
  const ctx = useMemo(() => writeContextOf(info), [info]);
  const active: Tab = TABS.includes(tab as Tab) ? (tab as Tab) : 'report';
  const go = (t: Tab, cadreId?: string | null) => navigate('performance', { tab: t, ...(cadreId ? { cadre: cadreId } : {}) });
  return (
    <Card title="实绩档案" styles={{ body: { paddingTop: 0 } }}>
      <Tabs
        activeKey={active}
        onChange={(t) => go(t as Tab, cadre)}
        destroyOnHidden
        items={[
          { key: 'report', label: '实绩填报', children: <ReportPanel key={cadre ?? ''} info={info} ctx={ctx} initialCadreId={cadre} /> },
          { key: 'matrix', label: '收集情况', children: <MatrixPanel onOpen={(id) => go('timeline', id)} /> },
          { key: 'year', label: '全年统计', children: <YearPanel /> },
          { key: 'timeline', label: '干部实绩', children: <TimelinePanel cadreId={cadre} onCadre={(id) => go('timeline', id)} /> },
          { key: 'search', label: '全文检索', children: <SearchPanel onOpen={(id) => go('report', id)} /> },
          { key: 'conduct', label: '正负面清单', children: <ConductPanel ctx={ctx} /> },
          { key: 'appraisal', label: '研判与三项机制', children: <AppraisalPanel ctx={ctx} /> },
          { key: 'settings', label: '设置', children: <SettingsPanel /> },
        ]}
      />
    </Card>
  );
}
