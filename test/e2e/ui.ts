import ExcelJS from 'exceljs';
import { expect, type Locator, type Page } from '@playwright/test';

// Small helpers that operate antd controls the way a person does: click, type, pick from the list.

/** Picks an option of an antd Select (or the dropdown of a TreeSelect) by its visible text. */
export async function choose(page: Page, scope: Page | Locator, label: string, option: string): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  // long lists are virtual: type to bring the option into view (searchable selects filter, others ignore it)
  if (await input.evaluate((el) => el instanceof HTMLInputElement && !el.readOnly)) await page.keyboard.type(option);
  const dropdown = page.locator('.ant-select-dropdown:visible');
  const item = dropdown.locator(`.ant-select-item-option[title="${option}"], .ant-select-tree-node-content-wrapper[title="${option}"]`).first();
  await item.click();
  await expect(dropdown).toBeHidden();
}

/**
 * The open dialog once its opening animation has finished. The first dialog of a page animates slowly (antd
 * injects its styles then) and a click on 保存 during the zoom-in can be lost, as a person's could.
 */
export async function openDialog(page: Page): Promise<Locator> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog).not.toHaveClass(/-(appear|enter)/);
  return dialog;
}

export const unitTree = (page: Page) => page.getByTestId('unit-tree');
export const unitNode = (page: Page, name: string) => unitTree(page).getByTitle(name, { exact: true });

export async function addUnit(page: Page, button: '新增顶级单位' | '新增下级单位', name: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  const dialog = await openDialog(page);
  await dialog.getByLabel('单位名称').fill(name);
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog).toBeHidden();
  await expect(unitNode(page, name)).toBeVisible();
}

/** The first sheet of an .xlsx as rows of cell texts, the way a person reads an exported file. */
export async function readXlsx(file: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const out: string[][] = [];
  workbook.worksheets[0]!.eachRow((row) => out.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return out;
}
