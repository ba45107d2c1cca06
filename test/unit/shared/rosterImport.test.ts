import { describe, expect, it } from 'vitest';
import '../../../shared/zodLocale';
import { autoMap, planImport } from '../../../shared/rules/rosterImport';
import type { Unit } from '../../../shared/domain/unit';
import { sampleCadre } from '../../fixtures/cadre';

const O = 'f'.repeat(32);
const unit = (id: string, parentId: string | null, name: string): Unit => ({
  id, parentId, name, order: 0, deleted: false, vv: { [O]: 1 }, updatedAt: 0, updatedBy: { installationId: O, operator: '' },
});
const units = [unit('r', null, '新城区'), unit('org', 'r', '区委组织部'), unit('s1', 'r', '东街道'), unit('o1', 's1', '党政办'), unit('s2', 'r', '西街道'), unit('o2', 's2', '党政办')];
const ctx = { today: '2025-06-15', units, existing: [sampleCadre({ unitId: 'org', name: '王芳' })] };
const HEADERS = ['序号', '姓名', '身份证号码', '民族', '政治面貌', '单位', '出生年月', '现任职务'];
const plan = (rows: string[][], headers = HEADERS) => planImport(headers, autoMap(headers), rows, ctx);

describe('autoMap', () => {
  it('maps headers by label and alias, ignoring spaces and brackets; unknown and repeated headers stay unmapped', () => {
    expect(autoMap(['序号', ' 姓 名 ', '公民身份号码', '所在单位', '出生年月（年龄）', '姓名'])).toEqual([null, 'name', 'idNumber', 'unitId', null, null]);
  });
});

describe('planImport', () => {
  it('plans creates and updates, matching existing cadres by ID number; sex and birth come from the ID', () => {
    const p = plan([
      ['1', '张三', '320102198005151238', '汉族', '中共党员', '区委组织部', '1980.05', '干部科科长'],
      ['2', '王芳', '11010519491231002X', '汉族', '中共党员', '新城区/区委组织部', '', '副部长'],
      ['3', '王芳', '11010519491231002x', '01', '01', '区委组织部', '', ''],
    ].slice(0, 2));
    expect(p.issues).toEqual([]);
    expect(p.creates).toHaveLength(1);
    expect(p.creates[0]!.fields).toMatchObject({ name: '张三', sex: '1', birth: '1980-05', nation: '01', unitId: 'org', personnelCategory: '1', status: '01' });
    expect(p.updates).toEqual([expect.objectContaining({ row: 3, name: '王芳', changed: ['现任职务'] })]);
    expect(p.notes.join()).toContain('人员类别');
  });

  it('reports every problem by row and column, and plans nothing then', () => {
    const p = plan([
      ['1', '张三', '320102198005151230', '汉族', '中共党员', '区委组织部', '', ''],
      ['2', '李四', '320102199003122227', '火星族', '中共党员', '不存在的局', '', ''],
      ['3', '赵六', '320102199003122227', '汉族', '群众', '党政办', '1990.04', ''],
      ['4', '王'.repeat(200), '110105194912310046', '汉族', '群众', '东街道/党政办', '', ''],
      ['', '', '', '', '', '', '', ''],
    ]);
    expect(p.issues).toEqual([
      { row: 2, column: '身份证号码', message: expect.stringContaining('校验位不正确') },
      { row: 3, column: '民族', message: expect.stringContaining('“火星族”不是有效的民族') },
      { row: 3, column: '单位', message: expect.stringContaining('单位“不存在的局”不在单位树中') },
      { row: 4, column: '单位', message: expect.stringContaining('有 2 个名为“党政办”的单位') },
      { row: 5, column: '姓名', message: '姓名不能超过30个字' },
    ]);
    const q = plan([['1', '赵六', '320102199003122227', '汉族', '群众', '东街道/党政办', '1990.04', '']]);
    expect(q.issues).toEqual([{ row: 2, column: '出生年月', message: expect.stringContaining('与身份证号码中的 1990.03 不一致') }]);
  });

  it('refuses a sheet with a missing or misspelled required column before reading any row', () => {
    const headers = ['姓名', '身份症号码', '民族', '政治面貌', '单位'];
    const p = plan([['张三', '320102198005151238', '汉族', '中共党员', '区委组织部']], headers);
    expect(p.issues).toEqual([{ row: 1, column: '身份证号码', message: expect.stringContaining('缺少必需的列“身份证号码”') }]);
    expect(p.creates).toEqual([]);
  });

  it('refuses the same ID number twice in one sheet', () => {
    const p = plan([
      ['1', '张三', '320102198005151238', '汉族', '中共党员', '区委组织部', '', ''],
      ['2', '张三', '320102198005151238', '汉族', '中共党员', '区委组织部', '', ''],
    ]);
    expect(p.issues).toEqual([{ row: 3, column: '身份证号码', message: '与第 2 行的身份证号码相同' }]);
  });
});
