import { useMemo } from 'react';
import { Card, Divider, Empty, Space, Tag, Timeline, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { TEMPERING_TYPES, type TemperingTable } from '../../../shared/domain/cultivation';
import { cultivationTimeline } from '../../../shared/rules/cultivationTimeline';
import { printMonth } from '../../../shared/rules/months';
import { dossierCultivation } from '../../db/cultivation';
import { db } from '../../db/instance';
import { navigate } from '../../router';
import type { WriteContext } from '../../db/repository';
import { TemperingList } from './TemperingList';

const KIND_COLORS: Record<string, string> = { 培训: 'blue', 挂职锻炼: 'purple', 驻村帮扶: 'green', 请战: 'red', 顶岗: 'orange' };

/**
 * The dossier's 培养历练 tab: training, secondments, village postings, 请战 and 顶岗 on one timeline, then each
 * tempering kind's entries to add and edit (training is enrolled from the class, under 培养历练).
 */
export function CultivationTab({ cadreId, ctx }: { cadreId: string; ctx: WriteContext }) {
  const data = useLiveQuery(() => dossierCultivation(db, cadreId), [cadreId]);
  const timeline = useMemo(
    () =>
      data
        ? cultivationTimeline({
            training: data.training.map(({ enrollment, cls }) => ({ ...cls, earned: enrollment.hours, completed: enrollment.completed })),
            secondments: data.secondments,
            postings: data.villagePostings,
            volunteering: data.volunteering,
            actingPosts: data.actingPosts,
            caseTitles: data.caseTitles,
            posts: data.posts,
            ranks: data.ranks,
          })
        : [],
    [data],
  );
  if (!data) return null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title="培养历练时间线">
        {timeline.length ? (
          <Timeline
            data-testid="cultivation-timeline"
            items={timeline.map((e, i) => ({
              key: i,
              color: KIND_COLORS[e.kind],
              children: (
                <div>
                  <Typography.Text type="secondary">{printMonth(e.month)}</Typography.Text> <Tag color={KIND_COLORS[e.kind]}>{e.kind}</Tag>
                  {e.text}
                  {e.note && (
                    <div>
                      <Typography.Text type="secondary">{e.note}</Typography.Text>
                      {e.caseId && (
                        <Typography.Link style={{ marginLeft: 8 }} onClick={() => navigate('selection', { view: 'cases', case: e.caseId! })}>
                          查看选任纪实
                        </Typography.Link>
                      )}
                    </div>
                  )}
                </div>
              ),
            }))}
          />
        ) : (
          <Empty description="暂无培训和历练记录" />
        )}
      </Card>
      {(Object.keys(TEMPERING_TYPES) as TemperingTable[]).map((t, i) => (
        <div key={t}>
          {i > 0 && <Divider style={{ margin: '8px 0' }} />}
          <TemperingList table={t} cadreId={cadreId} ctx={ctx} />
        </div>
      ))}
    </Space>
  );
}
