// The application icon: build/render-icons.mjs renders build/icon.svg into the PNG set and the .ico that
// electron-builder packs (the rendered files are not committed, so this test renders them, as every build does),
// and each file must really be the size its name or directory claims: read from the PNG header and the ICO
// directory, not trusted from the file names.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  BUILD_DIR,
  ICO_FILE,
  ICO_SIZES,
  ICON_SET_DIR,
  MASTER_PNG,
  PNG_SIZES,
  pngName,
  renderIcons,
  renderPng,
  SOURCE_SVG,
} from '../../../build/render-icons.mjs';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which the PNG format puts first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), 'PNG signature').toBe(true);
  expect(png.toString('latin1', 12, 16), 'first chunk').toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface IcoEntry {
  width: number;
  height: number;
  bitCount: number;
  bytes: number;
  offset: number;
}

/** The ICONDIR header and its ICONDIRENTRYs (a width or height byte of 0 means 256). */
function icoEntries(ico: Buffer): IcoEntry[] {
  expect(ico.readUInt16LE(0), 'reserved').toBe(0);
  expect(ico.readUInt16LE(2), 'type 1 = icon').toBe(1);
  const count = ico.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i;
    return {
      width: ico.readUInt8(at) || 256,
      height: ico.readUInt8(at + 1) || 256,
      bitCount: ico.readUInt16LE(at + 6),
      bytes: ico.readUInt32LE(at + 8),
      offset: ico.readUInt32LE(at + 12),
    };
  });
}

/** The size of one stored image, from its own header: a PNG's IHDR, or a BMP's BITMAPINFOHEADER (height doubled). */
function storedImageSize(ico: Buffer, entry: IcoEntry): { width: number; height: number } {
  const image = ico.subarray(entry.offset, entry.offset + entry.bytes);
  expect(image.length, 'image inside the file').toBe(entry.bytes);
  if (image.subarray(0, 8).equals(PNG_SIGNATURE)) return pngSize(image);
  expect(image.readUInt32LE(0), 'BITMAPINFOHEADER size').toBe(40);
  // the height counts the colour bitmap and the AND mask
  return { width: image.readInt32LE(4), height: image.readInt32LE(8) / 2 };
}

let written: string[];

beforeAll(async () => {
  written = await renderIcons();
}, 60_000);

describe('the application icon', () => {
  it('is drawn as one SVG source', () => {
    const svg = readFileSync(join(BUILD_DIR, SOURCE_SVG), 'utf8');
    expect(svg).toMatch(/<svg[^>]+viewBox="0 0 1024 1024"/);
    // no raster embedded and nothing fetched: the drawing is the source
    expect(svg).not.toMatch(/<image|href="(?:data:|https?:)/);
  });

  it('renders every PNG size, each exactly as large as its name says', () => {
    expect(PNG_SIZES).toEqual(expect.arrayContaining([16, 24, 32, 48, 64, 128, 256, 512, 1024]));
    for (const size of PNG_SIZES) {
      const rel = join(ICON_SET_DIR, pngName(size));
      expect(written).toContain(rel);
      expect(pngSize(readFileSync(join(BUILD_DIR, rel))), rel).toEqual({ width: size, height: size });
    }
    expect(pngSize(readFileSync(join(BUILD_DIR, MASTER_PNG)))).toEqual({ width: 1024, height: 1024 });
  });

  it('is a drawing: an opaque centre, transparent corners (the rounded tile), the same bytes on every render', async () => {
    // the pixels of a 64 px rendering, through the renderer's own API
    const { Resvg } = await import('@resvg/resvg-js');
    const image = new Resvg(readFileSync(join(BUILD_DIR, SOURCE_SVG)), { fitTo: { mode: 'width', value: 64 } }).render();
    const alpha = (x: number, y: number) => image.pixels[(y * image.width + x) * 4 + 3]!;
    expect(image.width).toBe(64);
    expect(alpha(32, 32)).toBe(255);
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(63, 63)).toBe(0);
    // and the rendering is deterministic: the file written is what renderPng gives now
    const svg = readFileSync(join(BUILD_DIR, SOURCE_SVG));
    expect(readFileSync(join(BUILD_DIR, ICON_SET_DIR, pngName(16))).equals(renderPng(svg, 16))).toBe(true);
  });

  it('the rendered files are ignored by git: a command regenerates them, so they are never committed', () => {
    const ignored = readFileSync(join(BUILD_DIR, '../.gitignore'), 'utf8').split('\n').map((l) => l.trim());
    for (const rel of [`${ICON_SET_DIR}/`, ICO_FILE, MASTER_PNG]) expect(ignored, rel).toContain(`build/${rel}`);
    expect(ignored).not.toContain('build/');
  });

  it('the .ico holds every size Windows asks for, 256 px included, each image really that size', () => {
    expect(written).toContain(ICO_FILE);
    const ico = readFileSync(join(BUILD_DIR, ICO_FILE));
    const entries = icoEntries(ico);
    // title bar and taskbar at 100–200 % (16, 24, 32, 48), Explorer's large icons and the installer (256);
    // electron-builder refuses an .ico whose largest entry is under 256
    const needed = [16, 24, 32, 48, 256];
    const sizes = entries.map((e) => e.width);
    expect(sizes).toEqual(expect.arrayContaining(needed));
    expect(sizes).toEqual([...ICO_SIZES]);
    for (const entry of entries) {
      expect(entry.height, `${entry.width} px entry`).toBe(entry.width);
      expect(entry.bitCount, `${entry.width} px entry: 32-bit with alpha`).toBe(32);
      expect(entry.offset + entry.bytes).toBeLessThanOrEqual(ico.length);
      expect(storedImageSize(ico, entry)).toEqual({ width: entry.width, height: entry.width });
    }
  });
});
