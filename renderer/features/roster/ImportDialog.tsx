import { useMemo, useState } from 'react';
import { Alert, App, Button, Modal, Progress, Select, Space, Table, Typography } from 'antd';
import { IMPORT_FIELDS, autoMap, planImport } from '../../../shared/rules/rosterImport';
import { dayOf } from '../../../shared/rules/months';
import type { Cadre } from '../../../shared/domain/cadre';
import type { Unit } from '../../../shared/domain/unit';
import { db } from '../../db/instance';
import { commitImport } from '../../db/importRoster';
import type { WriteContext } from '../../db/repository';
import { cadreDesk, messageOf } from '../../api';

interface Sheet {
  fileName: string;
  headers: string[];
  rows: string[][];
  units: Unit[];
  existing: Cadre[];
}


/** 导入名册: pick an .xlsx, map its columns, see every problem by row and column, then commit all or nothing. */
export function ImportButton({ ctx }: { ctx: WriteContext }) {
  const { message } = App.useApp();
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [mapping, setMapping] = useState<(string | null)[]>([]);
  const [busy, setBusy] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);

  const pick = async () => {
    setError(null);
    try {
      const choice = await cadreDesk().dialog.openFile({ title: '选择要导入的干部名册', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const { bytes } = await cadreDesk().file.read({ path });
      const { readSheet } = await import('../../components/xlsx');
      const { headers, rows } = await readSheet(bytes);
      const [units, existing] = await Promise.all([db.units.toArray(), db.cadres.toArray()]);
      setMapping(autoMap(headers));
      setSheet({ fileName: path.split(/[\\/]/).pop() ?? path, headers, rows, units, existing });
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const plan = useMemo(
    () => (sheet ? planImport(sheet.headers, mapping, sheet.rows, { today: dayOf(new Date()), units: sheet.units, existing: sheet.existing }) : null),
    [sheet, mapping],
  );
  const close = () => {
    setSheet(null);
    setBusy(null);
    setError(null);
  };
  const commit = async () => {
    if (!plan) return;
    setBusy({ done: 0, total: plan.creates.length + plan.updates.length });
    try {
      const result = await commitImport(db, ctx, plan, (done, total) => setBusy({ done, total }));
      message.success(`导入完成：新增 ${result.created} 人，更新 ${result.updated} 人`);
      close();
    } catch (e) {
      setError(messageOf(e));
      setBusy(null);
    }
  };

  const todo = plan ? plan.creates.length + plan.updates.length : 0;
  return (
    <>
      <Button onClick={pick}>导入名册</Button>
      <Modal
        open={!!sheet}
        title={`导入干部名册：${sheet?.fileName ?? ''}`}
        width={900}
        onCancel={busy ? undefined : close}
        maskClosable={false}
        footer={[
          <Button key="cancel" onClick={close} disabled={!!busy}>
            取消
          </Button>,
          <Button key="ok" type="primary" onClick={commit} disabled={!plan || plan.issues.length > 0 || todo === 0} loading={!!busy}>
            导入
          </Button>,
        ]}
      >
        {sheet && plan && (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Title level={5}>列对应</Typography.Title>
            <Table
              size="small"
              pagination={false}
              rowKey="index"
              scroll={{ y: 220 }}
              dataSource={sheet.headers.map((header, index) => ({ header, index }))}
              columns={[
                { title: '表格中的列', dataIndex: 'header', render: (h: string) => h || '（空表头）' },
                {
                  title: '对应的字段',
                  render: (_: unknown, { index, header }: { index: number; header: string }) => (
                    <Select
                      aria-label={`“${header}”对应的字段`}
                      style={{ width: 220 }}
                      allowClear
                      placeholder="不导入"
                      value={mapping[index] ?? undefined}
                      onChange={(v: string | undefined) => setMapping((m) => m.map((x, i) => (i === index ? (v ?? null) : x)))}
                      options={IMPORT_FIELDS.map((f) => ({ value: f.id, label: f.label, disabled: mapping.includes(f.id) && mapping[index] !== f.id }))}
                    />
                  ),
                },
              ]}
            />
            <Typography.Title level={5}>检查结果</Typography.Title>
            {plan.issues.length ? (
              <Alert
                type="error"
                showIcon
                data-testid="import-summary"
                title={`发现 ${plan.issues.length} 处问题，改正表格后重新导入（或调整列对应）。在全部改正之前，不会导入任何数据。`}
              />
            ) : (
              <Alert
                type="success"
                showIcon
                data-testid="import-summary"
                title={`可以导入：新增 ${plan.creates.length} 人，更新 ${plan.updates.length} 人，无变化 ${plan.unchanged} 人。`}
                description={plan.notes.join('；') || undefined}
              />
            )}
            {plan.issues.length > 0 && (
              <Table
                size="small"
                data-testid="import-issues"
                rowKey={(i) => `${i.row}|${i.column}|${i.message}`}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                dataSource={plan.issues}
                columns={[
                  { title: '行', dataIndex: 'row', width: 70 },
                  { title: '列', dataIndex: 'column', width: 140 },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
            {plan.updates.length > 0 && !plan.issues.length && (
              <Typography.Text type="secondary">
                将更新：{plan.updates.slice(0, 10).map((u) => `${u.name}（${u.changed.join('、')}）`).join('；')}
                {plan.updates.length > 10 ? ` 等 ${plan.updates.length} 人` : ''}
              </Typography.Text>
            )}
            {busy && <Progress percent={busy.total ? Math.round((busy.done / busy.total) * 100) : 0} />}
            {error && <Alert type="error" showIcon title={error} />}
          </Space>
        )}
      </Modal>
    </>
  );
}
