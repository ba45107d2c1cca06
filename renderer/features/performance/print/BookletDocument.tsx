import { useEffect, useState, type ReactNode } from 'react';
import { assessmentsType, rewardsType, type Cadre } from '../../../../shared/domain/cadre';
import { APPRAISAL_RATINGS, CONDUCT_POLARITIES, MECHANISMS, QUARTER_RATINGS, adjustmentType, appraisalType, conductRecordType, type Appraisal } from '../../../../shared/domain/performance';
import { caption } from '../../../../shared/code';
import { dayOf, printMonth } from '../../../../shared/rules/months';
import { PERFORMANCE_KINDS, periodLabel, periodMonths } from '../../../../shared/rules/performancePeriod';
import { PERFORMANCE_STATUSES, PERFORMANCE_USES } from '../../../../shared/rules/performanceWorkflow';
import { unitPath } from '../../../../shared/rules/unitTree';
import { db } from '../../../db/instance';
import { reportsOf } from '../../../db/performance';
import { listByCadre } from '../../../db/records';
import type { LaidOut } from '../../../print/PrintDocument';
import { FlowPages, chunks } from './FlowPages';

// 一人一册 (docs/performance.md "一人一册"): a cadre's booklet for a period — a cover, the basic record, the
// performance records by period, conduct on both lists, assessments, rewards and punishments, adjustments and
// appraisals — on portrait A4 through the print route `#/print?kind=booklet&cadre=<id>[&from=YYYY-MM][&to=YYYY-MM]`.

interface Props {
  params: Record<string, string>;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
}

const H = ({ children }: { children: ReactNode }) => <h2 style={{ fontSize: '14pt', margin: '3mm 0 1.5mm', fontWeight: 700 }}>{children}</h2>;
const H3 = ({ children }: { children: ReactNode }) => <h3 style={{ fontSize: '12pt', margin: '2mm 0 1mm', fontWeight: 700 }}>{children}</h3>;
const P = ({ children, indent = true }: { children: ReactNode; indent?: boolean }) => (
  <p style={{ fontSize: '10.5pt', lineHeight: 1.6, margin: 0, textIndent: indent ? '2em' : 0 }}>{children}</p>
);
const none = <P>无</P>;

export function BookletDocument({ params, onLaidOut, onError }: Props) {
  const [data, setData] = useState<{ cadre: Cadre; unit: string; blocks: ReactNode[] } | null>(null);
  const from = params.from ?? '';
  const to = params.to ?? '';
  useEffect(() => {
    let alive = true;
    void (async () => {
      const cadre = await db.cadres.get(params.cadre ?? '');
      if (!cadre || cadre.deleted) return onError('要打印的干部档案已不存在，请返回重新选择。');
      const units = await db.units.toArray();
      const unit = unitPath(units, cadre.unitId).join(' / ');
      const inRange = (month: string) => (!from || month >= from) && (!to || month <= to);
      const [reports, conduct, assessments, rewards, adjustments, appraisals] = await Promise.all([
        reportsOf(db, cadre.id),
        listByCadre(db, conductRecordType, cadre.id),
        listByCadre(db, assessmentsType, cadre.id),
        listByCadre(db, rewardsType, cadre.id),
        listByCadre(db, adjustmentType, cadre.id),
        db.table<Appraisal, string>(appraisalType.table).where('cadreId').equals(cadre.id).toArray(),
      ]);
      // a heading travels with the block after it, so no page ends on a heading
      const b: ReactNode[] = [];
      let heading: ReactNode = null;
      const key = () => b.length;
      const push = (node: ReactNode) => {
        if (heading) b.push(<div key={key()} style={{ display: 'flow-root' }}>{heading}{node}</div>);
        else b.push(node);
        heading = null;
      };
      const head = (node: ReactNode) => {
        heading = heading ? <>{heading}{node}</> : node;
      };
      head(<H>一、基本情况</H>);
      const basic: [string, string][] = [
        ['姓名', cadre.name],
        ['性别', caption('sex', cadre.sex)],
        ['出生年月', printMonth(cadre.birth)],
        ['民族', caption('nation', cadre.nation)],
        ['政治面貌', caption('politicalStatus', cadre.politicalStatus)],
        ['参加工作时间', printMonth(cadre.workStarted)],
        ['所在单位', unit],
        ['现任职务', cadre.currentPost],
        ['职级', cadre.rank ? caption('rank', cadre.rank) : ''],
      ];
      for (const [label, value] of basic) push(<P key={key()} indent={false}>{`${label}：${value || '—'}`}</P>);

      head(<H>二、实绩档案</H>);
      const shown = reports.filter((r) => {
        const { first, last } = periodMonths(r.kind, r.period);
        return inRange(first) || inRange(last);
      });
      if (!shown.length) push(<P key={key()}>本期间无实绩记录</P>);
      for (const r of shown) {
        head(<H3>{`${periodLabel(r.kind, r.period)}${PERFORMANCE_KINDS[r.kind]}（${PERFORMANCE_STATUSES[r.status]}）`}</H3>);
        const sections: [string, string][] = [
          ['本周工作小结', r.summary],
          ['重点工作完成情况', r.keyWork],
          ['突出实绩', r.highlights],
          ['存在不足', r.shortcomings],
          ['下月计划', r.nextPlan],
          ['检查人', r.checkedBy],
          ['检查情况', r.findings],
          ['检查评价', r.rating === 'none' ? '' : QUARTER_RATINGS[r.rating]],
          ['考核等次', r.grade ? caption('assessmentGrade', r.grade) : ''],
        ];
        for (const [label, text] of sections) {
          if (!text) continue;
          const [first = '', ...rest] = chunks(text);
          push(<P key={key()} indent={false}>{`【${label}】${first}`}</P>);
          for (const more of rest) push(<P key={key()}>{more}</P>);
        }
        for (const u of r.uses) push(<P key={key()} indent={false}>{`【运用】${u.at.slice(0, 10)} ${PERFORMANCE_USES[u.use]} ${u.comment}`}</P>);
      }

      head(<H>三、正负面清单记录</H>);
      const acts = conduct.filter((c) => inRange(c.date.slice(0, 7))).sort((x, y) => x.date.localeCompare(y.date));
      if (!acts.length) push(<P key={key()}>无</P>);
      for (const c of acts) push(<P key={key()} indent={false}>{`${c.date}\u3000【${CONDUCT_POLARITIES[c.polarity]}】${c.itemText}：${c.facts}${c.source ? `（来源：${c.source}）` : ''}`}</P>);

      head(<H>四、年度考核</H>);
      const years = assessments.filter((a) => inRange(`${a.year}-12`) || inRange(`${a.year}-01`)).sort((x, y) => x.year - y.year);
      push(years.length ? <P key={key()}>{years.map((a) => `${a.year}年度${caption('assessmentGrade', a.grade)}`).join('；')}</P> : <span key={key()}>{none}</span>);

      head(<H>五、奖惩情况</H>);
      const rp = rewards.filter((r) => inRange(r.date)).sort((x, y) => x.date.localeCompare(y.date));
      if (!rp.length) push(<P key={key()}>无</P>);
      for (const r of rp) push(<P key={key()} indent={false}>{`${printMonth(r.date)}\u3000${r.title}${r.issuer ? `（${r.issuer}）` : ''}`}</P>);

      head(<H>六、三项机制调整</H>);
      const adj = adjustments.filter((a) => inRange(a.date.slice(0, 7))).sort((x, y) => x.date.localeCompare(y.date));
      if (!adj.length) push(<P key={key()}>无</P>);
      for (const a of adj) push(<P key={key()} indent={false}>{`${a.date}\u3000【${MECHANISMS[a.mechanism]}】${a.change}${a.reason ? `：${a.reason}` : ''}`}</P>);

      head(<H>七、综合研判</H>);
      const ap = appraisals.filter((a) => !a.deleted && inRange(a.date.slice(0, 7))).sort((x, y) => x.date.localeCompare(y.date));
      if (!ap.length) push(<P key={key()}>无</P>);
      for (const a of ap) {
        const dims = [
          ['政治意识', a.political],
          ['工作实绩', a.performance],
          ['履职情况', a.duty],
          ['作风表现', a.style],
        ] as const;
        push(<P key={key()} indent={false}>{`${a.date}\u3000${a.period}：综合评价${APPRAISAL_RATINGS[a.overall]}；${dims.map(([l, d]) => `${l}${APPRAISAL_RATINGS[d.rating]}`).join('，')}`}</P>);
        if (a.conclusion) for (const c of chunks(a.conclusion)) push(<P key={key()}>{c}</P>);
      }
      if (alive) setData({ cadre, unit, blocks: b });
    })().catch((e: unknown) => onError(`读取干部档案失败：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [params.cadre, from, to, onError]);

  if (!data) return null;
  const span = from || to ? `${from ? printMonth(from) : '…'} 至 ${to ? printMonth(to) : '今'}` : '全部期间';
  const cover = (
    <div style={{ flex: 1, display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: '8mm' }} data-testid="booklet-cover">
      <div style={{ fontSize: '30pt', fontWeight: 700, letterSpacing: '0.3em' }}>干部实绩档案</div>
      <div style={{ fontSize: '18pt', letterSpacing: '0.5em' }}>一人一册</div>
      <div style={{ marginTop: '30mm', fontSize: '14pt', lineHeight: 2.2, textAlign: 'left' }}>
        <div>{'姓\u3000\u3000名'}：{data.cadre.name}</div>
        <div>所在单位：{data.unit}</div>
        <div>现任职务：{data.cadre.currentPost || '—'}</div>
        <div>{'期\u3000\u3000间'}：{span}</div>
        <div>打印日期：{dayOf(new Date()).replaceAll('-', '.')}</div>
      </div>
    </div>
  );
  return <FlowPages cover={cover} head={`${data.cadre.name} · 干部实绩档案`} blocks={data.blocks} onLaidOut={onLaidOut} />;
}
