import { encodeBase64 } from './base64';
import { LrmxError, REEXPORT_HINT } from './errors';
import { normalizeText } from './parse';
import type { LrmxFamilyItem, LrmxPerson, LrmxTextElement } from './schema';

// The older .lrm file (import only, tolerant): one record of quoted values separated by '","', usually GBK, with
// the photo in a side .pic file. The known positions are docs/domain.md "Interchange formats"; every other
// position is kept in $lrmUnknownPositions.

const SIMPLE: Readonly<Record<number, LrmxTextElement>> = {
  0: 'XingMing',
  1: 'XingBie',
  2: 'ChuShengNianYue',
  3: 'MinZu',
  4: 'JiGuan',
  5: 'RuDangShiJian',
  6: 'JianKangZhuangKuang',
  7: 'ChuShengDi',
  8: 'CanJiaGongZuoShiJian',
  11: 'ZhuanYeJiShuZhiWu',
  16: 'ShuXiZhuanYeYouHeZhuanChang',
  17: 'JianLi',
  18: 'JiangChengQingKuang',
  19: 'NianDuKaoHeJieGuo',
  25: 'XianRenZhiWu',
  26: 'NiRenZhiWu',
  27: 'NiMianZhiWu',
  28: 'RenMianLiYou',
  29: 'ChengBaoDanWei',
  30: 'JiSuanNianLingShiJian',
  32: 'TianBiaoShiJian',
};
/** Position 9 (学历) and 10 (院校): '全日制学历#学位@在职学历#学位'. */
const EDUCATION: Readonly<Record<number, readonly [LrmxTextElement, LrmxTextElement, LrmxTextElement, LrmxTextElement]>> = {
  9: ['QuanRiZhiJiaoYu_XueLi', 'QuanRiZhiJiaoYu_XueWei', 'ZaiZhiJiaoYu_XueLi', 'ZaiZhiJiaoYu_XueWei'],
  10: [
    'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
    'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
    'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
    'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  ],
};
/** Positions 20–24: one column per family field, items separated by '@'. */
const FAMILY_COLUMNS = ['ChengWei', 'XingMing', 'ChuShengRiQi', 'ZhengZhiMianMao', 'GongZuoDanWeiJiZhiWu'] as const;
const FAMILY_FIRST = 20;

/** Splits the record; tolerant of a missing first or last quote, trailing line breaks and a byte-order mark. */
function splitRecord(text: string): string[] {
  let s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  s = s.replace(/[\r\n\t \u0000\u001a]+$/, '').replace(/^[\r\n\t ]+/, ''); // eslint-disable-line no-control-regex
  if (!s.startsWith('"') || !s.includes('","')) {
    throw new LrmxError(
      'notLrm',
      `不是有效的任免审批表文件（LRM）：内容应为用引号括起、以“","”分隔的一组数据，这个文件不是。${REEXPORT_HINT}`,
    );
  }
  s = s.slice(1);
  if (s.endsWith('"')) s = s.slice(0, -1);
  return s.split('","');
}

/** Reads a .lrm record into the LRMX shape; values are kept as written (dates too), line breaks as '\n'. */
export function parseLrm(text: string): LrmxPerson {
  const values = splitRecord(text).map(normalizeText);
  const person: LrmxPerson = {};
  const unknown: NonNullable<LrmxPerson['$lrmUnknownPositions']> = [];
  values.forEach((value, position) => {
    const simple = SIMPLE[position];
    const education = EDUCATION[position];
    if (simple) person[simple] = value;
    else if (education) {
      const [fullTime = '', inService = ''] = value.split('@');
      const [a = '', b = ''] = fullTime.split('#');
      const [c = '', d = ''] = inService.split('#');
      [a, b, c, d].forEach((v, i) => (person[education[i]!] = v.trim()));
    } else if (position < FAMILY_FIRST || position >= FAMILY_FIRST + FAMILY_COLUMNS.length) {
      unknown.push({ position, value });
    }
  });
  const columns = FAMILY_COLUMNS.map((_, i) => {
    const v = values[FAMILY_FIRST + i] ?? '';
    return v === '' ? [] : v.split('@');
  });
  const count = Math.max(0, ...columns.map((c) => c.length));
  const family: LrmxFamilyItem[] = [];
  for (let i = 0; i < count; i++) {
    const item: LrmxFamilyItem = {};
    FAMILY_COLUMNS.forEach((name, c) => (item[name] = normalizeText((columns[c]![i] ?? '').trim())));
    if (FAMILY_COLUMNS.some((name) => item[name] !== '')) family.push(item);
  }
  if (values.length > FAMILY_FIRST) person.JiaTingChengYuan = family;
  if (unknown.length) person.$lrmUnknownPositions = unknown;
  return person;
}

/** The person with the .pic file's JPEG as its photo. */
export const withLrmPhoto = (person: LrmxPerson, pic: Uint8Array): LrmxPerson => ({ ...person, ZhaoPian: encodeBase64(pic) });
