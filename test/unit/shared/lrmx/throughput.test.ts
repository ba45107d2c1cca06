import { expect, it } from 'vitest';
import { buildLrmx, encodeBase64, lrmxToDossier, parseLrmx, type LrmxFamilyItem, type LrmxPerson } from '../../../../shared/lrmx';
import { TODAY } from './fixtures';

// Measures parse + map of 1,000 generated LRMX files in Node (the import budget of the issue is 20 s for 1,000 files
// parsed, previewed and committed; this is the pure share of it). Prints the time; asserts only a generous bound.

/** A small deterministic generator (mulberry32), so every run measures the same files. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['建国', '丽华', '志强', '秀英', '海燕', '明', '伟', '静', '磊', '婷'];
const UNITS = ['新城区委组织部', '新城区财政局', '东街道办事处', '新城区住房和城乡建设局', '新城区司法局'];
const POSTS = ['科员', '副科长', '科长', '副局长', '局长'];
const RELATIONS = ['妻子', '丈夫', '长子', '长女', '父亲', '母亲'];

function generate(i: number, photo: string): string {
  const r = random(i + 1);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  const year = 1965 + Math.floor(r() * 30);
  const month = 1 + Math.floor(r() * 12);
  const mm = String(month).padStart(2, '0');
  // a third of the files write dates the wild way
  const date = (y: number, m: string) => (i % 3 === 0 ? `${y}.${Number(m)}` : `${y}${m}`);
  const lines: string[] = [];
  let from = year + 22;
  for (let k = 0, n = 3 + Math.floor(r() * 6); k < n; k++) {
    const to = k === n - 1 ? null : from + 1 + Math.floor(r() * 5);
    const span = `${from}.${mm}--${to ? `${to}.${mm}` : ''}`.padEnd(16);
    lines.push(`${span}  ${pick(UNITS)}${pick(POSTS)}`);
    if (to) from = to;
  }
  const family: LrmxFamilyItem[] = Array.from({ length: 2 + Math.floor(r() * 4) }, () => ({
    ChengWei: pick(RELATIONS),
    XingMing: pick(SURNAMES) + pick(GIVEN),
    ChuShengRiQi: `${1940 + Math.floor(r() * 70)}${mm}`,
    ZhengZhiMianMao: pick(['中共党员', '群众', '共青团员']),
    GongZuoDanWeiJiZhiWu: pick(UNITS) + pick(POSTS),
  }));
  const person: LrmxPerson = {
    XingMing: pick(SURNAMES) + pick(GIVEN),
    XingBie: pick(['男', '女']),
    ChuShengNianYue: date(year, mm),
    MinZu: pick(['汉族', '回族', '满族']),
    JiGuan: '江苏南京',
    ChuShengDi: '江苏南京',
    RuDangShiJian: date(year + 25, mm),
    CanJiaGongZuoShiJian: date(year + 22, mm),
    JianKangZhuangKuang: '健康',
    QuanRiZhiJiaoYu_XueLi: pick(['大学', '研究生', '大专']),
    QuanRiZhiJiaoYu_XueWei: pick(['法学学士', '工学学士', '管理学硕士', '']),
    QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi: '南京大学法学院法学专业',
    XianRenZhiWu: `${pick(UNITS)}${pick(POSTS)}`,
    JianLi: lines.join('\n'),
    JiangChengQingKuang: '无',
    NianDuKaoHeJieGuo: `${2023}年度考核称职；${2024}年度考核${pick(['优秀', '称职'])}。`,
    JiaTingChengYuan: family,
    ShenFenZheng: '',
    ZhaoPian: photo,
    Version: '3.2.1.6',
  };
  return buildLrmx(person);
}

it('parse + map of 1,000 generated LRMX files', { timeout: 60_000 }, () => {
  // a 30 KB JPEG-like photo, the size an ID photo usually has
  const bytes = Uint8Array.from({ length: 30_000 }, (_, i) => (i < 2 ? [0xff, 0xd8][i]! : (i * 7919) & 255));
  const photo = encodeBase64(bytes).replace(/.{76}/g, '$&\n');
  const files = Array.from({ length: 1000 }, (_, i) => generate(i, photo));
  const chars = files.reduce((n, f) => n + f.length, 0);
  let t = performance.now();
  const people = files.map(parseLrmx);
  const parseMs = performance.now() - t;
  t = performance.now();
  const imports = people.map((p) => lrmxToDossier(p, { today: TODAY }));
  const mapMs = performance.now() - t;
  console.log(
    `1,000 LRMX files (${(chars / 1e6).toFixed(1)} M chars): parse ${Math.round(parseMs)} ms, map ${Math.round(mapMs)} ms, ` +
      `total ${Math.round(parseMs + mapMs)} ms`,
  );
  expect(imports.every((im) => im.career.length >= 3 && im.family.length >= 2 && im.photoBase64 !== null)).toBe(true);
  expect(imports.every((im) => im.cadre.birth !== null && im.issues.every((i) => i.element === 'ShenFenZheng'))).toBe(true);
  expect(parseMs + mapMs).toBeLessThan(20_000);
});
