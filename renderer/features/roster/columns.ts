import { displayValue, getPath, leafAt } from '../../../shared/catalog/leaves';
import { cadreType } from '../../../shared/domain/cadre';
import { display, type RosterRow, type SortKey } from './rows';

/** Every column the roster can show; `text` feeds both the cell and the spreadsheet export. */
export interface RosterColumn {
  id: string;
  header: string;
  size: number;
  text: (r: RosterRow, index: number) => string;
  /** The roster order a click on this column's header chooses. */
  sort?: SortKey;
}

/**
 * A column showing one field of the basic record: its header is the field's label and its text the value as the
 * dossier shows it (shared/domain/cadre.ts declares both).
 */
function fieldColumn(id: string, path: string, size: number, more: Partial<Pick<RosterColumn, 'text' | 'sort' | 'header'>> = {}): RosterColumn {
  const leaf = leafAt(cadreType, path);
  if (!leaf) throw new Error(`the cadre has no field ${path}`);
  return { id, header: leaf.label, size, text: (r) => displayValue(leaf.field, getPath(r.cadre, path)), ...more };
}

export const ALL_COLUMNS: readonly RosterColumn[] = [
  { id: 'index', header: '序号', size: 56, text: (_r, i) => String(i + 1) },
  fieldColumn('name', 'name', 90, { text: (r) => r.name, sort: 'stroke' }),
  fieldColumn('sex', 'sex', 56, { text: display.sex }),
  fieldColumn('birth', 'birth', 140, { header: '出生年月（年龄）', text: display.birth, sort: 'birth' }),
  fieldColumn('nation', 'nation', 80, { text: display.nation }),
  fieldColumn('nativePlace', 'nativePlace', 100),
  fieldColumn('political', 'politicalStatus', 110, { text: display.political }),
  fieldColumn('partyJoined', 'partyJoined', 100),
  fieldColumn('workStarted', 'workStarted', 110),
  fieldColumn('education', 'fullTimeEducation.education', 110),
  fieldColumn('unit', 'unitId', 160, { text: (r) => r.unitName, sort: 'unit' }),
  fieldColumn('post', 'currentPost', 200),
  fieldColumn('postLevel', 'postLevel', 90, { sort: 'post' }),
  fieldColumn('rank', 'rank', 110, { text: display.rank, sort: 'rank' }),
  fieldColumn('rankSince', 'rankSince', 110),
  fieldColumn('category', 'personnelCategory', 90),
  fieldColumn('status', 'status', 90),
  fieldColumn('idNumber', 'idNumber', 180, { text: (r) => r.idNumber }),
];

// what identifies a cadre comes first, so 姓名, 单位, 职务, 职级 and 身份证号码 are all on screen at 1366 px
export const DEFAULT_COLUMNS = ['index', 'name', 'unit', 'post', 'rank', 'idNumber', 'sex', 'birth', 'nation', 'political'];

const BY_ID = new Map(ALL_COLUMNS.map((c) => [c.id, c]));

/** The chosen columns in the chosen order; unknown ids (from an older column set) are skipped. */
export const columnsOf = (ids: readonly string[]): RosterColumn[] =>
  ids.map((id) => BY_ID.get(id)).filter((c): c is RosterColumn => !!c);
