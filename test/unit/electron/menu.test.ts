import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildMenuTemplate } from '../../../electron/menu';

type Item = MenuItemConstructorOptions;
const submenuOf = (item: Item): Item[] => (Array.isArray(item.submenu) ? item.submenu : []);

function allItems(items: Item[]): Item[] {
  return items.flatMap((i) => [i, ...allItems(submenuOf(i))]);
}

const CJK = /[\u4e00-\u9fff]/;
const build = (isDev: boolean, isMac = false, showAbout = vi.fn()) => ({
  template: buildMenuTemplate({ isMac, isDev }, { showAbout }),
  showAbout,
});

describe('buildMenuTemplate', () => {
  it('the top level is 文件 编辑 视图 窗口 帮助', () => {
    expect(build(false).template.map((i) => i.label)).toEqual(['文件', '编辑', '视图', '窗口', '帮助']);
  });

  it.each([false, true])('every labelled item is Chinese (isDev %s)', (isDev) => {
    for (const mac of [false, true]) {
      const items = allItems(build(isDev, mac).template).filter((i) => i.type !== 'separator');
      expect(items.length).toBeGreaterThan(10);
      for (const item of items) {
        expect(item.label, JSON.stringify(item.role)).toMatch(CJK);
        expect(item.label).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  it('no devtools and no reload when not in development', () => {
    const roles = allItems(build(false).template).map((i) => i.role?.toLowerCase());
    for (const r of ['reload', 'forcereload', 'toggledevtools']) expect(roles).not.toContain(r);
  });

  it('development adds reload and devtools to 视图', () => {
    const view = build(true).template.find((i) => i.label === '视图')!;
    const roles = submenuOf(view).map((i) => i.role);
    expect(roles).toContain('reload');
    expect(roles).toContain('toggleDevTools');
  });

  it('has the usual edit roles, so copy and paste work in inputs', () => {
    const edit = build(false).template.find((i) => i.label === '编辑')!;
    expect(submenuOf(edit).map((i) => i.role).filter(Boolean)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('文件 quits on Windows/Linux and closes the window on macOS', () => {
    expect(submenuOf(build(false, false).template[0]!).map((i) => i.role)).toEqual(['quit']);
    expect(submenuOf(build(false, true).template[0]!).map((i) => i.role)).toEqual(['close']);
  });

  it('帮助 › 关于 calls the about action, once per click', () => {
    const { template, showAbout } = build(false);
    const help = template.find((i) => i.label === '帮助')!;
    const about = submenuOf(help).find((i) => i.label?.startsWith('关于'))!;
    expect(about.label).toBe('关于干部选育管用信息系统');
    expect(showAbout).not.toHaveBeenCalled();
    (about.click as () => void)();
    expect(showAbout).toHaveBeenCalledTimes(1);
  });
});
