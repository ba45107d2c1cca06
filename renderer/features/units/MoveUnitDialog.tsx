import { useMemo, useState } from 'react';
import { Alert, Modal, TreeSelect } from 'antd';
import type { Unit } from '../../../shared/domain/unit';
import { subtreeIds } from '../../../shared/rules/unitTree';
import { unitOptions } from '../../components/unitOptions';

const TOP = '__top__';

export function MoveUnitDialog({
  unit,
  units,
  allowTop,
  mayTarget,
  onSubmit,
  onClose,
}: {
  unit: Unit | null;
  units: Unit[];
  allowTop: boolean;
  mayTarget: (parentId: string) => boolean;
  onSubmit: (parentId: string | null) => Promise<void>;
  onClose: () => void;
}) {
  const [target, setTarget] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => {
    if (!unit) return [];
    const blocked = subtreeIds(units, unit.id);
    const tree = unitOptions(units, (id) => blocked.has(id) || !mayTarget(id));
    return allowTop ? [{ value: TOP, title: '（作为顶级单位）', children: [] }, ...tree] : tree;
  }, [unit, units, allowTop, mayTarget]);

  const close = () => {
    setTarget(undefined);
    setError(null);
    onClose();
  };
  const ok = async () => {
    if (!target) return setError('请选择新的上级单位');
    try {
      await onSubmit(target === TOP ? null : target);
      close();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Modal open={!!unit} title={`移动“${unit?.name ?? ''}”`} onOk={ok} onCancel={close} okText="移动" cancelText="取消" destroyOnHidden>
      <p>选择新的上级单位（要移动的单位本身及其下级单位不可选）：</p>
      <TreeSelect
        style={{ width: '100%' }}
        treeData={options}
        value={target}
        onChange={(v: string) => {
          setTarget(v);
          setError(null);
        }}
        treeDefaultExpandAll
        showSearch
        treeNodeFilterProp="title"
        placeholder="请选择上级单位"
        data-testid="move-target"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
    </Modal>
  );
}
