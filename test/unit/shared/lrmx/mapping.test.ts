import { describe, expect, it } from 'vitest';
import '../../../../shared/zodLocale';
import { CadreFieldsSchema, type AnnualAssessment, type FamilyMember, type RewardPunishment } from '../../../../shared/domain/cadre';
import {
  LrmxPersonSchema,
  buildLrmx,
  dossierToLrmx,
  formatResume,
  lrmxToDossier,
  parseLrmx,
  parseResume,
  readLrmxMonth,
  type LrmxDossier,
  type LrmxImport,
  type LrmxPerson,
} from '../../../../shared/lrmx';
import { sampleCadreInput } from '../../../fixtures/cadre';
import { TODAY, fixtureBytes, fixtureText } from './fixtures';

const importOf = (p: LrmxPerson) => lrmxToDossier(p, { today: TODAY });

/** The records a commit would write from an import (the drafts as they are, relations filled). */
function dossierOf(im: LrmxImport): LrmxDossier {
  const { unitId: _u, personnelCategory: _p, status: _s, photo: _ph, ...cadre } = CadreFieldsSchema.parse({
    ...im.cadre,
    unitId: 'u',
    personnelCategory: '1',
    status: '01',
  });
  return {
    cadre,
    career: im.career,
    family: im.family.map((f) => ({ ...f, relation: f.relation! })),
    rewards: [],
    assessments: im.assessments,
  };
}

describe('lrmxToDossier on the editor sample', () => {
  const person = parseLrmx(fixtureText('editor-3.2.1.6.lrmx'));
  const im = importOf(person);

  it('drafts a basic record the schema accepts: captions as codes, dates as YYYY-MM, schools split', () => {
    expect(im.cadre).toEqual({
      name: '王建国',
      sex: '1',
      birth: '1980-05',
      nation: '01',
      nativePlace: '江苏南京',
      birthPlace: '江苏南京',
      idNumber: '320102198005151238',
      politicalStatus: '01',
      partyJoined: '2001-06',
      workStarted: '2002-07',
      health: '01',
      maritalStatus: null,
      professionalTitle: '经济师',
      expertise: '组织人事 & 党建工作',
      fullTimeEducation: { education: '21', degree: '405', school: '南京大学', major: '中文系汉语言文学专业' },
      inServiceEducation: { education: '11', degree: '351', school: '南京大学', major: '政府管理学院公共管理专业' },
      currentPost: '新城区委组织部副部长',
      postLevel: null,
      rank: null,
      rankSince: null,
    });
    expect(CadreFieldsSchema.safeParse({ ...im.cadre, unitId: 'u', personnelCategory: '1', status: '01' }).success).toBe(true);
  });

  it('reads the 简历 lines, appending the continuation line to the entry above it', () => {
    expect(im.career).toEqual([
      { from: '1998-09', to: '2002-07', unit: '南京大学中文系汉语言文学专业学习', post: '', kind: 'study' },
      { from: '2002-07', to: '2008-03', unit: '新城区东街道办事处科员', post: '', kind: 'work' },
      {
        from: '2008-03',
        to: '2015-12',
        unit: '新城区委组织部干部科副科长、科长（其间：2010.09--2013.07在南京大学政府管理学院公共管理专业在职研究生学习，获公共管理硕士学位）',
        post: '',
        kind: 'work',
      },
      { from: '2015-12', to: null, unit: '新城区委组织部副部长', post: '', kind: 'work' },
    ]);
  });

  it('reads family members with relation and status codes, birth months, and the deceased mother', () => {
    expect(im.family.map((f) => [f.relation, f.name, f.birth, f.politicalStatus, f.deceased, f.retired])).toEqual([
      ['12', '李梅', '1982-07', '01', false, false],
      ['22', '王子涵', '2008-09', '03', false, false],
      ['51', '王德福', '1953-04', '01', false, true],
      ['52', '张秀英', '1955-08', '13', true, false],
    ]);
  });

  it('reads the 年度考核 sentence, the photo, and keeps what the dossier cannot hold', () => {
    expect(im.assessments).toEqual([
      { year: 2023, grade: '2' },
      { year: 2024, grade: '1' },
    ]);
    expect(Buffer.from(im.photoBase64!, 'base64').equals(Buffer.from(fixtureBytes('legacy.pic')))).toBe(true);
    expect(im.photoBase64).not.toMatch(/\s/);
    expect(im.kept).toEqual({
      NiRenZhiWu: '新城区委组织部常务副部长',
      NiMianZhiWu: '新城区委组织部副部长',
      RenMianLiYou: person.RenMianLiYou,
      ChengBaoDanWei: '中共新城区委员会',
      JiSuanNianLingShiJian: '202506',
      TianBiaoShiJian: '20250610',
      TianBiaoRen: '刘晓',
      Version: '3.2.1.6',
      JiangChengQingKuang: person.JiangChengQingKuang,
      $attributes: person.$attributes,
    });
    expect(im.issues).toEqual([{ element: 'JiangChengQingKuang', severity: 'note', message: expect.stringContaining('奖惩情况按原文保留') }]);
  });

  it('exports back to the same file: only the continuation line joins its entry and the photo loses its line wrapping', () => {
    const back = dossierToLrmx(dossierOf(im), { kept: im.kept, photoBase64: im.photoBase64 });
    const { JianLi, ZhaoPian, ...rest } = back;
    const { JianLi: originalJianLi, ZhaoPian: originalPhoto, ...originalRest } = person;
    expect(rest).toEqual(originalRest);
    expect(ZhaoPian).toBe(originalPhoto!.replace(/\s/g, ''));
    expect(parseResume(JianLi!).entries).toEqual(parseResume(originalJianLi!).entries);
    expect(JianLi!.split('\n').at(-1)).toBe('2015.12--         新城区委组织部副部长');
  });
});

describe('lrmxToDossier on the newer sample', () => {
  const person = parseLrmx(fixtureText('newer-daoling.lrmx'));
  const im = importOf(person);

  it('normalises wild dates and short captions', () => {
    expect(im.cadre).toMatchObject({
      name: '马丽华',
      sex: '2',
      birth: '1985-03',
      nation: '03',
      nativePlace: '',
      politicalStatus: '10',
      partyJoined: null,
      workStarted: '2007-07',
      fullTimeEducation: { education: '21', degree: '408', school: '东南大学', major: '土木工程专业' },
    });
    expect(im.family.map((f) => [f.relation, f.birth, f.politicalStatus])).toEqual([
      ['11', '1984-11', '10'],
      ['31', '2012-09', '13'],
    ]);
    expect(im.assessments.map((a) => a.year)).toEqual([2022, 2023, 2024]);
    expect(im.issues).toEqual([]);
  });

  it('keeps the 到龄 elements, the version and every unknown element, and writes them back in place', () => {
    expect(im.kept).toMatchObject({ DaoLingNianYue: '204503', GaiGeQianRenZhiNianLingJieXian: '55', Version: '3.2.2.1', JiangChengQingKuang: '无' });
    // kept is stored with the dossier or the form: it must survive its own schema unchanged
    expect(LrmxPersonSchema.parse(JSON.parse(JSON.stringify(im.kept)))).toEqual(im.kept);
    const back = dossierToLrmx(dossierOf(im), { kept: im.kept, assessmentYears: 3 });
    expect(back).toMatchObject({
      ChuShengNianYue: '198503', // written canonically
      CanJiaGongZuoShiJian: '200707',
      RuDangShiJian: '九三',
      MinZu: '回族',
      QuanRiZhiJiaoYu_XueLi: '大学',
      JiangChengQingKuang: '无',
      NianDuKaoHeJieGuo: person.NianDuKaoHeJieGuo,
      DaoLingNianYue: '204503',
      GaiGeQianRenZhiNianLingJieXian: '55',
      Version: '3.2.2.1',
      $unknown: person.$unknown,
      $unknownInJiaTingChengYuan: person.$unknownInJiaTingChengYuan,
    });
    expect(back.JiaTingChengYuan![0]).toEqual({ ...person.JiaTingChengYuan![0], ChuShengRiQi: '198411' });
    const xml = buildLrmx(back);
    expect(xml).toContain('<NianLing>40</NianLing>');
    expect(xml).toMatch(/<KuoZhan lei="备注">\r\n *<TiaoMu>借调市住建局 &lt;半年&gt;<\/TiaoMu>\r\n *<TiaoMu \/>/);
  });
});

describe('dates in the mapping', () => {
  it.each(['1980.05', '1980.5', '198005', '1980-05', '1980年5月', '1980/5', '１９８０．０５', '19800512', '1980.05.12', '1980年5月31日'])('reads %s as 1980-05', (text) => {
    expect(readLrmxMonth(text)).toEqual({ ok: true, month: '1980-05' });
  });

  it.each([
    ['198013', '月份“13”应在 1 到 12 之间'],
    ['1980.0', '月份“0”应在 1 到 12 之间'],
    ['19800532', '日“32”不正确'],
    ['19810229', '日“29”不正确'],
    ['1980.04.31', '日“31”不正确'],
    ['五月', '不是年月'],
    ['0080.05', '年份“0080”不正确'],
  ])('refuses %s', (text, reason) => {
    const read = readLrmxMonth(text);
    expect(read).toEqual({ ok: false, reason: expect.stringContaining(reason) });
  });

  it('accepts "1980.5" and refuses "198013" with a message naming the element, keeping the text for export', () => {
    const ok = importOf({ XingMing: '甲', XingBie: '男', ChuShengNianYue: '1980.5', ShenFenZheng: '320102198005151238', MinZu: '汉族', RuDangShiJian: '2001.6' });
    expect(ok.cadre.birth).toBe('1980-05');
    expect(ok.issues).toEqual([]);
    const bad = importOf({ XingMing: '甲', ChuShengNianYue: '198013', CanJiaGongZuoShiJian: '2002.13', MinZu: '汉族' });
    expect(bad.cadre.birth).toBeNull();
    expect(bad.cadre.workStarted).toBeNull();
    expect(bad.issues).toContainEqual({ element: 'ChuShengNianYue', severity: 'error', message: expect.stringMatching(/^出生年月“198013”中的月份“13”应在 1 到 12 之间/) });
    expect(bad.issues).toContainEqual({ element: 'CanJiaGongZuoShiJian', severity: 'error', message: expect.stringContaining('参加工作时间“2002.13”') });
    expect(bad.kept).toMatchObject({ ChuShengNianYue: '198013', CanJiaGongZuoShiJian: '2002.13' });
  });
});

describe('简历 lines', () => {
  it('reads segments, open segments, 至今, continuation lines; reports what cannot be placed', () => {
    const { entries, problems } = parseResume(
      ['个人简历：', '1991.9--1995.7 北京大学学习', '1995.07—2000.01  甲单位科员', '  （其间：在职学习）', '2000.13--2001.01  乙单位', '  被吞掉的续行', '2001.01--至今  丙单位'].join('\n'),
    );
    expect(entries).toEqual([
      { from: '1991-09', to: '1995-07', unit: '北京大学学习', post: '', kind: 'study' },
      { from: '1995-07', to: '2000-01', unit: '甲单位科员（其间：在职学习）', post: '', kind: 'work' },
      { from: '2001-01', to: null, unit: '丙单位', post: '', kind: 'work' },
    ]);
    expect(problems).toEqual([
      { line: 1, message: expect.stringContaining('“个人简历：”前面没有起止年月') },
      { line: 5, message: expect.stringContaining('月份“13”') },
    ]);
  });

  it('writes the official line format, the open segment padded to the same column, earliest first', () => {
    expect(
      formatResume([
        { from: '2015-12', to: null, unit: '新城区委组织部', post: '副部长' },
        { from: '1991-01', to: '2000-01', unit: '甲单位', post: '' },
      ]),
    ).toBe('1991.01--2000.01  甲单位\n2015.12--         新城区委组织部副部长');
  });

  it('a 简历 with unplaceable lines is reported line by line and kept for export', () => {
    const im = importOf({ XingMing: '甲', JianLi: '前言\n2001.01--  丙单位' });
    expect(im.career).toHaveLength(1);
    expect(im.issues).toContainEqual({ element: 'JianLi', severity: 'error', message: expect.stringContaining('第 1 行“前言”') });
    expect(im.kept.JianLi).toBe('前言\n2001.01--  丙单位');
  });

  it('exports such a 简历 whole while the dossier still holds what was read of it; an edited one as edited', () => {
    const text = '前言\n1998.07--2001.01  乙单位\n2001.01--  丙单位';
    const im = importOf({ XingMing: '甲', JianLi: text });
    const cadre = sampleCadreInput({ unitId: 'u' });
    const dossier = { cadre, career: im.career, family: [], rewards: [], assessments: [] };
    expect(dossierToLrmx(dossier, { kept: im.kept }).JianLi).toBe(text);
    const edited = [...im.career, { from: '1995-09', to: '1998-07', unit: '某大学学习', post: '', kind: 'study' as const }];
    expect(dossierToLrmx({ ...dossier, career: edited }, { kept: im.kept }).JianLi).toBe(
      '1995.09--1998.07  某大学学习\n1998.07--2001.01  乙单位\n2001.01--         丙单位',
    );
  });
});

describe('political status from 入党时间', () => {
  it.each([
    ['', '13', null, 'note'],
    ['1985.06', '01', '1985-06', null],
    ['200108；民建', '06', '2001-08', null],
    ['九三', '10', null, null],
    ['无党派', '12', null, null],
    ['某某党', null, null, 'error'],
    ['198513', null, null, 'error'],
  ])('%s', (text, status, joined, severity) => {
    const im = importOf({ RuDangShiJian: text });
    expect([im.cadre.politicalStatus, im.cadre.partyJoined]).toEqual([status, joined]);
    expect(im.issues.find((i) => i.element === 'RuDangShiJian')?.severity ?? null).toBe(severity);
  });

  it('writes 入党时间 back as the month, the party name, or both', () => {
    const write = (politicalStatus: string, partyJoined: string | null) =>
      dossierToLrmx({ cadre: sampleCadreInput({ unitId: 'u', politicalStatus, partyJoined }), career: [], family: [], rewards: [], assessments: [] }).RuDangShiJian;
    expect(write('01', '1985-06')).toBe('198506');
    expect(write('06', '2001-08')).toBe('200108；民建');
    expect(write('10', null)).toBe('九三');
    expect(write('13', null)).toBe('');
  });
});

describe('single-line fields', () => {
  it('joins the lines of a multi-line 现任职务 for the dossier, and writes the lines back while it reads the same', () => {
    const im = importOf({ XianRenZhiWu: '新城区委常委\n组织部部长' });
    expect(im.cadre.currentPost).toBe('新城区委常委 组织部部长');
    expect(im.issues).toContainEqual({ element: 'XianRenZhiWu', severity: 'note', message: '现任职务有多行，已合并为一行，请核对' });
    const cadre = sampleCadreInput({ unitId: 'u', currentPost: im.cadre.currentPost! });
    const empty = { career: [], family: [], rewards: [], assessments: [] };
    expect(dossierToLrmx({ cadre, ...empty }, { kept: im.kept }).XianRenZhiWu).toBe('新城区委常委\n组织部部长');
    expect(dossierToLrmx({ cadre: { ...cadre, currentPost: '组织部部长' }, ...empty }, { kept: im.kept }).XianRenZhiWu).toBe('组织部部长');
  });
});

describe('family details', () => {
  it('爱人 by the cadre’s sex, an age instead of a birth month, unknown captions and missing names', () => {
    const im = importOf({
      XingBie: '男',
      JiSuanNianLingShiJian: '202506',
      JiaTingChengYuan: [
        { ChengWei: '爱人', XingMing: '李梅', ChuShengRiQi: '43' },
        { ChengWei: '干女儿', XingMing: '', ChuShengRiQi: '2010.02', ZhengZhiMianMao: '少先队员' },
        { ChengWei: '父亲', XingMing: '王德福', ChuShengRiQi: '已故', GongZuoDanWeiJiZhiWu: '' },
      ],
    });
    expect(im.family.map((f) => [f.relation, f.birth, f.deceased])).toEqual([
      ['12', '1982-06', false],
      [null, '2010-02', false],
      ['51', null, true],
    ]);
    const family = im.issues.filter((i) => i.element === 'JiaTingChengYuan');
    expect(family.map((i) => [i.severity, i.message])).toEqual([
      ['note', expect.stringContaining('年龄“43”，已按 2025.06 推算为 1982.06')],
      ['error', expect.stringContaining('第 2 人的称谓“干女儿”不在称谓代码表中')],
      ['error', expect.stringContaining('第 2 人没有姓名')],
      ['error', expect.stringContaining('政治面貌“少先队员”')],
    ]);
  });
});

describe('identity checks', () => {
  it('takes sex and birth from the ID number when missing, and reports a disagreement or a bad number', () => {
    const from = importOf({ XingMing: '甲', ShenFenZheng: '32010219850312008x', MinZu: '汉族', RuDangShiJian: '九三' });
    expect([from.cadre.idNumber, from.cadre.sex, from.cadre.birth]).toEqual(['32010219850312008X', '2', '1985-03']);
    expect(from.issues.map((i) => i.severity)).toEqual(['note', 'note']);
    const disagree = importOf({ ShenFenZheng: '320102198005151238', ChuShengNianYue: '198006', XingBie: '女' });
    expect(disagree.issues.map((i) => i.element)).toEqual(expect.arrayContaining(['ChuShengNianYue', 'XingBie']));
    const bad = importOf({ ShenFenZheng: '320102198005151230' });
    expect(bad.issues).toContainEqual({ element: 'ShenFenZheng', severity: 'error', message: expect.stringContaining('校验位不正确') });
    expect(importOf({}).issues.map((i) => i.element)).toEqual(expect.arrayContaining(['XingMing', 'ShenFenZheng', 'ChuShengNianYue', 'MinZu']));
  });

  it('refuses a photo that is not an image, keeping its data for export', () => {
    const im = importOf({ ZhaoPian: 'bm90IGEgcGljdHVyZQ==' });
    expect(im.photoBase64).toBeNull();
    expect(im.issues).toContainEqual({ element: 'ZhaoPian', severity: 'error', message: expect.stringContaining('不是有效的 JPEG 或 PNG') });
    expect(dossierToLrmx({ ...dossierOf(importOf(parseLrmx(fixtureText('editor-3.2.1.6.lrmx')))) }, { kept: im.kept }).ZhaoPian).toBe('bm90IGEgcGljdHVyZQ==');
  });
});

describe('dossierToLrmx from records', () => {
  const base = { cadreId: 'c' };
  const cadre = sampleCadreInput({ unitId: 'u', currentPost: '新城区委组织部副部长' });
  const family = (relation: string, name: string, birth: string | null, extra: Partial<FamilyMember> = {}) =>
    ({ ...base, relation, name, birth, politicalStatus: '13', employment: '', deceased: false, retired: false, ...extra }) as FamilyMember;
  const reward = (date: string, title: string, extra: Partial<RewardPunishment> = {}) =>
    ({ ...base, kind: 'reward', date, title, issuer: '', effectiveFrom: null, effectiveTo: null, revoked: null, ...extra }) as RewardPunishment;
  const assessment = (year: number, grade: string, deleted = false) => ({ ...base, year, grade, deleted }) as AnnualAssessment;
  const dossier: LrmxDossier = {
    cadre,
    career: [
      { from: '1975-06', to: null, unit: '新城区委组织部', post: '副部长', kind: 'work' },
      { from: '1968-09', to: '1975-06', unit: '东街道', post: '干事', kind: 'work' },
      { from: '1960-01', to: '1968-09', unit: '已删除', post: '', kind: 'work', deleted: true },
    ],
    family: [
      family('51', '父', '1920-01', { deceased: true }),
      family('33', '次女', '1978-03'),
      family('22', '长子', '1972-01'),
      family('11', '丈夫', '1948-05', { employment: '退休', retired: true }),
    ],
    rewards: [reward('2001-12', '记三等功', { issuer: '区人民政府' }), reward('1999-06', '警告处分', { kind: 'discipline', revoked: '2000-06' })],
    assessments: [assessment(2021, '2'), assessment(2024, '1'), assessment(2023, '2'), assessment(2025, '4', true)],
  };

  it('writes every element of the editor, dates as YYYYMM, 简历 and 奖惩 as lines, the last two assessment years', () => {
    const p = dossierToLrmx(dossier);
    expect(p).toMatchObject({
      XingMing: '张三',
      XingBie: '女',
      ChuShengNianYue: '194912',
      MinZu: '汉族',
      RuDangShiJian: '197506',
      CanJiaGongZuoShiJian: '196809',
      JianKangZhuangKuang: '健康',
      QuanRiZhiJiaoYu_XueLi: '大学',
      QuanRiZhiJiaoYu_XueWei: '',
      QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '南京大学中文',
      ZaiZhiJiaoYu_XueLi: '',
      JianLi: '1968.09--1975.06  东街道干事\n1975.06--         新城区委组织部副部长',
      JiangChengQingKuang: '1999.06  警告处分，2000.06解除\n2001.12  记三等功（区人民政府）',
      NianDuKaoHeJieGuo: '2023年度考核称职；2024年度考核优秀。',
      NiRenZhiWu: '',
      ShenFenZheng: '11010519491231002X',
      ZhaoPian: '',
      Version: '3.2.1.6',
    });
    expect(p).not.toHaveProperty('DaoLingNianYue');
    expect(p.JiaTingChengYuan!.map((i) => [i.ChengWei, i.GongZuoDanWeiJiZhiWu])).toEqual([
      ['丈夫', '退休'],
      ['长子', ''],
      ['次女', ''],
      ['父亲', '已故'],
    ]);
    expect(dossierToLrmx(dossier, { assessmentYears: 3 }).NianDuKaoHeJieGuo).toBe('2021年度考核称职；2023年度考核称职；2024年度考核优秀。');
  });

  it('leaves 奖惩 and 年度考核 empty when there are no records, and lets the form’s own values win', () => {
    const p = dossierToLrmx({ ...dossier, rewards: [], assessments: [] }, { overrides: { NiRenZhiWu: '新城区委组织部部长', TianBiaoShiJian: '20250701' } });
    expect([p.JiangChengQingKuang, p.NianDuKaoHeJieGuo, p.NiRenZhiWu, p.TianBiaoShiJian]).toEqual(['', '', '新城区委组织部部长', '20250701']);
  });

  it('an export re-imports to the same records', () => {
    const again = importOf(parseLrmx(buildLrmx(dossierToLrmx(dossier))));
    // a 简历 line is one text: the unit/post split of the records comes back as the unit
    const lines = (list: readonly LrmxDossier['career'][number][]) => list.map((c) => [c.from, c.to, `${c.unit}${c.post}`, c.kind]);
    expect(lines(again.career)).toEqual(lines(dossier.career.filter((c) => !c.deleted).sort((a, b) => a.from.localeCompare(b.from))));
    expect(again.assessments).toEqual([
      { year: 2023, grade: '2' },
      { year: 2024, grade: '1' },
    ]);
    expect(again.cadre).toMatchObject({ name: '张三', birth: '1949-12', partyJoined: '1975-06', fullTimeEducation: cadre.fullTimeEducation });
  });
});
