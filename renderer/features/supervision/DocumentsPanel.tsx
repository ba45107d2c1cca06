import { Button, Segmented, Space, Table, Tag } from 'antd';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { DOCUMENT_KINDS, documentLoanType, travelDocumentType, type DocumentLoan, type TravelDocument } from '../../../shared/domain/supervision';
import { endAfterMonths } from '../../../shared/rules/blocks';
import { DEFAULT_RETURN_DAYS } from '../../../shared/rules/supervisionSettings';
import { dayOf } from '../../../shared/rules/months';
import { db } from '../../db/instance';
import type { WriteContext } from '../../db/repository';
import { CadrePicker, SupervisionDialog, useCadres, useSupervisionSettings } from './common';

// 因私出国（境）证件 (docs/supervision.md "Screens"): the documents in custody, each one's state (在柜,
// 借出, 逾期未还 — back within the set days after the trip, 10 by default), those expiring within 6 months; a
// document goes out for an approved trip and comes back.

/** The day a loan must be back: the set days after the trip's end (10 by default: 设置). */
export function dueBackOf(loan: Pick<DocumentLoan, 'to'>, days = DEFAULT_RETURN_DAYS): string {
  const d = new Date(`${loan.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

type State = 'in' | 'out' | 'overdue';
const STATE: Record<State, { label: string; color: string }> = {
  in: { label: '在柜', color: 'green' },
  out: { label: '借出', color: 'blue' },
  overdue: { label: '逾期未还', color: 'red' },
};

export function DocumentsPanel({ ctx }: { ctx: WriteContext }) {
  const today = dayOf(new Date());
  const docs = useLiveQuery(async () => ((await db.table(travelDocumentType.table).toArray()) as TravelDocument[]).filter((d) => !d.deleted), []);
  const loans = useLiveQuery(async () => ((await db.table(documentLoanType.table).toArray()) as DocumentLoan[]).filter((l) => !l.deleted), []);
  const cadres = useCadres((docs ?? []).map((d) => d.cadreId));
  const [cadreId, setCadreId] = useState<string | null>(null);
  const [view, setView] = useState<'all' | 'out' | 'overdue' | 'expiring'>('all');
  const [dialog, setDialog] = useState<
    { kind: 'doc'; cadreId: string; record?: TravelDocument } | { kind: 'lend'; doc: TravelDocument } | { kind: 'return'; loan: DocumentLoan } | null
  >(null);
  const openLoan = useMemo(() => new Map((loans ?? []).filter((l) => !l.returned).map((l) => [l.documentId, l])), [loans]);
  const { returnDays } = useSupervisionSettings();
  const soon = endAfterMonths(today, 6);
  const rows = (docs ?? []).map((doc) => {
    const loan = openLoan.get(doc.id);
    const state: State = !loan ? 'in' : today > dueBackOf(loan, returnDays) ? 'overdue' : 'out';
    return { doc, loan, state, expiring: !!doc.expiry && doc.expiry <= soon };
  });
  const shown = rows.filter((r) => view === 'all' || (view === 'out' && r.state !== 'in') || (view === 'overdue' && r.state === 'overdue') || (view === 'expiring' && r.expiring));
  const count = (p: (r: (typeof rows)[number]) => boolean) => rows.filter(p).length;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <CadrePicker value={cadreId} onChange={setCadreId} />
        <Button type="primary" disabled={!cadreId} onClick={() => cadreId && setDialog({ kind: 'doc', cadreId })}>
          登记交存证件
        </Button>
        <Segmented
          aria-label="证件范围"
          value={view}
          onChange={(v) => setView(v as typeof view)}
          options={[
            { value: 'all', label: `全部（${rows.length}）` },
            { value: 'out', label: `借出中（${count((r) => r.state !== 'in')}）` },
            { value: 'overdue', label: `逾期未还（${count((r) => r.state === 'overdue')}）` },
            { value: 'expiring', label: `半年内到期（${count((r) => r.expiring)}）` },
          ]}
        />
      </Space>
      <Table
        data-testid="supervision-documents"
        size="small"
        rowKey={(r) => r.doc.id}
        dataSource={shown}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { key: 'cadre', title: '干部', width: 90, render: (_, r) => cadres.get(r.doc.cadreId)?.name ?? '' },
          { key: 'kind', title: '证件类别', width: 140, render: (_, r) => DOCUMENT_KINDS[r.doc.kind] },
          { key: 'number', title: '证件号码', width: 120, render: (_, r) => r.doc.number },
          { key: 'expiry', title: '有效期至', width: 110, render: (_, r) => <span style={{ color: r.expiring ? '#cf1322' : undefined }}>{r.doc.expiry}</span> },
          { key: 'state', title: '状态', width: 90, render: (_, r) => <Tag color={STATE[r.state].color}>{STATE[r.state].label}</Tag> },
          {
            key: 'loan',
            title: '借出情况',
            ellipsis: true,
            render: (_, r) => (r.loan ? `${r.loan.checkedOut} 借出，前往${r.loan.destination}（${r.loan.from}至${r.loan.to}），应于 ${dueBackOf(r.loan, returnDays)} 前归还` : ''),
          },
          {
            key: 'actions',
            title: '操作',
            width: 100,
            render: (_, r) =>
              r.loan ? (
                <Button size="small" onClick={() => setDialog({ kind: 'return', loan: r.loan! })}>
                  归还
                </Button>
              ) : (
                <Button size="small" onClick={() => setDialog({ kind: 'lend', doc: r.doc })}>
                  借出
                </Button>
              ),
          },
        ]}
      />
      {dialog?.kind === 'doc' && (
        <SupervisionDialog
          type={travelDocumentType}
          ctx={ctx}
          title={`${cadres.get(dialog.cadreId)?.name ?? ''} 因私出国（境）证件`}
          record={dialog.record}
          start={{ keptSince: today }}
          fixed={{ cadreId: dialog.cadreId }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'lend' && (
        <SupervisionDialog
          type={documentLoanType}
          ctx={ctx}
          title={`借出 ${DOCUMENT_KINDS[dialog.doc.kind]} ${dialog.doc.number}`}
          start={{ checkedOut: today }}
          fixed={{ cadreId: dialog.doc.cadreId, documentId: dialog.doc.id }}
          omit={['documentId', 'returned']}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'return' && (
        <SupervisionDialog
          type={documentLoanType}
          ctx={ctx}
          title="证件归还"
          record={{ ...dialog.loan, returned: dialog.loan.returned ?? today } as DocumentLoan}
          fixed={{ cadreId: dialog.loan.cadreId, documentId: dialog.loan.documentId }}
          omit={['documentId']}
          onClose={() => setDialog(null)}
        />
      )}
    </Space>
  );
}
