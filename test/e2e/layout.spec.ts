import type { Locator, Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';
import { openDialog } from './ui';

// The smallest supported window (1024×768, an office PC's old monitor): every screen and dialog must be usable
// there — nothing cut off, no column header wrapped onto two lines, every dialog's buttons on the screen.
const SMALL = { width: 1024, height: 768 };

interface Cut {
  what: string;
  text: string;
}

/**
 * What a person would see cut or squeezed on the page now: select values and placeholders wider than their box,
 * table headers that wrap onto a second line, and text inputs whose placeholder does not fit.
 */
async function cutText(page: Page): Promise<Cut[]> {
  return page.evaluate(() => {
    const cuts: { what: string; text: string }[] = [];
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    // a select's chosen value or placeholder: antd ends it with "…" (text-overflow) when it does not fit
    for (const el of document.querySelectorAll('.ant-select-content-value, .ant-select-selection-item, .ant-select-placeholder, .ant-select-selection-placeholder')) {
      if (!visible(el) || !(el instanceof HTMLElement)) continue;
      if (el.scrollWidth > el.clientWidth + 1) cuts.push({ what: 'select', text: el.textContent ?? '' });
    }
    // an empty input's placeholder, measured in the input's own font
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of document.querySelectorAll<HTMLInputElement>('input[placeholder]')) {
      if (!visible(el) || el.value || !el.placeholder || el.closest('.ant-select')) continue;
      const style = getComputedStyle(el);
      canvas.font = `${style.fontSize} ${style.fontFamily}`;
      const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (canvas.measureText(el.placeholder).width > room + 1) cuts.push({ what: 'placeholder', text: el.placeholder });
    }
    // a table header on two lines: its text's line boxes have more than one top
    for (const th of document.querySelectorAll('.ant-table-thead th, [role="columnheader"]')) {
      if (!visible(th)) continue;
      if (th.scrollWidth > th.clientWidth + 1) cuts.push({ what: 'header cut', text: th.textContent ?? '' });
      const range = document.createRange();
      range.selectNodeContents(th);
      const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
      if (tops.size > 1) cuts.push({ what: 'header', text: th.textContent ?? '' });
    }
    return cuts;
  });
}

/** Nothing cut, nothing wrapped, no sideways scroll bar; and a picture to look at. */
async function looksRight(page: Page, name: string): Promise<void> {
  await screenshot(page, `layout-${name}`);
  expect(await cutText(page), name).toEqual([]);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name}: sideways scroll`).toBeLessThanOrEqual(0);
  expect(await unreachableButtons(page), `${name}: buttons past the window's edge or cut off`).toEqual([]);
}

/**
 * The buttons in view that cannot be clicked where they are drawn: past the window's right edge, or cut off by a
 * box too narrow for them (the element at the button's centre is something else). Behind an open dialog, only the
 * dialog's own.
 */
async function unreachableButtons(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const dialogs = [...document.querySelectorAll('.ant-modal-wrap')].filter((w) => getComputedStyle(w).display !== 'none');
    const scope: ParentNode = dialogs.at(-1) ?? document;
    const bad: string[] = [];
    for (const button of scope.querySelectorAll('button')) {
      const r = button.getBoundingClientRect();
      // not drawn (an input's clear icon until there is text), or below the fold
      if (!r.width || !r.height || r.top >= innerHeight || r.bottom <= 0 || getComputedStyle(button).visibility === 'hidden') continue;
      const hit = r.right <= innerWidth && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(button === hit || button.contains(hit))) bad.push(button.textContent?.trim() || button.getAttribute('aria-label') || button.className);
    }
    return bad;
  });
}

/** The dialog's own buttons are inside the window, so it can be confirmed or cancelled without scrolling. */
async function dialogFits(page: Page, dialog: Locator, name: string): Promise<void> {
  const size = page.viewportSize()!;
  for (const button of await dialog.locator('.ant-modal-footer button, .ant-modal-close').all()) {
    const box = (await button.boundingBox())!;
    expect(box.y + box.height, `${name}: ${await button.textContent()}`).toBeLessThanOrEqual(size.height);
    expect(box.x + box.width, `${name}: ${await button.textContent()}`).toBeLessThanOrEqual(size.width);
  }
  await looksRight(page, name);
}

test('at 1024×768 every screen and dialog shows its text whole, one-line headers and reachable buttons', async ({ installation }) => {
  await installation.completeFirstRun();
  const page = installation.page;
  await installation.seedRecords('units', [
    Installation.record({ id: 'org', parentId: null, name: '中共新城区委员会组织部', order: 0 }),
    Installation.record({ id: 'street', parentId: null, name: '新城区东街道办事处党工委', order: 1 }),
  ]);
  const cadres = [
    sampleCadre({ unitId: 'org', name: '欧阳文华', idNumber: '320102198005151238', birth: '1980-05', sex: '1', currentPost: '区委组织部副部长、区委编办主任（兼）' }),
    sampleCadre({ unitId: 'street', name: '王芳' }),
  ];
  await installation.seedRecords('cadres', cadres);
  const segment = (id: string, from: string, to: string | null, unit: string, post: string) =>
    Installation.record({ id, cadreId: cadres[0]!.id, from, to, unit, post, kind: 'work' });
  await installation.seedRecords('career', [
    segment('c1', '2002-07', '2008-07', '中共新城区委员会组织部干部科', '科员'),
    segment('c2', '2008-07', null, '中共新城区委员会组织部', '副部长、区委编办主任（兼）'),
  ]);
  await page.setViewportSize(SMALL);

  // the roster with every column the chooser offers
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await expect(page.getByTestId('roster-row')).toHaveCount(2);
  await looksRight(page, 'roster');
  await page.getByRole('button', { name: '组合查询' }).click();
  await looksRight(page, 'roster-query');

  // the dossier and each of its tabs, with their add dialogs
  await page.getByTestId('roster-row').filter({ hasText: '欧阳文华' }).dblclick();
  await expect(page.getByTestId('dossier-name')).toHaveText('欧阳文华');
  await looksRight(page, 'dossier-basic');
  for (const [tab, add] of [
    ['简历', '新增简历'],
    ['家庭成员', '新增家庭成员'],
    ['职务任免', '新增职务任免'],
  ] as const) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expect(page.getByRole('button', { name: add })).toBeVisible();
    await looksRight(page, `dossier-${tab}`);
    await page.getByRole('button', { name: add }).click();
    const dialog = await openDialog(page);
    await dialogFits(page, dialog, `dossier-${tab}-dialog`);
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(dialog).toBeHidden();
  }
  await page.getByRole('button', { name: /人员变动/ }).click();
  await page.getByRole('menuitem', { name: /调出/ }).click();
  const leave = await openDialog(page);
  await dialogFits(page, leave, 'dossier-leave-dialog');
  await leave.getByRole('button', { name: '取消' }).click();
  await expect(leave).toBeHidden();

  // the other areas
  for (const [area, name] of [
    ['档案记录', 'records'],
    ['数据校验', 'validation'],
    ['单位管理', 'units'],
    ['本机设置', 'settings'],
  ] as const) {
    await page.getByRole('menuitem', { name: area }).click();
    await expect(page.getByRole('menuitem', { name: area })).toHaveClass(/ant-menu-item-selected/);
    // a page loaded on demand shows 正在打开… first: its own layout is the one to look at
    await expect(page.getByText('正在打开…')).toHaveCount(0);
    await looksRight(page, name);
  }

  // batch edit from a roster selection
  await page.getByRole('menuitem', { name: /干部名册/ }).click();
  await page.getByRole('checkbox', { name: '全选' }).check();
  await page.getByRole('button', { name: /批量修改/ }).click();
  const batch = await openDialog(page);
  await dialogFits(page, batch, 'roster-batch-dialog');
  await batch.getByRole('button', { name: '取消' }).click();
  await expect(batch).toBeHidden();
});
