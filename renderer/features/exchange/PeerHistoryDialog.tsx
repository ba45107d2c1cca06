import { useEffect, useState } from 'react';
import { Alert, Modal, Space, Table, Tag, Typography } from 'antd';
import type { PeerView } from '../../../shared/contract/exchange';
import { db } from '../../db/instance';
import { messageOf } from '../../api';
import { peerHistory, type PeerHistory } from '../../sync';
import { dateTime, fileSize } from '../../components/format';

// 往来记录 with one peer (docs/bundle-format.md "Ledger and streams"): the bundles sent to it, numbered on their
// stream, each marked once the peer has acknowledged it (a later bundle from the peer said it holds everything that
// one carried), and the bundles received from it, from the ledger. Read-only.

const KIND = { full: '完整', incremental: '增量', backup: '备份' } as const;
const nowrap = () => ({ style: { whiteSpace: 'nowrap' as const } });
/** What both lists share: small, ten to a page once there are more. */
const listProps = (rows: readonly unknown[], testId: string, empty: string) => ({
  size: 'small' as const,
  rowKey: 'seq',
  'data-testid': testId,
  pagination: rows.length > 10 ? { pageSize: 10, size: 'small' as const } : (false as const),
  locale: { emptyText: empty },
});

export function PeerHistoryDialog({ self, peer, onClose }: { self: string; peer: PeerView | null; onClose(): void }) {
  const [history, setHistory] = useState<PeerHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setHistory(null);
    setError(null);
    if (peer) peerHistory(db, self, peer.installationId).then(setHistory, (e: unknown) => setError(messageOf(e)));
  }, [self, peer]);

  const acknowledged =
    history === null
      ? null
      : history.acknowledged === null
        ? '还没有收到过对方的数据包，不知道对方已收到什么；下次发给它的将是完整数据包。'
        : history.acknowledged >= history.ours
          ? '对方已确认收到本机到目前为止的全部改动。'
          : `对方最近一次确认：本机改动到第 ${history.acknowledged.toLocaleString('zh-CN')} 号（本机现为第 ${history.ours.toLocaleString('zh-CN')} 号）；其后的改动会随下一个增量数据包发出。`;

  return (
    <Modal open={peer !== null} title={`与“${peer?.name ?? ''}”的往来记录`} footer={null} onCancel={onClose} width={760} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {history && (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="peer-history">
          <Alert type={history.acknowledged !== null && history.acknowledged >= history.ours ? 'success' : 'info'} showIcon title={acknowledged} />
          <Typography.Title level={5} style={{ margin: 0 }}>
            发出的数据包
          </Typography.Title>
          <Table
            {...listProps(history.sent, 'history-sent', '还没有向对方发出过数据包。')}
            dataSource={history.sent}
            columns={[
              { key: 'seq', title: '序号', dataIndex: 'seq', onHeaderCell: nowrap },
              { key: 'at', title: '时间', render: (_, b) => dateTime(b.at), onHeaderCell: nowrap },
              { key: 'kind', title: '类型', render: (_, b) => (b.full ? '完整' : '增量'), onHeaderCell: nowrap },
              { key: 'records', title: '记录数', render: (_, b) => b.records.toLocaleString('zh-CN'), onHeaderCell: nowrap },
              { key: 'bytes', title: '大小', render: (_, b) => fileSize(b.bytes), onHeaderCell: nowrap },
              {
                key: 'ack',
                title: '对方确认',
                render: (_, b) => (b.acknowledged ? <Tag color="green">已确认收到</Tag> : <Tag>尚未确认</Tag>),
                onHeaderCell: nowrap,
              },
            ]}
          />
          <Typography.Title level={5} style={{ margin: 0 }}>
            收到的数据包
          </Typography.Title>
          <Table
            {...listProps(history.received, 'history-received', '还没有导入过对方的数据包。')}
            dataSource={history.received}
            columns={[
              { key: 'seq', title: '序号', dataIndex: 'seq', onHeaderCell: nowrap },
              { key: 'at', title: '导入时间', render: (_, r) => dateTime(r.at), onHeaderCell: nowrap },
              { key: 'kind', title: '类型', render: (_, r) => KIND[r.kind], onHeaderCell: nowrap },
              { key: 'records', title: '记录数', render: (_, r) => r.records.toLocaleString('zh-CN'), onHeaderCell: nowrap },
            ]}
          />
        </Space>
      )}
    </Modal>
  );
}
