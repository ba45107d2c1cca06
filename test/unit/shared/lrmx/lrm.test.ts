import { describe, expect, it } from 'vitest';
import { LrmxError, decodeInterchangeBytes, decodeBase64, encodeBase64, lrmxToDossier, parseLrm, parseLrmx, withLrmPhoto } from '../../../../shared/lrmx';
import { TODAY, fixtureBytes, textDecoder } from './fixtures';

describe('parseLrm (.lrm + .pic, GBK)', () => {
  const bytes = fixtureBytes('legacy.lrm');
  const decoded = decodeInterchangeBytes(bytes, textDecoder);
  const person = withLrmPhoto(parseLrm(decoded.text), fixtureBytes('legacy.pic'));

  it('detects GBK and maps the known positions into the LRMX shape, values as written', () => {
    expect(decoded.encoding).toBe('gbk');
    expect(person).toMatchObject({
      XingMing: '孙立平',
      XingBie: '男',
      ChuShengNianYue: '1975.08',
      MinZu: '汉族',
      JiGuan: '山东济南',
      RuDangShiJian: '1998.06',
      JianKangZhuangKuang: '健康',
      ChuShengDi: '山东济南',
      CanJiaGongZuoShiJian: '1997.07',
      QuanRiZhiJiaoYu_XueLi: '大学',
      QuanRiZhiJiaoYu_XueWei: '法学学士',
      ZaiZhiJiaoYu_XueLi: '研究生',
      ZaiZhiJiaoYu_XueWei: '法学硕士',
      QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '山东大学法学院法学专业',
      ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '中央党校法学专业',
      ZhuanYeJiShuZhiWu: '',
      ShuXiZhuanYeYouHeZhuanChang: '法律事务',
      JiangChengQingKuang: '无',
      NianDuKaoHeJieGuo: '2023年度考核优秀；2024年度考核称职。',
      XianRenZhiWu: '新城区司法局副局长',
      NiRenZhiWu: '新城区司法局局长',
      NiMianZhiWu: '新城区司法局副局长',
      RenMianLiYou: '工作需要',
      ChengBaoDanWei: '新城区人民政府',
      JiSuanNianLingShiJian: '202506',
      TianBiaoShiJian: '20250612',
    });
    expect(person.JianLi!.split('\n')).toHaveLength(3); // CRLF inside the value became '\n'
    expect(person.JiaTingChengYuan).toEqual([
      { ChengWei: '妻子', XingMing: '周敏', ChuShengRiQi: '197702', ZhengZhiMianMao: '中共党员', GongZuoDanWeiJiZhiWu: '新城区人民医院医生' },
      { ChengWei: '长女', XingMing: '孙悦', ChuShengRiQi: '200305', ZhengZhiMianMao: '共青团员', GongZuoDanWeiJiZhiWu: '南京大学学生' },
      { ChengWei: '父亲', XingMing: '孙大海', ChuShengRiQi: '194911', ZhengZhiMianMao: '群众', GongZuoDanWeiJiZhiWu: '已故' },
    ]);
  });

  it('keeps the positions docs/domain.md does not name, and the .pic as the photo', () => {
    expect(person.$lrmUnknownPositions).toEqual([
      { position: 12, value: '副处' },
      { position: 13, value: '三级调研员' },
      { position: 14, value: '' },
      { position: 15, value: '' },
      { position: 31, value: '旧版保留项' },
      { position: 33, value: '第三十三项' },
    ]);
    expect(decodeBase64(person.ZhaoPian!)).toEqual(fixtureBytes('legacy.pic'));
  });

  it('maps into the dossier like an LRMX file, keeping the unknown positions', () => {
    const im = lrmxToDossier(person, { today: TODAY });
    expect(im.cadre).toMatchObject({ birth: '1975-08', partyJoined: '1998-06', fullTimeEducation: { education: '21', degree: '403', school: '山东大学' } });
    expect(im.career.map((c) => [c.from, c.to])).toEqual([
      ['1993-09', '1997-07'],
      ['1997-07', '2010-03'],
      ['2010-03', null],
    ]);
    expect(im.family.map((f) => [f.relation, f.deceased])).toEqual([
      ['12', false],
      ['32', false],
      ['51', true],
    ]);
    expect(im.photoBase64).toBe(person.ZhaoPian);
    expect(im.kept.$lrmUnknownPositions).toEqual(person.$lrmUnknownPositions);
    // .lrm has no ID number: the only thing a person must supply (or the preview matches by name and birth month)
    expect(im.issues.filter((i) => i.severity === 'error').map((i) => i.element)).toEqual(['ShenFenZheng']);
  });

  it('tolerates a missing closing quote and a short record; refuses what is not a record', () => {
    expect(parseLrm('"甲","男","1980.05')).toEqual({ XingMing: '甲', XingBie: '男', ChuShengNianYue: '1980.05' });
    expect(() => parseLrm('<Person></Person>')).toThrow(LrmxError);
    expect(() => parseLrm('姓名,性别')).toThrow('不是有效的任免审批表文件（LRM）');
  });
});

describe('decodeInterchangeBytes', () => {
  const utf8 = new TextEncoder().encode('<Person><XingMing>王建国</XingMing></Person>');

  it('UTF-8 with or without a BOM, UTF-16 by its BOM, GBK when strict UTF-8 fails', () => {
    expect(decodeInterchangeBytes(utf8, textDecoder)).toEqual({ text: '<Person><XingMing>王建国</XingMing></Person>', encoding: 'utf-8' });
    expect(decodeInterchangeBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]), textDecoder).text.charCodeAt(0)).toBe('<'.charCodeAt(0));
    const text = '<Person>喆😀</Person>';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) le.set([text.charCodeAt(i) & 255, text.charCodeAt(i) >> 8], 2 + i * 2);
    expect(decodeInterchangeBytes(le, textDecoder)).toEqual({ text, encoding: 'utf-16le' });
    const be = le.slice();
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    expect(decodeInterchangeBytes(be, textDecoder)).toEqual({ text, encoding: 'utf-16be' });
    // "王建国" in GBK is not valid UTF-8
    expect(decodeInterchangeBytes(new Uint8Array([0xcd, 0xf5, 0xbd, 0xa8, 0xb9, 0xfa]), textDecoder)).toEqual({ text: '王建国', encoding: 'gbk' });
  });

  it('a GB2312-declared file decoded as UTF-8 by mistake would be garbage: detection is what makes it readable', () => {
    const bytes = fixtureBytes('gb2312-declared.lrmx');
    const wrong = new TextDecoder('utf-8').decode(bytes);
    expect(parseLrmx(wrong).XingMing).not.toBe('陈喆');
    expect(parseLrmx(decodeInterchangeBytes(bytes, textDecoder).text).XingMing).toBe('陈喆');
  });
});

describe('base64', () => {
  it('round-trips every length and matches Node', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 255);
      const text = encodeBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(decodeBase64(text)).toEqual(bytes);
    }
    expect(decodeBase64('QUJD\r\nREVG')).toEqual(new TextEncoder().encode('ABCDEF'));
    expect(decodeBase64('QUJ')).toBeNull();
    expect(decodeBase64('QU*D')).toBeNull();
  });
});
