import { syllablesOf } from './pinyinData';
import { strokeSortKey } from './strokeOrder';
import { splitName } from './surnames';

/**
 * 拼音 order of names (docs/domain.md, "姓氏笔画 order"): the surname by its surname reading (曾 zēng, 单 shàn,
 * 区 ōu, 仇 qiú, 尉迟 yùchí, as quick search reads it), then the given name, syllable by syllable without tones
 * (ü after u); names that read the same follow 姓氏笔画 order. Like the stroke order, the whole surname comes
 * first, so 欧明 (ōu) precedes 欧阳修 (ōuyáng).
 */

// Plain-comparable keys: syllables joined by SYLLABLE, the surname and the given name each closed by END, both
// below every letter, so "xi an" precedes "xian" and a shorter reading precedes a longer one it begins. A
// character pinyin-pro cannot read becomes NO_READING, after every letter (as the stroke order puts characters
// it does not know last); punctuation such as the · of 阿不都·热合曼 is left out.
const END = '\u0000';
const SYLLABLE = '\u0001';
const NO_READING = '\uf000';

function reading(text: string, asSurname: boolean): string {
  return syllablesOf(text, { nonZh: 'consecutive', v: true, ...(asSurname ? { surname: 'head' as const } : {}) })
    .map((s) => s.toLowerCase().replace(/[^a-z]/g, '') || (/\p{L}/u.test(s) ? NO_READING : ''))
    .filter(Boolean)
    .join(SYLLABLE);
}

// Readings are kept per surname and per given name: a district has a few hundred surnames and far fewer given
// names than names, and pinyin is the costly step (about 5 µs a name).
const surnameReadings = new Map<string, string>();
const givenReadings = new Map<string, string>();
const nameKeys = new Map<string, string>();
const CACHE_BOUND = 250_000;

function cached(cache: Map<string, string>, text: string, asSurname: boolean): string {
  let value = cache.get(text);
  if (value === undefined) {
    value = reading(text, asSurname);
    if (cache.size >= CACHE_BOUND) cache.clear();
    cache.set(text, value);
  }
  return value;
}

/**
 * A string whose plain comparison (`<`) is the 拼音 order of the names; no key begins another (it ends with the
 * name's stroke key). Needs the stroke data and pinyin-pro (loadStrokeOrder, loadPinyin).
 */
export function pinyinSortKey(name: string): string {
  let key = nameKeys.get(name);
  if (key === undefined) {
    const { surname, given } = splitName(name);
    key = cached(surnameReadings, surname, true) + END + cached(givenReadings, given, false) + END + strokeSortKey(name);
    if (nameKeys.size >= CACHE_BOUND) nameKeys.clear();
    nameKeys.set(name, key);
  }
  return key;
}

/** 拼音 order of two names (negative: a first). Call loadStrokeOrder() and loadPinyin() once before. */
export function compareByPinyin(a: string, b: string): number {
  const ka = pinyinSortKey(a);
  const kb = pinyinSortKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
