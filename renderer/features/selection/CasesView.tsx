import { useMemo, useState } from 'react';
import { Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { caption } from '../../../shared/code';
import { CASE_STAGES, STAGE_ORDER, appointmentCaseType, trialPeriodType, type AppointmentCase, type CaseStage, type TrialPeriod } from '../../../shared/domain/selection';
import { dayOf } from '../../../shared/rules/months';
import { isOpen } from '../../../shared/rules/selectionCase';
import { TRIAL_STATES, trialsToTrack, type TrialState } from '../../../shared/rules/selectionTrials';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { createCase } from '../../db/selection';
import { navigate } from '../../router';
import { TypeDialog, useUnits } from './common';

// 选任纪实: the cases, open ones first, with a count per stage; 动议 opens a new one. Below, 试用期跟踪: the running
// trial periods by their last day, each opening its dossier's 选拔任用 tab where its result is recorded.

const TRIAL_COLOR: Record<TrialState, string> = { ended: 'red', endingSoon: 'orange', running: 'blue' };

/** The running trial periods with the cadre's name, by their last day. */
function useTrials() {
  return useLiveQuery(async () => {
    const rows = trialsToTrack((await db.table(trialPeriodType.table).toArray()) as TrialPeriod[], dayOf(new Date()));
    const cadres = await db.cadres.bulkGet(rows.map((r) => r.cadreId));
    return rows.map((r, i) => ({ ...r, name: cadres[i] && !cadres[i].deleted ? cadres[i].name : '（已删除的干部）' }));
  }, []);
}

export function CasesView({ ctx }: { ctx: WriteContext }) {
  const { nameOf } = useUnits();
  const cases = useLiveQuery(() => db.table(appointmentCaseType.table).toArray() as Promise<AppointmentCase[]>, []);
  const [filter, setFilter] = useState<'open' | 'all'>('open');
  const [creating, setCreating] = useState(false);
  const trials = useTrials();
  const live = useMemo(() => (cases ?? []).filter((c) => !c.deleted), [cases]);
  const byStage = useMemo(() => {
    const counts = new Map<CaseStage, number>();
    for (const c of live) counts.set(c.stage, (counts.get(c.stage) ?? 0) + 1);
    return counts;
  }, [live]);
  const shown = live
    .filter((c) => filter === 'all' || isOpen(c.stage))
    .sort((a, b) => Number(isOpen(b.stage)) - Number(isOpen(a.stage)) || b.motionOn.localeCompare(a.motionOn));
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <Button type="primary" onClick={() => setCreating(true)}>
          动议（新建选任纪实）
        </Button>
        <Segmented
          value={filter}
          onChange={(v) => setFilter(v as 'open' | 'all')}
          options={[
            { value: 'open', label: '办理中' },
            { value: 'all', label: '全部' },
          ]}
        />
        <span data-testid="cases-by-stage">
          {[...STAGE_ORDER, 'closed' as const].map((s) =>
            byStage.get(s) ? (
              <Tag key={s}>
                {CASE_STAGES[s]} {byStage.get(s)}
              </Tag>
            ) : null,
          )}
        </span>
      </Space>
      <Table<AppointmentCase>
        size="small"
        rowKey="id"
        loading={!cases}
        dataSource={shown}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(c) => ({ onClick: () => navigate('selection', { view: 'cases', case: c.id }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '拟任职务', dataIndex: 'postTitle' },
          { title: '单位', dataIndex: 'unitId', render: (id: string) => nameOf(id) },
          { title: '职务层次', dataIndex: 'postLevel', render: (c: string) => caption('postLevel', c) },
          { title: '当前步骤', dataIndex: 'stage', render: (s: CaseStage) => <Tag color={isOpen(s) ? 'blue' : s === 'appointed' ? 'green' : 'default'}>{CASE_STAGES[s]}</Tag> },
          { title: '人选', dataIndex: 'candidates', render: (k: unknown[]) => k.length },
          { title: '动议日期', dataIndex: 'motionOn' },
          { title: '任职日期', dataIndex: 'appointedOn' },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        试用期跟踪
      </Typography.Title>
      <Table
        data-testid="trials"
        size="small"
        rowKey="id"
        loading={!trials}
        dataSource={trials ?? []}
        locale={{ emptyText: '没有试用中的干部' }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(t) => ({ onClick: () => navigate('cadre', { id: t.cadreId, tab: 'selection' }), style: { cursor: 'pointer' } })}
        columns={[
          { title: '姓名', dataIndex: 'name' },
          { title: '试用职务', dataIndex: 'post' },
          { title: '试用开始', dataIndex: 'from' },
          { title: '试用期满', dataIndex: 'to' },
          { title: '状态', dataIndex: 'state', render: (s: TrialState) => <Tag color={TRIAL_COLOR[s]}>{TRIAL_STATES[s]}</Tag> },
        ]}
      />
      {creating && (
        <TypeDialog
          type={{ ...appointmentCaseType, sections: [{ title: '动议', fields: ['unitId', 'postTitle', 'postLevel', 'elected', 'motionOn', 'analysis'] }] }}
          title="动议：新建选任纪实"
          onSave={async (input) => {
            const c = await createCase(db, ctx, input as never);
            navigate('selection', { view: 'cases', case: c.id });
          }}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
