import { Alert, App, Modal, Select } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { evidenceKey, pickedEvidence, type EvidenceLink } from '../../../shared/rules/performanceTimeline';
import { db } from '../../db/instance';
import { cadreTimeline } from '../../db/performanceAnalysis';
import { setEvidence, type EvidenceHolder } from '../../db/performanceEvidence';
import type { WriteContext } from '../../db/repository';
import { refusalText } from './common';

// 修改依据: the evidence links of a saved 综合研判 or 三项机制 adjustment, picked again from the cadre's timeline;
// links to records no longer on it stay until removed (docs/performance.md "Analysis").

export interface EvidenceTarget {
  holder: EvidenceHolder;
  id: string;
  /** The cadre whose timeline offers the records; '' for a leadership team (only removing is possible). */
  cadreId: string;
  title: string;
  evidence: readonly EvidenceLink[];
}

export function EvidenceDialog({ target, ctx, onClose }: { target: EvidenceTarget | null; ctx: WriteContext; onClose: () => void }) {
  const { message } = App.useApp();
  const [keys, setKeys] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const cadreId = target?.cadreId ?? '';
  const timeline = useLiveQuery(async () => (cadreId ? cadreTimeline(db, cadreId) : []), [cadreId]) ?? [];
  useEffect(() => {
    setKeys(target ? target.evidence.map(evidenceKey) : []);
    setError(null);
  }, [target]);
  const onTimeline = new Set(timeline.map(evidenceKey));
  const options = [
    ...timeline.map((e) => ({ value: evidenceKey(e), label: `${e.when} ${e.title}` })),
    ...(target?.evidence ?? []).filter((l) => !onTimeline.has(evidenceKey(l))).map((l) => ({ value: evidenceKey(l), label: `${l.title}（已不在时间轴上）` })),
  ];
  const save = async () => {
    if (!target) return;
    setSaving(true);
    try {
      await setEvidence(db, ctx, target.holder, target.id, pickedEvidence(keys, timeline, target.evidence));
      void message.success('已保存依据记录');
      onClose();
    } catch (e) {
      setError(refusalText(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={target !== null} title={`修改依据记录：${target?.title ?? ''}`} okText="保存" cancelText="取消" onOk={() => void save()} confirmLoading={saving} onCancel={onClose} destroyOnHidden width={640}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} />}
      <Select
        aria-label="依据记录"
        mode="multiple"
        style={{ width: '100%' }}
        value={keys}
        onChange={setKeys}
        placeholder={cadreId ? '从该干部的实绩、清单、考核记录中选择' : '领导班子的研判没有时间轴，只能移除已有的依据'}
        options={options}
        optionFilterProp="label"
      />
    </Modal>
  );
}
