import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { AppointmentSheetPages, familyOverflow } from '../../../renderer/print/appointment/AppointmentSheet';
import { BACK_ROWS, COLS, FAMILY, FRAME } from '../../../renderer/print/appointment/layout';
import { appointmentSheet } from '../../../shared/print/appointment';
import type { FamilyMember } from '../../../shared/domain/cadre';
import { sampleCadre } from '../../fixtures/cadre';

// The 任免审批表's drawing: the boxes of docs/domain.md's printed form, in order, labelled from the catalogue, and
// the family table's limits.

const member = (i: number): FamilyMember =>
  ({ id: `m${i}`, cadreId: 'c', relation: '71', name: `兄${i}`, birth: '1970-01', politicalStatus: '13', employment: '', retired: false, deceased: false }) as unknown as FamilyMember;
const sheetWith = (family: FamilyMember[]) =>
  appointmentSheet({ cadre: sampleCadre({ unitId: 'u', name: '王五' }), career: [], family, rewards: [], assessments: [] }, { today: '2025-05', assessmentYears: 2 });

describe('the 任免审批表 pages', () => {
  it('has its columns fill the frame', () => {
    expect(COLS.reduce((a, b) => a + b, 0)).toBe(FRAME.width);
    expect(FAMILY.cols.reduce((a, b) => a + b, 0)).toBe(FRAME.width - COLS[0]);
  });

  it('draws every box of the official form, front then back, in the official order', () => {
    const html = renderToStaticMarkup(<AppointmentSheetPages sheet={sheetWith([member(1)])} photoUrl={null} index={0} />);
    const order = ['干部任免审批表', '姓名', '性别', '出生年月（岁）', '民族', '籍贯', '出生地', '入党时间', '参加工作时间', '健康状况', '专业技术职务', '熟悉专业有何专长', '全日制教育', '在职教育', '现任职务', '拟任职务', '拟免职务', '简历', '奖惩情况', '年度考核结果', '任免理由', '家庭主要成员及重要社会关系', '称谓', '年龄', '政治面貌', '工作单位及职务', '呈报单位', '审批机关意见', '行政机关任免意见', '填表人'];
    const at = order.map((label) => html.indexOf(label));
    expect(at.filter((i) => i < 0)).toEqual([]);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    expect(html.match(/data-testid="pd-(front|back)"/g)).toEqual(['data-testid="pd-front"', 'data-testid="pd-back"']);
    expect(html).toContain('1949.12(75岁)');
    expect(html).toContain('>无<');
  });

  it('keeps the family table at its rows, lowers them for more members, and reports what cannot fit', () => {
    const rowsOf = (n: number) => (renderToStaticMarkup(<AppointmentSheetPages sheet={sheetWith(Array.from({ length: n }, (_, i) => member(i)))} photoUrl={null} index={0} />).match(/家庭成员第\d+行/g) ?? []).length / FAMILY.cols.length;
    expect(rowsOf(3)).toBe(FAMILY.rows);
    const capacity = Math.floor((BACK_ROWS.family - FAMILY.header) / FAMILY.minRowHeight);
    expect(rowsOf(capacity)).toBe(capacity);
    expect(familyOverflow(sheetWith(Array.from({ length: capacity }, (_, i) => member(i))))).toBeNull();
    expect(familyOverflow(sheetWith(Array.from({ length: capacity + 2 }, (_, i) => member(i))))).toEqual({
      owner: '王五',
      box: '家庭主要成员及重要社会关系',
      detail: `共 ${capacity + 2} 人，表内最多 ${capacity} 人`,
    });
  });
});
