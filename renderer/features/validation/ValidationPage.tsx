import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, Button, Card, Progress, Segmented, Space, Table, Tag, TreeSelect, Typography } from 'antd';
import { dayOf, monthOf } from '../../../shared/rules/months';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { subtreeIds } from '../../../shared/rules/unitTree';
import { unitOptions } from '../../components/unitOptions';
import { db } from '../../db/instance';
import { navigate } from '../../router';
import { messageOf } from '../../api';
import { inListOrder, runChecks, tabOfField, type CadreFinding } from './runChecks';


type SeverityFilter = 'all' | 'error' | 'warning';

/** 数据校验: the 三龄两历 checks over all or some cadres, each finding linked to the field to fix. */
export function ValidationPage() {
  const units = useLiveQuery(() => db.units.toArray(), []);
  const unitNames = useMemo(() => new Map((units ?? []).map((u) => [u.id, u.name])), [units]);
  const [unitId, setUnitId] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [findings, setFindings] = useState<CadreFinding[] | null>(null);
  const [severity, setSeverity] = useState<SeverityFilter>('all');
  const [error, setError] = useState<string | null>(null);
  const running = progress !== null && findings === null;

  const start = async () => {
    setFindings(null);
    setError(null);
    setProgress({ done: 0, total: 0 });
    try {
      const now = new Date();
      const checked = runChecks(
        db,
        {
          asOf: monthOf(now),
          today: dayOf(now),
          unitIds: unitId ? subtreeIds(units ?? [], unitId) : null,
        },
        (done, total) => setProgress({ done, total }),
      );
      // the list is in 姓氏笔画 order: its data loads beside the checks
      const [result] = await Promise.all([checked, loadStrokeOrder()]);
      setFindings(inListOrder(result, units ?? []));
    } catch (e) {
      setError(messageOf(e));
      setProgress(null);
    }
  };

  const shown = (findings ?? []).filter((f) => severity === 'all' || f.severity === severity);
  const errors = findings?.filter((f) => f.severity === 'error').length ?? 0;
  const checkedCadres = progress?.total ?? 0;

  return (
    <Card title="数据校验（三龄两历）">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Space wrap>
          <span>校验范围：</span>
          <TreeSelect
            style={{ width: 320 }}
            allowClear
            placeholder="全部单位"
            treeData={unitOptions(units ?? [])}
            value={unitId ?? undefined}
            onChange={(v: string | undefined) => setUnitId(v ?? null)}
            treeDefaultExpandAll
            aria-label="校验范围"
          />
          <Button type="primary" onClick={start} loading={running}>
            开始校验
          </Button>
        </Space>
        {progress && (
          <Progress
            percent={progress.total ? Math.round((progress.done / progress.total) * 100) : findings ? 100 : 0}
            format={() => `${progress.done} / ${progress.total} 人`}
          />
        )}
        {error && <Alert type="error" showIcon title={error} />}
        {findings && (
          <>
            <Alert
              type={findings.length ? (errors ? 'error' : 'warning') : 'success'}
              showIcon
              data-testid="validation-summary"
              title={
                findings.length
                  ? `已校验 ${checkedCadres} 人，发现 ${errors} 个错误、${findings.length - errors} 个提醒。点击“去修改”打开干部档案。`
                  : `已校验 ${checkedCadres} 人，未发现问题。`
              }
            />
            <Segmented<SeverityFilter>
              value={severity}
              onChange={setSeverity}
              options={[
                { value: 'all', label: '全部' },
                { value: 'error', label: '错误' },
                { value: 'warning', label: '提醒' },
              ]}
            />
            <Table<CadreFinding>
              size="small"
              data-testid="findings"
              rowKey={(f) => `${f.cadreId}|${f.rule}|${f.field}|${f.message}`}
              dataSource={shown}
              pagination={{ pageSize: 50, showSizeChanger: false }}
              columns={[
                { key: 'name', title: '姓名', width: 100, render: (_, f) => f.cadreName },
                { key: 'unit', title: '单位', width: 180, render: (_, f) => unitNames.get(f.unitId) ?? '' },
                {
                  key: 'severity',
                  title: '级别',
                  width: 70,
                  render: (_, f) => (f.severity === 'error' ? <Tag color="red">错误</Tag> : <Tag color="orange">提醒</Tag>),
                },
                { key: 'message', title: '问题', render: (_, f) => f.message },
                {
                  key: 'fix',
                  title: '操作',
                  width: 90,
                  render: (_, f) => (
                    <Button type="link" size="small" onClick={() => navigate('cadre', { id: f.cadreId, tab: tabOfField(f.field), field: f.field })}>
                      去修改
                    </Button>
                  ),
                },
              ]}
            />
          </>
        )}
        {!findings && !running && (
          <Typography.Text type="secondary">
            校验出生年月、性别与身份证号码是否一致，参加工作、入党时的年龄，学历与学习经历，简历是否连续等。
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}
