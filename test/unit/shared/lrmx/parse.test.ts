import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LrmxError, LrmxPersonSchema, buildLrmx, decodeInterchangeBytes, parseLrmx } from '../../../../shared/lrmx';
import { fixtureBytes, fixtureText, textDecoder } from './fixtures';

describe('parseLrmx on hand-made samples', () => {
  it('reads a 3.2.1.6 editor file: BOM, CRLF, namespaces, every element, escapes, family, wrapped base64 photo', () => {
    const raw = fixtureBytes('editor-3.2.1.6.lrmx');
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8').decode(raw); // TextDecoder drops the BOM: put it back, parseLrmx must skip it
    const p = parseLrmx(`\ufeff${text}`);
    expect(LrmxPersonSchema.parse(p)).toEqual(p);
    expect(p).toMatchObject({
      XingMing: '王建国',
      XingBie: '男',
      ChuShengNianYue: '198005',
      RuDangShiJian: '200106',
      ShuXiZhuanYeYouHeZhuanChang: '组织人事 & 党建工作',
      RenMianLiYou: '工作需要（<新城区领导班子调整方案> "二〇二五"）',
      NianDuKaoHeJieGuo: '2023年度考核称职；2024年度考核优秀。',
      JiSuanNianLingShiJian: '202506',
      TianBiaoShiJian: '20250610',
      Version: '3.2.1.6',
    });
    // CRLF inside the 简历 arrives as '\n', continuation line and padding exactly as written
    expect(p.JianLi!.split('\n')).toEqual([
      '1998.09--2002.07  南京大学中文系汉语言文学专业学习',
      '2002.07--2008.03  新城区东街道办事处科员',
      '2008.03--2015.12  新城区委组织部干部科副科长、科长',
      '                  （其间：2010.09--2013.07在南京大学政府管理学院公共管理专业在职研究生学习，获公共管理硕士学位）',
      '2015.12--         新城区委组织部副部长',
    ]);
    expect(p.JiangChengQingKuang).toBe('2019.06  被评为全区优秀共产党员\n2021.12  记三等功');
    expect(p.JiaTingChengYuan).toHaveLength(4);
    expect(p.JiaTingChengYuan![3]).toEqual({ ChengWei: '母亲', XingMing: '张秀英', ChuShengRiQi: '195508', ZhengZhiMianMao: '群众', GongZuoDanWeiJiZhiWu: '已故' });
    // the photo is the base64 text as written (line-wrapped); it decodes to the JPEG beside the .lrm sample
    const photo = Buffer.from(p.ZhaoPian!, 'base64');
    expect(p.ZhaoPian).toContain('\n');
    expect(photo.equals(Buffer.from(fixtureBytes('legacy.pic')))).toBe(true);
    expect(p.$attributes?.Person?.map(([n]) => n)).toEqual(['xmlns:xsi', 'xmlns:xsd']);
    expect(p.$unknown).toBeUndefined();
  });

  it('reads a newer file: 到龄 elements, out-of-order elements, wild dates kept as written, comments, CDATA, references, unknowns in place', () => {
    const p = parseLrmx(fixtureText('newer-daoling.lrmx'));
    expect(p).toMatchObject({
      XingMing: '马丽华',
      ChuShengNianYue: '1985.3',
      CanJiaGongZuoShiJian: '2007-07',
      RuDangShiJian: '九三',
      JiGuan: '', // whitespace-only text is ''
      DaoLingNianYue: '204503',
      GaiGeQianRenZhiNianLingJieXian: '55',
      Version: '3.2.2.1',
    });
    expect(p.JianLi).toBe('2003.09--2007.07  东南大学土木工程专业学习\n2007.07--2016.05  新城区建设局科员、副主任科员\n2016.05--  新城区住房和城乡建设局副局长');
    expect(p.JiaTingChengYuan![0]).toMatchObject({ XingMing: '杨强', ChuShengRiQi: '1984年11月' });
    expect(p.JiaTingChengYuan![0]!.$unknown).toEqual([
      { after: 'GongZuoDanWeiJiZhiWu', element: { name: 'NianLing', attributes: [], children: ['40'] } },
    ]);
    expect(p.$unknownInJiaTingChengYuan).toEqual([{ after: 1, element: { name: 'BeiZhu', attributes: [], children: ['家庭成员由本人填报'] } }]);
    expect(p.$unknown).toEqual([
      { after: 'CanJiaGongZuoShiJian', element: { name: 'ZhiJi', attributes: [], children: ['四级调研员'] } },
      {
        after: 'Version',
        element: {
          name: 'KuoZhan',
          attributes: [['lei', '备注']],
          children: [
            { name: 'TiaoMu', attributes: [], children: ['借调市住建局 <半年>'] },
            { name: 'TiaoMu', attributes: [], children: [] },
          ],
        },
      },
    ]);
  });

  it('tolerates missing elements: they are absent, not empty', () => {
    const p = parseLrmx(fixtureText('missing-elements.lrmx'));
    expect(p).toEqual({ XingMing: '赵敏', ShenFenZheng: '320102199001010045', JianLi: '' });
  });

  it('reads a file declared GB2312 and stored as GBK bytes once the bytes are decoded as GBK', () => {
    const bytes = fixtureBytes('gb2312-declared.lrmx');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const { text, encoding } = decodeInterchangeBytes(bytes, textDecoder);
    expect(encoding).toBe('gbk');
    const p = parseLrmx(text);
    expect(p.XingMing).toBe('陈喆'); // 喆 is GBK, not GB2312: decoded as GBK as the declaration means in practice
    expect(p.RuDangShiJian).toBe('200108；民建');
    expect(p.JianLi).toBe('2000.07--  新城区财政局科员\n          （其间：2005.09--2008.07在职攻读硕士学位）');
  });

  it('keeps a repeated known element, and a known element with unexpected children, as unknown elements', () => {
    const p = parseLrmx('<Person><XingMing>甲</XingMing><XingMing>乙</XingMing><JianLi><P>段落</P></JianLi><JiaTingChengYuan>文字</JiaTingChengYuan></Person>');
    expect(p.XingMing).toBe('甲');
    expect(p.JianLi).toBeUndefined();
    expect(p.JiaTingChengYuan).toBeUndefined();
    expect(p.$unknown?.map((u) => [u.after, u.element.name])).toEqual([
      ['XingMing', 'XingMing'],
      ['XingMing', 'JianLi'],
      ['XingMing', 'JiaTingChengYuan'],
    ]);
    expect(parseLrmx(buildLrmx(p))).toEqual(p);
  });

  it('decodes every reference form and keeps text exactly, only line breaks normalised', () => {
    const p = parseLrmx(
      '<?xml version="1.0"?><!DOCTYPE Person [<!ELEMENT Person ANY>]><Person><XingMing> 甲&#20056;&#x4E19;&lt;&gt;&amp;&quot;&apos; </XingMing>' +
        '<JianLi>一\r\n二\r三&#13;&#10;四</JianLi><?pi x?></Person><!-- end -->',
    );
    expect(p.XingMing).toBe(' 甲乘丙<>&"\' ');
    expect(p.JianLi).toBe('一\n二\n三\n四');
  });
});

describe('parseLrmx refuses what is not an LRMX file, in Chinese, saying where', () => {
  const refuse = (text: string) => {
    try {
      parseLrmx(text);
    } catch (e) {
      expect(e).toBeInstanceOf(LrmxError);
      return e as LrmxError;
    }
    throw new Error('accepted');
  };

  it.each([
    ['plain text', '这不是XML文件', '应以“<”开头'],
    ['empty', '   ', '文件是空的'],
    ['mismatched tags', '<Person><XingMing>甲</XingBie></Person>', '</XingBie> 与开始标记 <XingMing> 不对应'],
    ['bare ampersand', '<Person><XingMing>R&D</XingMing></Person>', '未转义的“&”'],
    ['undefined entity', '<Person><XingMing>&nbsp;</XingMing></Person>', '未定义的实体“&nbsp;”'],
    ['two roots', '<Person></Person><Person></Person>', '根元素之后还有其他内容'],
    ['unquoted attribute', '<Person a=1></Person>', '应加引号'],
  ])('%s', (_, text, reason) => {
    const e = refuse(text);
    expect(e.kind).toBe('notXml');
    expect(e.message).toMatch(/^不是有效的任免审批表文件（LRMX）：第 \d+ 行第 \d+ 列/);
    expect(e.message).toContain(reason);
  });

  it('a file cut short names the element it stops in and the line', () => {
    const e = refuse(fixtureText('truncated.lrmx'));
    expect(e.kind).toBe('notXml');
    expect(e.message).toContain('在元素 <JianLi> 结束之前就结束了');
  });

  it('a wrong root says which root it found', () => {
    const e = refuse(fixtureText('wrong-root.lrmx'));
    expect(e.kind).toBe('wrongRoot');
    expect(e.message).toContain('根元素是 <Cadre>');
    expect(e.message).toContain('<Person>');
  });

  it('a JPEG renamed to .lrmx is not XML', () => {
    const { text } = decodeInterchangeBytes(fixtureBytes('legacy.pic'), textDecoder);
    expect(refuse(text).kind).toBe('notXml');
  });
});

describe('parseLrmx on damaged input', () => {
  const sample = fixtureText('newer-daoling.lrmx');
  const onlyUserErrors = (text: string) => {
    try {
      parseLrmx(text);
    } catch (e) {
      if (!(e instanceof LrmxError)) throw e;
      expect(e.message).toMatch(/^不是有效的任免审批表文件（LRMX）：/);
    }
  };

  it('any text either reads or fails with an LrmxError, never another exception', () => {
    const markup = fc.array(fc.constantFrom('<', '>', '/', '&', ';', '#x', '"', "'", '=', '!--', '?', '[CDATA[', ']]>', 'Person', 'Item', ' ', '\n', '张'), { maxLength: 40 });
    fc.assert(fc.property(markup, (parts) => onlyUserErrors(parts.join(''))), { numRuns: 1000 });
  });

  it('a sample file cut or corrupted anywhere either reads or fails with an LrmxError', () => {
    fc.assert(
      fc.property(fc.nat(sample.length), fc.nat(sample.length), fc.constantFrom('', '<', '&', '>', '"', '</X>'), (at, to, insert) => {
        onlyUserErrors(sample.slice(0, at) + insert + sample.slice(Math.max(at, to)));
      }),
      { numRuns: 1000 },
    );
  });
});
