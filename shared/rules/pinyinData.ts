/**
 * pinyin-pro, loaded on demand (loadPinyin), as the stroke data is (strokeOrder.ts): the package is about 200 KB
 * of the page's scripts, and evaluating it, its dictionary included, took a tenth to a fifth of a second of every
 * start, though only quick search and the 拼音 order read it. The roster loads it beside its read of every cadre;
 * the functions that read pinyin (search.ts, pinyinOrder.ts) need it loaded first.
 */
type Pinyin = (typeof import('pinyin-pro'))['pinyin'];

let pinyin: Pinyin | null = null;
let loading: Promise<void> | null = null;

/** Loads pinyin-pro (once; a failed load is tried again on the next call). */
export function loadPinyin(): Promise<void> {
  loading ??= import('pinyin-pro')
    .then((module) => {
      pinyin = module.pinyin;
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

export const pinyinReady = (): boolean => pinyin !== null;

/** The options of pinyin-pro's array form that this program uses. */
export interface SyllableOptions {
  nonZh: 'consecutive' | 'removed';
  surname?: 'head';
  v?: boolean;
}

/** The readings of `text` one syllable an entry, without tones. Needs loadPinyin() first. */
export function syllablesOf(text: string, options: SyllableOptions): string[] {
  if (!pinyin) throw new Error('拼音数据尚未载入，请稍候再试。');
  return pinyin(text, { toneType: 'none', type: 'array', ...options });
}
