import type { CSSProperties, ReactNode } from 'react';
import { leafAt } from '../../../shared/catalog/leaves';
import type { AnyRecordType } from '../../../shared/catalog/recordType';
import { codeTables } from '../../../shared/code';
import { appointmentFormType } from '../../../shared/domain/appointmentForm';
import { cadreType, careerType, familyType, rewardsType } from '../../../shared/domain/cadre';
import type { AppointmentSheet as Sheet } from '../../../shared/print/appointment';
import { BACK_ROWS, BACK_TOP, COLS, FAMILY, FIT, FRAME, FRONT_BOTTOM, FRONT_ROWS, FRONT_TOP, PHOTO_ROWS, SIGN_LINE, TITLE } from './layout';

// The 干部任免审批表 (docs/domain.md, the printed form): two A4 pages drawn as ruled boxes at the sizes of
// ./layout.ts. Labels are the catalogue's (shared/domain/…), so a renamed field is renamed on the form too;
// only the headings that exist on the form alone are written here.

const label = (type: AnyRecordType, path: string): string => {
  const leaf = leafAt(type, path);
  if (!leaf) throw new Error(`${type.table} has no field ${path}`);
  return leaf.label;
};
const L = {
  name: label(cadreType, 'name'),
  sex: label(cadreType, 'sex'),
  birth: `${label(cadreType, 'birth')}（岁）`,
  nation: label(cadreType, 'nation'),
  nativePlace: label(cadreType, 'nativePlace'),
  birthPlace: label(cadreType, 'birthPlace'),
  partyJoined: label(cadreType, 'partyJoined'),
  workStarted: label(cadreType, 'workStarted'),
  health: label(cadreType, 'health'),
  professionalTitle: label(cadreType, 'professionalTitle'),
  expertise: label(cadreType, 'expertise'),
  fullTime: cadreType.fields.fullTimeEducation.label,
  inService: cadreType.fields.inServiceEducation.label,
  currentPost: label(cadreType, 'currentPost'),
  proposedPost: label(appointmentFormType, 'proposedPost'),
  proposedRemoval: label(appointmentFormType, 'proposedRemoval'),
  reason: label(appointmentFormType, 'reason'),
  reportingUnit: label(appointmentFormType, 'reportingUnit'),
  filledBy: label(appointmentFormType, 'filledBy'),
  ageAsOf: label(appointmentFormType, 'ageAsOf'),
  resume: careerType.name,
  rewards: rewardsType.name,
  assessments: codeTables.assessmentGrade.name,
  relation: label(familyType, 'relation'),
  familyName: label(familyType, 'name'),
  political: label(familyType, 'politicalStatus'),
  employment: label(familyType, 'employment'),
};

/** Left edges of the front's columns, mm. */
const X = COLS.reduce<number[]>((xs, w, i) => [...xs, xs[i]! + w], [FRAME.left]);
/** The width from column a to column b inclusive. */
const span = (a: number, b: number) => X[b + 1]! - X[a]!;
const LINE = 0.3; // neighbours overlap by one line's width (print.css .pd-box)

interface BoxProps {
  x: number;
  y: number;
  w: number;
  h: number;
  children?: ReactNode;
  /** [normal, smallest] pt: the text shrinks to fit (renderer/print/fit.ts); labels and values alike. */
  fit?: readonly [number, number];
  /** What the overflow report calls this box. */
  name?: string;
  owner: string;
  className?: string;
  testId?: string;
}

function Box({ x, y, w, h, children, fit, name, owner, className = '', testId }: BoxProps) {
  const style: CSSProperties = { left: `${x}mm`, top: `${y}mm`, width: `${w + LINE}mm`, height: `${h + LINE}mm` };
  return (
    <div
      className={`pd-box ${className}`}
      style={style}
      data-fit={fit ? fit.join(',') : undefined}
      data-box={name}
      data-owner={owner}
      data-testid={testId}
    >
      <div className="pd-text">{children}</div>
    </div>
  );
}

/** A label box: centred, shrinking like any other text. */
const Label = (p: Omit<BoxProps, 'fit' | 'name'> & { text: string }) => (
  <Box {...p} fit={FIT.label} name={p.text} className={`pd-label ${p.className ?? ''}`}>
    {p.text}
  </Box>
);

/** 年  月  日, with the date filled in when there is one (2025.05.20 → 2025年05月20日). */
function dateLine(printed: string): string {
  const [y, m, d] = printed.split('.');
  return y && m && d ? `${y}年${m}月${d}日` : '年    月    日';
}

export function AppointmentSheetPages({ sheet, photoUrl, index }: { sheet: Sheet; photoUrl: string | null; index: number }) {
  const owner = sheet.name;
  const b = FRONT_ROWS.basic;
  const e = FRONT_ROWS.education;
  const p = FRONT_ROWS.post;
  const y = (row: number) => FRONT_TOP + row * b;
  const eduTop = FRONT_TOP + 4 * b;
  const postTop = eduTop + 2 * e;
  const resumeTop = postTop + 3 * p;
  const value = (x: number, yy: number, w: number, h: number, text: string, name: string, extra: Partial<BoxProps> = {}) => (
    <Box x={x} y={yy} w={w} h={h} fit={FIT.value} name={name} owner={owner} {...extra}>
      {text}
    </Box>
  );

  const front = (
    <div className="pd-page pd-portrait" data-sheet={index} data-testid="pd-front">
      <div className="pd-title" style={{ top: `${TITLE.top}mm`, lineHeight: `${TITLE.height}mm`, fontSize: `${TITLE.pt}pt` }}>
        干部任免审批表
      </div>
      {/* rows 1–3: three label/value pairs, the photo to their right across four rows */}
      {(
        [
          [
            [L.name, sheet.name],
            [L.sex, sheet.sex],
            [L.birth, sheet.birth],
          ],
          [
            [L.nation, sheet.nation],
            [L.nativePlace, sheet.nativePlace],
            [L.birthPlace, sheet.birthPlace],
          ],
          [
            [L.partyJoined, sheet.partyJoined],
            [L.workStarted, sheet.workStarted],
            [L.health, sheet.health],
          ],
        ] as const
      ).map((row, r) =>
        row.map(([l, v], k) => (
          <span key={`${r}-${k}`}>
            <Label x={X[2 * k]!} y={y(r)} w={COLS[2 * k]!} h={b} text={l} owner={owner} />
            {value(X[2 * k + 1]!, y(r), COLS[2 * k + 1]!, b, v, l, { className: 'pd-center' })}
          </span>
        )),
      )}
      <Label x={X[0]!} y={y(3)} w={COLS[0]!} h={b} text={L.professionalTitle} owner={owner} />
      {value(X[1]!, y(3), span(1, 2), b, sheet.professionalTitle, L.professionalTitle)}
      <Label x={X[3]!} y={y(3)} w={COLS[3]!} h={b} text={L.expertise} owner={owner} />
      {value(X[4]!, y(3), span(4, 5), b, sheet.expertise, L.expertise)}
      <div
        className="pd-photo"
        style={{ left: `${X[6]}mm`, top: `${y(0)}mm`, width: `${COLS[6] + LINE}mm`, height: `${PHOTO_ROWS * b + LINE}mm` }}
        data-testid="pd-photo"
      >
        {photoUrl ? <img src={photoUrl} alt="照片" /> : <span>照片</span>}
      </div>

      {/* 学历学位: 全日制 and 在职, 学历 and 学位 on two lines, with 毕业院校系及专业 */}
      <Label x={X[0]!} y={eduTop} w={COLS[0]!} h={2 * e} text={'学历\n学位'} owner={owner} />
      {(
        [
          [L.fullTime, sheet.fullTime],
          [L.inService, sheet.inService],
        ] as const
      ).map(([l, v], k) => (
        <span key={l}>
          <Label x={X[1]!} y={eduTop + k * e} w={COLS[1]!} h={e} text={l} owner={owner} />
          {value(X[2]!, eduTop + k * e, span(2, 3), e, v.education, `${l}学历学位`, { className: 'pd-center' })}
          <Label x={X[4]!} y={eduTop + k * e} w={COLS[4]!} h={e} text="毕业院校系及专业" owner={owner} />
          {value(X[5]!, eduTop + k * e, span(5, 6), e, v.school, `${l}毕业院校系及专业`)}
        </span>
      ))}

      {(
        [
          [L.currentPost, sheet.currentPost],
          [L.proposedPost, sheet.proposedPost],
          [L.proposedRemoval, sheet.proposedRemoval],
        ] as const
      ).map(([l, v], k) => (
        <span key={l}>
          <Label x={X[0]!} y={postTop + k * p} w={span(0, 1)} h={p} text={l} owner={owner} />
          {value(X[2]!, postTop + k * p, span(2, 6), p, v, l)}
        </span>
      ))}

      <Label x={X[0]!} y={resumeTop} w={COLS[0]!} h={FRONT_BOTTOM - resumeTop} text={L.resume} owner={owner} className="pd-vertical" />
      <Box x={X[1]!} y={resumeTop} w={span(1, 6)} h={FRONT_BOTTOM - resumeTop} fit={FIT.resume} name={L.resume} owner={owner} className="pd-top" testId="pd-resume">
        {sheet.resume.map((line, i) => (
          <div className="pd-resume-line" key={i}>
            <span className="pd-resume-dates">{line.dates}</span>
            <span className="pd-resume-text">{line.text}</span>
          </div>
        ))}
      </Box>
      <div className="pd-frame" style={{ left: `${FRAME.left}mm`, top: `${FRONT_TOP}mm`, width: `${FRAME.width + LINE}mm`, height: `${FRONT_BOTTOM - FRONT_TOP + LINE}mm` }} />
    </div>
  );

  // the back: 奖惩, 考核, 任免理由, family, then the three opinion boxes
  const rows = BACK_ROWS;
  let top = BACK_TOP;
  const next = (h: number) => {
    const at = top;
    top += h;
    return at;
  };
  const valueX = X[1]!;
  const valueW = span(1, 6);
  const rewardsTop = next(rows.rewards);
  const assessmentsTop = next(rows.assessments);
  const reasonTop = next(rows.reason);
  const familyTop = next(rows.family);
  const reportTop = next(rows.reportingUnit);
  const approvalTop = next(rows.approval);
  const adminTop = next(rows.administration);
  const backBottom = top;
  const memberRows = Math.max(FAMILY.rows, sheet.family.length);
  const rowHeight = Math.max(FAMILY.minRowHeight, (rows.family - FAMILY.header) / memberRows);
  const shownRows = Math.floor((rows.family - FAMILY.header) / rowHeight + 1e-6);
  const fx = FAMILY.cols.reduce<number[]>((xs, w, i) => [...xs, xs[i]! + w], [valueX]);
  const familyCells = (row: readonly string[], yy: number, h: number, header: boolean, key: string) =>
    row.map((text, c) => (
      <Box
        key={`${key}-${c}`}
        x={fx[c]!}
        y={yy}
        w={FAMILY.cols[c]!}
        h={h}
        fit={header ? FIT.label : FIT.family}
        name={header ? text : `家庭成员第${key}行`}
        owner={owner}
        className={header || c !== 4 ? 'pd-center' : ''}
      >
        {text}
      </Box>
    ));
  const opinion = (yy: number, h: number, l: string, text: string, date: string) => (
    <span key={l}>
      <Label x={X[0]!} y={yy} w={COLS[0]!} h={h} text={l} owner={owner} />
      <Box x={valueX} y={yy} w={valueW} h={h} owner={owner} className="pd-top">
        <div style={{ display: 'flex', flexDirection: 'column', height: `${h - 3}mm` }}>
          <div data-testid={`pd-${l}`}>{text}</div>
          <div style={{ marginTop: 'auto', textAlign: 'right', paddingRight: '8mm' }}>
            <div>（盖章）</div>
            <div>{date}</div>
          </div>
        </div>
      </Box>
    </span>
  );
  const back = (
    <div className="pd-page pd-portrait" data-sheet={index} data-testid="pd-back">
      <Label x={X[0]!} y={rewardsTop} w={COLS[0]!} h={rows.rewards} text={L.rewards} owner={owner} />
      <Box x={valueX} y={rewardsTop} w={valueW} h={rows.rewards} fit={FIT.long} name={L.rewards} owner={owner} className="pd-top">
        {sheet.rewards}
      </Box>
      <Label x={X[0]!} y={assessmentsTop} w={COLS[0]!} h={rows.assessments} text={L.assessments} owner={owner} />
      {value(valueX, assessmentsTop, valueW, rows.assessments, sheet.assessments, L.assessments)}
      <Label x={X[0]!} y={reasonTop} w={COLS[0]!} h={rows.reason} text={L.reason} owner={owner} />
      <Box x={valueX} y={reasonTop} w={valueW} h={rows.reason} fit={FIT.long} name={L.reason} owner={owner} className="pd-top">
        {sheet.reason}
      </Box>
      <Label x={X[0]!} y={familyTop} w={COLS[0]!} h={rows.family} text="家庭主要成员及重要社会关系" owner={owner} />
      {familyCells([L.relation, L.familyName, '年龄', L.political, L.employment], familyTop, FAMILY.header, true, 'h')}
      {Array.from({ length: shownRows }, (_, i) => {
        const m = sheet.family[i];
        return familyCells(m ? [m.relation, m.name, m.age, m.political, m.employment] : ['', '', '', '', ''], familyTop + FAMILY.header + i * rowHeight, rowHeight, false, String(i + 1));
      })}
      {opinion(reportTop, rows.reportingUnit, L.reportingUnit, sheet.reportingUnit, dateLine(sheet.filledOn))}
      {opinion(approvalTop, rows.approval, '审批机关意见', '', dateLine(''))}
      {opinion(adminTop, rows.administration, '行政机关任免意见', '', dateLine(''))}
      <div className="pd-frame" style={{ left: `${FRAME.left}mm`, top: `${BACK_TOP}mm`, width: `${FRAME.width + LINE}mm`, height: `${backBottom - BACK_TOP + LINE}mm` }} />
      <div className="pd-sign" style={{ left: `${FRAME.left}mm`, top: `${backBottom + SIGN_LINE.gap}mm`, lineHeight: `${SIGN_LINE.height}mm` }}>
        {L.filledBy}：{sheet.filledBy}
        <span style={{ marginLeft: '20mm' }}>
          {L.ageAsOf}：{sheet.ageAsOf}
        </span>
      </div>
    </div>
  );
  return (
    <>
      {front}
      {back}
    </>
  );
}

/** More family members than the table can hold even at its lowest rows: reported like an overflowing box. */
export function familyOverflow(sheet: Sheet): { owner: string; box: string; detail: string } | null {
  const capacity = Math.floor((BACK_ROWS.family - FAMILY.header) / FAMILY.minRowHeight);
  return sheet.family.length > capacity
    ? { owner: sheet.name, box: '家庭主要成员及重要社会关系', detail: `共 ${sheet.family.length} 人，表内最多 ${capacity} 人` }
    : null;
}
