import { codeTables, type CodeTableId } from '../code';

// Captions as LRMX files write them → codes. Files carry the editor's captions, the long official ones, and
// common short or colloquial forms; the extra forms are data here, one place, like the tables themselves.

const ALIASES: Partial<Record<CodeTableId, Readonly<Record<string, string>>>> = {
  sex: { 男性: '1', 女性: '2' },
  education: {
    本科: '21',
    大学本科: '21',
    大专: '31',
    专科: '31',
    大学专科: '31',
    硕士研究生: '11',
    博士研究生: '11',
    研究生毕业: '11',
    中等专科: '35',
    中央党校研究生班: '12',
  },
  politicalStatus: {
    党员: '01',
    中共: '01',
    预备党员: '02',
    团员: '03',
    无党派: '12',
    民革: '04',
    民盟: '05',
    民建: '06',
    民进: '07',
    农工: '08',
    农工党: '08',
    致公: '09',
    致公党: '09',
    九三: '10',
    九三学社: '10',
    台盟: '11',
  },
  relation: { 夫: '11', 妻: '12', 父: '51', 母: '52', 爸爸: '51', 妈妈: '52' },
};

const clean = (s: string) => s.replace(/[\s\u3000]/g, '');

const indexes = new Map<CodeTableId, Map<string, string>>();
function indexOf(table: CodeTableId): Map<string, string> {
  let index = indexes.get(table);
  if (!index) {
    index = new Map();
    for (const e of codeTables[table].entries) {
      index.set(e.caption, e.code);
      if (e.full) index.set(e.full, e.code);
      // 民族 are often written without 族 (汉, 回)
      if (table === 'nation' && e.caption.endsWith('族')) index.set(e.caption.slice(0, -1), e.code);
    }
    for (const [alias, code] of Object.entries(ALIASES[table] ?? {})) if (!index.has(alias)) index.set(alias, code);
    indexes.set(table, index);
  }
  return index;
}

/** The code for a caption, or undefined when the table has nothing that reads so. */
export const codeOfCaption = (table: CodeTableId, text: string): string | undefined => indexOf(table).get(clean(text));

/** 入党时间 names a democratic party by its short name ("九三", "200108；民建"). */
export const PARTY_SHORT_NAMES: Readonly<Record<string, string>> = {
  '04': '民革',
  '05': '民盟',
  '06': '民建',
  '07': '民进',
  '08': '农工党',
  '09': '致公党',
  '10': '九三',
  '11': '台盟',
  '12': '无党派',
};
