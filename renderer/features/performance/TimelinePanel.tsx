import { Button, Card, Empty, Input, List, Space, Table, Tag, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { LANE_LABELS, type TimelineEntry, type TimelineLane } from '../../../shared/rules/performanceTimeline';
import { printMonth } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { cadreTimeline, searchReports, type SearchHit } from '../../db/performanceAnalysis';
import { openPreview } from '../print/printParams';
import { CadrePicker } from './common';

// 干部实绩: a cadre's records, conduct, assessments, rewards and punishments and adjustments side by side, month by
// month, with the printable 一人一册; and 全文检索 over the text of every report (docs/performance.md "Analysis").

/** The timeline's columns: performance, the two lists, and the rest of the dossier's evidence together. */
const COLUMNS: { title: string; lanes: TimelineLane[] }[] = [
  { title: LANE_LABELS.performance, lanes: ['performance'] },
  { title: LANE_LABELS.positive, lanes: ['positive'] },
  { title: LANE_LABELS.negative, lanes: ['negative'] },
  { title: '考核、奖惩与三项机制', lanes: ['assessment', 'reward', 'adjustment'] },
];

const LANE_COLORS: Record<TimelineLane, string> = {
  performance: 'blue',
  positive: 'green',
  negative: 'red',
  assessment: 'gold',
  reward: 'purple',
  adjustment: 'cyan',
};

function Entry({ e }: { e: TimelineEntry }) {
  return (
    <div style={{ marginBottom: 4 }}>
      <Tag color={LANE_COLORS[e.lane]}>{LANE_LABELS[e.lane]}</Tag>
      <Typography.Text>{e.title}</Typography.Text>
      {e.detail && (
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
          {e.detail}
        </Typography.Paragraph>
      )}
    </div>
  );
}

export function TimelinePanel({ cadreId, onCadre }: { cadreId: string | null; onCadre: (id: string | null) => void }) {
  const entries = useLiveQuery(async () => (cadreId ? cadreTimeline(db, cadreId) : []), [cadreId]);
  const months = [...new Set((entries ?? []).map((e) => e.when.slice(0, 7)))];
  const rows = months.map((m) => ({
    month: m,
    cells: COLUMNS.map((c) => (entries ?? []).filter((e) => e.when.startsWith(m) && c.lanes.includes(e.lane))),
  }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small">
        <Space wrap>
          <CadrePicker value={cadreId} onChange={(c) => onCadre(c?.id ?? null)} testId="timeline-cadre" />
          <Button type="primary" disabled={!cadreId} onClick={() => openPreview({ kind: 'booklet', cadre: cadreId!, title: '干部实绩档案（一人一册）' })} data-testid="print-booklet">
            打印一人一册
          </Button>
        </Space>
      </Card>
      {!cadreId ? (
        <Empty description="请选择干部" />
      ) : (
        <Table
          data-testid="cadre-timeline"
          size="small"
          rowKey="month"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '该干部还没有实绩、清单、考核或奖惩记录' }}
          columns={[
            { title: '时间', dataIndex: 'month', width: 90, render: (m: string) => printMonth(m) },
            ...COLUMNS.map((c, i) => ({
              title: c.title,
              key: c.title,
              render: (_: unknown, r: (typeof rows)[number]) => r.cells[i]!.map((e) => <Entry key={`${e.table}-${e.id}`} e={e} />),
            })),
          ]}
        />
      )}
    </Space>
  );
}

export function SearchPanel({ onOpen }: { onOpen: (cadreId: string) => void }) {
  const [hits, setHits] = useState<SearchHit[] | null>(null);
  return (
    <Card size="small" title="全文检索">
      <Input.Search
        aria-label="检索实绩内容"
        placeholder="输入关键词，多个词用空格分开"
        enterButton="检索"
        onSearch={(q) => void searchReports(db, q).then(setHits)}
        style={{ maxWidth: 480, marginBottom: 12 }}
      />
      {hits && (
        <List
          data-testid="search-hits"
          size="small"
          dataSource={hits}
          locale={{ emptyText: '没有找到包含这些词的实绩记录' }}
          renderItem={(h) => (
            <List.Item>
              <Space direction="vertical" size={0}>
                <Space>
                  <a onClick={() => onOpen(h.record.cadreId)}>{h.cadreName}</a>
                  <span>{h.label}</span>
                </Space>
                <Typography.Text type="secondary">{h.excerpt}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
