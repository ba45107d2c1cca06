import { WeightedTable, type Random } from './random';

// Chinese personal names for synthetic cadres. Surname weights are per-mille shares of the population, rounded
// from the published national surname statistics (公安部户籍人口统计): 王, 李 and 张 each about 7 %, 刘 5.4 %, 陈 4.5 %,
// then a long tail. Compound surnames (欧阳, 司马 …) are rare.

const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 72.5], ['李', 71.9], ['张', 67.8], ['刘', 53.8], ['陈', 45.3], ['杨', 30.8], ['黄', 22.3], ['赵', 22.0],
  ['吴', 20.5], ['周', 20.3], ['徐', 16.7], ['孙', 15.4], ['马', 14.5], ['朱', 13.3], ['胡', 13.1], ['郭', 12.3],
  ['何', 11.7], ['高', 11.2], ['林', 11.0], ['罗', 10.5], ['郑', 9.8], ['梁', 9.2], ['谢', 8.4], ['宋', 8.1],
  ['唐', 8.0], ['许', 7.5], ['韩', 7.4], ['冯', 7.1], ['邓', 7.0], ['曹', 6.9], ['彭', 6.7], ['曾', 6.5],
  ['肖', 6.3], ['田', 6.1], ['董', 5.9], ['袁', 5.8], ['潘', 5.6], ['于', 5.5], ['蒋', 5.4], ['蔡', 5.3],
  ['余', 5.2], ['杜', 5.1], ['叶', 5.0], ['程', 4.9], ['苏', 4.8], ['魏', 4.7], ['吕', 4.6], ['丁', 4.5],
  ['任', 4.4], ['沈', 4.3], ['姚', 4.2], ['卢', 4.1], ['姜', 4.0], ['崔', 3.9], ['钟', 3.8], ['谭', 3.7],
  ['陆', 3.6], ['汪', 3.5], ['范', 3.4], ['金', 3.3], ['石', 3.2], ['廖', 3.1], ['贾', 3.0], ['夏', 2.9],
  ['韦', 2.8], ['付', 2.7], ['方', 2.6], ['白', 2.5], ['邹', 2.4], ['孟', 2.3], ['熊', 2.2], ['秦', 2.1],
  ['邱', 2.0], ['江', 2.0], ['尹', 1.9], ['薛', 1.9], ['闫', 1.8], ['段', 1.8], ['雷', 1.7], ['侯', 1.7],
  ['龙', 1.6], ['史', 1.6], ['陶', 1.5], ['黎', 1.5], ['贺', 1.5], ['顾', 1.4], ['毛', 1.4], ['郝', 1.3],
  ['龚', 1.3], ['邵', 1.3], ['万', 1.2], ['钱', 1.2], ['严', 1.2], ['覃', 1.1], ['武', 1.1], ['戴', 1.1],
  ['莫', 1.0], ['孔', 1.0], ['向', 1.0], ['汤', 1.0], ['常', 0.9], ['葛', 0.9], ['殷', 0.8], ['倪', 0.8],
  ['欧阳', 0.2], ['司马', 0.05], ['上官', 0.04], ['诸葛', 0.03], ['司徒', 0.03], ['东方', 0.02],
];

/** Given-name characters; the two lists overlap a little on purpose (文, 晓, 春 … are used for both). */
const MALE_CHARS =
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建亮成峰兵东晨洋文海志国力翔博毅昊锋晖然睿' +
  '斌彬晓春松涛庆祥忠良德荣新宏伟亚光立永胜坤恒瑞诚锦铭哲轩泽楠晟鹤';
const FEMALE_CHARS =
  '芳娜敏静丽艳娟霞秀燕玲桂丹萍红玉兰英梅莉婷雪琳晶颖倩慧琴云洁璐瑶怡欣悦蕾佳妍璇思雨馨文晓春月凤秋琪' +
  '茜薇蓉琦菲婧媛岚露珊莎娅洁宁';

const surnameTable = new WeightedTable(SURNAMES);
const maleChars = [...MALE_CHARS];
const femaleChars = [...FEMALE_CHARS];

export type SexCode = '1' | '2';

export const surnames = (): readonly (readonly [string, number])[] => SURNAMES;

export function surname(rng: Random): string {
  return surnameTable.at(rng.next());
}

/** A 1- or 2-character given name leaning to the sex ('1' male, '2' female); 2 characters about 70 % of the time. */
export function givenName(rng: Random, sex: SexCode): string {
  const chars = sex === '1' ? maleChars : femaleChars;
  const first = rng.pick(chars);
  if (rng.chance(0.3)) return first;
  let second = rng.pick(chars);
  if (second === first && rng.chance(0.8)) second = rng.pick(chars); // 叠字 names (婷婷) stay, but rarely
  return first + second;
}

export function fullName(rng: Random, sex: SexCode, family?: string): string {
  return (family ?? surname(rng)) + givenName(rng, sex);
}

/** The surname of a generated name (compound surnames are two characters). */
export function surnameOf(name: string): string {
  const two = name.slice(0, 2);
  return COMPOUND.has(two) ? two : name.slice(0, 1);
}

const COMPOUND = new Set(SURNAMES.map(([s]) => s).filter((s) => s.length > 1));
