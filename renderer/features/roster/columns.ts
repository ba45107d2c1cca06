import { caption } from '../../../shared/code';
import { printMonth } from '../../../shared/rules/months';
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

export const ALL_COLUMNS: readonly RosterColumn[] = [
  { id: 'index', header: '序号', size: 60, text: (_r, i) => String(i + 1) },
  { id: 'name', header: '姓名', size: 100, text: (r) => r.name, sort: 'stroke' },
  { id: 'sex', header: '性别', size: 56, text: display.sex },
  { id: 'birth', header: '出生年月（年龄）', size: 140, text: display.birth, sort: 'birth' },
  { id: 'nation', header: '民族', size: 80, text: display.nation },
  { id: 'nativePlace', header: '籍贯', size: 100, text: (r) => r.cadre.nativePlace },
  { id: 'political', header: '政治面貌', size: 110, text: display.political },
  { id: 'partyJoined', header: '入党时间', size: 100, text: (r) => printMonth(r.cadre.partyJoined) },
  { id: 'workStarted', header: '参加工作时间', size: 110, text: (r) => printMonth(r.cadre.workStarted) },
  { id: 'education', header: '全日制学历', size: 110, text: (r) => caption('education', r.cadre.fullTimeEducation.education) },
  { id: 'unit', header: '单位', size: 170, text: (r) => r.unitName, sort: 'unit' },
  { id: 'post', header: '现任职务', size: 220, text: (r) => r.cadre.currentPost },
  { id: 'postLevel', header: '职务层次', size: 90, text: (r) => caption('postLevel', r.cadre.postLevel), sort: 'post' },
  { id: 'rank', header: '职级', size: 120, text: display.rank, sort: 'rank' },
  { id: 'rankSince', header: '任现职级时间', size: 110, text: (r) => printMonth(r.cadre.rankSince) },
  { id: 'category', header: '人员类别', size: 90, text: (r) => caption('personnelCategory', r.cadre.personnelCategory) },
  { id: 'status', header: '人员状态', size: 90, text: (r) => caption('cadreStatus', r.cadre.status) },
  { id: 'idNumber', header: '身份证号码', size: 190, text: (r) => r.idNumber },
];

export const DEFAULT_COLUMNS = ['index', 'name', 'sex', 'birth', 'nation', 'political', 'unit', 'post', 'rank', 'idNumber'];

const BY_ID = new Map(ALL_COLUMNS.map((c) => [c.id, c]));

/** The chosen columns in the chosen order; unknown ids (from an older column set) are skipped. */
export const columnsOf = (ids: readonly string[]): RosterColumn[] =>
  ids.map((id) => BY_ID.get(id)).filter((c): c is RosterColumn => !!c);
