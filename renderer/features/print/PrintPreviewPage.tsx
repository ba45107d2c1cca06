import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Card, Empty, Form, InputNumber, Select, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useLiveQuery } from 'dexie-react-hooks';
import type { AppInfo } from '../../../shared/domain/installation';
import { appointmentFormType } from '../../../shared/domain/appointmentForm';
import { overflowMessage, type Overflow } from '../../../shared/print/fit';
import { idsOf, printRoute, type PrintParams } from '../../../shared/print/route';
import { dayOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import { createRecord, updateRecord } from '../../db/records';
import { writeContextOf } from '../../stores/session';
import { cadreDesk, messageOf } from '../../api';
import { navigate } from '../../router';
import { RecordFields } from '../../components/records/RecordFields';
import { formLeaves, formSections, initialValues, submitRecord } from '../../components/records/recordForm';
import PrintDocument, { type LaidOut } from '../../print/PrintDocument';
import { appointmentFormId, readAppointmentForm } from '../../print/appointment/data';
import { assessmentYears, setAssessmentYears } from '../../print/settings';
import { usePrintTask } from './PrintTaskDialog';
import { backOf, withoutBack } from './printParams';

// 打印预览 (docs/printing.md): the printed document exactly as it will print — the same component and pages the
// print route gives the printer — at a zoom, with its page count, the boxes that still overflow, and for a
// 任免审批表 the form's own fields (拟任职务 …), saved in the form's record without touching the dossier.

const ZOOMS = [50, 75, 100, 125].map((z) => ({ value: z, label: `${z}%` }));

/** The form-only fields of one cadre's 任免审批表, edited here and saved to its own record. */
function AppointmentFields({ cadreId, info, onSaved }: { cadreId: string; info: AppInfo; onSaved: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const ctx = useMemo(() => writeContextOf(info), [info]);
  const sections = useMemo(() => formSections(appointmentFormType), []);
  const leaves = useMemo(() => formLeaves(appointmentFormType), []);
  const stored = useLiveQuery(async () => (await readAppointmentForm(db, cadreId)) ?? null, [cadreId]);
  const years = useLiveQuery(() => assessmentYears(db), []);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (stored === undefined) return;
    form.resetFields();
    form.setFieldsValue(initialValues(appointmentFormType, stored && !stored.deleted ? stored : undefined));
  }, [stored, form]);

  const save = async () => {
    setSaving(true);
    try {
      const saved = await submitRecord(form, appointmentFormType, leaves, { cadreId }, async (input) => {
        if (stored && !stored.deleted) await updateRecord(db, ctx, appointmentFormType, appointmentFormId(cadreId), input);
        else await createRecord(db, ctx, appointmentFormType, input as never);
      });
      if (saved) {
        message.success('已保存任免审批表的填写内容（干部档案不变）');
        onSaved();
      }
    } catch (e) {
      message.error(messageOf(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card size="small" title="任免审批表填写内容" data-testid="appointment-fields">
      <Form form={form} layout="vertical" disabled={stored === undefined}>
        <RecordFields sections={sections} columns={2} />
      </Form>
      <Space wrap>
        <Button type="primary" onClick={save} loading={saving}>
          保存填写内容
        </Button>
        <span>年度考核列出最近</span>
        <InputNumber
          aria-label="年度考核年数"
          min={1}
          max={10}
          value={years}
          onChange={(v) => {
            if (typeof v === 'number')
              void setAssessmentYears(db, v)
                .then(onSaved)
                .catch((e: unknown) => message.error(messageOf(e)));
          }}
          style={{ width: 72 }}
        />
        <span>年</span>
      </Space>
    </Card>
  );
}

/** Scales the pages for the eye only: layout (and so the fitting) stays at 100%. */
function Zoomed({ zoom, children }: { zoom: number; children: React.ReactNode }) {
  const inner = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = inner.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.offsetWidth, height: el.offsetHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  const scale = zoom / 100;
  return (
    <div style={{ width: size.width * scale, height: size.height * scale, margin: '0 auto' }}>
      <div ref={inner} style={{ transform: `scale(${scale})`, transformOrigin: 'top left', width: 'max-content', padding: '8mm 0' }}>
        {children}
      </div>
    </div>
  );
}

export default function PrintPreviewPage({ info, params }: { info: AppInfo; params: PrintParams | null }) {
  const { message, modal } = App.useApp();
  const [zoom, setZoom] = useState(75);
  const [laid, setLaid] = useState<LaidOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const task = usePrintTask();
  const ids = useMemo(() => (params ? idsOf(params) : []), [params]);
  // what prints: the preview's own 返回 target stays out of the print route
  const printed = useMemo(() => (params ? withoutBack(params) : null), [params]);
  const names = useLiveQuery(async () => (await db.cadres.bulkGet(ids.slice(0, 3))).map((c) => c?.name ?? ''), [ids]);
  // the same layout reported again keeps the state as it is: a document reporting on every render never loops
  const onLaidOut = useCallback((l: LaidOut) => setLaid((old) => (old && old.pages === l.pages && JSON.stringify(old.overflows) === JSON.stringify(l.overflows) ? old : l)), []);
  const onError = useCallback((m: string) => setError(m), []);
  const reload = useCallback(() => {
    setLaid(null);
    setReloadKey((k) => k + 1);
  }, []);

  if (!params || !printed) return <Empty description="打印预览的地址不正确，请从干部档案或干部名册重新打开打印预览。" />;
  const isForm = params.kind === 'appointment';
  const title = isForm ? `干部任免审批表${names?.length ? `（${names.filter(Boolean).join('、')}${ids.length > 3 ? ` 等 ${ids.length} 人` : ''}）` : ''}` : (params.title ?? '干部名册');
  const route = printRoute(printed);
  const opener = backOf(params);
  const back = () => (opener ? navigate(opener.route, opener.params) : isForm && ids.length === 1 ? navigate('cadre', { id: ids[0]! }) : navigate('roster'));

  /** Overflowing boxes are listed before anything prints; the person may still go on. */
  const confirmOverflows = (what: string) =>
    new Promise<boolean>((resolve) => {
      if (!laid?.overflows.length) return resolve(true);
      modal.confirm({
        title: '有格子放不下全部文字',
        content: (
          <div>
            <p>以下格子的文字即使缩到最小字号也放不下，{what}后这些格子里的文字不完整：</p>
            <ul>
              {laid.overflows.map((o, i) => (
                <li key={i}>{overflowMessage(o)}</li>
              ))}
            </ul>
          </div>
        ),
        okText: `仍然${what}`,
        cancelText: '返回修改',
        onOk: () => resolve(true),
        onCancel: () => resolve(false),
      });
    });

  const print = async () => {
    if (!(await confirmOverflows('打印'))) return;
    try {
      const { printed } = await cadreDesk().print.print({ route });
      if (printed) message.success('已送往打印机');
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const savePdf = async () => {
    if (!(await confirmOverflows('保存'))) return;
    try {
      const name = isForm ? `${names?.[0] || '干部'}${ids.length > 1 ? `等${ids.length}人` : ''}-任免审批表` : `${params.title ?? '干部名册'}-${dayOf(new Date())}`;
      const choice = await cadreDesk().dialog.saveFile({ title: '另存为PDF', defaultName: `${name}.pdf`, filters: [{ name: 'PDF 文件', extensions: ['pdf'] }] });
      const path = choice.filePaths[0];
      if (choice.canceled || !path) return;
      const result = await task.run('正在保存PDF', (taskId) => cadreDesk().print.savePdf({ route, path, taskId }));
      if (result.canceled) message.info('已取消保存');
      else message.success(`已保存 ${result.pages} 页到 ${path}`);
    } catch (e) {
      message.error(messageOf(e));
    }
  };

  const overflows: Overflow[] = laid?.overflows ?? [];
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12, height: '100%' }}>
      <Card
        size="small"
        title={`打印预览 · ${title}`}
        extra={
          <Space wrap>
            <span>缩放</span>
            <Select aria-label="缩放" value={zoom} onChange={setZoom} options={ZOOMS} style={{ width: 88 }} />
            <Typography.Text data-testid="preview-pages">{laid ? `共 ${laid.pages} 页` : '正在排版…'}</Typography.Text>
            <Button icon={<PrinterOutlined />} onClick={print} disabled={!laid}>
              打印…
            </Button>
            <Button type="primary" icon={<FilePdfOutlined />} onClick={savePdf} disabled={!laid}>
              另存为PDF
            </Button>
            <Button icon={<ArrowLeftOutlined />} onClick={back}>
              返回
            </Button>
          </Space>
        }
      >
        {overflows.length > 0 ? (
          <Alert
            type="warning"
            showIcon
            data-testid="overflow-report"
            title="以下格子放不下全部文字（已缩到最小字号），请精简后再打印："
            description={
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {overflows.map((o, i) => (
                  <li key={i}>{overflowMessage(o)}</li>
                ))}
              </ul>
            }
          />
        ) : (
          <Typography.Text type="secondary">{laid ? '所有格子的文字都已放下。' : '正在载入字体并排版…'}</Typography.Text>
        )}
      </Card>
      <div style={{ display: 'flex', gap: 12, flex: 1, minHeight: 0 }}>
        {error ? (
          <Alert type="error" showIcon title={error} style={{ flex: 1, alignSelf: 'flex-start' }} />
        ) : (
          <div style={{ flex: 1, minWidth: 0, background: '#e8e8e8', overflow: 'auto', position: 'relative' }} data-testid="preview-pages-area">
            {!laid && (
              <div style={{ position: 'absolute', inset: 0, display: 'flex', justifyContent: 'center', paddingTop: 48, zIndex: 1 }}>
                <Spin />
              </div>
            )}
            <Zoomed zoom={zoom}>
              <PrintDocument params={printed} reloadKey={reloadKey} onLaidOut={onLaidOut} onError={onError} />
            </Zoomed>
          </div>
        )}
        {isForm && ids.length === 1 && (
          <div style={{ width: 480, flexShrink: 0, overflow: 'auto' }}>
            <AppointmentFields cadreId={ids[0]!} info={info} onSaved={reload} />
          </div>
        )}
      </div>
      {task.dialog}
    </div>
  );
}
