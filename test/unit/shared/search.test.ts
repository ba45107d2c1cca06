import { describe, expect, it } from 'vitest';
import { loadPinyin } from '../../../shared/rules/pinyinData';
import { headOf, matcher, nameKeys, pinyinHead, queryKind } from '../../../shared/rules/search';

// pinyin-pro loads on demand (shared/rules/pinyinData.ts); the rows below read it as the file is collected
await loadPinyin();

const row = (name: string, idNumber = '320102198005151238') => ({ name, idNumber, keys: nameKeys(name) });

describe('nameKeys', () => {
  it('gives full pinyin and initials, reading surnames as surnames', () => {
    expect(nameKeys('张三')).toEqual({ full: 'zhangsan', initials: 'zs' });
    expect(nameKeys('单雄信')).toEqual({ full: 'shanxiongxin', initials: 'sxx' });
    expect(nameKeys('曾国藩').full).toBe('zengguofan');
    expect(nameKeys('欧阳修').initials).toBe('oyx');
  });
});

describe('matcher', () => {
  const rows = [row('张三'), row('张珊珊', '11010519491231002X'), row('王芳', '320102199003122227')];
  const find = (q: string) => rows.filter(matcher(q)).map((r) => r.name);

  it('reads the query as ID number, pinyin or text', () => {
    expect(queryKind('3201')).toBe('idNumber');
    expect(queryKind('1231002x')).toBe('idNumber');
    expect(queryKind('zs')).toBe('pinyin');
    expect(queryKind('张')).toBe('text');
  });

  it('finds 张三 by initials, full pinyin (any case), part of the name and ID number', () => {
    expect(find('zs')).toEqual(['张三', '张珊珊']);
    expect(find('zss')).toEqual(['张珊珊']);
    expect(find('zhangsan')).toEqual(['张三']);
    expect(find('ZhangSan')).toEqual(['张三']);
    expect(find('三')).toEqual(['张三']);
    expect(find('002x')).toEqual(['张珊珊']);
    expect(find('1990')).toEqual(['王芳']);
    expect(find(' wf ')).toEqual(['王芳']);
    expect(find('')).toHaveLength(3);
    expect(find('lisi')).toEqual([]);
  });

  it('names the letter a pinyin query fixes, which begins the keys of every name it matches', () => {
    expect(pinyinHead('Zs')).toBe('z');
    expect(pinyinHead(' w f ')).toBe('w');
    expect(pinyinHead('')).toBeNull();
    expect(pinyinHead('3201')).toBeNull();
    expect(pinyinHead('张')).toBeNull();
    for (const name of ['张三', '欧阳修', '曾国藩', '单雄信']) {
      const keys = nameKeys(name);
      for (const q of [keys.initials, keys.full, keys.full.slice(0, 3)]) expect(headOf(keys)).toBe(pinyinHead(q));
    }
    expect(headOf(nameKeys('Tom'))).toBe(''); // no pinyin: no pinyin query matches it
  });
});
