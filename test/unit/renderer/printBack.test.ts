import { describe, expect, it } from 'vitest';
import { backOf, withoutBack } from '../../../renderer/features/print/printParams';
import { menuKeyOf } from '../../../renderer/features/shell/menuKey';
import { printRoute, type PrintParams } from '../../../shared/print/route';

// 返回 of the print preview goes back to the page that opened it; where that is never reaches the print route.

describe('the print preview’s 返回', () => {
  const params: PrintParams = { kind: 'reminders', unit: 'u1', year: '2025', title: '2025年月上报催报清单', back: '#/performance?tab=matrix&cadre=c1' };

  it('leads back to the page the preview was opened from, with its parameters', () => {
    expect(backOf(params)).toEqual({ route: 'performance', params: { tab: 'matrix', cadre: 'c1' } });
    expect(backOf({ kind: 'booklet', cadre: 'c1', back: '#/selection' })).toEqual({ route: 'selection', params: {} });
  });

  it('says nothing when the opener did not say, or named a print page or something that is no address of the app', () => {
    expect(backOf({ kind: 'appointment', ids: 'c1' })).toBeNull();
    expect(backOf({ kind: 'roster', back: '#/printPreview?kind=roster' })).toBeNull();
    expect(backOf({ kind: 'roster', back: '#/print?kind=roster' })).toBeNull();
    expect(backOf({ kind: 'roster', back: 'https://example.com/#/roster' })).toBeNull();
  });

  it('prints without it', () => {
    expect(withoutBack(params)).toEqual({ kind: 'reminders', unit: 'u1', year: '2025', title: '2025年月上报催报清单' });
    expect(printRoute(withoutBack(params))).not.toContain('back');
    expect(withoutBack({ kind: 'booklet', cadre: 'c1' })).toEqual({ kind: 'booklet', cadre: 'c1' });
  });

  it('keeps the menu on the page that opened the preview; a dossier’s on 干部名册', () => {
    expect(menuKeyOf('printPreview', params)).toBe('performance');
    expect(menuKeyOf('printPreview', { kind: 'selectionCase', id: 'k1', back: '#/selection?view=cases&case=k1' })).toBe('selection');
    expect(menuKeyOf('printPreview', { kind: 'appointment', ids: 'c1', back: '#/cadre?id=c1' })).toBe('roster');
    expect(menuKeyOf('printPreview', { kind: 'appointment', ids: 'c1' })).toBe('roster');
    expect(menuKeyOf('printPreview', null)).toBe('roster');
    expect(menuKeyOf('cadre', null)).toBe('roster');
    expect(menuKeyOf('supervision', null)).toBe('supervision');
  });
});
