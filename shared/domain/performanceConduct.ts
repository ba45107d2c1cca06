import type { ConductPolarity } from './performance';

// The 正负面清单 shipped with the product (docs/performance.md "正负面清单"): 15 positive and 15 negative
// behaviours, worded from the kinds of conduct the cadre work names (请战, 驻村, 挂职, 攻坚; 不作为, 个人有关事项
// 瞒报, 信访举报查实 …). An administrator edits, adds and retires items; these are the first version of both lists.
// Codes are fixed (Z01…, F01…) so that two installations seeding them make the same items (their ids are v5 of
// list and code).

const POSITIVE = [
  '主动请战、签订责任状，承担急难险重任务并按期完成',
  '公开承诺事项全部兑现，群众评价好',
  '在重点项目、重大改革中主动攻坚，取得突破性进展',
  '在擂台赛、比武竞赛中取得优异名次',
  '驻村帮扶、乡村振兴工作成效明显，受到群众认可',
  '挂职锻炼期间表现突出，得到派驻单位书面肯定',
  '在抢险救灾、疫情防控等突发事件中冲锋在前',
  '化解信访积案、矛盾纠纷成效显著',
  '推动工作创新，经验做法被上级推广',
  '敢于担当、勇于负责，在改革中先行先试',
  '招商引资、项目建设指标超额完成',
  '优化营商环境、服务企业群众受到表扬',
  '受到区级以上表彰奖励或通报表扬',
  '严格落实全面从严治党责任，班子作风建设成效好',
  '密切联系群众，为群众办实事解难题成效突出',
];

const NEGATIVE = [
  '对上级决策部署执行不力、打折扣、搞变通',
  '工作不作为、慢作为，推诿扯皮、敷衍塞责',
  '乱作为，违反规定程序决策造成不良影响',
  '搞形式主义、官僚主义，文山会海、过度留痕',
  '承诺事项未兑现、责任状任务未完成且无正当理由',
  '个人有关事项报告漏报、瞒报',
  '信访举报反映问题经核查属实',
  '受到提醒谈话、函询或诫勉',
  '受到组织处理或纪律处分',
  '履职尽责不到位，分管领域发生重大问题',
  '月度实绩报告多次不按时上报或内容空泛',
  '工作作风漂浮，群众满意度测评较差',
  '违反中央八项规定精神',
  '不团结、闹无原则纠纷，影响班子战斗力',
  '在急难险重任务面前临阵退缩、推卸责任',
];

export interface ConductItemSeed {
  polarity: ConductPolarity;
  code: string;
  text: string;
  retired: boolean;
}

const seed = (polarity: ConductPolarity, letter: string, texts: readonly string[]): ConductItemSeed[] =>
  texts.map((text, i) => ({ polarity, code: `${letter}${String(i + 1).padStart(2, '0')}`, text, retired: false }));

export const DEFAULT_CONDUCT_ITEMS: readonly ConductItemSeed[] = [...seed('positive', 'Z', POSITIVE), ...seed('negative', 'F', NEGATIVE)];
