import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Radio, Space, Table, Tag, TreeSelect, Typography, type TableColumnsType } from 'antd';
import type { AppInfo } from '../../../shared/domain/installation';
import type { PeerView } from '../../../shared/contract/exchange';
import { unitPath } from '../../../shared/rules/unitTree';
import { cadreDesk, messageOf } from '../../api';
import { db } from '../../db/instance';
import { unitOptions } from '../../components/unitOptions';
import { ConflictsCard, ExportCard, ImportCard } from './TransferCards';
import { PeerHistoryDialog } from './PeerHistoryDialog';
import { PassphraseExportCard } from './PassphraseExportCard';
import { dateTime } from '../../components/format';

// 数据交换 (docs/bundle-format.md "Identity and trust"): this installation's contact card, and the peers it
// exchanges with — added from their card, trusted only after the fingerprint was compared by telephone or in
// person, revoked for good when a PC is lost. The export and import wizards build on these peers.

const CARD_FILTERS = [{ name: '联系卡', extensions: ['json'] }];
const TRUST = { pending: { color: 'orange', text: '待核对指纹' }, trusted: { color: 'green', text: '已信任' }, revoked: { color: 'default', text: '已撤销' } } as const;

/** Asks for the fingerprint as the other side reads it out, and trusts the peer only if it matches its card. */
function confirmFingerprint(modal: ReturnType<typeof App.useApp>['modal'], peer: PeerView, onDone: () => void, onError: (m: string) => void) {
  let typed = '';
  modal.confirm({
    title: `核对“${peer.name}”的指纹`,
    width: 560,
    content: (
      <Space orientation="vertical" style={{ width: '100%' }}>
        <span>请通过电话或当面，请对方在其“数据交换”页面念出本机标识指纹，输入到下面。两边一致才说明联系卡没有被调包。</span>
        <span>
          联系卡上的指纹：<Typography.Text code data-testid="card-fingerprint">{peer.fingerprint}</Typography.Text>
        </span>
        <Input aria-label="对方念出的指纹" placeholder="对方念出的指纹" onChange={(e) => (typed = e.target.value)} />
      </Space>
    ),
    okText: '一致，信任',
    cancelText: '取消',
    onOk: async () => {
      try {
        await cadreDesk().exchange.confirmPeer({ installationId: peer.installationId, fingerprint: typed || ' ' });
        onDone();
      } catch (error) {
        onError(messageOf(error)); // the peer stays pending: 核对指纹 can be tried again
      }
    },
  });
}

export function ExchangePage({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const [peers, setPeers] = useState<PeerView[] | null>(null);
  const [adding, setAdding] = useState<{ cardText: string; name: string } | null>(null);
  const [historyOf, setHistoryOf] = useState<PeerView | null>(null);
  const [form] = Form.useForm<{ scope: 'all' | 'unit'; unitId?: string }>();
  const units = useLiveQuery(() => db.units.filter((u) => !u.deleted).toArray(), []);
  const isDepartment = info.profile?.type === 'department';
  const reload = () =>
    cadreDesk()
      .exchange.peers()
      .then((r) => setPeers(r.peers), (e: unknown) => message.error(messageOf(e)));
  useEffect(() => {
    void reload();
  }, []);

  const exportCard = async () => {
    try {
      const card = await cadreDesk().exchange.card();
      const choice = await cadreDesk().dialog.saveFile({ title: '导出本机联系卡', defaultName: `${card.name}-联系卡.json`, filters: CARD_FILTERS });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      await cadreDesk().file.write({ path, bytes: new TextEncoder().encode(card.text) });
      message.success(`联系卡已保存到 ${path}。请交给对方导入，并通过电话核对指纹。`, 8);
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  const importCard = async () => {
    try {
      const choice = await cadreDesk().dialog.openFile({ title: '导入对方的联系卡', filters: CARD_FILTERS });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const { bytes } = await cadreDesk().file.read({ path });
      const cardText = new TextDecoder().decode(bytes);
      let name = '';
      try {
        name = String((JSON.parse(cardText) as { name?: unknown }).name ?? '');
      } catch {
        // the main process says what is wrong with it
      }
      form.resetFields();
      setAdding({ cardText, name });
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  const add = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values || !adding) return;
    try {
      const peer = await cadreDesk().exchange.addPeer({
        cardText: adding.cardText,
        scope: values.scope === 'unit' && values.unitId ? { unitId: values.unitId } : 'all',
      });
      setAdding(null);
      await reload();
      message.success(`已添加“${peer.name}”。核对指纹后才能与它交换数据。`);
      confirmFingerprint(modal, peer, () => void reload().then(() => message.success(`已信任“${peer.name}”`)), (m) => message.error(m));
    } catch (error) {
      message.error(messageOf(error), 8);
    }
  };

  const revoke = (peer: PeerView) =>
    modal.confirm({
      title: `撤销对“${peer.name}”的信任？`,
      content: '撤销后，不再接受它发来的数据包，也不能再向它发送；撤销不能取消（电脑丢失或更换时使用）。',
      okText: '撤销信任',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await cadreDesk().exchange.revokePeer({ installationId: peer.installationId });
          await reload();
        } catch (error) {
          message.error(messageOf(error));
        }
      },
    });

  const scopeText = (p: PeerView) => (p.scope === 'all' ? (isDepartment ? '全部数据' : '本机全部数据') : unitPath(units ?? [], p.scope.unitId).join(' › ') || '（单位已不存在）');

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card title="本机联系卡" extra={<Button onClick={() => void exportCard()}>导出联系卡</Button>}>
        <Descriptions column={1} size="small">
          <Descriptions.Item label="本机名称">{info.profile?.name}</Descriptions.Item>
          <Descriptions.Item label="本机标识指纹">
            <Typography.Text code data-testid="own-fingerprint">
              {info.fingerprint}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          与其他单位交换数据前，双方各自导出联系卡交给对方导入，再通过电话念出指纹互相核对。
        </Typography.Paragraph>
      </Card>
      <Card title="交换对象" extra={<Button type="primary" onClick={() => void importCard()}>导入联系卡…</Button>}>
        <Table<PeerView>
          size="small"
          rowKey="installationId"
          loading={peers === null}
          dataSource={peers ?? []}
          pagination={false}
          data-testid="peers"
          locale={{ emptyText: '还没有交换对象。导入对方的联系卡即可添加。' }}
          scroll={{ x: 'max-content' }}
          columns={(
            [
            { key: 'name', title: '名称', dataIndex: 'name' },
            { key: 'fingerprint', title: '指纹', render: (_, p) => <Typography.Text code>{p.fingerprint}</Typography.Text> },
            { key: 'scope', title: '交换范围', render: (_, p) => scopeText(p) },
            { key: 'trust', title: '状态', render: (_, p) => <Tag color={TRUST[p.trust].color}>{TRUST[p.trust].text}</Tag> },
            { key: 'since', title: '添加时间', render: (_, p) => dateTime(p.addedAt) },
            {
              key: 'actions',
              title: '操作',
              render: (_, p) => (
                <Space size={0}>
                  {p.trust === 'pending' && (
                    <Button type="link" size="small" onClick={() => confirmFingerprint(modal, p, () => void reload(), (m) => message.error(m))}>
                      核对指纹
                    </Button>
                  )}
                  <Button type="link" size="small" onClick={() => setHistoryOf(p)}>
                    往来记录
                  </Button>
                  {p.trust !== 'revoked' && (
                    <Button type="link" size="small" danger onClick={() => revoke(p)}>
                      撤销信任
                    </Button>
                  )}
                </Space>
              ),
            },
            ] satisfies TableColumnsType<PeerView>
          ).map((c) => ({ ...c, onHeaderCell: () => ({ style: { whiteSpace: 'nowrap' as const } }) }))}
        />
      </Card>
      <ExportCard info={info} peers={peers ?? []} />
      <ImportCard info={info} />
      <PassphraseExportCard info={info} />
      <ConflictsCard info={info} />
      <PeerHistoryDialog self={info.installationId} peer={historyOf} onClose={() => setHistoryOf(null)} />
      <Modal open={adding !== null} title={`添加交换对象“${adding?.name ?? ''}”`} okText="添加" cancelText="取消" onOk={() => void add()} onCancel={() => setAdding(null)} destroyOnHidden>
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="交换范围添加后不能更改：每次发给它的数据包都只含这个范围内的数据。" />
        <Form form={form} layout="vertical" initialValues={{ scope: isDepartment ? 'unit' : 'all' }}>
          {isDepartment ? (
            <>
              <Form.Item label="交换范围" name="scope">
                <Radio.Group>
                  <Radio value="unit">一个单位及其下级单位（对方是单位）</Radio>
                  <Radio value="all">全部数据（对方是组织部的另一台电脑）</Radio>
                </Radio.Group>
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.scope !== b.scope}>
                {({ getFieldValue }) =>
                  getFieldValue('scope') === 'unit' && (
                    <Form.Item label="单位" name="unitId" rules={[{ required: true, message: '请选择对方所属的单位' }]}>
                      <TreeSelect aria-label="单位" treeData={unitOptions(units ?? [])} showSearch treeNodeFilterProp="title" treeDefaultExpandAll placeholder="请选择单位" />
                    </Form.Item>
                  )
                }
              </Form.Item>
            </>
          ) : (
            <Typography.Paragraph>本机是单位，发给对方的数据包含本机的全部数据（本单位的干部档案）。</Typography.Paragraph>
          )}
        </Form>
      </Modal>
    </Space>
  );
}
