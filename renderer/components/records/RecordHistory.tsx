import { List, Space, Typography } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { describeChanges } from '../../../shared/catalog/leaves';
import type { AuditEntry } from '../../db/database';
import { db } from '../../db/instance';

/** Audit entries of the given records, newest first: who did what, and which fields changed from what to what. */
export function RecordHistory({ keys, testId }: { keys: readonly (readonly [table: string, id: string])[]; testId?: string }) {
  const entries = useLiveQuery(
    async () => (keys.length ? (await db.audit.where('[table+recordId]').anyOf(keys.map((k) => [...k])).toArray()).sort((a, b) => b.at - a.at) : []),
    [JSON.stringify(keys)],
  );
  return (
    <List<AuditEntry>
      size="small"
      bordered
      data-testid={testId}
      dataSource={entries ?? []}
      locale={{ emptyText: '暂无记录' }}
      renderItem={(e) => (
        <List.Item>
          <Space direction="vertical" size={0}>
            <Space wrap>
              <Typography.Text type="secondary">{new Date(e.at).toLocaleString('zh-CN')}</Typography.Text>
              <span>{e.summary}</span>
              <Typography.Text type="secondary">（{e.actor.operator}）</Typography.Text>
            </Space>
            {e.action === 'update' && e.changes?.length ? (
              <Typography.Text type="secondary" data-testid="history-changes">
                {e.title ? `${e.title}：` : ''}
                {describeChanges(e.changes)}
              </Typography.Text>
            ) : null}
          </Space>
        </List.Item>
      )}
    />
  );
}
