import { App, Button, Card, Checkbox, Form, Input, Table } from 'antd';
import { useEffect, useState } from 'react';
import { PERFORMANCE_KINDS, type PerformanceKind } from '../../../shared/rules/performancePeriod';
import { db } from '../../db/instance';
import { readPerformanceSettings, writePerformanceSettings, type PerformanceSettings, type SectionKey } from '../../db/performanceSettings';

// 设置: which review steps each kind of record needs, and the templates of the text sections a new report starts
// with (docs/performance.md "Settings"); kept on this installation.

const TEMPLATE_LABELS: Record<SectionKey, string> = {
  summary: '本周工作小结',
  keyWork: '重点工作完成情况',
  highlights: '突出实绩',
  shortcomings: '存在不足',
  nextPlan: '下月计划',
  findings: '检查情况',
};

export function SettingsPanel() {
  const { message } = App.useApp();
  const [settings, setSettings] = useState<PerformanceSettings | null>(null);
  useEffect(() => {
    void readPerformanceSettings(db).then(setSettings);
  }, []);
  if (!settings) return null;
  const setStep = (kind: PerformanceKind, step: 'unit' | 'department', on: boolean) =>
    setSettings({ ...settings, steps: { ...settings.steps, [kind]: { ...settings.steps[kind], [step]: on } } });
  return (
    <Card
      size="small"
      title="审核流程与填报模板"
      extra={
        <Button type="primary" onClick={() => void writePerformanceSettings(db, settings).then(() => message.success('设置已保存'))}>
          保存设置
        </Button>
      }
    >
      <Table
        size="small"
        rowKey="kind"
        pagination={false}
        style={{ maxWidth: 520, marginBottom: 16 }}
        dataSource={(Object.keys(PERFORMANCE_KINDS) as PerformanceKind[]).map((kind) => ({ kind }))}
        columns={[
          { title: '类别', dataIndex: 'kind', render: (k: PerformanceKind) => PERFORMANCE_KINDS[k] },
          { title: '单位审核', key: 'u', render: (_: unknown, { kind }) => <Checkbox aria-label={`${PERFORMANCE_KINDS[kind]}单位审核`} checked={settings.steps[kind].unit} onChange={(e) => setStep(kind, 'unit', e.target.checked)} /> },
          { title: '组织部审核', key: 'd', render: (_: unknown, { kind }) => <Checkbox aria-label={`${PERFORMANCE_KINDS[kind]}组织部审核`} checked={settings.steps[kind].department} onChange={(e) => setStep(kind, 'department', e.target.checked)} /> },
        ]}
      />
      <Form layout="vertical" style={{ maxWidth: 720 }}>
        {(Object.keys(TEMPLATE_LABELS) as SectionKey[]).map((k) => (
          <Form.Item key={k} label={`${TEMPLATE_LABELS[k]}模板`}>
            <Input.TextArea rows={2} value={settings.templates[k] ?? ''} onChange={(e) => setSettings({ ...settings, templates: { ...settings.templates, [k]: e.target.value } })} />
          </Form.Item>
        ))}
      </Form>
    </Card>
  );
}
