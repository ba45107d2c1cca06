import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Alert, App, Button, Card, Descriptions, Empty, Input, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  DragOutlined,
  EditOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import type { AppInfo } from '../../../shared/domain/installation';
import {
  buildUnitTree,
  liveSiblings,
  mayAddUnder,
  mayChangeUnit,
  scopeOf,
  unitPath,
  type UnitNode,
} from '../../../shared/rules/unitTree';
import { db } from '../../db/instance';
import { checkDeleteUnit, createUnit, deleteUnit, moveUnit, renameUnit, reorderUnit, updateUnitAttributes } from '../../db/units';
import { writeContextOf } from '../../stores/session';
import { messageOf } from '../../api';
import { RecordHistory } from '../../components/records/RecordHistory';
import { UnitNameDialog } from './UnitNameDialog';
import { MoveUnitDialog } from './MoveUnitDialog';
import { UnitAttributesForm } from './UnitAttributesForm';

type NameDialog = { mode: 'create'; parentId: string | null } | { mode: 'rename'; id: string; name: string } | null;

const toTreeData = (nodes: UnitNode[], filter: string): TreeDataNode[] =>
  nodes.flatMap((n) => {
    const children = toTreeData(n.children, filter);
    if (filter && !n.unit.name.includes(filter) && children.length === 0) return [];
    return [{ key: n.unit.id, title: n.unit.name, children }];
  });

/** 单位管理: the unit tree, authored by the department (and by units for their own sub-units). */
export function UnitsPage({ info }: { info: AppInfo }) {
  const { message, modal } = App.useApp();
  const ctx = writeContextOf(info);
  const scope = scopeOf(info.profile!.type, info.profile!.unitId);
  const units = useLiveQuery(() => db.units.toArray(), []);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [nameDialog, setNameDialog] = useState<NameDialog>(null);
  const [moving, setMoving] = useState(false);
  const [filter, setFilter] = useState('');
  // Everything is expanded except what the user folded, so a newly added sub-unit is always in view.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());

  const tree = useMemo(() => buildUnitTree(units ?? []), [units]);
  const treeData = useMemo(() => toTreeData(tree, filter.trim()), [tree, filter]);
  const parentIds = useMemo(() => new Set((units ?? []).filter((u) => !u.deleted && u.parentId).map((u) => u.parentId!)), [units]);
  const expandedKeys = useMemo(() => [...parentIds].filter((id) => !collapsed.has(id)), [parentIds, collapsed]);
  const selected = units?.find((u) => u.id === selectedId && !u.deleted) ?? null;
  const counts = useLiveQuery(async () => {
    if (!selectedId) return null;
    const [children, cadres] = await Promise.all([
      db.units.where('parentId').equals(selectedId).filter((u) => !u.deleted).count(),
      db.cadres.where('unitId').equals(selectedId).filter((c) => !c.deleted).count(),
    ]);
    return { children, cadres };
  }, [selectedId, units]);

  const run = async (action: () => Promise<unknown>, done?: string) => {
    try {
      await action();
      if (done) message.success(done);
    } catch (e) {
      modal.warning({ title: '操作未完成', content: messageOf(e), okText: '知道了' });
    }
  };

  const canAdd = selected ? mayAddUnder(units ?? [], scope, selected.id) : false;
  const canChange = selected ? mayChangeUnit(units ?? [], scope, selected.id) : false;
  const siblings = selected ? liveSiblings(units ?? [], selected.parentId) : [];
  const position = selected ? siblings.findIndex((u) => u.id === selected.id) : -1;

  const confirmDelete = async () => {
    if (!selected) return;
    const check = await checkDeleteUnit(db, selected.id);
    if (!check.allowed) {
      modal.warning({ title: `不能删除“${selected.name}”`, content: check.reason, okText: '知道了' });
      return;
    }
    modal.confirm({
      title: `确定删除“${selected.name}”吗？`,
      content: '删除后该单位不再显示。此操作会记入变更记录。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () =>
        run(async () => {
          await deleteUnit(db, ctx, selected.id);
          setSelectedId(null);
        }, '已删除'),
    });
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {!scope.all && (
        <Alert
          type="info"
          showIcon
          data-testid="unit-scope-note"
          title={
            scope.ownUnitId
              ? '本机为单位安装：可在本单位下增设、调整内设机构；其他单位由组织部维护，随组织部的数据包更新。'
              : '本机为单位安装：单位树由组织部的数据包带来。导入后请先在“本机设置”中选择本单位，之后可在本单位下增设内设机构。'
          }
        />
      )}
    <div style={{ display: 'flex', gap: 16, alignItems: 'flex-start' }}>
      <Card
        title="单位树"
        // narrower on a 1024-pixel screen so the unit's attributes beside it keep two inputs to a row
        style={{ width: 'clamp(260px, 32%, 380px)', flexShrink: 0 }}
        extra={
          scope.all && (
            <Button icon={<PlusOutlined />} onClick={() => setNameDialog({ mode: 'create', parentId: null })}>
              新增顶级单位
            </Button>
          )
        }
      >
        <Input.Search
          placeholder="按名称查找单位"
          allowClear
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ marginBottom: 12 }}
        />
        {units === undefined ? null : treeData.length ? (
          <Tree
            data-testid="unit-tree"
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            // clicking the selected unit again keeps it selected (antd would toggle it off)
            onSelect={(_keys, { node }) => setSelectedId(node.key as string)}
            expandedKeys={filter.trim() ? [...parentIds] : expandedKeys}
            onExpand={(keys) => {
              const open = new Set(keys as string[]);
              setCollapsed(new Set([...parentIds].filter((id) => !open.has(id))));
            }}
            showLine
            blockNode
            height={560}
          />
        ) : (
          <Empty description={filter ? '没有名称相符的单位' : scope.all ? '还没有单位，请点击“新增顶级单位”' : '还没有单位'} />
        )}
      </Card>

      <Card title={selected ? selected.name : '单位信息'} style={{ flex: 1, minWidth: 0 }}>
        {!selected ? (
          <Empty description="请在左侧选择一个单位" />
        ) : (
          <Space direction="vertical" size="large" style={{ width: '100%' }}>
            <Space wrap>
              <Button type="primary" icon={<PlusOutlined />} disabled={!canAdd} onClick={() => setNameDialog({ mode: 'create', parentId: selected.id })}>
                新增下级单位
              </Button>
              <Button icon={<EditOutlined />} disabled={!canChange} onClick={() => setNameDialog({ mode: 'rename', id: selected.id, name: selected.name })}>
                重命名
              </Button>
              <Button icon={<ArrowUpOutlined />} disabled={!canChange || position <= 0} onClick={() => run(() => reorderUnit(db, ctx, selected.id, -1))}>
                上移
              </Button>
              <Button
                icon={<ArrowDownOutlined />}
                disabled={!canChange || position < 0 || position >= siblings.length - 1}
                onClick={() => run(() => reorderUnit(db, ctx, selected.id, 1))}
              >
                下移
              </Button>
              <Button icon={<DragOutlined />} disabled={!canChange} onClick={() => setMoving(true)}>
                移动到…
              </Button>
              <Button danger icon={<DeleteOutlined />} disabled={!canChange} onClick={confirmDelete}>
                删除
              </Button>
            </Space>
            <Descriptions bordered size="small" column={1} labelStyle={{ width: 100 }}>
              <Descriptions.Item label="单位名称">{selected.name}</Descriptions.Item>
              <Descriptions.Item label="所在位置">{unitPath(units ?? [], selected.id).join(' › ')}</Descriptions.Item>
              <Descriptions.Item label="下级单位">{counts ? `${counts.children} 个` : '—'}</Descriptions.Item>
              <Descriptions.Item label="干部人数">{counts ? `${counts.cadres} 人` : '—'}</Descriptions.Item>
            </Descriptions>
            <div>
              <Typography.Title level={5}>单位属性</Typography.Title>
              <UnitAttributesForm
                key={selected.id}
                unit={selected}
                editable={canChange}
                save={async (attributes) => void (await updateUnitAttributes(db, ctx, selected.id, attributes))}
              />
            </div>
            <div>
              <Typography.Title level={5}>变更记录</Typography.Title>
              <RecordHistory keys={[['units', selected.id]]} testId="unit-history" />
            </div>
          </Space>
        )}
      </Card>

      <UnitNameDialog
        open={!!nameDialog}
        title={nameDialog?.mode === 'rename' ? '重命名单位' : nameDialog?.parentId ? '新增下级单位' : '新增顶级单位'}
        initialName={nameDialog?.mode === 'rename' ? nameDialog.name : ''}
        onClose={() => setNameDialog(null)}
        onSubmit={async (name) => {
          if (!nameDialog) return;
          if (nameDialog.mode === 'rename') {
            await renameUnit(db, ctx, nameDialog.id, name);
            message.success('已重命名');
          } else {
            const unit = await createUnit(db, ctx, nameDialog.parentId, name);
            setSelectedId(unit.id);
            message.success('已新增');
          }
        }}
      />
      <MoveUnitDialog
        unit={moving ? selected : null}
        units={units ?? []}
        allowTop={scope.all}
        mayTarget={(id) => mayAddUnder(units ?? [], scope, id)}
        onClose={() => setMoving(false)}
        onSubmit={async (parentId) => {
          if (!selected) return;
          await moveUnit(db, ctx, selected.id, parentId);
          message.success('已移动');
        }}
      />
    </div>
    </Space>
  );
}
