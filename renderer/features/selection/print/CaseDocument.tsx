import { useEffect, useState, type ReactNode } from 'react';
import { caption } from '../../../../shared/code';
import { CASE_STAGES, appointmentCaseType, type AppointmentCase } from '../../../../shared/domain/selection';
import { dayOf } from '../../../../shared/rules/months';
import { db } from '../../../db/instance';
import type { LaidOut } from '../../../print/PrintDocument';
import { FlowPages, chunks } from '../../performance/print/FlowPages';

// 选任纪实 (docs/selection.md "The case"): one case as one document on portrait A4 — the post, each step's record,
// the candidates with their votes and 考察 material, the decision, the 公示 and the appointment, and the step log with
// who and when. `#/print?kind=selectionCase&id=<case id>`.

interface Props {
  params: Record<string, string>;
  onLaidOut: (laid: LaidOut) => void;
  onError: (message: string) => void;
}

const cell = { border: '0.3mm solid #000', padding: '1mm 2mm', fontSize: '10.5pt', verticalAlign: 'top' as const };

function Row({ values, widths, bold = false }: { values: string[]; widths: string[]; bold?: boolean }) {
  return (
    <table style={{ width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed', marginBottom: '-0.3mm' }}>
      <tbody>
        <tr>
          {values.map((v, i) => (
            <td key={i} style={{ ...cell, width: widths[i], fontWeight: bold ? 700 : 400 }}>
              {v}
            </td>
          ))}
        </tr>
      </tbody>
    </table>
  );
}

const h2 = (key: string, text: string) => (
  <h2 key={key} style={{ fontSize: '13pt', margin: '4mm 0 1mm' }}>
    {text}
  </h2>
);
const p = (key: string, text: string) => (
  <p key={key} style={{ fontSize: '11pt', margin: 0 }}>
    {text}
  </p>
);
const or = (v: unknown) => (v === null || v === undefined || v === '' ? '（未填）' : String(v));

export function CaseDocument({ params, onLaidOut, onError }: Props) {
  const [blocks, setBlocks] = useState<ReactNode[] | null>(null);
  const [head, setHead] = useState('选拔任用工作纪实');
  useEffect(() => {
    let alive = true;
    void (async () => {
      const c = (await db.table(appointmentCaseType.table).get(params.id ?? '')) as AppointmentCase | undefined;
      if (!c || c.deleted) return onError('要打印的选任纪实不存在，可能已被删除。请返回选任纪实列表重新打开。');
      const unit = await db.units.get(c.unitId);
      const cadres = await db.cadres.bulkGet(c.candidates.map((k) => k.cadreId));
      const name = (i: number) => cadres[i]?.name ?? '（已删除的干部）';
      const b: ReactNode[] = [
        <h1 key="t" style={{ fontSize: '18pt', textAlign: 'center', margin: '2mm 0 3mm' }}>
          选拔任用工作纪实
        </h1>,
        p('post', `拟任职务：${c.postTitle}（${unit?.name ?? ''}，${caption('postLevel', c.postLevel)}${c.elected ? '，选任制' : ''}）\u3000当前步骤：${CASE_STAGES[c.stage]}`),
        h2('h-motion', '一、动议'),
        p('motion-on', `动议日期：${c.motionOn}`),
        ...chunks(c.analysis || '—').map((t, i) => p(`analysis-${i}`, i === 0 ? `动议分析：${t}` : t)),
        ...(c.overQuotaReason ? [p('over', `超职数说明：${c.overQuotaReason}`)] : []),
        h2('h-rec', '二、民主推荐'),
        p('meeting', `会议推荐：${or(c.meetingOn)}，应到 ${or(c.meetingDue)} 人，实到 ${or(c.meetingPresent)} 人；谈话调研推荐：${or(c.talkOn)}，谈话 ${or(c.talkCount)} 人`),
        <Row key="rh" bold widths={['26mm', '24mm', '26mm', '26mm', '24mm', '22mm', '26mm']} values={['姓名', '区级领导推荐', '党委（党组）推荐', '谈话调研推荐票', '会议推荐票', '考察对象', '拟任人选']} />,
        ...c.candidates.map((k, i) => (
          <Row
            key={`r-${k.cadreId}`}
            widths={['26mm', '24mm', '26mm', '26mm', '24mm', '22mm', '26mm']}
            values={[name(i), k.leaderNominated ? '是' : '', k.committeeNominated ? '是' : '', or(k.talkVotes), or(k.meetingVotes), k.shortlisted ? '是' : '', k.chosen ? '是' : '']}
          />
        )),
        h2('h-insp', '三、考察'),
        p('insp', `考察日期：${or(c.inspectionOn)}；考察组：${or(c.inspectionTeam)}；个别谈话 ${or(c.interviewees)} 人`),
        ...c.candidates.flatMap((k, i) =>
          k.shortlisted
            ? [
                p(`in-${k.cadreId}`, `${name(i)}：德：${or(k.virtue)}\u3000能：${or(k.ability)}\u3000勤：${or(k.diligence)}\u3000绩：${or(k.achievement)}\u3000廉：${or(k.integrity)}`),
                ...(k.exceptionNote ? [p(`ex-${k.cadreId}`, `破格说明：${k.exceptionNote}`)] : []),
              ]
            : [],
        ),
        h2('h-dec', '四、讨论决定'),
        p('dec', `日期：${or(c.decisionOn)}；应到会成员 ${or(c.membersDue)} 人，实到 ${or(c.membersPresent)} 人，同意 ${or(c.votesFor)} 票`),
        h2('h-pub', '五、任前公示与任职'),
        p('pub', `公示：${or(c.publicityFrom)} 至 ${or(c.publicityTo)}；收到反映 ${or(c.objections)} 件${c.objectionsHandled ? `，处理情况：${c.objectionsHandled}` : ''}`),
        p('app', `任免文号：${or(c.documentNo)}；任职日期：${or(c.appointedOn)}；${c.elected ? '选任制职务，不设试用期' : `试用期至：${or(c.trialUntil)}`}`),
        ...(c.stage === 'closed' ? [p('closed', `终止原因：${c.closedReason}`)] : []),
        h2('h-log', '六、步骤记录'),
        <Row key="lh" bold widths={['28mm', '28mm', '30mm', '88mm']} values={['步骤', '日期', '经办人', '说明']} />,
        ...c.steps.map((s, i) => <Row key={`l-${i}`} widths={['28mm', '28mm', '30mm', '88mm']} values={[CASE_STAGES[s.stage], s.on, s.by, s.note]} />),
        p('printed', `打印日期：${dayOf(new Date()).replaceAll('-', '.')}`),
      ];
      if (alive) {
        setHead(`${c.postTitle} · 选拔任用工作纪实`);
        setBlocks(b);
      }
    })().catch((e: unknown) => onError(`读取选任纪实失败：${e instanceof Error ? e.message : String(e)}`));
    return () => {
      alive = false;
    };
  }, [params.id, onError]);
  return <FlowPages head={head} blocks={blocks} onLaidOut={onLaidOut} />;
}
