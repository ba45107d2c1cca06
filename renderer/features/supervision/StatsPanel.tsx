import { App, Button, Space, Spin, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { clueType, supervisionActionType, type Clue, type SupervisionAction } from '../../../shared/domain/supervision';
import { dueList } from '../../../shared/rules/personalMatters';
import { dayOf } from '../../../shared/rules/months';
import { supervisionStatistics, withTotal } from '../../../shared/rules/supervisionStats';
import { messageOf } from '../../api';
import { saveXlsx } from '../../components/exportSheet';
import { db } from '../../db/instance';
import { reportsOfYear } from '../../db/supervision';
import { readSupervisionSettings } from '../../db/supervisionSettings';
import { LEVELS } from './common';
import { StatCards } from '../../components/StatCards';
import { statsWorkbook } from './statsExport';

// The year's figures (docs/supervision.md "Statistics"): each chart with its table beside it, and the whole set
// exported as one .xlsx — only here, since they count restricted records.

export function StatsPanel({ year }: { year: number }) {
  const { message } = App.useApp();
  const tables = useLiveQuery(async () => {
    const [cadres, reports, actions, clues, settings] = await Promise.all([
      db.cadres.toArray(),
      reportsOfYear(db, year),
      db.table(supervisionActionType.table).toArray() as Promise<SupervisionAction[]>,
      db.table(clueType.table).toArray() as Promise<Clue[]>,
      readSupervisionSettings(db),
    ]);
    const due = dueList(cadres, reports, year, dayOf(new Date()), LEVELS, settings.reporting).map((r) => r.status);
    return supervisionStatistics({ year, due, reports, actions, clues });
  }, [year]);
  if (!tables) return <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />;
  const save = async () => {
    try {
      const path = await saveXlsx(`${year}年度管理监督统计`, () => statsWorkbook(year, tables));
      if (path) message.success(`已导出到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button onClick={save} data-testid="supervision-stats-export">
          导出 Excel
        </Button>
        <Typography.Text type="secondary">统计涉及监督记录，只能在监督管理中查看和导出，请妥善保管导出的文件。</Typography.Text>
      </Space>
      <StatCards tables={tables} chartHeight={240} rowsOf={withTotal} />
    </Space>
  );
}
