// npm run icons: renders build/icon.svg (the one drawn source) into what electron-builder and the window need.
// The outputs are regenerated, never committed (.gitignore): `npm run build` renders them (electron.vite.config.ts
// calls renderIcons before the main-process build and copies the window icon into out/main/), and so does every
// build that dist and the tests run.
//   build/icons/<n>x<n>.png  the Linux icon set (electron-builder's linux.icon folder; the name carries the size)
//   build/icon.ico           Windows (win.icon): one entry per ICO_SIZES, each rendered from the vector at its size
//   build/icon.png           the 1024 px master
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { Resvg } from '@resvg/resvg-js';
import pngToIco from 'png-to-ico';

export const BUILD_DIR = path.dirname(fileURLToPath(import.meta.url));
export const SOURCE_SVG = 'icon.svg';
/** Every size rendered to PNG, in pixels. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
/**
 * The sizes in the .ico: what Windows picks from for title bars, the taskbar, Explorer's views and the installer
 * (16–48 at 100–200 % scaling, 256 for large icons; electron-builder refuses an .ico without 256).
 */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** Paths relative to build/ (electron-builder's buildResources). */
export const ICON_SET_DIR = 'icons';
export const ICO_FILE = 'icon.ico';
export const MASTER_PNG = 'icon.png';
/** The PNG the window uses (BrowserWindow icon), copied into out/main/ by the build. */
export const WINDOW_ICON_SIZE = 256;
export const pngName = (size) => `${size}x${size}.png`;

/** One PNG of the SVG at size × size pixels. */
export function renderPng(svg, size) {
  return new Resvg(svg, { fitTo: { mode: 'width', value: size }, font: { loadSystemFonts: false } }).render().asPng();
}

/** Written to a temporary name and renamed, so a reader (electron-builder, a test) never sees half a file. */
async function writeAtomic(file, data) {
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, data);
  await rename(temp, file);
}

/**
 * Renders every output into outDir (build/ by default) and returns the files written, relative to outDir.
 * @param {{ outDir?: string }} [options]
 */
export async function renderIcons({ outDir = BUILD_DIR } = {}) {
  const svg = await readFile(path.join(BUILD_DIR, SOURCE_SVG));
  await mkdir(path.join(outDir, ICON_SET_DIR), { recursive: true });
  const pngs = new Map(PNG_SIZES.map((size) => [size, renderPng(svg, size)]));
  const written = [];
  for (const [size, png] of pngs) {
    const rel = path.join(ICON_SET_DIR, pngName(size));
    await writeAtomic(path.join(outDir, rel), png);
    written.push(rel);
  }
  await writeAtomic(path.join(outDir, MASTER_PNG), pngs.get(1024));
  written.push(MASTER_PNG);
  // given a list, png-to-ico stores each image as it is: every size is our own rendering of the vector, not a
  // 256 px image resampled
  const ico = await pngToIco(ICO_SIZES.map((size) => pngs.get(size)));
  await writeAtomic(path.join(outDir, ICO_FILE), ico);
  written.push(ICO_FILE);
  return written;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const written = await renderIcons();
  console.log(`icons: ${written.length} files in build/ (${Date.now() - started} ms)`);
}
