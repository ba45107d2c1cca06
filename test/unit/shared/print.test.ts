import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageText, birthWithAge } from '../../../shared/print/age';
import { familyLines, orderFamily, relationGroup } from '../../../shared/print/family';
import { chooseFit, fitSteps, overflowMessage, TYPE_SIZES } from '../../../shared/print/fit';
import { packRows, pageLabel } from '../../../shared/print/paginate';
import { idsOf, isLandscape, parsePrintRoute, previewRoute, printRoute } from '../../../shared/print/route';
import { appointmentSheet, assessmentText } from '../../../shared/print/appointment';
import { fullYears } from '../../../shared/rules/months';
import type { FamilyMember } from '../../../shared/domain/cadre';
import { sampleCadre } from '../../fixtures/cadre';

describe('ages on the form', () => {
  it('prints the birth month with the full age as of the reference month', () => {
    expect(birthWithAge('1980-05', '2025-05')).toBe('1980.05(45岁)');
    expect(birthWithAge('1980-05', '2025-04')).toBe('1980.05(44岁)');
    expect(birthWithAge('1980-05', '2025-12')).toBe('1980.05(45岁)');
    expect(birthWithAge(null, '2025-05')).toBe('');
  });

  it('agrees with the age rule for any pair of months', () => {
    const month = fc.tuple(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(month, month, (birth, asOf) => {
        expect(birthWithAge(birth, asOf)).toBe(`${birth.replace('-', '.')}(${fullYears(birth, asOf)}岁)`);
        expect(ageText(birth, asOf, false)).toBe(String(fullYears(birth, asOf)));
        expect(ageText(birth, asOf, true)).toBe('');
      }),
    );
  });

  it('leaves the age blank for the deceased and for an unknown birth', () => {
    expect(ageText('1950-03', '2025-05', true)).toBe('');
    expect(ageText(null, '2025-05', false)).toBe('');
    expect(ageText('1950-03', '2025-05', false)).toBe('75');
  });
});

const member = (relation: string, name: string, birth: string | null, deceased = false): FamilyMember =>
  ({ id: name, cadreId: 'c', relation, name, birth, politicalStatus: '13', employment: `${name}的单位`, retired: false, deceased }) as unknown as FamilyMember;

describe('family in the official order', () => {
  it('puts the spouse first, then children eldest first, father, mother, then the others', () => {
    const members = [
      member('52', '母', '1950-01'),
      member('73', '弟', '1982-01'),
      member('32', '长女', '2008-03'),
      member('51', '父', '1948-01', true),
      member('22', '长子', '2005-09'),
      member('12', '妻', '1981-02'),
      member('38', '儿媳', '2004-01'),
      member('71', '兄', '1976-01'),
    ];
    expect(orderFamily(members).map((m) => m.name)).toEqual(['妻', '长子', '长女', '父', '母', '儿媳', '兄', '弟']);
  });

  it('keeps the order of entry within a place and sorts a child without a birth month after the others', () => {
    const members = [member('30', '女儿甲', null), member('20', '儿子', '2010-01'), member('55', '岳父', '1950-01'), member('56', '岳母', '1951-01'), member('55', '继岳父', '1952-01')];
    expect(orderFamily(members).map((m) => m.name)).toEqual(['儿子', '女儿甲', '岳父', '继岳父', '岳母']);
  });

  it('is a permutation that never moves a group before an earlier one, whatever the input', () => {
    const codes = ['10', '11', '12', '20', '22', '28', '30', '33', '38', '51', '52', '57', '58', '71', '80', '97'];
    const arb = fc.array(fc.record({ relation: fc.constantFrom(...codes), birth: fc.option(fc.constantFrom('1950-01', '1980-06', '2005-03', '2010-11'), { nil: null }) }), { maxLength: 12 });
    fc.assert(
      fc.property(arb, (list) => {
        const members = list.map((m, i) => member(m.relation, `成员${i}`, m.birth));
        const ordered = orderFamily(members);
        expect([...ordered].sort((a, b) => a.name.localeCompare(b.name))).toEqual([...members].sort((a, b) => a.name.localeCompare(b.name)));
        const groups = ordered.map((m) => relationGroup(m.relation));
        expect(groups).toEqual([...groups].sort((a, b) => a - b));
        const children = ordered.filter((m) => relationGroup(m.relation) === 1).map((m) => m.birth ?? '9999');
        expect(children).toEqual([...children].sort());
      }),
    );
  });

  it('prints captions and ages, blank for the deceased', () => {
    const lines = familyLines([member('51', '张父', '1948-01', true), member('12', '李妻', '1981-02')], '2025-05');
    expect(lines).toEqual([
      { relation: '妻子', name: '李妻', age: '44', political: '群众', employment: '李妻的单位' },
      { relation: '父亲', name: '张父', age: '', political: '群众', employment: '张父的单位' },
    ]);
  });
});

describe('fitting text in steps', () => {
  it('offers the type sizes from the normal one down to the smallest, largest first', () => {
    expect(fitSteps(12, 9).map((s) => s.pt)).toEqual([12, 10.5, 9]);
    expect(fitSteps(14, 7.5)).toEqual(TYPE_SIZES);
    expect(() => fitSteps(8, 8)).toThrow();
  });

  it('takes the largest step that fits and reports a box that fits at none', () => {
    const steps = fitSteps(12, 7.5);
    // a text that needs 300 units of height at 1pt per unit of size
    const fitsUnder = (limit: number) => (s: { pt: number }) => s.pt * 30 <= limit;
    expect(chooseFit(steps, fitsUnder(400))).toEqual({ step: steps[0], index: 0, overflows: false });
    expect(chooseFit(steps, fitsUnder(300))).toEqual({ step: steps[2], index: 2, overflows: false });
    expect(chooseFit(steps, fitsUnder(100))).toEqual({ step: steps[3], index: 3, overflows: true });
    expect(overflowMessage({ owner: '张三', box: '简历' })).toBe('张三：简历 超出格子，请精简后再打印');
  });
});

describe('roster pages', () => {
  it('packs rows into pages by height, the first page holding less', () => {
    expect(packRows([10, 10, 10, 10, 10], 20, 30)).toEqual([
      [0, 2],
      [2, 5],
    ]);
    expect(packRows([], 20, 30)).toEqual([[0, 0]]);
    // a row taller than a page gets a page of its own rather than an endless loop
    expect(packRows([5, 50, 5], 20, 30)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(pageLabel(2, 5)).toBe('第 2 页 共 5 页');
  });

  it('covers every row once, in order, and never overfills a page with more than one row', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 200 }), fc.integer({ min: 10, max: 100 }), fc.integer({ min: 10, max: 100 }), (heights, first, rest) => {
        const pages = packRows(heights, first, rest);
        expect(pages[0]![0]).toBe(0);
        expect(pages.at(-1)![1]).toBe(heights.length);
        pages.forEach(([start, end], i) => {
          if (i > 0) expect(start).toBe(pages[i - 1]![1]);
          const used = heights.slice(start, end).reduce((a, b) => a + b, 0);
          if (end - start > 1) expect(used).toBeLessThanOrEqual(i === 0 ? first : rest);
          // the next row would not have fitted on this page
          if (end < heights.length) expect(used + heights[end]!).toBeGreaterThan(i === 0 ? first : rest);
        });
      }),
    );
  });
});

describe('print routes', () => {
  it('round-trips parameters, Chinese and JSON included', () => {
    const params = { kind: 'roster' as const, title: '干部名册 2025', query: JSON.stringify({ op: 'and', children: [] }), cols: 'name,unit' };
    expect(parsePrintRoute(printRoute(params))).toEqual(params);
    expect(idsOf({ ids: 'a,,b' })).toEqual(['a', 'b']);
    expect(previewRoute({ kind: 'appointment', ids: 'x' })).toBe('#/printPreview?kind=appointment&ids=x');
    expect(isLandscape('roster')).toBe(true);
    expect(isLandscape('appointment')).toBe(false);
  });

  it.each([
    ['another route', '#/roster'],
    ['no kind', '#/print?ids=a'],
    ['an unknown kind', '#/print?kind=secrets'],
    ['a second kind', '#/print?kind=roster&kind=appointment'],
    ['a full URL', 'https://example.com/#/print?kind=roster'],
    ['a path after the hash', '#/print?kind=roster/../../etc'],
    ['a second hash', '#/print?kind=roster#x'],
    ['a broken escape', '#/print?kind=roster&t=%E4'],
    ['a script', '#/print?kind=roster&x=<script>'],
    ['too long', `#/print?kind=roster&ids=${'a'.repeat(70_000)}`],
  ])('refuses %s', (_, route) => {
    expect(parsePrintRoute(route)).toBeNull();
  });
});

describe('the 任免审批表 boxes', () => {
  const cadre = sampleCadre({ unitId: 'u', name: '王五', sex: '1', birth: '1980-05', politicalStatus: '01', currentPost: '新城区委组织部副部长' });
  const base = { cadre, career: [], family: [], rewards: [], assessments: [] };

  it('counts ages at the form’s 计算年龄时间, or this month without one', () => {
    expect(appointmentSheet(base, { today: '2025-05', assessmentYears: 2 }).birth).toBe('1980.05(45岁)');
    const sheet = appointmentSheet({ ...base, form: { ageAsOf: '2025-04' } }, { today: '2025-06', assessmentYears: 2 });
    expect(sheet.birth).toBe('1980.05(44岁)');
    expect(sheet.ageAsOf).toBe('2025.04');
  });

  it('says 无 when there are no 奖惩, and lists the last N years of 年度考核 earliest first', () => {
    const assessments = [
      { year: 2021, grade: '2' },
      { year: 2024, grade: '1' },
      { year: 2023, grade: '2' },
    ];
    const sheet = appointmentSheet({ ...base, assessments }, { today: '2025-05', assessmentYears: 2 });
    expect(sheet.rewards).toBe('无');
    expect(sheet.assessments).toBe('2023年度考核称职；2024年度考核优秀');
    expect(assessmentText(assessments, 3)).toBe('2021年度考核称职；2023年度考核称职；2024年度考核优秀');
    expect(assessmentText(assessments, 0)).toBe('');
  });

  it('splits the official 简历 lines into their date column and text', () => {
    const career = [
      { from: '2008-07', to: null, unit: '新城区委组织部', post: '副部长' },
      { from: '1998-09', to: '2002-07', unit: '南京大学法学院法学专业学习', post: '' },
      { from: '2002-07', to: '2008-07', unit: '新城区东街道', post: '科员' },
    ];
    const sheet = appointmentSheet({ ...base, career }, { today: '2025-05', assessmentYears: 2 });
    expect(sheet.resume).toEqual([
      { dates: '1998.09--2002.07', text: '南京大学法学院法学专业学习' },
      { dates: '2002.07--2008.07', text: '新城区东街道科员' },
      { dates: '2008.07--', text: '新城区委组织部副部长' },
    ]);
  });

  it('prints 学历 and 学位 on two lines and takes the form-only fields from the form', () => {
    const withDegree = sampleCadre({ unitId: 'u', fullTimeEducation: { education: '21', degree: '403', school: '南京大学', major: '法学专业' } });
    const sheet = appointmentSheet(
      { ...base, cadre: withDegree, form: { proposedPost: '新城区委组织部部长', filledOn: '2025-05-20', filledBy: '李明' } },
      { today: '2025-05', assessmentYears: 2 },
    );
    expect(sheet.fullTime).toEqual({ education: '大学\n法学学士', school: '南京大学法学专业' });
    expect(sheet.proposedPost).toBe('新城区委组织部部长');
    expect(sheet.proposedRemoval).toBe('');
    expect(sheet.filledOn).toBe('2025.05.20');
    expect(sheet.filledBy).toBe('李明');
  });
});
