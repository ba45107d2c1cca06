import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareByPinyin, pinyinSortKey } from '../../../shared/rules/pinyinOrder';
import { nameKeys } from '../../../shared/rules/search';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';
import { loadPinyin } from '../../../shared/rules/pinyinData';

const sorted = (names: readonly string[]) => [...names].sort(compareByPinyin);

describe('compareByPinyin', () => {
  beforeAll(() => Promise.all([loadStrokeOrder(), loadPinyin()]));

  it('reads 曾, 单, 区 and 仇 as surnames (zeng, shan, ou, qiu), not by their common readings', () => {
    // as ceng, 曾 would precede 陈 (chen); as zeng it follows it
    expect(sorted(['张明', '曾明', '陈明'])).toEqual(['陈明', '曾明', '张明']);
    // as dan, 单 would precede 丁 (ding); as shan it falls between 丁 and 石 (shi)
    expect(sorted(['石明', '单明', '丁明'])).toEqual(['丁明', '单明', '石明']);
    // as qu, 区 would follow 潘 (pan); as ou it precedes it
    expect(sorted(['潘明', '区明'])).toEqual(['区明', '潘明']);
    // as chou, 仇 would precede 丁; as qiu it falls between 钱 (qian) and 任 (ren)
    expect(sorted(['任明', '仇明', '丁明', '钱明'])).toEqual(['丁明', '钱明', '仇明', '任明']);
  });

  it('reads a character as a surname only at the head of the name', () => {
    // the given name 曾 is ceng (曾经), so 王曾 precedes 王陈 (chen)
    expect(sorted(['王陈', '王曾'])).toEqual(['王曾', '王陈']);
  });

  it('compare the surname first, then the given name syllable by syllable', () => {
    // 欧 (ou) + 明 before 欧阳 (ou yang) + 修: the shorter surname first, as in 姓氏笔画 order
    expect(sorted(['欧阳修', '欧明', '区志强'])).toEqual(['欧明', '区志强', '欧阳修']);
    // xi an before xian: syllable by syllable, not letter by letter
    expect(sorted(['王先', '王西安'])).toEqual(['王西安', '王先']);
    expect(sorted(['王明华', '王明', '王'])).toEqual(['王', '王明', '王明华']);
  });

  it('ignore tones and put names that read the same in 姓氏笔画 order', () => {
    // 张伟 and 章伟 are both zhang wei: 张 (7 strokes) before 章 (11)
    expect(sorted(['章伟', '张伟'])).toEqual(['张伟', '章伟']);
    // 王五 wáng wǔ, 汪武 wāng wǔ: tone-less equal, 王 (4) before 汪 (7)
    expect(sorted(['汪武', '王五'])).toEqual(['王五', '汪武']);
    expect(compareByPinyin('张伟', '张伟')).toBe(0);
  });

  it('put ü after u (吕 lü after 卢 lu)', () => {
    expect(sorted(['吕明', '卢明'])).toEqual(['卢明', '吕明']);
  });

  it('put characters without a reading after those with one, and skip punctuation', () => {
    expect(sorted(['𠀀一', '左明', 'Anna'])).toEqual(['Anna', '左明', '𠀀一']);
    const reading = (name: string) => pinyinSortKey(name).split('\u0000').slice(0, 2);
    expect(reading('阿不都·热合曼')).toEqual(reading('阿不都热合曼'));
  });

  it('is a total order that agrees with equality, with keys no other key begins', () => {
    const name = fc.array(fc.constantFrom(...'曾单区仇欧阳王汪五武张章伟西安先𠀀A·'), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        const ab = compareByPinyin(a, b);
        expect(Math.sign(ab) + Math.sign(compareByPinyin(b, a))).toBe(0);
        expect(ab === 0).toBe(a === b);
        if (ab <= 0 && compareByPinyin(b, c) <= 0) expect(compareByPinyin(a, c)).toBeLessThanOrEqual(0);
        if (a !== b) expect(pinyinSortKey(b).startsWith(pinyinSortKey(a))).toBe(false);
      }),
    );
  });

  it('reads surnames the way quick search does', () => {
    for (const name of ['曾国藩', '单雄信', '区志强', '仇英', '尉迟恭', '万俟卨', '解缙', '查良镛', '长孙无忌']) {
      const letters = pinyinSortKey(name).split('\u0000').slice(0, 2).join('').replace(/[^a-z]/g, '');
      expect(letters, name).toBe(nameKeys(name).full);
    }
  });
});
