import { Alert, App, Button, Space, Spin, Table, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { loadShortfall, type ShortfallRow } from '../../db/cultivationStats';
import { db } from '../../db/instance';
import { usePeople } from './cadreSource';
import { navigate } from '../../router';
import { messageOf } from '../../api';
import { exportSheet } from '../../components/exportSheet';

const HEADERS = ['姓名', '单位', '现任职务', '已获学时', '尚差学时'];

/** The 在职 cadres whose hours in the year fall short of the programme's requirement, fewest hours first. */
export function ShortfallPanel({ year, unitId, unitName }: { year: number; unitId: string | null; unitName: string }) {
  const { people, error } = usePeople(db);
  const { message } = App.useApp();
  const data = useLiveQuery(() => (people ? loadShortfall(db, { year, unitId }, people) : undefined), [year, unitId, people]);
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!data) return <Spin style={{ display: 'block', marginTop: 48 }} description="正在统计…" />;
  const save = async () => {
    try {
      const path = await exportSheet(`${year}年${unitName}学时不足名单`, HEADERS, data.rows.map((r) => [r.name, r.unitName, r.currentPost, r.hours, r.missing]));
      if (path) message.success(`已导出到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space>
        <Typography.Text data-testid="shortfall-count">
          {year}年每人应修{data.required}学时，{unitName}共 {data.rows.length} 人未达到
        </Typography.Text>
        <Button size="small" onClick={save} disabled={!data.rows.length}>
          导出 Excel
        </Button>
      </Space>
      <Table<ShortfallRow>
        size="small"
        rowKey="cadreId"
        data-testid="shortfall"
        dataSource={data.rows}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            key: 'name',
            title: '姓名',
            render: (_, r) => (
              <Button type="link" size="small" style={{ padding: 0 }} onClick={() => navigate('cadre', { id: r.cadreId, tab: 'cultivation' })}>
                {r.name}
              </Button>
            ),
          },
          { key: 'unit', title: '单位', dataIndex: 'unitName' },
          { key: 'post', title: '现任职务', dataIndex: 'currentPost' },
          { key: 'hours', title: '已获学时', dataIndex: 'hours' },
          { key: 'missing', title: '尚差学时', dataIndex: 'missing' },
        ]}
      />
    </Space>
  );
}
