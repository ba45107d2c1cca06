import type { Unit, UnitAttributes } from '../domain/unit';
import { unitId } from '../ids';

// The synthetic district's unit tree: 新城区 → departments (区委办公室, 区委组织部 … 区数据局) and streets (XX街道),
// each street with five communities. Ids are the natural key unitId(parentId, name); order is the position
// among siblings.

export const DISTRICT = '新城区';

export type UnitKind = 'district' | 'department' | 'street' | 'community';
/** Which personnel category staffs a unit: civil servants, 参公 (群团, 党校 …), or 事业. */
export type StaffCategory = 'civil' | 'pgm' | 'institution';

export interface DistrictUnit {
  record: Unit;
  kind: UnitKind;
  /** The name as printed in a career line or a post, e.g. 新城区委组织部, 新城区中山街道梅园社区. */
  fullName: string;
  /** Leader titles: 正职 (乡科级正职) and 副职 (乡科级副职) of a department. */
  head: string;
  deputy: string;
  staff: StaffCategory;
  /** For 熟悉专业有何专长: 熟悉{area}工作. */
  area: string;
}

interface DepartmentSpec {
  name: string;
  fullName?: string;
  head: string;
  deputy: string;
  staff?: StaffCategory;
  area: string;
}

const DEPARTMENTS: readonly DepartmentSpec[] = [
  { name: '区委办公室', head: '主任', deputy: '副主任', area: '综合文字和督查' },
  { name: '区人大常委会办公室', head: '主任', deputy: '副主任', area: '人大' },
  { name: '区政府办公室', head: '主任', deputy: '副主任', area: '政务综合' },
  { name: '区政协办公室', head: '主任', deputy: '副主任', area: '政协' },
  { name: '区纪委监委', head: '副书记', deputy: '纪检监察室主任', area: '纪检监察' },
  { name: '区委组织部', head: '常务副部长', deputy: '副部长', area: '组织人事' },
  { name: '区委宣传部', head: '常务副部长', deputy: '副部长', area: '宣传思想' },
  { name: '区委统战部', head: '常务副部长', deputy: '副部长', area: '统一战线' },
  { name: '区委政法委员会', head: '常务副书记', deputy: '副书记', area: '政法' },
  { name: '区委政策研究室', head: '主任', deputy: '副主任', area: '政策研究' },
  { name: '区委机构编制委员会办公室', head: '主任', deputy: '副主任', area: '机构编制' },
  { name: '区委网络安全和信息化委员会办公室', head: '主任', deputy: '副主任', area: '网信' },
  { name: '区委巡察工作领导小组办公室', head: '主任', deputy: '副主任', area: '巡察' },
  { name: '区级机关工作委员会', head: '书记', deputy: '副书记', area: '机关党建' },
  { name: '区委老干部局', head: '局长', deputy: '副局长', area: '老干部' },
  { name: '区委党校', head: '常务副校长', deputy: '副校长', staff: 'pgm', area: '干部教育培训' },
  { name: '区档案馆', head: '馆长', deputy: '副馆长', staff: 'pgm', area: '档案管理' },
  { name: '区总工会', head: '主席', deputy: '副主席', staff: 'pgm', area: '工会' },
  { name: '团区委', fullName: '共青团新城区委员会', head: '书记', deputy: '副书记', staff: 'pgm', area: '共青团' },
  { name: '区妇女联合会', head: '主席', deputy: '副主席', staff: 'pgm', area: '妇女儿童' },
  { name: '区科学技术协会', head: '主席', deputy: '副主席', staff: 'pgm', area: '科普' },
  { name: '区残疾人联合会', head: '理事长', deputy: '副理事长', staff: 'pgm', area: '残疾人服务' },
  { name: '区发展和改革委员会', head: '主任', deputy: '副主任', area: '发展改革' },
  { name: '区教育局', head: '局长', deputy: '副局长', area: '教育管理' },
  { name: '区科学技术局', head: '局长', deputy: '副局长', area: '科技管理' },
  { name: '区工业和信息化局', head: '局长', deputy: '副局长', area: '工业经济' },
  { name: '区民政局', head: '局长', deputy: '副局长', area: '民政' },
  { name: '区司法局', head: '局长', deputy: '副局长', area: '法治' },
  { name: '区财政局', head: '局长', deputy: '副局长', area: '财政预算' },
  { name: '区人力资源和社会保障局', head: '局长', deputy: '副局长', area: '人力资源和社会保障' },
  { name: '区住房和城乡建设局', head: '局长', deputy: '副局长', area: '城乡建设' },
  { name: '区城市管理局', head: '局长', deputy: '副局长', area: '城市管理' },
  { name: '区交通运输局', head: '局长', deputy: '副局长', area: '交通运输' },
  { name: '区水务局', head: '局长', deputy: '副局长', area: '水务' },
  { name: '区农业农村局', head: '局长', deputy: '副局长', area: '农业农村' },
  { name: '区商务局', head: '局长', deputy: '副局长', area: '商务' },
  { name: '区文化和旅游局', head: '局长', deputy: '副局长', area: '文化旅游' },
  { name: '区卫生健康委员会', head: '主任', deputy: '副主任', area: '卫生健康' },
  { name: '区退役军人事务局', head: '局长', deputy: '副局长', area: '退役军人服务' },
  { name: '区应急管理局', head: '局长', deputy: '副局长', area: '应急管理' },
  { name: '区审计局', head: '局长', deputy: '副局长', area: '审计' },
  { name: '区市场监督管理局', head: '局长', deputy: '副局长', area: '市场监管' },
  { name: '区统计局', head: '局长', deputy: '副局长', area: '统计' },
  { name: '区医疗保障局', head: '局长', deputy: '副局长', area: '医疗保障' },
  { name: '区信访局', head: '局长', deputy: '副局长', area: '信访' },
  { name: '区数据局', head: '局长', deputy: '副局长', area: '数据管理' },
  { name: '区融媒体中心', head: '主任', deputy: '副主任', staff: 'institution', area: '新闻宣传' },
  { name: '区政务服务管理办公室', head: '主任', deputy: '副主任', area: '政务服务' },
];

const STREETS: readonly (readonly [string, readonly string[]])[] = [
  ['中山街道', ['中山门', '梅园', '桃园', '孝陵', '卫岗']],
  ['建设路街道', ['光明', '幸福', '新华', '建南', '红旗']],
  ['解放街道', ['文昌', '锦绣', '翠竹', '丽景', '阳光']],
  ['人民路街道', ['和谐', '东井', '西井', '月牙湖', '友谊']],
  ['和平街道', ['安居', '长乐', '青石', '枫林', '南苑']],
  ['东风街道', ['东苑', '朝阳', '春晖', '银杏', '丰收']],
  ['北门街道', ['北门桥', '鼓楼岗', '兴隆', '古井', '凤凰']],
  ['南湖街道', ['南湖', '荷花塘', '沿河', '湖滨', '清水']],
  ['西园街道', ['西园', '花园', '绿洲', '玉兰', '紫荆']],
  ['长江路街道', ['长江', '梧桐', '双桥', '龙蟠', '金陵']],
];

/** 单位级别, 类别 and 隶属关系 as the district records them (shared/code/tables.ts); no real 单位代码. */
function attributesOf(kind: UnitKind, name: string, staff: StaffCategory): UnitAttributes {
  if (kind === 'district') return { code: '', level: '1A', category: null, affiliation: null };
  if (kind === 'street') return { code: '', level: '2A', category: '09', affiliation: '50' };
  if (kind === 'community') return { code: '', level: '90', category: '13', affiliation: '61' };
  const category = /党校|档案馆|融媒体/.test(name)
    ? '11'
    : staff === 'pgm'
      ? '08'
      : /^区(委|纪委|级机关)/.test(name)
        ? '01'
        : name.includes('人大')
          ? '03'
          : name.includes('政协')
            ? '04'
            : '02';
  return { code: '', level: '2A', category, affiliation: '50' };
}

export interface UnitStamp {
  /** Sync fields for the next record: called once per unit, in output order. */
  (id: string): Pick<Unit, 'id' | 'vv' | 'updatedAt' | 'updatedBy' | 'deleted'>;
}

/**
 * The district's unit tree in output order (parents before children; siblings by order), 1 + 48 departments +
 * 10 streets + 50 communities. `stamp` supplies the sync fields (and so the version-vector counters).
 */
export function generateUnits(stamp: UnitStamp): DistrictUnit[] {
  const units: DistrictUnit[] = [];
  const add = (parentId: string | null, name: string, order: number, meta: Omit<DistrictUnit, 'record'>) => {
    const record: Unit = { ...stamp(unitId(parentId, name)), parentId, name, order, ...attributesOf(meta.kind, name, meta.staff) };
    const unit = { record, ...meta };
    units.push(unit);
    return unit;
  };
  const root = add(null, DISTRICT, 0, {
    kind: 'district',
    fullName: DISTRICT,
    head: '区长',
    deputy: '副区长',
    staff: 'civil',
    area: '党政综合',
  });
  const rootId = root.record.id;
  let order = 0;
  for (const d of DEPARTMENTS) {
    add(rootId, d.name, order++, {
      kind: 'department',
      fullName: d.fullName ?? DISTRICT + d.name.slice(1),
      head: d.head,
      deputy: d.deputy,
      staff: d.staff ?? 'civil',
      area: d.area,
    });
  }
  const streets: DistrictUnit[] = [];
  for (const [name] of STREETS) {
    streets.push(
      add(rootId, name, order++, {
        kind: 'street',
        fullName: DISTRICT + name,
        head: '党工委书记',
        deputy: '党工委副书记',
        staff: 'civil',
        area: '基层治理',
      }),
    );
  }
  STREETS.forEach(([, communities], s) => {
    const street = streets[s]!;
    communities.forEach((c, i) => {
      add(street.record.id, `${c}社区`, i, {
        kind: 'community',
        fullName: `${street.fullName}${c}社区`,
        head: '社区党委书记、居委会主任',
        deputy: '社区党委副书记',
        staff: 'institution',
        area: '社区服务',
      });
    });
  });
  return units;
}
