import { z } from 'zod';
import { surnameLength } from './surnames';

/**
 * 姓氏笔画 order as official name lists use it (docs/domain.md, "姓氏笔画 order"): the surname first, character by
 * character, then the given name the same way. Per character: the stroke count, then the strokes one by one in
 * the order 横 (with 提), 竖, 撇, 点 (with 捺), 折; characters with the same sequence of classes by code point;
 * characters the data does not know after all others, by code point.
 *
 * The data is cnchar-order's stroke sequence per character (6,939 characters, each a string of stroke letters;
 * its length is the count). Checked against the 通用规范汉字表 convention: the counts are the mainland ones
 * (阝 2 and 艹 3 strokes: 陈 7, 邓 4, 薛 16, 范 8), and cnchar's own count agrees with the sequence length for every
 * character of both packages, so nothing needs correcting (cnchar counts 5 rare characters that have no
 * sequence, such as 挼; they count as unknown here); test/unit/shared/strokeOrder.test.ts holds the
 * hand-counted checks. cnchar-order writes strokes as 26 letters; its table marks each 平笔 or 折笔, and every 折笔
 * (竖钩, 横折, 撇点, 竖提 …) is 折 as the 笔顺规范 classes them; the 平笔 are mapped by name below ("点2" is its
 * left-falling dot, as in 心 and 火).
 *
 * The package is 173 KB once bundled (51 KB gzipped) and takes about 30 ms to load and evaluate, so it is a
 * separate chunk loaded on demand (loadStrokeOrder) rather than part of the first screen: the roster starts the
 * load beside its IndexedDB read. On load the known characters are ranked once (tens of ms, off the first
 * screen); a name's key is then one code unit per character (strokeSortKey), which the roster's ranks and
 * compareByStroke keep per name.
 */

/** The five stroke classes in comparison order; the keys hold 1–5. */
export const STROKE_CLASSES = ['横', '竖', '撇', '点', '折'] as const;
export type StrokeClass = 1 | 2 | 3 | 4 | 5;

/** cnchar-order's 平笔 by name; every 折笔 is class 5. */
const PLAIN_STROKES: Readonly<Record<string, StrokeClass>> = { 横: 1, 提: 1, 竖: 2, 撇: 3, 点: 4, 点2: 4, 捺: 4 };

// the 6,939 sequences are checked letter by letter while they are ranked (placesOf), which costs far less than
// a schema pass over them
const dictSchema = z.object({
  orders: z.custom<Readonly<Record<string, unknown>>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v)),
  strokeTable: z.record(z.string(), z.object({ name: z.string(), type: z.enum(['平笔', '折笔']) })),
});

export interface StrokeData {
  orders: Readonly<Record<string, unknown>>;
  classOf: ReadonlyMap<string, StrokeClass>;
  /** Code point → place among the known characters. */
  places: ReadonlyMap<number, number>;
}

let data: StrokeData | null = null;
let loading: Promise<void> | null = null;

/** Reads cnchar-order's dictionary; a stroke form this module does not know stops it (the package changed). */
export function strokeDataFrom(dict: unknown): StrokeData {
  const { orders, strokeTable } = dictSchema.parse(dict);
  const classOf = new Map<string, StrokeClass>();
  for (const [letter, stroke] of Object.entries(strokeTable)) {
    const cls = stroke.type === '折笔' ? 5 : PLAIN_STROKES[stroke.name];
    if (!cls) throw new Error(`笔画数据中的笔形“${stroke.name}”无法归入横、竖、撇、点、折，请检查 cnchar-order 的版本。`);
    classOf.set(letter, cls);
  }
  return { orders, classOf, places: placesOf(orders, classOf) };
}

/** Loads the stroke data (once; a failed load is tried again on the next call). Sorting needs it first. */
export function loadStrokeOrder(): Promise<void> {
  loading ??= import('cnchar-order')
    .then((module) => {
      const plugin: unknown = (module as { default?: unknown }).default ?? module;
      data = strokeDataFrom((plugin as { dict?: unknown }).dict);
    })
    .catch((error: unknown) => {
      loading = null;
      throw error;
    });
  return loading;
}

export const strokeOrderReady = (): boolean => data !== null;

function loaded(): StrokeData {
  if (!data) throw new Error('姓氏笔画数据尚未载入，请稍候再试。');
  return data;
}

/** A known character's stroke count and stroke classes in writing order; null when the data does not know it. */
export function strokeInfo(char: string): { count: number; classes: StrokeClass[] } | null {
  const { orders, classOf } = loaded();
  const letters = Object.hasOwn(orders, char) ? orders[char] : undefined;
  if (typeof letters !== 'string') return null;
  const classes: StrokeClass[] = [];
  for (const letter of letters) {
    const cls = classOf.get(letter);
    if (!cls) return null;
    classes.push(cls);
  }
  return { count: classes.length, classes };
}

// Sort keys compare as plain strings (code unit by code unit), one short code per character:
//   known:   one unit, 0x100 + the character's place among all known characters (count, classes, code point)
//   unknown: two units, 0xf000 + (code point >> 12) and 0x100 + (code point & 0xfff)
// The first unit tells the two apart, so codes never overlap. END, below every code, closes the surname (a
// surname that is a prefix of a longer one sorts first) and the given name (a shorter given name first); it also
// makes the keys prefix-free (no key begins another), which lets callers append a tag without changing the order.
// Short keys keep a sort of 70,000 names to plain comparisons of a few code units.
const END = 0;

/** Every known character's place in the order: the 6,939 characters sorted once when the data loads. */
function placesOf(orders: Readonly<Record<string, unknown>>, classOf: ReadonlyMap<string, StrokeClass>): Map<number, number> {
  const entries = Object.entries(orders).map(([char, letters]) => {
    const classes = typeof letters === 'string' && letters ? [...letters].map((letter) => classOf.get(letter)) : [undefined];
    if (classes.includes(undefined) || [...char].length !== 1) {
      throw new Error(`笔画数据中“${char}”的笔顺“${String(letters)}”无法识别，请检查 cnchar-order 的版本。`);
    }
    const cp = char.codePointAt(0)!;
    return { cp, key: String.fromCharCode(0x20 + classes.length, ...classes.map((c) => 0x30 + c!), cp >>> 16, cp & 0xffff) };
  });
  if (entries.length > 0xe000) throw new Error('笔画数据的字数超出排序键的容量。');
  entries.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  return new Map(entries.map((e, i) => [e.cp, i]));
}

/** Appends the code units of one character's key. */
function pushCharKey(codes: number[], cp: number, places: ReadonlyMap<number, number>): void {
  const place = places.get(cp);
  if (place !== undefined) codes.push(0x100 + place);
  else codes.push(0xf000 + (cp >>> 12), 0x100 + (cp & 0xfff));
}

/**
 * A string whose plain comparison (`<`) is the 姓氏笔画 order of the names; equal keys mean equal names, and no
 * key begins another. Sort many names by decorating them with this key once rather than calling compareByStroke
 * n·log n times (the roster's NameRanks does).
 */
export function strokeSortKey(name: string): string {
  const { places } = loaded();
  const surnameEnd = surnameLength(name);
  const codes: number[] = [];
  for (let i = 0; i < name.length; ) {
    if (i === surnameEnd) codes.push(END);
    const cp = name.codePointAt(i)!;
    pushCharKey(codes, cp, places);
    i += cp > 0xffff ? 2 : 1;
  }
  if (surnameEnd === name.length) codes.push(END);
  codes.push(END);
  return String.fromCharCode(...codes);
}

// compareByStroke keeps the keys of the names it meets, so a plain sort with it derives each key once
const keyCache = new Map<string, string>();
const KEY_CACHE_BOUND = 250_000;
function cachedKey(name: string): string {
  let key = keyCache.get(name);
  if (key === undefined) {
    key = strokeSortKey(name);
    if (keyCache.size >= KEY_CACHE_BOUND) keyCache.clear(); // a bound for long sessions; keys are cheap to redo
    keyCache.set(name, key);
  }
  return key;
}

/** 姓氏笔画 order of two names (negative: a first). Call loadStrokeOrder() once before. */
export function compareByStroke(a: string, b: string): number {
  const ka = cachedKey(a);
  const kb = cachedKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
