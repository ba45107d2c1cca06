/**
 * 复姓: two-character surnames that official name lists read as one surname (docs/domain.md, "姓氏笔画 order").
 * A cadre record holds the whole name in one field, so the surname is found from the name: a name starting
 * with one of these is read with it as its surname, any other name's surname is its first character.
 *
 * Left out on purpose: 复姓 whose first character is a common single surname and whose second is a common
 * first character of a given name (宗政, 乐正, 段干, 谷梁, 梁丘, 左丘), because reading 宗政华 as 宗政 + 华 would
 * misplace the far more frequent 宗 + 政华.
 */
export const COMPOUND_SURNAMES: ReadonlySet<string> = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '令狐', '长孙', '慕容', '宇文', '司徒', '夏侯',
  '轩辕', '端木', '独孤', '南宫', '西门', '百里', '万俟', '闻人', '赫连', '公羊', '澹台', '公冶', '濮阳', '淳于',
  '单于', '太叔', '申屠', '仲孙', '钟离', '鲜于', '闾丘', '司空', '亓官', '司寇', '子车', '颛孙', '巫马', '公西',
  '漆雕', '壤驷', '公良', '拓跋', '夹谷', '宰父', '呼延', '羊舌', '微生', '东郭', '南门', '东门', '第五',
]);

/** The 复姓 as pairs of code points (first · 0x110000 + second), so a name is checked without slicing it. */
const COMPOUND_PAIRS: ReadonlySet<number> = new Set(
  [...COMPOUND_SURNAMES].map((s) => {
    const [a, b] = [...s].map((c) => c.codePointAt(0)!);
    return a! * 0x110000 + b!;
  }),
);

/**
 * How many code units of the name are its surname (see COMPOUND_SURNAMES). A two-character name is always
 * surname + given name (东方 is 东 + 方: nobody is called by a bare 复姓); an empty name has no surname.
 */
export function surnameLength(name: string): number {
  const first = name.codePointAt(0);
  if (first === undefined) return 0;
  const one = first > 0xffff ? 2 : 1;
  const second = name.codePointAt(one);
  if (second === undefined) return one;
  const two = one + (second > 0xffff ? 2 : 1);
  return two < name.length && COMPOUND_PAIRS.has(first * 0x110000 + second) ? two : one;
}

/** A name read as surname and given name. */
export interface NameParts {
  surname: string;
  given: string;
}

/** Splits a name into surname and given name (see surnameLength). */
export function splitName(name: string): NameParts {
  const length = surnameLength(name);
  return { surname: name.slice(0, length), given: name.slice(length) };
}
