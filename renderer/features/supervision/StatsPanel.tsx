import { App, Button, Card, Col, Row, Space, Spin, Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { clueType, supervisionActionType, type Clue, type SupervisionAction } from '../../../shared/domain/supervision';
import { dueList } from '../../../shared/rules/personalMatters';
import { dayOf } from '../../../shared/rules/months';
import { supervisionStatistics, withTotal, type SupervisionStatTable } from '../../../shared/rules/supervisionStats';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { reportsOfYear } from '../../db/supervision';
import { readSupervisionSettings } from '../../db/supervisionSettings';
import { LEVELS } from './common';
import { StatChart } from '../../components/StatChart';
import { statsWorkbook } from './statsExport';

// The year's figures (docs/supervision.md "Statistics"): each chart with its table beside it, and the whole set
// exported as one .xlsx — only here, since they count restricted records.

function StatCard({ table }: { table: SupervisionStatTable }) {
  const headers = [table.category, ...table.columns];
  return (
    <Card size="small" title={table.title}>
      <Row gutter={16}>
        <Col xs={24} lg={13}>
          <StatChart table={table} height={240} />
        </Col>
        <Col xs={24} lg={11}>
          <Table
            data-testid={`stats-${table.key}`}
            size="small"
            rowKey="label"
            pagination={false}
            dataSource={withTotal(table)}
            columns={headers.map((h, i) => ({
              key: h,
              title: h,
              align: i === 0 ? undefined : ('right' as const),
              onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }),
              render: (_: unknown, r: { label: string; values: number[] }) => (i === 0 ? r.label : r.values[i - 1]),
            }))}
          />
        </Col>
      </Row>
    </Card>
  );
}

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
      const name = `${year}年度管理监督统计`;
      const choice = await cadreDesk().dialog.saveFile({
        title: `导出${name}`,
        defaultName: `${name}-${dayOf(new Date())}.xlsx`,
        filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }],
      });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      await cadreDesk().file.write({ path, bytes: await statsWorkbook(year, tables) });
      message.success(`已导出到 ${path}`);
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
      <Row gutter={[16, 16]}>
        {tables.map((t) => (
          <Col key={t.key} xs={24} xxl={12}>
            <StatCard table={t} />
          </Col>
        ))}
      </Row>
    </Space>
  );
}
