import { z } from 'zod';

// The LRMX file (干部任免审批表 electronic file) as data: docs/domain.md "Interchange formats". Keys are the element
// names; text is exactly as the file wrote it (dates included), with line breaks as '\n'. Dates and captions are
// read into the dossier by mapping.ts, never here.

/** Person-level text elements, in the official editor's order (the writer emits this order). */
export const LRMX_TEXT_ELEMENTS_BEFORE_FAMILY = [
  'XingMing',
  'XingBie',
  'ChuShengNianYue',
  'MinZu',
  'JiGuan',
  'ChuShengDi',
  'RuDangShiJian',
  'CanJiaGongZuoShiJian',
  'JianKangZhuangKuang',
  'ZhuanYeJiShuZhiWu',
  'ShuXiZhuanYeYouHeZhuanChang',
  'QuanRiZhiJiaoYu_XueLi',
  'QuanRiZhiJiaoYu_XueWei',
  'QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueLi',
  'ZaiZhiJiaoYu_XueWei',
  'ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi',
  'ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi',
  'XianRenZhiWu',
  'NiRenZhiWu',
  'NiMianZhiWu',
  'JianLi',
  'JiangChengQingKuang',
  'NianDuKaoHeJieGuo',
  'RenMianLiYou',
] as const;

/**
 * After JiaTingChengYuan. The two 到龄 elements of newer editors have no documented slot; they go last, after
 * Version (readers match by name, so the slot only matters to people reading the file).
 */
export const LRMX_TEXT_ELEMENTS_AFTER_FAMILY = [
  'ChengBaoDanWei',
  'JiSuanNianLingShiJian',
  'TianBiaoShiJian',
  'TianBiaoRen',
  'ShenFenZheng',
  'ZhaoPian',
  'Version',
  'DaoLingNianYue',
  'GaiGeQianRenZhiNianLingJieXian',
] as const;

export const LRMX_FAMILY = 'JiaTingChengYuan';
export const LRMX_FAMILY_ITEM = 'Item';
export const LRMX_ROOT = 'Person';

export const LRMX_TEXT_ELEMENTS = [...LRMX_TEXT_ELEMENTS_BEFORE_FAMILY, ...LRMX_TEXT_ELEMENTS_AFTER_FAMILY] as const;
export type LrmxTextElement = (typeof LRMX_TEXT_ELEMENTS)[number];

/** Every known child of <Person>, in the editor's order. */
export const LRMX_ELEMENTS = [...LRMX_TEXT_ELEMENTS_BEFORE_FAMILY, LRMX_FAMILY, ...LRMX_TEXT_ELEMENTS_AFTER_FAMILY] as const;
export type LrmxElementName = (typeof LRMX_ELEMENTS)[number];

/** Children of a family <Item>, in the editor's order. */
export const LRMX_FAMILY_ELEMENTS = ['ChengWei', 'XingMing', 'ChuShengRiQi', 'ZhengZhiMianMao', 'GongZuoDanWeiJiZhiWu'] as const;
export type LrmxFamilyElementName = (typeof LRMX_FAMILY_ELEMENTS)[number];

/** Captions of the elements for messages shown to people. */
export const LRMX_ELEMENT_LABELS: Readonly<Record<LrmxElementName | LrmxFamilyElementName, string>> = {
  XingMing: '姓名',
  XingBie: '性别',
  ChuShengNianYue: '出生年月',
  MinZu: '民族',
  JiGuan: '籍贯',
  ChuShengDi: '出生地',
  RuDangShiJian: '入党时间',
  CanJiaGongZuoShiJian: '参加工作时间',
  JianKangZhuangKuang: '健康状况',
  ZhuanYeJiShuZhiWu: '专业技术职务',
  ShuXiZhuanYeYouHeZhuanChang: '熟悉专业有何专长',
  QuanRiZhiJiaoYu_XueLi: '全日制教育学历',
  QuanRiZhiJiaoYu_XueWei: '全日制教育学位',
  QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '全日制学历毕业院校系及专业',
  QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '全日制学位毕业院校系及专业',
  ZaiZhiJiaoYu_XueLi: '在职教育学历',
  ZaiZhiJiaoYu_XueWei: '在职教育学位',
  ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '在职学历毕业院校系及专业',
  ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi: '在职学位毕业院校系及专业',
  XianRenZhiWu: '现任职务',
  NiRenZhiWu: '拟任职务',
  NiMianZhiWu: '拟免职务',
  JianLi: '简历',
  JiangChengQingKuang: '奖惩情况',
  NianDuKaoHeJieGuo: '年度考核结果',
  RenMianLiYou: '任免理由',
  JiaTingChengYuan: '家庭主要成员及重要社会关系',
  ChengBaoDanWei: '呈报单位',
  JiSuanNianLingShiJian: '计算年龄时间',
  TianBiaoShiJian: '填表时间',
  TianBiaoRen: '填表人',
  ShenFenZheng: '身份证号码',
  ZhaoPian: '照片',
  Version: '版本',
  DaoLingNianYue: '到龄年月',
  GaiGeQianRenZhiNianLingJieXian: '改革前任职年龄界限',
  ChengWei: '称谓',
  ChuShengRiQi: '出生日期',
  ZhengZhiMianMao: '政治面貌',
  GongZuoDanWeiJiZhiWu: '工作单位及职务',
};

/** Attributes in document order (name, value), exactly as written. */
const AttributesSchema = z.array(z.tuple([z.string(), z.string()]));
export type LrmxAttributes = z.infer<typeof AttributesSchema>;

/**
 * An element this reader does not know, kept whole. Children are text runs and elements in document order; a
 * whitespace-only run between child elements is layout and is not kept, and an element with only whitespace
 * inside has no children.
 */
export interface LrmxElement {
  name: string;
  attributes: LrmxAttributes;
  children: (string | LrmxElement)[];
}
export const LrmxElementSchema: z.ZodType<LrmxElement> = z.object({
  name: z.string().min(1),
  attributes: AttributesSchema,
  children: z.array(z.union([z.string(), z.lazy(() => LrmxElementSchema)])),
});

/**
 * An unknown element and where it stood: `after` is the known element (or, in <JiaTingChengYuan>, the index of
 * the <Item>) it followed in the file, null when it came before all of them. The writer puts it back right after
 * that element's slot in the editor's order.
 */
const unknownAfter = <A extends z.ZodType>(anchor: A) => z.object({ after: anchor.nullable(), element: LrmxElementSchema });

const textShape = <K extends string>(names: readonly K[]) =>
  Object.fromEntries(names.map((n) => [n, z.string().optional()])) as { [P in K]: z.ZodOptional<z.ZodString> };

/** Attributes of the root or of known elements, by element name ('Person' for the root), when a file has any. */
const AttributesByElementSchema = z.record(z.string(), AttributesSchema);

export const LrmxFamilyItemSchema = z.object({
  ...textShape(LRMX_FAMILY_ELEMENTS),
  $unknown: z.array(unknownAfter(z.enum(LRMX_FAMILY_ELEMENTS))).optional(),
  /** keyed by child name, and 'Item' for the item itself */
  $attributes: AttributesByElementSchema.optional(),
});
export type LrmxFamilyItem = z.infer<typeof LrmxFamilyItemSchema>;

export const LrmxPersonSchema = z.object({
  ...textShape(LRMX_TEXT_ELEMENTS),
  JiaTingChengYuan: z.array(LrmxFamilyItemSchema).optional(),
  /** Unknown children of <Person>, including a repeated known element (the first one counts). */
  $unknown: z.array(unknownAfter(z.enum(LRMX_ELEMENTS))).optional(),
  /** Children of <JiaTingChengYuan> other than <Item>; `after` is the index of the preceding item. */
  $unknownInJiaTingChengYuan: z.array(unknownAfter(z.number().int().min(0))).optional(),
  $attributes: AttributesByElementSchema.optional(),
  /**
   * Only from a .lrm file: the values at positions docs/domain.md does not name, so nothing read is thrown away.
   * LRMX has no place for them: buildLrmx does not write them.
   */
  $lrmUnknownPositions: z.array(z.object({ position: z.number().int().min(0), value: z.string() })).optional(),
});
export type LrmxPerson = z.infer<typeof LrmxPersonSchema>;
export type LrmxUnknown = NonNullable<LrmxPerson['$unknown']>[number];
