import { describe, expect, it } from 'vitest';
import type { CadreFields, CareerEntry, Education } from '../../../shared/domain/cadre';
import {
  CHECK_RULES,
  checkCareerContinuity,
  checkCurrentPost,
  checkDossier,
  checkFutureDates,
  checkHighestEducation,
  checkIdNumber,
  checkPartyJoined,
  checkPeriods,
  checkStudyWorkOverlap,
  checkWorkStarted,
  type CheckOptions,
  type DossierCadre,
  type DossierCareerEntry,
  type DossierCheck,
  type DossierEducation,
  type DossierInput,
  type Finding,
} from '../../../shared/rules/checks';

// Stored records fit the input types as they are (checked by tsc, not at run time).
const _cadreFits = (c: CadreFields): DossierCadre => c;
const _careerFits = (c: CareerEntry): DossierCareerEntry => c;
const _educationFits = (e: Education): DossierEducation => e;

const OPTS: CheckOptions = { asOf: '2025-06', today: '2025-06-15' };

const career = (
  id: string,
  from: string,
  to: string | null,
  unit: string,
  post = '',
  kind: 'work' | 'study' = 'work',
): DossierCareerEntry => ({ id, from, to, unit, post, kind });

const education = (
  id: string,
  mode: 'fullTime' | 'inService',
  from: string,
  to: string | null,
  school: string,
  major: string,
  code: string,
): DossierEducation => ({ id, mode, from, to, school, major, education: code });

/** A clean dossier: female, born 1980.05 (ID 110105198005120028), party member, 大学 + 在职研究生. */
const C1 = career('c1', '1998-09', '2002-07', '某大学法学专业', '学习', 'study');
const C2 = career('c2', '2002-07', '2008-03', '新城区某街道办事处', '科员');
const C3 = career('c3', '2008-03', '2015-06', '新城区委组织部', '干部科科长');
const C4 = career('c4', '2015-06', null, '新城区委组织部', '副部长');
const E1 = education('e1', 'fullTime', '1998-09', '2002-07', '某大学', '法学', '21');
// 中央党校研究生 (1A) has the level of 研究生 (11) on the basic record: the same 学历 for the check.
const E2 = education('e2', 'inService', '2008-09', '2011-07', '中央党校', '政治学', '1A');

const BASE: DossierInput = {
  cadre: {
    name: '王芳',
    sex: '2',
    birth: '1980-05',
    idNumber: '110105198005120028',
    politicalStatus: '01',
    partyJoined: '2001-06',
    workStarted: '2002-07',
    fullTimeEducation: { education: '21' },
    inServiceEducation: { education: '11' },
    currentPost: '新城区委组织部副部长',
  },
  career: [C1, C2, C3, C4],
  education: [E1, E2],
};

const withCadre = (patch: Partial<DossierCadre>): DossierInput => ({
  ...BASE,
  cadre: { ...BASE.cadre, ...patch },
});
const withCareer = (...entries: DossierCareerEntry[]): DossierInput => ({ ...BASE, career: entries });
const withEducation = (...records: DossierEducation[]): DossierInput => ({ ...BASE, education: records });
const check = (input: DossierInput): Finding[] => checkDossier(input, OPTS);

describe('the clean fixture', () => {
  it('has no findings at all', () => {
    expect(check(BASE)).toEqual([]);
  });

  it.each<[string, DossierCheck]>([
    ['checkIdNumber', checkIdNumber],
    ['checkWorkStarted', checkWorkStarted],
    ['checkPartyJoined', checkPartyJoined],
    ['checkFutureDates', checkFutureDates],
    ['checkPeriods', checkPeriods],
    ['checkStudyWorkOverlap', checkStudyWorkOverlap],
    ['checkHighestEducation', checkHighestEducation],
    ['checkCareerContinuity', checkCareerContinuity],
    ['checkCurrentPost', checkCurrentPost],
  ])('%s finds nothing', (_name, fn) => {
    expect(fn(BASE, OPTS)).toEqual([]);
  });

  it('does not depend on the order of the records', () => {
    expect(check({ ...BASE, career: [C4, C2, C1, C3], education: [E2, E1] })).toEqual([]);
  });

  it('skips deleted (tombstoned) records', () => {
    const ghost = { ...career('x', '2003-01', null, '已删除的单位'), deleted: true };
    const ghostStudy = { ...education('y', 'fullTime', '2009-01', null, '已删除', '', '11'), deleted: true };
    const input = { ...BASE, career: [...BASE.career, ghost], education: [...BASE.education, ghostStudy] };
    expect(check(input)).toEqual([]);
  });

  it('throws when asOf is not a month', () => {
    expect(() => checkDossier(BASE, { ...OPTS, asOf: '2025-6' })).toThrow('asOf');
  });

  it('every finding carries the severity of its rule', () => {
    const broken = check({
      ...withCadre({ birth: '1980-06', sex: '1', partyJoined: null, currentPost: '' }),
      career: [C2, { ...C3, from: '2008-05' }, C4],
    });
    expect(broken.length).toBeGreaterThan(3);
    for (const f of broken) expect(f.severity).toBe(CHECK_RULES[f.rule as keyof typeof CHECK_RULES].severity);
  });
});

describe('idNumber.*', () => {
  it('idNumber.valid: reports parseIdNumber’s reason and nothing about birth or sex', () => {
    expect(check(withCadre({ idNumber: '110105198005120021', birth: '1981-01', sex: '1' }))).toEqual([
      {
        rule: 'idNumber.valid',
        severity: 'error',
        field: 'idNumber',
        message: '身份证号码校验位不正确：最后一位应为“8”，请核对号码',
      },
    ]);
  });

  it('idNumber.valid: an empty number', () => {
    expect(check(withCadre({ idNumber: '' }))).toEqual([
      { rule: 'idNumber.valid', severity: 'error', field: 'idNumber', message: '请填写身份证号码' },
    ]);
  });

  it('idNumber.valid: a birth date after `today`', () => {
    const future = { ...OPTS, today: '1980-05-11' };
    expect(checkIdNumber(BASE, future)).toEqual([
      {
        rule: 'idNumber.valid',
        severity: 'error',
        field: 'idNumber',
        message: '身份证号码中的出生日期 1980-05-12 晚于今天',
      },
    ]);
  });

  it('idNumber.birth: birth month disagrees with the number', () => {
    expect(check(withCadre({ birth: '1980-06' }))).toEqual([
      {
        rule: 'idNumber.birth',
        severity: 'error',
        field: 'birth',
        message: '出生年月 1980.06 与身份证号码中的出生年月 1980.05 不一致，请核对出生年月或身份证号码',
      },
    ]);
  });

  it('idNumber.birth: the same month with another day agrees', () => {
    expect(check(withCadre({ idNumber: '110105198005010021' }))).toEqual([]);
  });

  it('idNumber.sex: sex disagrees with the 17th digit', () => {
    expect(check(withCadre({ sex: '1' }))).toEqual([
      {
        rule: 'idNumber.sex',
        severity: 'error',
        field: 'sex',
        message: '性别“男”与身份证号码不一致：号码第17位表示“女”，请核对性别或身份证号码',
      },
    ]);
  });

  it('a lower-case x is accepted', () => {
    expect(checkIdNumber(withCadre({ idNumber: '11010519491231002x', birth: '1949-12' }), OPTS)).toEqual([]);
  });
});

describe('workStarted.*', () => {
  it('workStarted.beforeBirth', () => {
    expect(check(withCadre({ workStarted: '1980-04' }))).toEqual([
      {
        rule: 'workStarted.beforeBirth',
        severity: 'error',
        field: 'workStarted',
        message: '参加工作时间 1980.04 早于出生年月 1980.05，请核对',
      },
    ]);
  });

  it('exactly 16 at work start: no warning', () => {
    expect(check(withCadre({ workStarted: '1996-05' }))).toEqual([]);
  });

  it('workStarted.under16: 15 years 11 months', () => {
    expect(check(withCadre({ workStarted: '1996-04' }))).toEqual([
      {
        rule: 'workStarted.under16',
        severity: 'warning',
        field: 'workStarted',
        message: '参加工作时间 1996.04 时年仅15岁，不满16周岁，请核对参加工作时间和出生年月',
      },
    ]);
  });

  it('the birth month itself is not before birth, but under 16', () => {
    expect(checkWorkStarted(withCadre({ workStarted: '1980-05' }), OPTS)).toEqual([
      expect.objectContaining({ rule: 'workStarted.under16', message: expect.stringContaining('年仅0岁') }),
    ]);
  });

  it('no 参加工作时间: nothing to check', () => {
    expect(check(withCadre({ workStarted: null }))).toEqual([]);
  });
});

describe('partyJoined.*', () => {
  it.each([
    ['01', '中共党员'],
    ['02', '中共预备党员'],
  ])('partyJoined.required for %s', (status, caption) => {
    expect(check(withCadre({ politicalStatus: status, partyJoined: null }))).toEqual([
      {
        rule: 'partyJoined.required',
        severity: 'error',
        field: 'partyJoined',
        message: `政治面貌为“${caption}”，请填写入党时间`,
      },
    ]);
  });

  it('not required for 群众', () => {
    expect(check(withCadre({ politicalStatus: '13', partyJoined: null }))).toEqual([]);
  });

  it('exactly 18: fine', () => {
    expect(check(withCadre({ partyJoined: '1998-05' }))).toEqual([]);
  });

  it('partyJoined.under18: 17 years 11 months', () => {
    expect(check(withCadre({ partyJoined: '1998-04' }))).toEqual([
      {
        rule: 'partyJoined.under18',
        severity: 'error',
        field: 'partyJoined',
        message: '入党时间 1998.04 时年仅17岁，不满18周岁，请核对入党时间和出生年月',
      },
    ]);
  });

  it('partyJoined.under18: before birth says so', () => {
    expect(check(withCadre({ partyJoined: '1979-01' }))).toEqual([
      {
        rule: 'partyJoined.under18',
        severity: 'error',
        field: 'partyJoined',
        message: '入党时间 1979.01 早于出生年月 1980.05，请核对',
      },
    ]);
  });
});

describe('date.future', () => {
  it('入党时间 after asOf', () => {
    expect(check(withCadre({ partyJoined: '2025-07' }))).toEqual([
      {
        rule: 'date.future',
        severity: 'error',
        field: 'partyJoined',
        message: '入党时间 2025.07 晚于 2025.06，不能填写将来的时间',
      },
    ]);
  });

  it('asOf itself is not the future', () => {
    expect(checkFutureDates(withCadre({ partyJoined: '2025-06', workStarted: '2025-06' }), OPTS)).toEqual([]);
  });

  it('参加工作时间 and 出生年月 after asOf', () => {
    expect(checkFutureDates(withCadre({ workStarted: '2025-08', birth: '2026-01' }), OPTS)).toEqual([
      {
        rule: 'date.future',
        severity: 'error',
        field: 'birth',
        message: '出生年月 2026.01 晚于 2025.06，不能填写将来的时间',
      },
      {
        rule: 'date.future',
        severity: 'error',
        field: 'workStarted',
        message: '参加工作时间 2025.08 晚于 2025.06，不能填写将来的时间',
      },
    ]);
  });

  it('a career end after asOf', () => {
    expect(check(withCareer(C1, C2, C3, { ...C4, to: '2025-09' }))).toEqual([
      {
        rule: 'date.future',
        severity: 'error',
        field: 'career.c4.to',
        message: '简历“2015.06--2025.09 新城区委组织部副部长”的截止时间 2025.09 晚于 2025.06，不能填写将来的时间',
      },
    ]);
  });

  it('a career start after asOf', () => {
    const c5 = career('c5', '2025-08', null, '新城区委', '常委');
    expect(checkFutureDates(withCareer(C1, C2, C3, { ...C4, to: '2025-08' }, c5), OPTS)).toEqual([
      expect.objectContaining({ rule: 'date.future', field: 'career.c4.to' }),
      expect.objectContaining({
        rule: 'date.future',
        field: 'career.c5.from',
        message: '简历“2025.08-- 新城区委常委”的起始时间 2025.08 晚于 2025.06，不能填写将来的时间',
      }),
    ]);
  });

  it('an education end after asOf', () => {
    expect(check(withEducation(E1, { ...E2, to: '2026-07' }))).toEqual([
      {
        rule: 'date.future',
        severity: 'error',
        field: 'education.e2.to',
        message: '学历学位“2008.09--2026.07 中央党校政治学”的毕业时间 2026.07 晚于 2025.06，不能填写将来的时间',
      },
    ]);
  });

  it('an education start after asOf', () => {
    const e3 = education('e3', 'inService', '2025-09', null, '某校', '', '11');
    expect(checkFutureDates(withEducation(E1, E2, e3), OPTS)).toEqual([
      expect.objectContaining({ rule: 'date.future', field: 'education.e3.from' }),
    ]);
  });
});

describe('period.endBeforeStart', () => {
  it('an education record that ends before it starts', () => {
    expect(check(withEducation(E1, { ...E2, to: '2007-07' }))).toEqual([
      {
        rule: 'period.endBeforeStart',
        severity: 'error',
        field: 'education.e2.to',
        message: '学历学位“2008.09--2007.07 中央党校政治学”的毕业时间 2007.07 早于入学时间 2008.09，请核对',
      },
    ]);
  });

  it('a career segment that ends before it starts (left out of continuity, so a gap shows too)', () => {
    const bad = { ...C2, to: '2001-01' };
    expect(checkPeriods(withCareer(C1, bad, C3, C4), OPTS)).toEqual([
      {
        rule: 'period.endBeforeStart',
        severity: 'error',
        field: 'career.c2.to',
        message: '简历“2002.07--2001.01 新城区某街道办事处科员”的截止时间 2001.01 早于起始时间 2002.07，请核对',
      },
    ]);
    expect(check(withCareer(C1, bad, C3, C4)).map((f) => f.rule)).toEqual([
      'period.endBeforeStart',
      'career.gap',
    ]);
  });

  it('start and end in the same month is fine', () => {
    expect(checkPeriods(withEducation(E1, { ...E2, to: '2008-09' }), OPTS)).toEqual([]);
  });
});

describe('study.overlapsWork', () => {
  it('graduating after starting work: the study’s end', () => {
    expect(check(withEducation({ ...E1, to: '2002-09' }, E2))).toEqual([
      {
        rule: 'study.overlapsWork',
        severity: 'warning',
        field: 'education.e1.to',
        message:
          '全日制学习“1998.09--2002.09 某大学法学”与工作经历“2002.07--2008.03 新城区某街道办事处科员”时间重叠，' +
          '请核对两者的起止时间',
      },
    ]);
  });

  it('full-time study started during work: the study’s start', () => {
    const e3 = education('e3', 'fullTime', '2005-09', '2007-07', '某大学', '法学', '21');
    expect(check(withEducation(E1, E2, e3))).toEqual([
      expect.objectContaining({
        rule: 'study.overlapsWork',
        severity: 'warning',
        field: 'education.e3.from',
      }),
    ]);
  });

  it('an open full-time study overlaps the open work segment', () => {
    const e3 = education('e3', 'fullTime', '2024-09', null, '某大学', '公共管理', '21');
    expect(checkStudyWorkOverlap(withEducation(E1, E2, e3), OPTS)).toEqual([
      expect.objectContaining({ rule: 'study.overlapsWork', field: 'education.e3.from' }),
    ]);
  });

  it('in-service study during work is fine (E2); so is graduating in the month work starts (E1)', () => {
    expect(checkStudyWorkOverlap(BASE, OPTS)).toEqual([]);
  });

  it('career study segments are not work', () => {
    const e3 = education('e3', 'fullTime', '1998-09', '2002-07', '某大学', '法学', '21');
    expect(checkStudyWorkOverlap(withEducation(E1, e3), OPTS)).toEqual([]);
  });
});

describe('education.highest', () => {
  it('the basic record names a higher 学历 than any record', () => {
    expect(check(withEducation(E1))).toEqual([
      {
        rule: 'education.highest',
        severity: 'warning',
        field: 'inServiceEducation.education',
        message: '基本信息中的最高学历为“研究生”，但学历学位记录中最高为“大学”，请补充学历学位记录或核对基本信息',
      },
    ]);
  });

  it('a record is higher than the basic record', () => {
    expect(check(withCadre({ inServiceEducation: { education: null } }))).toEqual([
      {
        rule: 'education.highest',
        severity: 'warning',
        field: 'inServiceEducation.education',
        message: '学历学位记录中的最高学历为“中央党校研究生”（中央党校），高于基本信息中的最高学历“大学”，请核对',
      },
    ]);
  });

  it('the basic record has no 学历', () => {
    expect(
      check({
        ...withCadre({ fullTimeEducation: { education: null }, inServiceEducation: { education: null } }),
        education: [E1],
      }),
    ).toEqual([
      {
        rule: 'education.highest',
        severity: 'warning',
        field: 'fullTimeEducation.education',
        message: '基本信息未填学历，学历学位记录中的最高学历为“大学”（某大学），请在全日制教育中填写',
      },
    ]);
  });

  it('the same level counts as equal (中央党校大学 = 大学)', () => {
    expect(checkHighestEducation(withEducation({ ...E1, education: '22' }, E2), OPTS)).toEqual([]);
  });

  it('the highest may sit in either slot of the basic record', () => {
    const input = withCadre({
      fullTimeEducation: { education: '11' },
      inServiceEducation: { education: '21' },
    });
    expect(checkHighestEducation(input, OPTS)).toEqual([]);
  });

  it('no education records: nothing to compare', () => {
    expect(checkHighestEducation(withEducation(), OPTS)).toEqual([]);
  });
});

describe('career.*', () => {
  it('career.empty', () => {
    expect(check(withCareer())).toEqual([
      {
        rule: 'career.empty',
        severity: 'error',
        field: 'career',
        message: '没有简历：简历应从开始学习时填起，逐段连续填到现在',
      },
    ]);
  });

  it('contiguous segments (end month = next start month) are fine', () => {
    expect(checkCareerContinuity(BASE, OPTS)).toEqual([]);
  });

  it('career.gap: one month', () => {
    expect(check(withCareer(C1, C2, { ...C3, from: '2008-04' }, C4))).toEqual([
      {
        rule: 'career.gap',
        severity: 'error',
        field: 'career.c3.from',
        message: '2008.03 至 2008.04 之间简历不连续，请补上这段经历或核对前后两段的起止时间',
      },
    ]);
  });

  it('career.gap: the example of the brief', () => {
    const a = career('a', '2002-07', '2008-07', '甲单位', '科员');
    const b = career('b', '2009-03', null, '乙单位', '副部长');
    expect(checkCareerContinuity(withCareer(C1, { ...a, from: '2002-07' }, b), OPTS)).toEqual([
      expect.objectContaining({
        rule: 'career.gap',
        field: 'career.b.from',
        message: expect.stringMatching(/^2008\.07 至 2009\.03 之间简历不连续/),
      }),
    ]);
  });

  it('career.overlap: one month', () => {
    expect(check(withCareer(C1, C2, { ...C3, from: '2008-02' }, C4))).toEqual([
      {
        rule: 'career.overlap',
        severity: 'error',
        field: 'career.c3.from',
        message:
          '简历“2008.02--2015.06 新城区委组织部干部科科长”与简历“2002.07--2008.03 新城区某街道办事处科员”时间重叠：前一段的截止时间应与后一段的起始时间相同，请核对',
      },
    ]);
  });

  it('career.overlap: a segment inside a longer one, and the next compared with the longer one', () => {
    const inner = career('inner', '2003-01', '2004-01', '借调单位', '工作人员');
    expect(checkCareerContinuity(withCareer(C1, C2, inner, C3, C4), OPTS)).toEqual([
      expect.objectContaining({ rule: 'career.overlap', field: 'career.inner.from' }),
    ]);
  });

  it('career.overlap: two segments starting in the same month', () => {
    const twin = career('twin', '2008-03', '2015-06', '新城区委组织部', '科长');
    expect(checkCareerContinuity(withCareer(C1, C2, C3, twin, C4), OPTS)).toEqual([
      expect.objectContaining({ rule: 'career.overlap', field: 'career.twin.from' }),
    ]);
  });

  it('career.openNotLast: two open segments — the earlier one', () => {
    expect(check(withCareer(C1, C2, { ...C3, to: null }, C4))).toEqual([
      {
        rule: 'career.openNotLast',
        severity: 'error',
        field: 'career.c3.to',
        message:
          '简历“2008.03-- 新城区委组织部干部科科长”未填截止时间，但其后还有简历“2015.06-- 新城区委组织部副部长”：只有最后一段简历可以不填截止时间，请填写截止时间',
      },
    ]);
  });

  it('career.openNotLast: an open segment in the middle; continuity resumes after it', () => {
    expect(check(withCareer(C1, { ...C2, to: null }, C3, C4))).toEqual([
      expect.objectContaining({ rule: 'career.openNotLast', severity: 'error', field: 'career.c2.to' }),
    ]);
    const withGap = withCareer(C1, { ...C2, to: null }, C3, { ...C4, from: '2016-01' });
    expect(check(withGap).map((f) => f.rule)).toEqual([
      'career.openNotLast',
      'career.gap',
    ]);
  });

  it('career.startsAfterStudy: the first segment starts after the first study entry', () => {
    expect(check(withCareer(C2, C3, C4))).toEqual([
      {
        rule: 'career.startsAfterStudy',
        severity: 'error',
        field: 'career.c2.from',
        message:
          '简历从 2002.07 开始，但学历学位“1998.09--2002.07 某大学法学”已于 1998.09 入学：1998.09 至 2002.07 之间没有简历，简历应从开始学习时填起',
      },
    ]);
  });

  it('starting before the first study entry is fine', () => {
    expect(checkCareerContinuity(withCareer({ ...C1, from: '1998-08' }, C2, C3, C4), OPTS)).toEqual([]);
  });

  it('career.endsBeforeAsOf: the last segment closed before asOf', () => {
    expect(check(withCareer(C1, C2, C3, { ...C4, to: '2020-06' }))).toEqual([
      {
        rule: 'career.endsBeforeAsOf',
        severity: 'error',
        field: 'career.c4.to',
        message: '简历截止 2020.06，之后至今没有记录，请补上此后的经历；仍在任的一段不填截止时间',
      },
    ]);
  });

  it('a last segment closed exactly at asOf is fine', () => {
    expect(check(withCareer(C1, C2, C3, { ...C4, to: '2025-06' }))).toEqual([]);
  });
});

describe('career.currentPost', () => {
  it('disagrees with the open segment', () => {
    expect(check(withCadre({ currentPost: '新城区委宣传部部长' }))).toEqual([
      {
        rule: 'career.currentPost',
        severity: 'warning',
        field: 'currentPost',
        message: '现任职务“新城区委宣传部部长”与简历“2015.06-- 新城区委组织部副部长”不一致，请核对现任职务或简历',
      },
    ]);
  });

  it('empty 现任职务 next to an open segment', () => {
    expect(check(withCadre({ currentPost: '  ' }))).toEqual([
      {
        rule: 'career.currentPost',
        severity: 'warning',
        field: 'currentPost',
        message: '简历“2015.06-- 新城区委组织部副部长”仍在任，但现任职务未填，请填写现任职务',
      },
    ]);
  });

  it.each(['副部长', ' 新城区委组织部 副部长 ', '新城区委组织部副部长（正科级）'])('agrees: %j', (currentPost) => {
    expect(checkCurrentPost(withCadre({ currentPost }), OPTS)).toEqual([]);
  });

  it('the segment’s post contains 现任职务', () => {
    expect(checkCurrentPost(withCareer(C1, C2, C3, { ...C4, post: '新城区委组织部副部长、区人才办主任' }), OPTS)).toEqual([]);
  });

  it('an empty post falls back to the unit text', () => {
    const c4 = { ...C4, unit: '新城区委组织部副部长', post: '' };
    expect(checkCurrentPost(withCareer(C1, C2, C3, c4), OPTS)).toEqual([]);
  });

  it('no open segment: nothing to compare', () => {
    expect(checkCurrentPost(withCareer(C1, C2, C3, { ...C4, to: '2025-06' }), OPTS)).toEqual([]);
  });
});

describe('malformed stored months', () => {
  it('are treated as missing, never thrown on', () => {
    const input: DossierInput = {
      ...withCadre({ birth: '1980-5', workStarted: '2002/07', partyJoined: '九三' }),
      career: [C1, { ...C2, from: '2002-13' }, C3, C4],
    };
    expect(() => checkDossier(input, OPTS)).not.toThrow();
  });
});

describe('a long career', () => {
  // Timing belongs in bench/ (never a timed assertion here); this only pins the long, clean case.
  it('a dossier of ~20 sub-records with 16 continuous segments has no findings', () => {
    const many: DossierCareerEntry[] = [C1];
    for (let i = 0; i < 16; i++) {
      const from = `${2002 + i}-07`;
      const last = i === 15;
      many.push(career(`w${i}`, from, last ? null : `${2003 + i}-07`, '新城区委组织部', last ? '副部长' : '干部'));
    }
    const e3 = education('e3', 'inService', '2012-09', '2014-07', '某校', '', '21');
    expect(check({ ...BASE, career: many, education: [E1, E2, e3] })).toEqual([]);
  });
});
