import { numbered, type CodeEntry, type CodeTable } from './types';

// Code tables (docs/domain.md#code-tables): stored as codes, shown as captions. Data only — no code branches.

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

/**
 * 称谓 after GB/T 4761-2008 家庭关系代码: its two-digit codes, with the generic term of each group (10 配偶, 20 儿子,
 * 30 女儿 …) as well as the particular ones. Captions are the words a 任免审批表 uses (丈夫 for the standard's 夫,
 * 哥哥 for 兄); where the standard's wording differs it is kept as `full`. 01 本人 and 02 户主 are left out: a family
 * member is never the cadre. 97 was captioned 其他 before; the standard calls it 其他亲属 and its 80 is 其他.
 */
export const relation: CodeTable = {
  id: 'relation',
  name: '称谓',
  standard: 'GB/T 4761',
  entries: [
    { code: '10', caption: '配偶' },
    { code: '11', caption: '丈夫', full: '夫' },
    { code: '12', caption: '妻子', full: '妻' },
    { code: '20', caption: '儿子', full: '子' },
    { code: '21', caption: '独生子' },
    { code: '22', caption: '长子' },
    { code: '23', caption: '次子' },
    { code: '24', caption: '三子' },
    { code: '25', caption: '四子' },
    { code: '26', caption: '五子' },
    { code: '27', caption: '养子或继子' },
    { code: '28', caption: '女婿' },
    { code: '29', caption: '其他儿子' },
    { code: '30', caption: '女儿', full: '女' },
    { code: '31', caption: '独生女' },
    { code: '32', caption: '长女' },
    { code: '33', caption: '次女' },
    { code: '34', caption: '三女' },
    { code: '35', caption: '四女' },
    { code: '36', caption: '五女' },
    { code: '37', caption: '养女或继女' },
    { code: '38', caption: '儿媳' },
    { code: '39', caption: '其他女儿' },
    { code: '40', caption: '孙子女', full: '孙子、孙女或外孙子、外孙女' },
    { code: '41', caption: '孙子' },
    { code: '42', caption: '孙女' },
    { code: '43', caption: '外孙子' },
    { code: '44', caption: '外孙女' },
    { code: '45', caption: '孙媳妇或外孙媳妇' },
    { code: '46', caption: '孙女婿或外孙女婿' },
    { code: '47', caption: '曾孙子或外曾孙子' },
    { code: '48', caption: '曾孙女或外曾孙女' },
    { code: '49', caption: '其他孙子女', full: '其他孙子、孙女或外孙子、外孙女' },
    { code: '50', caption: '父母' },
    { code: '51', caption: '父亲' },
    { code: '52', caption: '母亲' },
    { code: '53', caption: '公公' },
    { code: '54', caption: '婆婆' },
    { code: '55', caption: '岳父' },
    { code: '56', caption: '岳母' },
    { code: '57', caption: '继父或养父' },
    { code: '58', caption: '继母或养母' },
    { code: '59', caption: '其他父母关系' },
    { code: '60', caption: '祖父母或外祖父母' },
    { code: '61', caption: '祖父' },
    { code: '62', caption: '祖母' },
    { code: '63', caption: '外祖父' },
    { code: '64', caption: '外祖母' },
    { code: '65', caption: '配偶的祖父母或外祖父母' },
    { code: '66', caption: '曾祖父' },
    { code: '67', caption: '曾祖母' },
    { code: '68', caption: '配偶的曾祖父母或外曾祖父母' },
    { code: '69', caption: '其他祖父母或外祖父母关系' },
    { code: '70', caption: '兄弟姐妹', full: '兄、弟、姐、妹' },
    { code: '71', caption: '哥哥', full: '兄' },
    { code: '72', caption: '嫂子', full: '嫂' },
    { code: '73', caption: '弟弟', full: '弟' },
    { code: '74', caption: '弟媳' },
    { code: '75', caption: '姐姐' },
    { code: '76', caption: '姐夫' },
    { code: '77', caption: '妹妹' },
    { code: '78', caption: '妹夫' },
    { code: '79', caption: '其他兄弟姐妹' },
    { code: '80', caption: '其他' },
    { code: '81', caption: '伯父' },
    { code: '82', caption: '伯母' },
    { code: '83', caption: '叔父' },
    { code: '84', caption: '婶母' },
    { code: '85', caption: '舅父' },
    { code: '86', caption: '舅母' },
    { code: '87', caption: '姨父' },
    { code: '88', caption: '姨母' },
    { code: '89', caption: '姑父' },
    { code: '90', caption: '姑母' },
    { code: '91', caption: '堂兄弟、堂姐妹' },
    { code: '92', caption: '表兄弟、表姐妹' },
    { code: '93', caption: '侄子' },
    { code: '94', caption: '侄女' },
    { code: '95', caption: '外甥' },
    { code: '96', caption: '外甥女' },
    { code: '97', caption: '其他亲属' },
    { code: '99', caption: '非亲属' },
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

/**
 * 单位级别: the rank of a unit's own organ, as a district's organization department records it (a district is
 * 县处级: its committees and bureaus are 正科级 or 副处级, streets 正科级 or 副处级, their offices 股级). The
 * organization system's own code table was not available to check, so these codes are this product's; level
 * orders them (larger is higher) and 不定级 has none.
 */
export const unitLevel: CodeTable = {
  id: 'unitLevel',
  name: '单位级别',
  entries: [
    { code: '1A', caption: '正处级', full: '县处级正职', level: 5 },
    { code: '1B', caption: '副处级', full: '县处级副职', level: 4 },
    { code: '2A', caption: '正科级', full: '乡科级正职', level: 3 },
    { code: '2B', caption: '副科级', full: '乡科级副职', level: 2 },
    { code: '30', caption: '股级', level: 1 },
    { code: '90', caption: '不定级' },
  ],
};

/** 单位类别: what kind of body a unit is, for grouping the district's units in lists and statistics. */
export const unitCategory: CodeTable = {
  id: 'unitCategory',
  name: '单位类别',
  entries: [
    { code: '01', caption: '党委部门', full: '党委工作机关' },
    { code: '02', caption: '政府部门', full: '政府工作部门' },
    { code: '03', caption: '人大机关' },
    { code: '04', caption: '政协机关' },
    { code: '05', caption: '审判机关' },
    { code: '06', caption: '检察机关' },
    { code: '07', caption: '民主党派机关' },
    { code: '08', caption: '群团组织', full: '群团组织机关' },
    { code: '09', caption: '街道', full: '街道办事处' },
    { code: '10', caption: '乡镇' },
    { code: '11', caption: '事业单位' },
    { code: '12', caption: '国有企业' },
    { code: '13', caption: '社区、村', full: '社区居民委员会、村民委员会' },
    { code: '99', caption: '其他' },
  ],
};

/**
 * 隶属关系 after GB/T 12404-1997 单位隶属关系代码 (the unit's superior administration), captioned as a district's
 * organization department says it: 50 县 is 区属 (the standard counts a city's districts as 县级), 40 市 is 市属驻区,
 * 61 街道 is 街道属. 60 and 70, the standard's group codes, are left out: 61–63 and 71–72 say which.
 */
export const unitAffiliation: CodeTable = {
  id: 'unitAffiliation',
  name: '隶属关系',
  standard: 'GB/T 12404',
  entries: [
    { code: '10', caption: '中央驻区', full: '中央' },
    { code: '20', caption: '省属驻区', full: '省（自治区、直辖市）' },
    { code: '40', caption: '市属驻区', full: '市、地区' },
    { code: '50', caption: '区属', full: '县（区、市、旗）' },
    { code: '61', caption: '街道属', full: '街道' },
    { code: '62', caption: '镇属', full: '镇' },
    { code: '63', caption: '乡属', full: '乡' },
    { code: '71', caption: '居委会属', full: '居民委员会' },
    { code: '72', caption: '村委会属', full: '村民委员会' },
    { code: '90', caption: '其他' },
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
  unitLevel,
  unitCategory,
  unitAffiliation,
} as const;
export type CodeTableId = keyof typeof codeTables;
