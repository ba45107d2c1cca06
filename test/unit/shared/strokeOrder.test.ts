import cnchar from 'cnchar';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareByStroke, loadStrokeOrder, strokeDataFrom, strokeInfo, strokeOrderReady, strokeSortKey } from '../../../shared/rules/strokeOrder';

const sorted = (names: readonly string[]) => [...names].sort(compareByStroke);

describe('before the stroke data is loaded', () => {
  it('refuses to compare instead of guessing an order', () => {
    expect(strokeOrderReady()).toBe(false);
    expect(() => compareByStroke('王五', '张三')).toThrow('姓氏笔画数据尚未载入');
  });
});

describe('compareByStroke', () => {
  beforeAll(() => loadStrokeOrder());

  // Counted by hand, the mainland way (通用规范汉字表: 阝 2 strokes, 艹 3, 丬 3, 辶 3).
  const HAND_COUNTED: Record<string, number> = {
    丁: 2, 马: 3, 王: 4, 邓: 4, 毛: 4, 方: 4, 区: 4, 石: 5, 叶: 5, 冯: 5, 白: 5, 司: 5, 刘: 6, 阮: 6, 陈: 7, 张: 7,
    苏: 7, 陆: 7, 欧: 8, 单: 8, 郑: 8, 范: 8, 黄: 11, 萧: 11, 曾: 12, 董: 12, 蒋: 12, 薛: 16, 戴: 17, 边: 5, 连: 7,
  };

  it('count strokes as the 通用规范汉字表 does, in the data and in cnchar itself', () => {
    for (const [char, count] of Object.entries(HAND_COUNTED)) {
      expect(strokeInfo(char)?.count, char).toBe(count);
      expect(cnchar.stroke(char), `cnchar ${char}`).toBe(count);
    }
  });

  it('classify strokes as the 笔顺规范 does: 提 with 横, 捺 and left dots with 点, every hook and turn 折', () => {
    expect(strokeInfo('丁')?.classes).toEqual([1, 5]); // 横, 竖钩
    expect(strokeInfo('十')?.classes).toEqual([1, 2]); // 横, 竖
    expect(strokeInfo('王')?.classes).toEqual([1, 1, 2, 1]);
    expect(strokeInfo('人')?.classes).toEqual([3, 4]); // 撇, 捺
    expect(strokeInfo('冰')?.classes.slice(0, 2)).toEqual([4, 1]); // 点, 提
    expect(strokeInfo('心')?.classes).toEqual([4, 5, 4, 4]); // 点, 卧钩, 点, 点
    expect(strokeInfo('女')?.classes[0]).toBe(5); // 撇点
    expect(strokeInfo('司')?.classes[0]).toBe(5); // 横折钩
  });

  it('fix what Unicode\'s stroke collation gets wrong: 陈 (7) before 单 and 欧 (8), 邓 (4) before 石 (5), 薛 (16) before 戴 (17)', () => {
    expect(sorted(['单明', '欧明', '陈明'])).toEqual(['陈明', '欧明', '单明']);
    expect(sorted(['石磊', '邓华'])).toEqual(['邓华', '石磊']);
    expect(sorted(['戴军', '薛刚'])).toEqual(['薛刚', '戴军']);
    expect(sorted(['戴军', '曾明', '黄河', '欧明', '陈明', '刘备', '石磊', '邓华', '王五', '丁一'])).toEqual([
      '丁一', '王五', '邓华', '石磊', '刘备', '陈明', '欧明', '黄河', '曾明', '戴军',
    ]);
  });

  it('order equal counts by the first stroke: 横, 竖, 撇, 点, 折', () => {
    // four strokes: 王 横, 毛 撇, 方 点, 邓 折; five strokes: 石 横, 叶 竖, 白 撇, 冯 点, 司 折
    expect(sorted(['邓一', '方一', '毛一', '王一'])).toEqual(['王一', '毛一', '方一', '邓一']);
    expect(sorted(['司一', '冯一', '白一', '叶一', '石一'])).toEqual(['石一', '叶一', '白一', '冯一', '司一']);
    // seven strokes, both starting with 折: 张 横折 横 … before 陈 横折折折钩 竖 …
    expect(sorted(['陈明', '张明'])).toEqual(['张明', '陈明']);
  });

  it('order equal first strokes by the following ones, 竖钩 counting as 折', () => {
    expect(sorted(['王丁', '王十'])).toEqual(['王十', '王丁']); // 横竖 before 横竖钩
    expect(sorted(['毛明', '仇明'])).toEqual(['毛明', '仇明']); // 撇横… before 撇竖…
  });

  it('order identical stroke sequences by code point', () => {
    expect(strokeInfo('土')?.classes).toEqual(strokeInfo('士')?.classes);
    expect(sorted(['王士', '王土'])).toEqual(['王土', '王士']); // U+571F before U+58EB
    expect(sorted(['巳一', '已一', '己一'])).toEqual(['己一', '已一', '巳一']); // U+5DF1, U+5DF2, U+5DF3
  });

  it('compare the surname first, then the given name character by character, shorter first', () => {
    expect(sorted(['王伟', '王五', '王', '王二', '王五一'])).toEqual(['王', '王二', '王五', '王五一', '王伟']);
    // given names do not outweigh the surname: 丁 (2) with a 17-stroke given name before 王 (4) with a 1-stroke one
    expect(sorted(['王一', '丁戴'])).toEqual(['丁戴', '王一']);
  });

  it('read 复姓 as one surname: a shorter surname that begins a longer one comes first', () => {
    // by characters alone 欧阳 (阳 6) would precede 欧明 (明 8); as surnames 欧 precedes 欧阳
    expect(sorted(['欧阳修', '欧明', '欧阳明', '欧文'])).toEqual(['欧文', '欧明', '欧阳明', '欧阳修']);
    expect(sorted(['司徒雷', '司明', '司马光'])).toEqual(['司明', '司马光', '司徒雷']);
    expect(sorted(['诸葛亮', '上官婉儿', '东方朔'])).toEqual(['上官婉儿', '东方朔', '诸葛亮']);
  });

  it('put characters the data does not know after all others, by code point', () => {
    expect(strokeInfo('琤')).toBeNull();
    expect(sorted(['𠀀一', '琤一', 'Anna', '戴一', '丁一'])).toEqual(['丁一', '戴一', 'Anna', '琤一', '𠀀一']);
    expect(sorted(['王琤', '王戴'])).toEqual(['王戴', '王琤']);
  });

  it('is a total order that agrees with equality, and the sort key says the same', () => {
    const chars = [...'丁王毛方邓石叶白冯司陈张欧单薛戴阳马徒明一士土琤A𠀀·'];
    const name = fc.array(fc.constantFrom(...chars), { minLength: 1, maxLength: 4 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(name, name, name, (a, b, c) => {
        const ab = compareByStroke(a, b);
        expect(Math.sign(ab) + Math.sign(compareByStroke(b, a))).toBe(0); // antisymmetric
        expect(ab === 0).toBe(a === b);
        expect(Math.sign(ab)).toBe(Math.sign(strokeSortKey(a) < strokeSortKey(b) ? -1 : strokeSortKey(a) > strokeSortKey(b) ? 1 : 0));
        if (ab <= 0 && compareByStroke(b, c) <= 0) expect(compareByStroke(a, c)).toBeLessThanOrEqual(0);
        if (a !== b) expect(strokeSortKey(b).startsWith(strokeSortKey(a))).toBe(false); // prefix-free
      }),
    );
  });

  it('orders single surnames by their stroke count before anything else', () => {
    const surnames = [...'丁马王邓石刘陈欧黄曾薛戴'];
    fc.assert(
      fc.property(fc.constantFrom(...surnames), fc.constantFrom(...surnames), fc.string({ minLength: 1, maxLength: 2 }), fc.string({ minLength: 1, maxLength: 2 }), (s, t, g, h) => {
        const [cs, ct] = [strokeInfo(s)!.count, strokeInfo(t)!.count];
        if (cs < ct) expect(compareByStroke(s + g, t + h)).toBeLessThan(0);
      }),
    );
  });

  it('stops on a stroke form it cannot classify rather than misplace characters', () => {
    const dict = { orders: { 丁: 'jg' }, strokeTable: { j: { name: '横', type: '平笔' }, g: { name: '新笔形', type: '平笔' } } };
    expect(() => strokeDataFrom(dict)).toThrow('新笔形');
    const known = { ...dict, strokeTable: { ...dict.strokeTable, g: { name: '竖钩', type: '折笔' } } };
    expect(strokeDataFrom(known).places.get('丁'.codePointAt(0)!)).toBe(0);
    // a sequence with a letter the table does not define, or no sequence at all
    expect(() => strokeDataFrom({ ...known, orders: { 丁: 'jq' } })).toThrow('丁');
    expect(() => strokeDataFrom({ ...known, orders: { 丁: 7 } })).toThrow('丁');
  });
});
