import { numbered, type CodeEntry, type CodeTable } from './types';

// Code tables of DOMAIN.md "Code tables": stored as codes, shown as captions. Data only — no code branches.

export const nation: CodeTable = {
  id: 'nation',
  name: '民族',
  standard: 'GB/T 3304',
  entries: [
    ...numbered(
      '汉族', '蒙古族', '回族', '藏族', '维吾尔族', '苗族', '彝族', '壮族', '布依族', '朝鲜族',
      '满族', '侗族', '瑶族', '白族', '土家族', '哈尼族', '哈萨克族', '傣族', '黎族', '傈僳族',
      '佤族', '畲族', '高山族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族', '柯尔克孜族', '土族',
      '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '阿昌族', '普米族',
      '塔吉克族', '怒族', '乌孜别克族', '俄罗斯族', '鄂温克族', '德昂族', '保安族', '裕固族', '京族', '塔塔尔族',
      '独龙族', '鄂伦春族', '赫哲族', '门巴族', '珞巴族', '基诺族',
    ),
    { code: '97', caption: '其他' },
    { code: '98', caption: '外国血统', full: '外国血统中国籍人士' },
  ],
};

export const politicalStatus: CodeTable = {
  id: 'politicalStatus',
  name: '政治面貌',
  standard: 'GB/T 4762',
  entries: [
    { code: '01', caption: '中共党员', full: '中国共产党党员' },
    { code: '02', caption: '中共预备党员', full: '中国共产党预备党员' },
    { code: '03', caption: '共青团员', full: '中国共产主义青年团团员' },
    { code: '04', caption: '民革党员', full: '中国国民党革命委员会会员' },
    { code: '05', caption: '民盟盟员', full: '中国民主同盟盟员' },
    { code: '06', caption: '民建会员', full: '中国民主建国会会员' },
    { code: '07', caption: '民进会员', full: '中国民主促进会会员' },
    { code: '08', caption: '农工党党员', full: '中国农工民主党党员' },
    { code: '09', caption: '致公党党员', full: '中国致公党党员' },
    { code: '10', caption: '九三学社社员' },
    { code: '11', caption: '台盟盟员', full: '台湾民主自治同盟盟员' },
    { code: '12', caption: '无党派人士', full: '无党派民主人士' },
    { code: '13', caption: '群众' },
  ],
};

/** The organization-system education table; level orders them (研究生 highest). */
export const education: CodeTable = {
  id: 'education',
  name: '学历',
  entries: [
    { code: '11', caption: '研究生', level: 7 },
    { code: '12', caption: '研究生班', level: 7 },
    { code: '1A', caption: '中央党校研究生', level: 7 },
    { code: '1B', caption: '省委党校研究生', level: 7 },
    { code: '21', caption: '大学', level: 6 },
    { code: '22', caption: '中央党校大学', level: 6 },
    { code: '23', caption: '省委党校大学', level: 6 },
    { code: '31', caption: '大专', level: 5 },
    { code: '32', caption: '省委党校大专', level: 5 },
    { code: '33', caption: '大学普通班', level: 5 },
    { code: '34', caption: '中央党校大专', level: 5 },
    { code: '35', caption: '中专', level: 4 },
    { code: '36', caption: '中技', level: 4 },
    { code: '37', caption: '高中', level: 3 },
    { code: '38', caption: '初中', level: 2 },
    { code: '39', caption: '小学', level: 1 },
  ],
};

const disciplines = [
  '哲学', '经济学', '法学', '教育学', '文学', '历史学', '理学', '工学', '农学', '医学', '军事学', '管理学',
];
const degreesOf = (prefix: string, suffix: string, level: number): CodeEntry[] =>
  disciplines.map((d, i) => ({
    code: `${prefix}${String(i + 1).padStart(2, '0')}`,
    caption: `${d}${suffix}`,
    level,
  }));

export const degree: CodeTable = {
  id: 'degree',
  name: '学位',
  standard: 'GB/T 6864',
  entries: [
    { code: '1', caption: '名誉博士', level: 4 },
    ...degreesOf('2', '博士', 3),
    ...degreesOf('3', '硕士', 2),
    { code: '351', caption: '公共管理硕士', level: 2 },
    { code: '352', caption: '工商管理硕士', level: 2 },
    { code: '353', caption: '法律硕士', level: 2 },
    ...degreesOf('4', '学士', 1),
  ],
};

export const health: CodeTable = {
  id: 'health',
  name: '健康状况',
  entries: numbered('健康', '一般', '较差'),
};

export const sex: CodeTable = {
  id: 'sex',
  name: '性别',
  standard: 'GB/T 2261.1',
  entries: [
    { code: '1', caption: '男' },
    { code: '2', caption: '女' },
  ],
};

export const maritalStatus: CodeTable = {
  id: 'maritalStatus',
  name: '婚姻状况',
  standard: 'GB/T 2261.2',
  entries: [
    { code: '10', caption: '未婚' },
    { code: '20', caption: '已婚' },
    { code: '21', caption: '初婚' },
    { code: '22', caption: '再婚' },
    { code: '23', caption: '复婚' },
    { code: '30', caption: '丧偶' },
    { code: '40', caption: '离婚' },
    { code: '90', caption: '未说明' },
  ],
};

export const relation: CodeTable = {
  id: 'relation',
  name: '称谓',
  standard: 'GB/T 4761',
  entries: [
    { code: '11', caption: '丈夫' },
    { code: '12', caption: '妻子' },
    { code: '21', caption: '独生子' },
    { code: '22', caption: '长子' },
    { code: '23', caption: '次子' },
    { code: '24', caption: '三子' },
    { code: '31', caption: '独生女' },
    { code: '32', caption: '长女' },
    { code: '33', caption: '次女' },
    { code: '34', caption: '三女' },
    { code: '51', caption: '父亲' },
    { code: '52', caption: '母亲' },
    { code: '53', caption: '公公' },
    { code: '54', caption: '婆婆' },
    { code: '55', caption: '岳父' },
    { code: '56', caption: '岳母' },
    { code: '71', caption: '哥哥' },
    { code: '73', caption: '弟弟' },
    { code: '75', caption: '姐姐' },
    { code: '77', caption: '妹妹' },
    { code: '97', caption: '其他' },
  ],
};

/** Leadership post levels (领导职务层次). */
export const postLevel: CodeTable = {
  id: 'postLevel',
  name: '职务层次',
  entries: [
    { code: '1A', caption: '正处', full: '县处级正职', level: 4 },
    { code: '1B', caption: '副处', full: '县处级副职', level: 3 },
    { code: '2A', caption: '正科', full: '乡科级正职', level: 2 },
    { code: '2B', caption: '副科', full: '乡科级副职', level: 1 },
  ],
};

/** Civil-servant ranks (职级), most senior first; level orders them. */
export const rank: CodeTable = {
  id: 'rank',
  name: '职级',
  entries: [
    '一级巡视员', '二级巡视员', '一级调研员', '二级调研员', '三级调研员', '四级调研员',
    '一级主任科员', '二级主任科员', '三级主任科员', '四级主任科员', '一级科员', '二级科员',
  ].map((caption, i, all) => ({ code: String(i + 1).padStart(2, '0'), caption, level: all.length - i })),
};

export const personnelCategory: CodeTable = {
  id: 'personnelCategory',
  name: '人员类别',
  entries: [
    { code: '1', caption: '公务员' },
    { code: '2', caption: '参公', full: '参照公务员法管理人员' },
    { code: '3', caption: '事业', full: '事业单位工作人员' },
  ],
};

export const cadreStatus: CodeTable = {
  id: 'cadreStatus',
  name: '人员状态',
  entries: numbered('在职', '退休', '调出', '去世'),
};

export const assessmentGrade: CodeTable = {
  id: 'assessmentGrade',
  name: '年度考核结果',
  entries: [
    { code: '1', caption: '优秀' },
    { code: '2', caption: '称职' },
    { code: '3', caption: '基本称职' },
    { code: '4', caption: '不称职' },
    { code: '5', caption: '不定等次' },
    { code: '6', caption: '合格', full: '合格（事业单位）' },
    { code: '7', caption: '基本合格', full: '基本合格（事业单位）' },
    { code: '8', caption: '不合格', full: '不合格（事业单位）' },
  ],
};

export const codeTables = {
  nation,
  politicalStatus,
  education,
  degree,
  health,
  sex,
  maritalStatus,
  relation,
  postLevel,
  rank,
  personnelCategory,
  cadreStatus,
  assessmentGrade,
} as const;
export type CodeTableId = keyof typeof codeTables;
