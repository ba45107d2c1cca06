import { describe, expect, it } from 'vitest';
import { caption, codeTables, lookup, type CodeTableId } from '../../../shared/code';

const tableIds = Object.keys(codeTables) as CodeTableId[];
const codesOf = (t: CodeTableId) => codeTables[t].entries.map((e) => e.code);
const pad2 = (n: number) => String(n).padStart(2, '0');

describe('every code table', () => {
  it('there are tables to check', () => {
    expect(tableIds.length).toBeGreaterThanOrEqual(13);
  });

  it.each(tableIds)('%s: id matches its key, has a name, unique codes and non-empty captions', (id) => {
    const table = codeTables[id];
    expect(table.id).toBe(id);
    expect(table.name.trim()).not.toBe('');
    expect(table.entries.length).toBeGreaterThan(0);
    const codes = codesOf(id);
    expect(new Set(codes).size).toBe(codes.length);
    for (const e of table.entries) {
      expect(e.code).toMatch(/^[0-9A-Z]+$/);
      expect(e.caption.trim(), `${id} ${e.code}`).not.toBe('');
      if (e.full !== undefined) expect(e.full.trim()).not.toBe('');
    }
  });

  it.each(tableIds)('%s: captions are unique', (id) => {
    const captions = codeTables[id].entries.map((e) => e.caption);
    expect(new Set(captions).size).toBe(captions.length);
  });
});

describe('民族 (GB/T 3304)', () => {
  it('01 汉族 … 56 基诺族, then 97 and 98', () => {
    const codes = codesOf('nation');
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => pad2(i + 1)), '97', '98']);
    expect(caption('nation', '01')).toBe('汉族');
    expect(caption('nation', '02')).toBe('蒙古族');
    expect(caption('nation', '08')).toBe('壮族');
    expect(caption('nation', '29')).toBe('柯尔克孜族');
    expect(caption('nation', '56')).toBe('基诺族');
    expect(caption('nation', '97')).toBe('其他');
    expect(caption('nation', '98')).toBe('外国血统');
    expect(lookup('nation', '98')?.full).toBe('外国血统中国籍人士');
    for (const c of codeTables.nation.entries.slice(0, 56)) expect(c.caption).toMatch(/族$/);
  });
});

describe('学历 (organization-system table, DOMAIN.md)', () => {
  it('has exactly the codes DOMAIN.md lists, in order', () => {
    expect(codesOf('education')).toEqual([
      '11', '12', '1A', '1B', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '38', '39',
    ]);
  });

  it('captions as DOMAIN.md', () => {
    const expected: Record<string, string> = {
      '11': '研究生', '12': '研究生班', '1A': '中央党校研究生', '1B': '省委党校研究生',
      '21': '大学', '22': '中央党校大学', '23': '省委党校大学',
      '31': '大专', '32': '省委党校大专', '33': '大学普通班', '34': '中央党校大专',
      '35': '中专', '36': '中技', '37': '高中', '38': '初中', '39': '小学',
    };
    for (const [code, text] of Object.entries(expected)) expect(caption('education', code), code).toBe(text);
  });

  it('levels order them, 研究生 highest and 小学 lowest', () => {
    const level = (c: string) => lookup('education', c)!.level!;
    expect(level('11')).toBeGreaterThan(level('21'));
    expect(level('21')).toBeGreaterThan(level('31'));
    expect(level('31')).toBeGreaterThan(level('35'));
    expect(level('37')).toBeGreaterThan(level('38'));
    expect(level('38')).toBeGreaterThan(level('39'));
    expect(level('1A')).toBe(level('11'));
  });
});

describe('政治面貌 (GB/T 4762)', () => {
  it('01..13', () => {
    expect(codesOf('politicalStatus')).toEqual(Array.from({ length: 13 }, (_, i) => pad2(i + 1)));
    expect(caption('politicalStatus', '01')).toBe('中共党员');
    expect(caption('politicalStatus', '03')).toBe('共青团员');
    expect(caption('politicalStatus', '12')).toBe('无党派人士');
    expect(caption('politicalStatus', '13')).toBe('群众');
  });
});

describe('学位 (GB/T 6864)', () => {
  const disciplines = ['哲学', '经济学', '法学', '教育学', '文学', '历史学', '理学', '工学', '农学', '医学', '军事学', '管理学'];

  it('has 1, 201..212, 301..312, 401..412', () => {
    const codes = new Set(codesOf('degree'));
    expect(codes.has('1')).toBe(true);
    for (const prefix of ['2', '3', '4']) {
      for (let i = 1; i <= 12; i++) expect(codes.has(`${prefix}${pad2(i)}`), `${prefix}${pad2(i)}`).toBe(true);
      expect(codes.has(`${prefix}13`)).toBe(false);
      expect(codes.has(`${prefix}00`)).toBe(false);
    }
  });

  it('the last two digits are the discipline', () => {
    disciplines.forEach((d, i) => {
      expect(caption('degree', `2${pad2(i + 1)}`)).toBe(`${d}博士`);
      expect(caption('degree', `3${pad2(i + 1)}`)).toBe(`${d}硕士`);
      expect(caption('degree', `4${pad2(i + 1)}`)).toBe(`${d}学士`);
    });
    expect(caption('degree', '1')).toBe('名誉博士');
  });

  it('professional degrees are further entries', () => {
    expect(caption('degree', '351')).toBe('公共管理硕士');
  });
});

describe('职级 (rank)', () => {
  it('ordered with 一级巡视员 highest and 二级科员 lowest', () => {
    const entries = codeTables.rank.entries;
    expect(entries).toHaveLength(12);
    const byLevel = [...entries].sort((a, b) => b.level! - a.level!);
    expect(byLevel[0]!.caption).toBe('一级巡视员');
    expect(byLevel.at(-1)!.caption).toBe('二级科员');
    const levels = entries.map((e) => e.level!);
    expect(new Set(levels).size).toBe(levels.length);
    // listed most senior first
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    const level = (c: string) => entries.find((e) => e.caption === c)!.level!;
    expect(level('二级巡视员')).toBeGreaterThan(level('一级调研员'));
    expect(level('四级调研员')).toBeGreaterThan(level('一级主任科员'));
    expect(level('四级主任科员')).toBeGreaterThan(level('一级科员'));
  });
});

describe('other tables', () => {
  it('健康状况, 性别, 职务层次', () => {
    expect(codeTables.health.entries.map((e) => e.caption)).toEqual(['健康', '一般', '较差']);
    expect(caption('sex', '1')).toBe('男');
    expect(caption('sex', '2')).toBe('女');
    const pl = (c: string) => lookup('postLevel', c)!.level!;
    expect(pl('1A')).toBeGreaterThan(pl('1B'));
    expect(pl('1B')).toBeGreaterThan(pl('2A'));
    expect(pl('2A')).toBeGreaterThan(pl('2B'));
  });
});

describe('caption / lookup', () => {
  it('returns the caption of a known code', () => {
    expect(caption('politicalStatus', '01')).toBe('中共党员');
    expect(lookup('politicalStatus', '01')?.full).toBe('中国共产党党员');
  });

  it('returns the code itself for an unknown code, so nothing disappears', () => {
    expect(caption('nation', '99')).toBe('99');
    expect(caption('education', 'ZZ')).toBe('ZZ');
    expect(lookup('nation', '99')).toBeUndefined();
  });

  it("returns '' for null, undefined and ''", () => {
    expect(caption('nation', null)).toBe('');
    expect(caption('nation', undefined)).toBe('');
    expect(caption('nation', '')).toBe('');
  });

  it('looks up within the named table only', () => {
    // '11' is 研究生 in 学历 and 台盟盟员 in 政治面貌
    expect(caption('education', '11')).toBe('研究生');
    expect(caption('politicalStatus', '11')).toBe('台盟盟员');
  });
});
