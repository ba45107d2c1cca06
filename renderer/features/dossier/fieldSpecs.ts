import type { CodeTableId } from '../../../shared/code';
import { REWARD_KINDS, type SubRecordTable } from '../../../shared/domain/cadre';

/** How one field of the dossier is edited and shown. Forms and sub-record tables are built from these lists. */
export interface FieldSpec {
  name: string;
  label: string;
  kind: 'text' | 'longText' | 'month' | 'code' | 'bool' | 'year' | 'enum' | 'unit';
  table?: CodeTableId;
  options?: { value: string; label: string }[];
  required?: boolean;
  /** Shown in the sub-record table's columns */
  column?: boolean;
}

export const BASIC_FIELDS: { group: string; fields: FieldSpec[] }[] = [
  {
    group: '基本情况',
    fields: [
      { name: 'name', label: '姓名', kind: 'text', required: true },
      { name: 'idNumber', label: '身份证号码', kind: 'text', required: true },
      { name: 'sex', label: '性别', kind: 'code', table: 'sex', required: true },
      { name: 'birth', label: '出生年月', kind: 'month', required: true },
      { name: 'nation', label: '民族', kind: 'code', table: 'nation', required: true },
      { name: 'nativePlace', label: '籍贯', kind: 'text' },
      { name: 'birthPlace', label: '出生地', kind: 'text' },
      { name: 'politicalStatus', label: '政治面貌', kind: 'code', table: 'politicalStatus', required: true },
      { name: 'partyJoined', label: '入党时间', kind: 'month' },
      { name: 'workStarted', label: '参加工作时间', kind: 'month' },
      { name: 'health', label: '健康状况', kind: 'code', table: 'health' },
      { name: 'maritalStatus', label: '婚姻状况', kind: 'code', table: 'maritalStatus' },
      { name: 'professionalTitle', label: '专业技术职务', kind: 'text' },
      { name: 'expertise', label: '熟悉专业有何专长', kind: 'text' },
    ],
  },
  {
    group: '学历学位',
    fields: [
      { name: 'fullTimeEducation.education', label: '全日制学历', kind: 'code', table: 'education' },
      { name: 'fullTimeEducation.degree', label: '全日制学位', kind: 'code', table: 'degree' },
      { name: 'fullTimeEducation.school', label: '全日制毕业院校', kind: 'text' },
      { name: 'fullTimeEducation.major', label: '全日制专业', kind: 'text' },
      { name: 'inServiceEducation.education', label: '在职学历', kind: 'code', table: 'education' },
      { name: 'inServiceEducation.degree', label: '在职学位', kind: 'code', table: 'degree' },
      { name: 'inServiceEducation.school', label: '在职毕业院校', kind: 'text' },
      { name: 'inServiceEducation.major', label: '在职专业', kind: 'text' },
    ],
  },
  {
    group: '职务职级',
    fields: [
      { name: 'unitId', label: '所在单位', kind: 'unit', required: true },
      { name: 'currentPost', label: '现任职务', kind: 'text' },
      { name: 'postLevel', label: '职务层次', kind: 'code', table: 'postLevel' },
      { name: 'rank', label: '职级', kind: 'code', table: 'rank' },
      { name: 'rankSince', label: '任现职级时间', kind: 'month' },
      { name: 'personnelCategory', label: '人员类别', kind: 'code', table: 'personnelCategory', required: true },
      { name: 'status', label: '人员状态', kind: 'code', table: 'cadreStatus', required: true },
    ],
  },
];

const enumOptions = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

export const SUB_RECORD_FIELDS: Record<SubRecordTable, FieldSpec[]> = {
  career: [
    { name: 'from', label: '起始时间', kind: 'month', required: true, column: true },
    { name: 'to', label: '截止时间（空为至今）', kind: 'month', column: true },
    { name: 'unit', label: '工作单位（学校）', kind: 'text', required: true, column: true },
    { name: 'post', label: '职务（职级）', kind: 'text', column: true },
    { name: 'kind', label: '类别', kind: 'enum', options: enumOptions({ work: '工作', study: '全日制学习' }), required: true, column: true },
  ],
  education: [
    { name: 'mode', label: '教育类别', kind: 'enum', options: enumOptions({ fullTime: '全日制', inService: '在职' }), required: true, column: true },
    { name: 'from', label: '入学时间', kind: 'month', required: true, column: true },
    { name: 'to', label: '毕业时间', kind: 'month', column: true },
    { name: 'school', label: '学校', kind: 'text', required: true, column: true },
    { name: 'major', label: '专业', kind: 'text', column: true },
    { name: 'education', label: '学历', kind: 'code', table: 'education', required: true, column: true },
    { name: 'degree', label: '学位', kind: 'code', table: 'degree', column: true },
  ],
  family: [
    { name: 'relation', label: '称谓', kind: 'code', table: 'relation', required: true, column: true },
    { name: 'name', label: '姓名', kind: 'text', required: true, column: true },
    { name: 'birth', label: '出生年月', kind: 'month', column: true },
    { name: 'politicalStatus', label: '政治面貌', kind: 'code', table: 'politicalStatus', column: true },
    { name: 'employment', label: '工作单位及职务', kind: 'text', column: true },
    { name: 'retired', label: '已退休', kind: 'bool', column: true },
    { name: 'deceased', label: '已去世', kind: 'bool', column: true },
  ],
  rewards: [
    { name: 'kind', label: '类别', kind: 'enum', options: enumOptions(REWARD_KINDS), required: true, column: true },
    { name: 'date', label: '时间', kind: 'month', required: true, column: true },
    { name: 'title', label: '名称', kind: 'text', required: true, column: true },
    { name: 'issuer', label: '批准机关', kind: 'text', column: true },
    { name: 'effectiveFrom', label: '影响期开始', kind: 'month' },
    { name: 'effectiveTo', label: '影响期结束', kind: 'month' },
    { name: 'revoked', label: '解除时间', kind: 'month' },
  ],
  assessments: [
    { name: 'year', label: '年度', kind: 'year', required: true, column: true },
    { name: 'grade', label: '考核结果', kind: 'code', table: 'assessmentGrade', required: true, column: true },
  ],
  posts: [
    { name: 'title', label: '职务名称', kind: 'text', required: true, column: true },
    { name: 'postLevel', label: '职务层次', kind: 'code', table: 'postLevel', column: true },
    { name: 'unit', label: '任职单位', kind: 'text', column: true },
    { name: 'from', label: '任职时间', kind: 'month', required: true, column: true },
    { name: 'to', label: '免职时间', kind: 'month', column: true },
    { name: 'documentNo', label: '任免文号', kind: 'text', column: true },
  ],
  ranks: [
    { name: 'rank', label: '职级', kind: 'code', table: 'rank', required: true, column: true },
    { name: 'from', label: '任职级时间', kind: 'month', required: true, column: true },
    { name: 'to', label: '截止时间', kind: 'month', column: true },
    { name: 'documentNo', label: '文号', kind: 'text', column: true },
  ],
};
