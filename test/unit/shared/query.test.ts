import { describe, expect, it } from 'vitest';
import { lookup } from '../../../shared/code';
import type { Cadre, CadreFields } from '../../../shared/domain/cadre';
import { addMonths, fullYears } from '../../../shared/rules/months';
import {
  QUERY_FIELDS,
  QUERY_OPERATORS,
  QueryError,
  QueryGroupSchema,
  TYPE_OPERATORS,
  comparesByLevel,
  compileQuery,
  describeQuery,
  emptyQuery,
  initialValue,
  newCondition,
  operatorsFor,
  queryField,
  queryIssues,
  validateQuery,
  valueOptions,
  type QueryCadre,
  type QueryCondition,
  type QueryContext,
  type QueryFieldId,
  type QueryGroup,
  type QueryNode,
  type QueryOperator,
  type QueryValue,
} from '../../../shared/rules/query';
import { sampleCadre } from '../../fixtures/cadre';

// Stored records fit the input type as they are (checked by tsc, not at run time).
const _fieldsFit = (c: CadreFields): QueryCadre => c;

// Unit tree: district ─┬─ org ── cadreSection
//                      └─ street
const CHILDREN: Record<string, string[]> = { district: ['org', 'street'], org: ['cadreSection'] };
const subtree = (id: string): Set<string> => {
  const out = new Set<string>([id]);
  for (const child of CHILDREN[id] ?? []) for (const u of subtree(child)) out.add(u);
  return out;
};
const CTX: QueryContext = { asOf: '2025-05', unitSubtree: subtree };

let seq = 0;
const cadre = (overrides: Partial<Cadre> = {}): Cadre => sampleCadre({ unitId: 'org', name: `干部${++seq}`, ...overrides });

const cond = (field: QueryFieldId, operator: QueryOperator, value: QueryValue = null): QueryCondition => ({
  kind: 'condition',
  field,
  operator,
  value,
});
const and = (...children: QueryNode[]): QueryGroup => ({ kind: 'group', op: 'and', children });
const or = (...children: QueryNode[]): QueryGroup => ({ kind: 'group', op: 'or', children });

/** Does this single condition hold for the cadre? */
const holds = (c: QueryCadre, condition: QueryCondition, ctx: QueryContext = CTX) => compileQuery(and(condition), ctx)(c);

const RANK = (caption: string) => {
  const entry = [...Array(12).keys()].map((i) => String(i + 1).padStart(2, '0')).find((code) => lookup('rank', code)?.caption === caption);
  if (!entry) throw new Error(caption);
  return entry;
};
const 一级主任科员 = RANK('一级主任科员');
const 二级主任科员 = RANK('二级主任科员');
const 四级调研员 = RANK('四级调研员');
const 一级科员 = RANK('一级科员');

describe('the field catalogue', () => {
  it('has the issue’s fields, each with a unique id and at least one operator', () => {
    const labels = QUERY_FIELDS.map((f) => f.label);
    for (const label of [
      '姓名', '性别', '年龄', '民族', '政治面貌', '党龄', '工龄', '出生年月', '参加工作时间', '入党时间', '全日制学历',
      '在职学历', '最高学历', '全日制学位', '职务层次', '职级', '任现职级时间', '人员类别', '人员状态', '现任职务', '籍贯', '所在单位',
    ]) {
      expect(labels).toContain(label);
    }
    expect(new Set(QUERY_FIELDS.map((f) => f.id)).size).toBe(QUERY_FIELDS.length);
    for (const f of QUERY_FIELDS) expect(operatorsFor(f).length).toBeGreaterThan(0);
  });

  it('types the fields as the issue asks', () => {
    expect(queryField('age')).toMatchObject({ type: 'number' });
    expect(queryField('partyYears')).toMatchObject({ type: 'number' });
    expect(queryField('workYears')).toMatchObject({ type: 'number' });
    expect(queryField('rank')).toMatchObject({ type: 'ordinal', table: 'rank' });
    expect(queryField('postLevel')).toMatchObject({ type: 'ordinal', table: 'postLevel' });
    expect(queryField('highestEducation')).toMatchObject({ type: 'ordinal', table: 'education' });
    expect(queryField('birth')).toMatchObject({ type: 'month' });
    expect(queryField('currentPost')).toMatchObject({ type: 'text' });
    expect(queryField('unit')).toMatchObject({ type: 'unit' });
  });

  it('labels every operator in Chinese', () => {
    expect(Object.values(QUERY_OPERATORS).map((o) => o.label)).toEqual([
      '等于', '不等于', '包含', '不包含', '属于', '不属于', '大于', '大于等于', '小于', '小于等于', '介于', '为空', '不为空',
    ]);
  });

  it('offers 为空/不为空 only on fields that can be empty', () => {
    expect(operatorsFor(queryField('name'))).not.toContain('empty');
    expect(operatorsFor(queryField('currentPost'))).toContain('empty');
    expect(operatorsFor(queryField('rank'))).toEqual(TYPE_OPERATORS.ordinal);
    expect(operatorsFor(queryField('unit'))).toEqual(['in', 'notIn']);
  });

  it('starts new conditions with the field’s first operator and an empty value of the right shape', () => {
    expect(newCondition()).toEqual({ kind: 'condition', field: 'name', operator: 'contains', value: null });
    expect(newCondition('unit')).toEqual({ kind: 'condition', field: 'unit', operator: 'in', value: [] });
    expect(initialValue('between')).toEqual([null, null]);
    expect(initialValue('empty')).toBeNull();
  });
});

describe('the rank table orders ranks by level', () => {
  it('一级主任科员 is above 二级主任科员, and 四级调研员 above both', () => {
    const level = (code: string) => lookup('rank', code)!.level!;
    expect(level(一级主任科员)).toBeGreaterThan(level(二级主任科员));
    expect(level(四级调研员)).toBeGreaterThan(level(一级主任科员));
  });
});

describe('text fields', () => {
  const chief = cadre({ currentPost: '新城区委组织部干部科科长' });
  const none = cadre({ currentPost: '' });
  it.each<[QueryOperator, QueryValue, boolean, boolean]>([
    ['eq', '新城区委组织部干部科科长', true, false],
    ['eq', ' 新城区委组织部干部科科长 ', true, false],
    ['eq', '科长', false, false],
    ['ne', '科长', true, true],
    ['ne', '新城区委组织部干部科科长', false, true],
    ['contains', '科长', true, false],
    ['contains', '部长', false, false],
    ['notContains', '部长', true, true],
    ['notContains', '科长', false, true],
    ['empty', null, false, true],
    ['notEmpty', null, true, false],
  ])('现任职务 %s %j: %s for a 科长, %s for an empty post', (op, value, forChief, forNone) => {
    expect(holds(chief, cond('currentPost', op, value))).toBe(forChief);
    expect(holds(none, cond('currentPost', op, value))).toBe(forNone);
  });

  it('matches names', () => {
    expect(holds(cadre({ name: '欧阳明' }), cond('name', 'contains', '欧阳'))).toBe(true);
    expect(holds(cadre({ nativePlace: '江苏南京' }), cond('nativePlace', 'contains', '江苏'))).toBe(true);
  });
});

describe('code fields', () => {
  const han = cadre({ nation: '01' });
  const hui = cadre({ nation: '03' });
  it.each<[QueryOperator, QueryValue, boolean, boolean]>([
    ['eq', '01', true, false],
    ['ne', '01', false, true],
    ['in', ['01', '02'], true, false],
    ['in', ['03'], false, true],
    ['notIn', ['01', '02'], false, true],
  ])('民族 %s %j', (op, value, forHan, forHui) => {
    expect(holds(han, cond('nation', op, value))).toBe(forHan);
    expect(holds(hui, cond('nation', op, value))).toBe(forHui);
  });

  it('tests empty codes with 为空 / 不为空, and lets 不等于 / 不属于 hold for them', () => {
    const healthy = cadre({ health: '01' });
    const unknown = cadre({ health: null });
    expect(holds(unknown, cond('health', 'empty'))).toBe(true);
    expect(holds(healthy, cond('health', 'empty'))).toBe(false);
    expect(holds(unknown, cond('health', 'notEmpty'))).toBe(false);
    expect(holds(healthy, cond('health', 'notEmpty'))).toBe(true);
    expect(holds(unknown, cond('health', 'eq', '01'))).toBe(false);
    expect(holds(unknown, cond('health', 'ne', '01'))).toBe(true);
    expect(holds(unknown, cond('health', 'in', ['01']))).toBe(false);
    expect(holds(unknown, cond('health', 'notIn', ['01']))).toBe(true);
  });

  it('reads 性别, 政治面貌, 人员类别 and 人员状态', () => {
    const c = cadre({ sex: '1', politicalStatus: '13', personnelCategory: '2', status: '01' });
    expect(holds(c, cond('sex', 'eq', '1'))).toBe(true);
    expect(holds(c, cond('politicalStatus', 'eq', '13'))).toBe(true);
    expect(holds(c, cond('personnelCategory', 'in', ['1', '2']))).toBe(true);
    expect(holds(c, cond('status', 'ne', '01'))).toBe(false);
  });
});

describe('ordinal fields compare by level', () => {
  const first = cadre({ rank: 一级主任科员 });
  const second = cadre({ rank: 二级主任科员 });
  const senior = cadre({ rank: 四级调研员 });
  const noRank = cadre({ rank: null });
  const matches = (q: QueryCondition) => [first, second, senior, noRank].filter((c) => holds(c, q));

  it.each<[QueryOperator, QueryValue, Cadre[]]>([
    ['eq', 一级主任科员, [first]],
    ['ne', 一级主任科员, [second, senior, noRank]],
    ['gt', 一级主任科员, [senior]],
    ['gte', 一级主任科员, [first, senior]],
    ['lt', 一级主任科员, [second]],
    ['lte', 一级主任科员, [first, second]],
    ['between', [二级主任科员, 一级主任科员], [first, second]],
    ['between', [一级科员, 四级调研员], [first, second, senior]],
    ['in', [一级主任科员, 四级调研员], [first, senior]],
    ['notIn', [一级主任科员, 四级调研员], [second, noRank]],
    ['empty', null, [noRank]],
    ['notEmpty', null, [first, second, senior]],
  ])('职级 %s %j', (op, value, expected) => {
    expect(matches(cond('rank', op, value))).toEqual(expected);
  });

  it('职务层次 正科 is above 副科', () => {
    const chief = cadre({ postLevel: '2A' });
    const deputy = cadre({ postLevel: '2B' });
    expect(holds(chief, cond('postLevel', 'gt', '2B'))).toBe(true);
    expect(holds(deputy, cond('postLevel', 'gt', '2B'))).toBe(false);
    expect(holds(deputy, cond('postLevel', 'gte', '2B'))).toBe(true);
  });

  it('学历 等于 compares levels: 研究生 matches 研究生班 and 中央党校研究生; 属于 compares codes', () => {
    const edu = (education: string | null) =>
      cadre({ fullTimeEducation: { education, degree: null, school: '', major: '' } });
    const [grad, gradClass, partySchool, college] = [edu('11'), edu('12'), edu('1A'), edu('21')];
    const all = [grad, gradClass, partySchool, college, edu(null)];
    const matching = (q: QueryCondition) => all.filter((c) => holds(c, q));
    expect(matching(cond('fullTimeEducation', 'eq', '11'))).toEqual([grad, gradClass, partySchool]);
    expect(matching(cond('fullTimeEducation', 'eq', '12'))).toEqual([grad, gradClass, partySchool]);
    expect(matching(cond('fullTimeEducation', 'in', ['11']))).toEqual([grad]);
    expect(matching(cond('fullTimeEducation', 'ne', '11'))).toEqual([college, all[4]]);
    expect(matching(cond('fullTimeEducation', 'gte', '21'))).toEqual([grad, gradClass, partySchool, college]);
    expect(matching(cond('fullTimeEducation', 'lt', '21'))).toEqual([]);
  });

  it('最高学历 is the higher of 全日制 and 在职', () => {
    const c = cadre({
      fullTimeEducation: { education: '21', degree: '401', school: '', major: '' },
      inServiceEducation: { education: '1B', degree: null, school: '', major: '' },
    });
    expect(holds(c, cond('highestEducation', 'eq', '11'))).toBe(true);
    expect(holds(c, cond('highestEducation', 'in', ['1B']))).toBe(true);
    expect(holds(c, cond('fullTimeEducation', 'eq', '11'))).toBe(false);
    expect(holds(c, cond('inServiceEducation', 'eq', '11'))).toBe(true);
    const onlyInService = cadre({
      fullTimeEducation: { education: null, degree: null, school: '', major: '' },
      inServiceEducation: { education: '31', degree: null, school: '', major: '' },
    });
    expect(holds(onlyInService, cond('highestEducation', 'eq', '31'))).toBe(true);
    expect(holds(onlyInService, cond('fullTimeEducation', 'empty'))).toBe(true);
    expect(holds(onlyInService, cond('highestEducation', 'empty'))).toBe(false);
  });

  it('学位 等于 compares codes, 大于等于 compares levels (学位≥硕士)', () => {
    const degree = (code: string | null) => cadre({ fullTimeEducation: { education: '11', degree: code, school: '', major: '' } });
    const [lawMaster, engMaster, mpa, doctor, bachelor, none] = [degree('303'), degree('308'), degree('351'), degree('203'), degree('401'), degree(null)];
    const all = [lawMaster, engMaster, mpa, doctor, bachelor, none];
    const matching = (q: QueryCondition) => all.filter((c) => holds(c, q));
    expect(matching(cond('degree', 'eq', '303'))).toEqual([lawMaster]);
    expect(matching(cond('degree', 'gte', '301'))).toEqual([lawMaster, engMaster, mpa, doctor]);
    expect(matching(cond('degree', 'lt', '301'))).toEqual([bachelor]);
    expect(matching(cond('degree', 'empty'))).toEqual([none]);
  });

  it('offers one value per level where the operator compares levels', () => {
    expect(valueOptions(queryField('highestEducation'), 'gte').map((o) => o.label)).toEqual([
      '研究生', '大学', '大专', '中专', '高中', '初中', '小学',
    ]);
    expect(valueOptions(queryField('highestEducation'), 'eq').map((o) => o.label)).toHaveLength(7);
    expect(valueOptions(queryField('highestEducation'), 'in')).toHaveLength(16);
    expect(valueOptions(queryField('degree'), 'gte')).toEqual([
      { value: '1', label: '名誉博士' },
      { value: '201', label: '博士' },
      { value: '301', label: '硕士' },
      { value: '401', label: '学士' },
    ]);
    expect(valueOptions(queryField('degree'), 'eq').length).toBeGreaterThan(4);
    expect(valueOptions(queryField('rank'), 'gte').map((o) => o.label)[0]).toBe('一级巡视员');
    expect(valueOptions(queryField('nation'), 'eq')[0]).toEqual({ value: '01', label: '汉族' });
    expect(valueOptions(queryField('age'), 'eq')).toEqual([]);
    expect(comparesByLevel(queryField('degree'), 'eq')).toBe(false);
    expect(comparesByLevel(queryField('highestEducation'), 'eq')).toBe(true);
    expect(comparesByLevel(queryField('rank'), 'in')).toBe(false);
  });
});

describe('number fields: full years as of the reference month', () => {
  it('counts age the docs/domain.md#dates-and-ages way: 1980.05 is 45 in 2025.05 and 44 in 2025.04', () => {
    const c = cadre({ birth: '1980-05' });
    expect(holds(c, cond('age', 'eq', 45), { ...CTX, asOf: '2025-05' })).toBe(true);
    expect(holds(c, cond('age', 'eq', 44), { ...CTX, asOf: '2025-04' })).toBe(true);
    expect(holds(c, cond('age', 'eq', 44), { ...CTX, asOf: '2025-05' })).toBe(false);
  });

  it('年龄≤40 includes a cadre who turns 41 next month and excludes one who turned 41 this month', () => {
    const turns41ThisMonth = cadre({ birth: '1984-05' });
    const turns41NextMonth = cadre({ birth: '1984-06' });
    expect(holds(turns41ThisMonth, cond('age', 'lte', 40))).toBe(false);
    expect(holds(turns41NextMonth, cond('age', 'lte', 40))).toBe(true);
    expect(holds(turns41NextMonth, cond('age', 'lt', 40))).toBe(false);
  });

  it('agrees with months.ts fullYears over every birth month across 30 years', () => {
    for (let birth = '1970-01'; birth < '2000-01'; birth = addMonths(birth, 1)) {
      const age = fullYears(birth, CTX.asOf);
      const c = cadre({ birth });
      expect(holds(c, cond('age', 'eq', age))).toBe(true);
      expect(holds(c, cond('age', 'eq', age + 1))).toBe(false);
    }
  });

  const forty = cadre({ birth: '1985-05' });
  it.each<[QueryOperator, QueryValue, boolean]>([
    ['eq', 40, true],
    ['ne', 40, false],
    ['ne', 39, true],
    ['gt', 39, true],
    ['gt', 40, false],
    ['gte', 40, true],
    ['gte', 41, false],
    ['lt', 41, true],
    ['lt', 40, false],
    ['lte', 40, true],
    ['lte', 39, false],
    ['between', [35, 40], true],
    ['between', [40, 45], true],
    ['between', [41, 45], false],
  ])('年龄 40 %s %j → %s', (op, value, expected) => {
    expect(holds(forty, cond('age', op, value))).toBe(expected);
  });

  it('党龄 and 工龄 count from 入党时间 and 参加工作时间; no 入党时间 means no 党龄', () => {
    const member = cadre({ partyJoined: '2005-06', workStarted: '2003-07' });
    const nonMember = cadre({ politicalStatus: '13', partyJoined: null });
    expect(holds(member, cond('partyYears', 'eq', 19))).toBe(true);
    expect(holds(member, cond('workYears', 'eq', 21))).toBe(true);
    expect(holds(member, cond('workYears', 'gte', 20))).toBe(true);
    expect(holds(nonMember, cond('partyYears', 'empty'))).toBe(true);
    expect(holds(member, cond('partyYears', 'empty'))).toBe(false);
    expect(holds(nonMember, cond('partyYears', 'notEmpty'))).toBe(false);
    for (const op of ['eq', 'gt', 'gte', 'lt', 'lte'] as const) expect(holds(nonMember, cond('partyYears', op, 10))).toBe(false);
    expect(holds(nonMember, cond('partyYears', 'between', [0, 150]))).toBe(false);
    expect(holds(nonMember, cond('partyYears', 'ne', 10))).toBe(true);
  });

  it('任现职级年限 counts from 任现职级时间', () => {
    const c = cadre({ rank: 二级主任科员, rankSince: '2023-03' });
    expect(holds(c, cond('rankYears', 'gte', 2))).toBe(true);
    expect(holds(c, cond('rankYears', 'gte', 2), { ...CTX, asOf: '2025-02' })).toBe(false);
  });
});

describe('month fields', () => {
  const c = cadre({ birth: '1985-07', partyJoined: null });
  it.each<[QueryOperator, QueryValue, boolean]>([
    ['eq', '1985-07', true],
    ['eq', '1985-08', false],
    ['ne', '1985-08', true],
    ['gt', '1985-06', true],
    ['gt', '1985-07', false],
    ['gte', '1985-07', true],
    ['lt', '1985-08', true],
    ['lt', '1985-07', false],
    ['lte', '1985-07', true],
    ['lte', '1984-12', false],
    ['between', ['1985-01', '1985-12'], true],
    ['between', ['1985-07', '1985-07'], true],
    ['between', ['1985-08', '1990-01'], false],
  ])('出生年月 1985.07 %s %j → %s', (op, value, expected) => {
    expect(holds(c, cond('birth', op, value))).toBe(expected);
  });

  it('compares across years by month, not by text alone', () => {
    expect(holds(cadre({ workStarted: '2009-12' }), cond('workStarted', 'lt', '2010-01'))).toBe(true);
    expect(holds(cadre({ workStarted: '2010-10' }), cond('workStarted', 'gt', '2010-09'))).toBe(true);
  });

  it('tests empty months', () => {
    expect(holds(c, cond('partyJoined', 'empty'))).toBe(true);
    expect(holds(c, cond('partyJoined', 'notEmpty'))).toBe(false);
    expect(holds(c, cond('partyJoined', 'lt', '2030-01'))).toBe(false);
    expect(holds(c, cond('partyJoined', 'ne', '2000-01'))).toBe(true);
    expect(holds(cadre({ rankSince: '2020-01' }), cond('rankSince', 'notEmpty'))).toBe(true);
  });
});

describe('the unit field matches a unit and everything below it', () => {
  const inSection = cadre({ unitId: 'cadreSection' });
  const inOrg = cadre({ unitId: 'org' });
  const inStreet = cadre({ unitId: 'street' });
  const all = [inSection, inOrg, inStreet];
  const matching = (q: QueryCondition) => all.filter((c) => holds(c, q));
  it('属于 / 不属于', () => {
    expect(matching(cond('unit', 'in', ['org']))).toEqual([inSection, inOrg]);
    expect(matching(cond('unit', 'in', ['district']))).toEqual(all);
    expect(matching(cond('unit', 'in', ['cadreSection', 'street']))).toEqual([inSection, inStreet]);
    expect(matching(cond('unit', 'notIn', ['org']))).toEqual([inStreet]);
  });

  it('asks for each subtree once, when compiling', () => {
    const asked: string[] = [];
    const predicate = compileQuery(and(cond('unit', 'in', ['org'])), {
      asOf: '2025-05',
      unitSubtree: (id) => {
        asked.push(id);
        return subtree(id);
      },
    });
    for (const c of all) predicate(c);
    expect(asked).toEqual(['org']);
  });
});

describe('groups', () => {
  const young = cadre({ birth: '1990-01', sex: '1' });
  const old = cadre({ birth: '1960-01', sex: '2' });
  const middle = cadre({ birth: '1975-01', sex: '2' });
  const everyone = [young, old, middle];
  const matching = (q: QueryGroup) => everyone.filter(compileQuery(q, CTX));

  it('an empty group matches everyone', () => {
    expect(matching(emptyQuery())).toEqual(everyone);
    expect(matching(emptyQuery('or'))).toEqual(everyone);
  });

  it('且 needs every condition, 或 any', () => {
    expect(matching(and(cond('age', 'lt', 40), cond('sex', 'eq', '1')))).toEqual([young]);
    expect(matching(and(cond('age', 'lt', 40), cond('sex', 'eq', '2')))).toEqual([]);
    expect(matching(or(cond('age', 'lt', 40), cond('sex', 'eq', '2')))).toEqual(everyone);
    expect(matching(or(cond('age', 'gt', 60), cond('age', 'lt', 40)))).toEqual([young, old]);
  });

  it('nests: 女 且 （年龄>60 或 年龄<40）', () => {
    const q = and(cond('sex', 'eq', '2'), or(cond('age', 'gt', 60), cond('age', 'lt', 40)));
    expect(matching(q)).toEqual([old]);
    const q2 = or(and(cond('sex', 'eq', '1'), cond('age', 'lt', 40)), and(cond('sex', 'eq', '2'), cond('age', 'lt', 55)));
    expect(matching(q2)).toEqual([young, middle]);
  });

  it('nests three deep', () => {
    const q = or(cond('age', 'gt', 100), and(cond('sex', 'eq', '2'), or(cond('birth', 'eq', '1975-01'), cond('name', 'eq', '无此人'))));
    expect(matching(q)).toEqual([middle]);
  });
});

describe('the issue’s example: 年龄≤40 且 学历=研究生 且 职级≥一级主任科员', () => {
  const query = and(cond('age', 'lte', 40), cond('highestEducation', 'eq', '11'), cond('rank', 'gte', 一级主任科员));
  const edu = (education: string) => ({ education, degree: null, school: '', major: '' });
  const fits = cadre({ birth: '1986-03', fullTimeEducation: edu('11'), rank: 一级主任科员 });
  const fitsHigher = cadre({ birth: '1985-05', fullTimeEducation: edu('21'), inServiceEducation: edu('1A'), rank: 四级调研员 });
  const tooOld = cadre({ birth: '1984-05', fullTimeEducation: edu('11'), rank: 一级主任科员 });
  const college = cadre({ birth: '1990-01', fullTimeEducation: edu('21'), rank: 一级主任科员 });
  const lowRank = cadre({ birth: '1990-01', fullTimeEducation: edu('11'), rank: 二级主任科员 });
  const noRank = cadre({ birth: '1990-01', fullTimeEducation: edu('11'), rank: null });

  it('selects exactly the matching cadres', () => {
    const predicate = compileQuery(query, CTX);
    expect([fits, fitsHigher, tooOld, college, lowRank, noRank].filter(predicate)).toEqual([fits, fitsHigher]);
  });

  it('survives a JSON round trip (as a saved query)', () => {
    const stored = JSON.parse(JSON.stringify(query)) as unknown;
    const result = validateQuery(stored);
    expect(result).toEqual({ ok: true, query });
    expect(QueryGroupSchema.parse(stored)).toEqual(query);
  });

  it('reads as a sentence', () => {
    expect(describeQuery(query)).toBe('年龄 小于等于 40 且 最高学历 等于 研究生 且 职级 大于等于 一级主任科员');
  });

  it('runs over 100,000 cadres quickly (the 200 ms budget is for Chromium; this is a loose guard)', () => {
    const ranks = [一级主任科员, 二级主任科员, 四级调研员, 一级科员, null];
    const educations = ['11', '12', '21', '31', null];
    const cadres: QueryCadre[] = [];
    for (let i = 0; i < 100_000; i++) {
      cadres.push({
        ...fits,
        birth: addMonths('1960-01', i % 480),
        rank: ranks[i % 5]!,
        fullTimeEducation: { education: educations[(i >> 3) % 5]!, degree: null },
        inServiceEducation: { education: null },
        unitId: i % 2 ? 'org' : 'street',
      });
    }
    const q4 = and(...query.children, cond('unit', 'in', ['org']));
    // timing belongs in bench/; here the count is checked against a plain re-implementation
    const count = cadres.filter(compileQuery(q4, CTX)).length;
    expect(count).toBe(cadres.filter((c) => c.unitId === 'org' && compileQuery(query, CTX)(c)).length);
    expect(count).toBeGreaterThan(0);
  });
});

describe('validateQuery', () => {
  const fails = (query: unknown) => {
    const result = validateQuery(query);
    if (result.ok) throw new Error('expected a failure');
    return { message: result.message, path: result.path };
  };

  it('accepts valid queries, the empty one included', () => {
    expect(validateQuery(emptyQuery()).ok).toBe(true);
    expect(validateQuery(and(cond('currentPost', 'empty'), or(cond('age', 'between', [30, 40]), cond('unit', 'in', ['org'])))).ok).toBe(true);
  });

  it('rejects 年龄 "abc", fractions and out-of-range numbers', () => {
    expect(fails(and(cond('age', 'lte', 'abc')))).toEqual({ message: '“年龄”的值应为整数，例如 40', path: [0] });
    expect(fails(and(cond('age', 'lte', 40.5))).message).toBe('“年龄”的值应为整数，例如 40');
    expect(fails(and(cond('workYears', 'gt', -1))).message).toBe('“工龄”的值应在0到150之间');
  });

  it('rejects codes not in the table', () => {
    expect(fails(and(cond('rank', 'gte', '99')))).toEqual({ message: '“职级”的代码“99”不在“职级”代码表中', path: [0] });
    expect(fails(and(cond('nation', 'in', ['01', '77']))).message).toBe('“民族”的代码“77”不在“民族”代码表中');
  });

  it('rejects missing values', () => {
    expect(fails(and(cond('currentPost', 'contains', '  '))).message).toBe('请填写“现任职务”的值');
    expect(fails(and(cond('rank', 'eq', null))).message).toBe('请选择“职级”的值');
    expect(fails(and(cond('nation', 'in', []))).message).toBe('请至少选择一个“民族”的值');
    expect(fails(and(cond('unit', 'in', []))).message).toBe('请至少选择一个“所在单位”的值');
    expect(fails(and(cond('age', 'between', [30, null]))).message).toBe('请填写“年龄”介于的两个值');
  });

  it('rejects malformed months and reversed ranges', () => {
    expect(fails(and(cond('birth', 'gt', '1985.07'))).message).toBe('“出生年月”的值应为“年-月”，例如 1985-07');
    expect(fails(and(cond('age', 'between', [40, 30]))).message).toBe('“年龄”的范围应从小到大填写');
    expect(fails(and(cond('birth', 'between', ['1990-01', '1980-01']))).message).toBe('“出生年月”的范围应从早到晚填写');
    expect(fails(and(cond('rank', 'between', [一级主任科员, 二级主任科员]))).message).toBe('“职级”的范围应从低到高填写');
  });

  it('rejects operators the field does not have', () => {
    expect(fails(and(cond('name', 'gt', '张'))).message).toBe('“姓名”不能使用“大于”条件');
    expect(fails(and(cond('sex', 'empty'))).message).toBe('“性别”不能使用“为空”条件');
    expect(fails(and(cond('age', 'contains', 4))).message).toBe('“年龄”不能使用“包含”条件');
  });

  it('rejects a list where one value is expected', () => {
    expect(fails(and(cond('rank', 'eq', [一级主任科员]))).message).toBe('“职级”只能填写一个值');
  });

  it('points at the nested node and at empty nested groups', () => {
    const q = and(cond('age', 'lte', 40), or(cond('sex', 'eq', '1'), and(cond('rank', 'gte', 'x'))));
    expect(fails(q)).toEqual({ message: '“职级”的代码“x”不在“职级”代码表中', path: [1, 1, 0] });
    expect(fails(and(cond('age', 'lte', 40), or()))).toEqual({ message: '条件组中还没有条件，请添加条件或删除该组', path: [1] });
  });

  it('rejects unknown fields, operators and shapes', () => {
    expect(fails({ kind: 'group', op: 'and', children: [{ kind: 'condition', field: 'salary', operator: 'eq', value: 1 }] })).toEqual({
      message: '未知的查询字段“salary”',
      path: [0],
    });
    expect(fails(and(or({ kind: 'condition', field: 'age', operator: 'like', value: 1 } as unknown as QueryNode)))).toEqual({
      message: '未知的查询条件“like”',
      path: [0, 0],
    });
    expect(fails({ kind: 'group', op: 'xor', children: [] }).message).toBe('查询条件的格式不正确');
    expect(fails(null).message).toBe('查询条件的格式不正确');
  });

  it('lists every issue for the builder', () => {
    const q = and(cond('age', 'lte', null), cond('sex', 'eq', '1'), or(cond('rank', 'gte', null)));
    expect(queryIssues(q)).toEqual([
      { message: '请填写“年龄”的值', path: [0] },
      { message: '请选择“职级”的值', path: [2, 0] },
    ]);
    expect(queryIssues(emptyQuery())).toEqual([]);
  });

  it('compileQuery refuses an invalid query with a QueryError carrying the path', () => {
    expect(() => compileQuery(and(cond('age', 'lte', 'abc')), CTX)).toThrow(QueryError);
    try {
      compileQuery(and(cond('sex', 'eq', '1'), cond('age', 'lte', 'abc')), CTX);
    } catch (e) {
      expect(e).toMatchObject({ message: '“年龄”的值应为整数，例如 40', path: [1] });
    }
    expect(() => compileQuery(emptyQuery(), { ...CTX, asOf: '2025.05' })).toThrow();
  });
});

describe('describeQuery', () => {
  const names: Record<string, string> = { org: '区委组织部', street: '新城街道' };
  const ctx = { unitName: (id: string) => names[id] };

  it('reads every kind of value', () => {
    expect(describeQuery(and(cond('currentPost', 'contains', ' 科长 ')))).toBe('现任职务 包含 “科长”');
    expect(describeQuery(and(cond('nation', 'in', ['01', '03'])))).toBe('民族 属于 汉族、回族');
    expect(describeQuery(and(cond('nation', 'notIn', ['01'])))).toBe('民族 不属于 汉族');
    expect(describeQuery(and(cond('birth', 'between', ['1980-01', '1989-12'])))).toBe('出生年月 介于 1980.01 至 1989.12');
    expect(describeQuery(and(cond('age', 'between', [30, 40])))).toBe('年龄 介于 30 至 40');
    expect(describeQuery(and(cond('partyJoined', 'empty')))).toBe('入党时间 为空');
    expect(describeQuery(and(cond('partyYears', 'notEmpty')))).toBe('党龄 不为空');
    expect(describeQuery(and(cond('unit', 'in', ['org', 'street'])), ctx)).toBe('所在单位 属于 区委组织部、新城街道');
    expect(describeQuery(and(cond('unit', 'in', ['gone'])), ctx)).toBe('所在单位 属于 gone');
  });

  it('names levels where the operator compares levels, codes elsewhere', () => {
    expect(describeQuery(and(cond('highestEducation', 'eq', '12')))).toBe('最高学历 等于 研究生');
    expect(describeQuery(and(cond('highestEducation', 'in', ['12'])))).toBe('最高学历 属于 研究生班');
    expect(describeQuery(and(cond('degree', 'gte', '303')))).toBe('全日制学位 大于等于 硕士');
    expect(describeQuery(and(cond('degree', 'eq', '303')))).toBe('全日制学位 等于 法学硕士');
    expect(describeQuery(and(cond('rank', 'between', [二级主任科员, 一级主任科员])))).toBe('职级 介于 二级主任科员 至 一级主任科员');
  });

  it('puts nested groups of several conditions in parentheses', () => {
    const q = and(cond('sex', 'eq', '2'), or(cond('age', 'gt', 60), cond('age', 'lt', 40)));
    expect(describeQuery(q)).toBe('性别 等于 女 且 （年龄 大于 60 或 年龄 小于 40）');
    const deep = or(and(cond('sex', 'eq', '1'), or(cond('rank', 'eq', 一级主任科员), cond('rank', 'eq', 一级科员))), cond('age', 'lt', 30));
    expect(describeQuery(deep)).toBe('（性别 等于 男 且 （职级 等于 一级主任科员 或 职级 等于 一级科员）） 或 年龄 小于 30');
    expect(describeQuery(and(or(cond('age', 'gt', 60), cond('age', 'lt', 40))))).toBe('年龄 大于 60 或 年龄 小于 40');
    expect(describeQuery(and(cond('sex', 'eq', '1'), or(cond('age', 'gt', 60))))).toBe('性别 等于 男 且 年龄 大于 60');
    // a single-child group passes its child through, parentheses and all
    expect(describeQuery(and(cond('sex', 'eq', '1'), and(or(cond('age', 'gt', 60), cond('age', 'lt', 40)))))).toBe(
      '性别 等于 男 且 （年龄 大于 60 或 年龄 小于 40）',
    );
  });

  it('reads empty queries and half-filled conditions', () => {
    expect(describeQuery(emptyQuery())).toBe('全部干部');
    expect(describeQuery(and(cond('age', 'lte', null), or()))).toBe('年龄 小于等于 ？ 且 （无条件）');
    expect(describeQuery(and(cond('nation', 'in', []), cond('age', 'between', [30, null])))).toBe('民族 属于 ？ 且 年龄 介于 30 至 ？');
  });
});
