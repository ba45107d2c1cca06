import { crc32, deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { sampleCadre } from '../fixtures/cadre';
import { Installation, test, expect, screenshot } from './fixture';

// The dossier photo (issue: "photo upload with a 4:5 crop, stored as a Blob"): pick a file, crop it to 4:5,
// store a 400×500 JPEG by content hash, show it, keep it across a restart, refuse what is not a photo.

type Rgb = [number, number, number];
const SKY: Rgb = [70, 130, 200];
const SKIN: Rgb = [235, 190, 150];
const SUIT: Rgb = [40, 40, 60];
const STRIPE: Rgb = [220, 30, 30];

/** A w×h RGB PNG built byte by byte (signature, IHDR, one IDAT, IEND). */
function png(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, truecolour, deflate, no filter method, no interlace
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1); // each row starts with filter type 0
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), row + 1 + x * 3);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** 800×600: a "portrait" (head and shoulders on sky) with a red stripe down the left 60 px, to see panning. */
const PORTRAIT = png(800, 600, (x, y) => {
  if (x < 60) return STRIPE;
  if ((x - 400) ** 2 + (y - 250) ** 2 <= 110 ** 2) return SKIN;
  if (y > 420 && Math.abs(x - 400) < 250) return SUIT;
  return SKY;
});

type PhotoRow = { photo: string | null; vv: Record<string, number> };
type BlobRow = { hash: string; type: string; size: number; head: number[]; sha256: string };

/** The cadre record and the blobs table, read from the page's IndexedDB. */
function readStore(page: Page, cadreId: string) {
  return page.evaluate(async (id) => {
    const db: IDBDatabase = await new Promise((ok, fail) => {
      const r = indexedDB.open('cadredesk');
      r.onsuccess = () => ok(r.result);
      r.onerror = () => fail(r.error);
    });
    const all = <T,>(store: string, key?: string) =>
      new Promise<T>((ok) => {
        const r = key ? db.transaction(store).objectStore(store).get(key) : db.transaction(store).objectStore(store).getAll();
        r.onsuccess = () => ok(r.result as T);
      });
    const cadre = await all<PhotoRow>('cadres', id);
    const entries = await all<{ hash: string; type: string; data: Blob }[]>('blobs');
    db.close();
    const blobs: BlobRow[] = [];
    for (const e of entries) {
      const bytes = new Uint8Array(await e.data.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      blobs.push({
        hash: e.hash,
        type: e.type,
        size: bytes.length,
        head: [...bytes.slice(0, 3)],
        sha256: Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join(''),
      });
    }
    return { cadre, blobs };
  }, cadreId);
}

/** The shown photo: its natural size, and the colour at a few points (fractions of its width and height). */
function shownPhoto(page: Page, points: [number, number][]) {
  return page.getByTestId('cadre-photo').evaluate(async (img: HTMLImageElement, at) => {
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const colours = at.map(([fx, fy]) => [...g.getImageData(Math.floor(fx * canvas.width), Math.floor(fy * canvas.height), 1, 1).data.slice(0, 3)]);
    return { width: img.naturalWidth, height: img.naturalHeight, colours };
  }, points);
}

const near = (actual: number[] | undefined, expected: Rgb) =>
  expect(actual!.every((v, i) => Math.abs(v - expected[i]!) <= 24), `${JSON.stringify(actual)} ≈ ${JSON.stringify(expected)}`).toBe(true);

/** Waits for antd's opening/closing animations (and the tab ink bar) to finish, e.g. before a screenshot. */
const settled = (page: Page) => page.waitForFunction(() => document.getAnimations().length === 0);

async function openDossier(page: Page, name: string) {
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await page.getByTestId('roster-row').filter({ hasText: name }).dblclick();
  await expect(page.getByTestId('dossier-name')).toHaveText(name);
}

test('a photo is uploaded, cropped to 4:5, stored as a JPEG blob by hash, kept across a restart, and removed', async ({
  installation,
}) => {
  await installation.completeFirstRun();
  const unit = Installation.record({ id: 'u-org', parentId: null, name: '区委组织部', order: 0 });
  await installation.seedRecords('units', [unit]);
  const cadre = sampleCadre({ unitId: unit.id, name: '王芳', status: '01', currentPost: '区委组织部干部科科长' });
  await installation.seedRecords('cadres', [cadre]);
  let page = installation.page;
  await openDossier(page, '王芳');

  const field = page.getByTestId('photo-field');
  await expect(field.getByText('照片', { exact: true })).toBeVisible();
  await expect(field.getByRole('button', { name: '删除照片' })).toHaveCount(0);
  const input = page.getByTestId('photo-input');
  await expect(input).toHaveAttribute('accept', 'image/jpeg,image/png');

  // Not a photo: refused by its type, or (a text file named .png) when it cannot be decoded. Nothing is stored.
  await input.setInputFiles({ name: '简历.txt', mimeType: 'text/plain', buffer: Buffer.from('这不是照片') });
  await expect(page.getByText('“简历.txt”不是 JPG 或 PNG 格式的图片，请选择照片文件')).toBeVisible();
  await input.setInputFiles({ name: '照片.png', mimeType: 'image/png', buffer: Buffer.from('这也不是照片，只是改了扩展名') });
  await expect(page.getByText('无法读取“照片.png”：文件已损坏或不是 JPG、PNG 图片，请重新选择')).toBeVisible();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(await readStore(page, cadre.id)).toMatchObject({ cadre: { photo: null }, blobs: [] });

  // Upload: the crop dialog shows the 4:5 preview; zoom to 2× with the button and the slider's keys.
  await field.getByRole('button', { name: '上传照片' }).click(); // opens the system picker: nothing to assert
  await input.setInputFiles({ name: '王芳.png', mimeType: 'image/png', buffer: PORTRAIT });
  const dialog = page.getByRole('dialog', { name: '裁剪照片' });
  await expect(dialog).toBeVisible();
  await settled(page);
  const info = dialog.getByTestId('photo-crop-info');
  await expect(info).toHaveText('原图 800×600 像素，缩放 1.00 倍，保存为 400×500 像素');
  const preview = dialog.getByRole('img', { name: /裁剪预览/ });
  // the preview shows the crop at once: the head in the middle, sky in the corner
  const previewColours = () =>
    preview.evaluate((canvas: HTMLCanvasElement) => {
      const g = canvas.getContext('2d')!;
      const at = (fx: number, fy: number) => [...g.getImageData(Math.floor(fx * canvas.width), Math.floor(fy * canvas.height), 1, 1).data.slice(0, 3)];
      return [at(0.5, 0.55), at(0.02, 0.02)];
    });
  const [middle, corner] = await previewColours();
  near(middle, SKIN);
  near(corner, SKY);
  const box = (await preview.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(0.8, 2);
  await expect(page.locator('.ant-message-notice')).toHaveCount(0);
  await screenshot(page, 'photo-crop');
  for (let i = 0; i < 3; i++) await dialog.getByRole('button', { name: '放大' }).click();
  await expect(info).toContainText('缩放 1.75 倍');
  await dialog.getByRole('slider', { name: '缩放' }).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await expect(info).toContainText('缩放 2.00 倍');

  // Dragging the picture to the left and back, and an arrow key and back, leave it centred.
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  await page.mouse.move(cx - 40, cy, { steps: 4 });
  await page.mouse.move(cx, cy, { steps: 4 });
  await page.mouse.up();
  await preview.focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  await screenshot(page, 'photo-crop-zoomed');
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('照片已保存')).toBeVisible();

  // Shown at 400×500 (4:5): the head fills the centre of the 2× crop; its corners are sky.
  await expect(field.getByRole('img', { name: '王芳的照片' })).toBeVisible();
  let photo = await shownPhoto(page, [
    [0.5, 0.5],
    [0.03, 0.03],
    [0.97, 0.03],
  ]);
  expect([photo.width, photo.height]).toEqual([400, 500]);
  near(photo.colours[0], SKIN);
  near(photo.colours[1], SKY);
  near(photo.colours[2], SKY);

  // Stored: the record holds the SHA-256 of a JPEG in the blobs table; the vector was bumped; audited.
  let stored = await readStore(page, cadre.id);
  expect(stored.cadre.photo).toMatch(/^[0-9a-f]{64}$/);
  expect(stored.blobs).toHaveLength(1);
  const [blob] = stored.blobs;
  expect(blob).toMatchObject({ hash: stored.cadre.photo, type: 'image/jpeg', head: [0xff, 0xd8, 0xff], sha256: stored.cadre.photo });
  expect(blob!.size).toBeGreaterThan(1000);
  expect(blob!.size).toBeLessThan(200_000);
  expect(Object.values(stored.cadre.vv).reduce((a, b) => a + b, 0)).toBeGreaterThan(1);
  await page.getByRole('tab', { name: '变更记录' }).click();
  await expect(page.getByTestId('cadre-history')).toContainText('修改干部“王芳”的照片');
  await page.getByRole('tab', { name: '基本信息' }).click(); // the photo sits with the basic record
  await expect(field.getByRole('button', { name: '更换照片' })).toBeVisible();
  await expect(page.locator('.ant-message-notice')).toHaveCount(0); // the toasts above go after 3 s
  await settled(page);
  await screenshot(page, 'photo-dossier');

  const shownSrc = (await page.getByTestId('cadre-photo').getAttribute('src'))!;

  // Replace it: zoom 3× and move the crop to the far left (Shift+arrows): the red stripe is in the photo.
  await input.setInputFiles({ name: '王芳.png', mimeType: 'image/png', buffer: PORTRAIT });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('slider', { name: '缩放' }).focus();
  await page.keyboard.press('End');
  await expect(info).toContainText('缩放 3.00 倍');
  await preview.focus();
  for (let i = 0; i < 25; i++) await page.keyboard.press('Shift+ArrowLeft'); // 16 px a step; 320 px to the edge
  await dialog.getByRole('button', { name: '确定' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await readStore(page, cadre.id)).blobs.length).toBe(2);
  await expect(page.getByTestId('cadre-photo')).not.toHaveAttribute('src', shownSrc);
  photo = await shownPhoto(page, [
    [0.1, 0.5],
    [0.9, 0.5],
  ]);
  expect([photo.width, photo.height]).toEqual([400, 500]);
  near(photo.colours[0], STRIPE); // x 0–60 of a 160-px-wide crop
  near(photo.colours[1], SKY);

  // A restart keeps it.
  const replacedHash = (await readStore(page, cadre.id)).cadre.photo;
  page = await installation.restart();
  await openDossier(page, '王芳');
  await expect(page.getByTestId('photo-field').getByRole('img', { name: '王芳的照片' })).toBeVisible();
  photo = await shownPhoto(page, [[0.1, 0.5]]);
  expect([photo.width, photo.height]).toEqual([400, 500]);
  near(photo.colours[0], STRIPE);
  expect((await readStore(page, cadre.id)).cadre.photo).toBe(replacedHash);

  // Removing it asks first; the record forgets the photo, the blobs stay (they may be shared or synced).
  await page.getByTestId('photo-field').getByRole('button', { name: '删除照片' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '删除', exact: true }).click();
  await expect(page.getByText('照片已删除')).toBeVisible();
  await expect(page.getByTestId('photo-field').getByText('照片', { exact: true })).toBeVisible();
  await expect(page.getByTestId('cadre-photo')).toHaveCount(0);
  stored = await readStore(page, cadre.id);
  expect(stored.cadre.photo).toBeNull();
  expect(stored.blobs).toHaveLength(2);
});
