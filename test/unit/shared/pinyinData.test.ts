import { describe, expect, it } from 'vitest';
import { loadPinyin, pinyinReady } from '../../../shared/rules/pinyinData';
import { compareByPinyin } from '../../../shared/rules/pinyinOrder';
import { nameKeys } from '../../../shared/rules/search';
import { loadStrokeOrder } from '../../../shared/rules/strokeOrder';

// pinyin-pro is a chunk of its own, loaded on demand (shared/rules/pinyinData.ts): the modules that read pinyin
// must not load it themselves, and say so when used before it is loaded.
describe('pinyin-pro, loaded on demand', () => {
  it('is not loaded by the modules that read it: they say so until loadPinyin(), then read', async () => {
    await loadStrokeOrder();
    expect(pinyinReady()).toBe(false);
    expect(() => nameKeys('张三')).toThrow('拼音数据尚未载入');
    expect(() => compareByPinyin('张三', '李四')).toThrow('拼音数据尚未载入');
    await loadPinyin();
    expect(pinyinReady()).toBe(true);
    expect(nameKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(compareByPinyin('张三', '李四')).toBeGreaterThan(0);
  });
});
