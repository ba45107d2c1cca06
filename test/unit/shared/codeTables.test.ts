import { describe, expect, it } from 'vitest';
import { caption, codeTables, lookup, type CodeTableId } from '../../../shared/code';

const tableIds = Object.keys(codeTables) as CodeTableId[];
const codesOf = (t: CodeTableId) => codeTables[t].entries.map((e) => e.code);
const pad2 = (n: number) => String(n).padStart(2, '0');

describe('every code table', () => {
  it('there are tables to check', () => {
    expect(tableIds.length).toBeGreaterThanOrEqual(16);
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

describe('学历 (organization-system table, docs/domain.md#code-tables)', () => {
  it('has exactly the codes docs/domain.md#code-tables lists, in order', () => {
    expect(codesOf('education')).toEqual([
      '11', '12', '1A', '1B', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '38', '39',
    ]);
  });

  it('captions as docs/domain.md#code-tables', () => {
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

describe('称谓 (GB/T 4761-2008 家庭关系代码)', () => {
  // The standard's two-digit codes without 01 本人 and 02 户主 (a family member is never the cadre), and 98, which
  // the standard does not use.
  const standard = [
    ...[10, 11, 12],
    ...Array.from({ length: 10 }, (_, i) => 20 + i),
    ...Array.from({ length: 10 }, (_, i) => 30 + i),
    ...Array.from({ length: 10 }, (_, i) => 40 + i),
    ...Array.from({ length: 10 }, (_, i) => 50 + i),
    ...Array.from({ length: 10 }, (_, i) => 60 + i),
    ...Array.from({ length: 10 }, (_, i) => 70 + i),
    ...Array.from({ length: 18 }, (_, i) => 80 + i),
    99,
  ].map(String);

  it('has exactly the standard’s codes, in its order', () => {
    expect(codesOf('relation')).toEqual(standard);
  });

  it('every code stored before the table was completed is still valid, with the same meaning', () => {
    const before: Record<string, string> = {
      '11': '丈夫', '12': '妻子', '21': '独生子', '22': '长子', '23': '次子', '24': '三子',
      '31': '独生女', '32': '长女', '33': '次女', '34': '三女',
      '51': '父亲', '52': '母亲', '53': '公公', '54': '婆婆', '55': '岳父', '56': '岳母',
      '71': '哥哥', '73': '弟弟', '75': '姐姐', '77': '妹妹',
    };
    for (const [code, text] of Object.entries(before)) expect(caption('relation', code), code).toBe(text);
    // 97 is the standard's 其他亲属; its 80 is 其他
    expect(caption('relation', '97')).toBe('其他亲属');
    expect(caption('relation', '80')).toBe('其他');
  });

  it('has the generic terms of each group, not only 长子/次子', () => {
    const generic: Record<string, string> = {
      '10': '配偶', '20': '儿子', '30': '女儿', '50': '父母', '70': '兄弟姐妹', '99': '非亲属',
    };
    for (const [code, text] of Object.entries(generic)) expect(caption('relation', code), code).toBe(text);
  });

  it('keeps the standard’s wording where the caption is the everyday word', () => {
    expect(lookup('relation', '11')?.full).toBe('夫');
    expect(lookup('relation', '20')?.full).toBe('子');
    expect(lookup('relation', '71')?.full).toBe('兄');
    expect(lookup('relation', '40')?.full).toBe('孙子、孙女或外孙子、外孙女');
  });

  it('groups by the first digit as the standard does (spouse 1, sons 2, daughters 3 … others 8–9)', () => {
    const group = (c: string) => c[0];
    expect(codesOf('relation').filter((c) => group(c) === '1').map((c) => caption('relation', c))).toEqual(['配偶', '丈夫', '妻子']);
    expect(caption('relation', '28')).toBe('女婿'); // a son-in-law sits with the sons
    expect(caption('relation', '38')).toBe('儿媳'); // a daughter-in-law with the daughters
  });
});

describe('单位级别, 单位类别, 隶属关系', () => {
  it('单位级别: 正处级 above 副处级 above 正科级 above 副科级 above 股级; 不定级 has no level', () => {
    expect(codeTables.unitLevel.entries.map((e) => e.caption)).toEqual(['正处级', '副处级', '正科级', '副科级', '股级', '不定级']);
    const levels = codeTables.unitLevel.entries.filter((e) => e.level !== undefined).map((e) => e.level!);
    expect(levels).toEqual([...levels].sort((a, b) => b - a));
    expect(new Set(levels).size).toBe(levels.length);
    expect(lookup('unitLevel', '90')?.level).toBeUndefined();
  });

  it('单位类别 covers the bodies of a district', () => {
    const captions = codeTables.unitCategory.entries.map((e) => e.caption);
    for (const c of ['党委部门', '政府部门', '人大机关', '政协机关', '审判机关', '检察机关', '群团组织', '街道', '乡镇', '事业单位', '国有企业', '其他']) {
      expect(captions, c).toContain(c);
    }
  });

  it('隶属关系 uses the codes of GB/T 12404 with a district’s words', () => {
    expect(codesOf('unitAffiliation')).toEqual(['10', '20', '40', '50', '61', '62', '63', '71', '72', '90']);
    expect(caption('unitAffiliation', '50')).toBe('区属');
    expect(caption('unitAffiliation', '40')).toBe('市属驻区');
    expect(caption('unitAffiliation', '61')).toBe('街道属');
    expect(lookup('unitAffiliation', '50')?.full).toMatch(/^县/);
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
