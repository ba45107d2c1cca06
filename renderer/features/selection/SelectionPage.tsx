import { Card, Segmented } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import { navigate } from '../../router';
import { writeContextOf } from '../../stores/session';
import { CalendarView } from './CalendarView';
import { CasesView } from './CasesView';
import { CaseView } from './CaseView';
import { PoolsView } from './PoolsView';
import { RanksView } from './RanksView';
import { SettingsView } from './SettingsView';
import { StatsView } from './StatsView';
import { VacancyView } from './VacancyView';

// 选拔任用 (docs/selection.md): 职数空缺, 选任纪实, 职级晋升, 干部库, 统计, the 节假日安排 the 任前公示 is counted on, and
// this installation's 设置 (rank-promotion conditions, the case steps it records).

const VIEWS = [
  { value: 'vacancy', label: '职数空缺' },
  { value: 'cases', label: '选任纪实' },
  { value: 'ranks', label: '职级晋升' },
  { value: 'pools', label: '干部库与人选查找' },
  { value: 'stats', label: '统计' },
  { value: 'calendar', label: '节假日安排' },
  { value: 'settings', label: '设置' },
] as const;
type View = (typeof VIEWS)[number]['value'];

export default function SelectionPage({ info, params }: { info: AppInfo; params: URLSearchParams }) {
  const ctx = writeContextOf(info);
  const view: View = VIEWS.some((v) => v.value === params.get('view')) ? (params.get('view') as View) : 'vacancy';
  const caseId = params.get('case');
  if (view === 'cases' && caseId) return <CaseView key={caseId} id={caseId} ctx={ctx} />;
  return (
    <Card
      title="选拔任用"
      extra={<Segmented aria-label="选拔任用" value={view} onChange={(v) => navigate('selection', { view: String(v) })} options={[...VIEWS]} />}
    >
      {view === 'vacancy' && <VacancyView ctx={ctx} />}
      {view === 'cases' && <CasesView ctx={ctx} />}
      {view === 'ranks' && <RanksView ctx={ctx} />}
      {view === 'pools' && <PoolsView />}
      {view === 'stats' && <StatsView />}
      {view === 'calendar' && <CalendarView ctx={ctx} />}
      {view === 'settings' && <SettingsView />}
    </Card>
  );
}
