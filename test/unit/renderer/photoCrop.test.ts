import { describe, expect, it } from 'vitest';
import {
  MAX_PHOTO_BYTES,
  PHOTO_ASPECT,
  PHOTO_OUTPUT,
  checkPhotoFile,
  clampPan,
  clampZoom,
  cropRect,
  cropSize,
  isLowResolution,
  panByDrag,
  panByKey,
  type Rect,
  type Size,
} from '../../../renderer/features/dossier/photoCrop';

const centred = { x: 0, y: 0 };
const inside = (image: Size, r: Rect) =>
  r.x >= -1e-9 && r.y >= -1e-9 && r.x + r.width <= image.width + 1e-9 && r.y + r.height <= image.height + 1e-9;

describe('the stored photo', () => {
  it('is exactly 4:5 and large enough for a 30 × 40 mm box at 300 dpi', () => {
    expect(PHOTO_OUTPUT.width * 5).toBe(PHOTO_OUTPUT.height * 4);
    expect(PHOTO_ASPECT).toBe(0.8);
    expect((PHOTO_OUTPUT.width / 300) * 25.4).toBeGreaterThanOrEqual(30);
    expect((PHOTO_OUTPUT.height / 300) * 25.4).toBeGreaterThanOrEqual(40);
  });
});

describe('cropRect', () => {
  it('takes the full height of a wide image, centred', () => {
    expect(cropRect({ width: 800, height: 600 }, 1, centred)).toEqual({ x: 160, y: 0, width: 480, height: 600 });
  });

  it('takes the full width of a tall image, centred', () => {
    expect(cropRect({ width: 600, height: 1000 }, 1, centred)).toEqual({ x: 0, y: 125, width: 600, height: 750 });
  });

  it('takes all of an image that is already 4:5', () => {
    expect(cropRect({ width: 400, height: 500 }, 1, centred)).toEqual({ x: 0, y: 0, width: 400, height: 500 });
    expect(cropRect({ width: 3024, height: 3780 }, 1, { x: 50, y: -50 })).toEqual({ x: 0, y: 0, width: 3024, height: 3780 });
  });

  it('zooms around the centre: zoom 2 shows half of each side', () => {
    expect(cropRect({ width: 800, height: 600 }, 2, centred)).toEqual({ x: 280, y: 150, width: 240, height: 300 });
  });

  it('clamps the zoom to 1–3', () => {
    expect(clampZoom(0.5)).toBe(1);
    expect(clampZoom(7)).toBe(3);
    expect(clampZoom(Number.NaN)).toBe(1);
    expect(cropSize({ width: 800, height: 600 }, 10)).toEqual(cropSize({ width: 800, height: 600 }, 3));
    expect(cropSize({ width: 800, height: 600 }, 0)).toEqual({ width: 480, height: 600 });
  });

  it('moves with the pan, and stops at the edges of the image', () => {
    const image = { width: 800, height: 600 };
    expect(cropRect(image, 1, { x: 100, y: 0 })).toEqual({ x: 260, y: 0, width: 480, height: 600 });
    expect(cropRect(image, 1, { x: 1000, y: 1000 })).toEqual({ x: 320, y: 0, width: 480, height: 600 });
    expect(cropRect(image, 1, { x: -1000, y: -1000 })).toEqual({ x: 0, y: 0, width: 480, height: 600 });
    expect(cropRect(image, 2, { x: -1000, y: 1000 })).toEqual({ x: 0, y: 300, width: 240, height: 300 });
    expect(clampPan(image, 2, { x: 9999, y: -9999 })).toEqual({ x: 280, y: -150 });
    expect(clampPan(image, 1, { x: Number.NaN, y: 3 })).toEqual({ x: 0, y: 0 });
  });

  it('is 4:5 and inside the image for any size, zoom and pan', () => {
    for (const image of [
      { width: 1, height: 1 },
      { width: 4000, height: 100 },
      { width: 100, height: 4000 },
      { width: 1920, height: 1080 },
      { width: 333, height: 417 },
    ]) {
      for (const zoom of [1, 1.37, 2, 3]) {
        for (const pan of [centred, { x: 1e6, y: -1e6 }, { x: -12.5, y: 7.25 }]) {
          const r = cropRect(image, zoom, pan);
          expect(r.width / r.height).toBeCloseTo(PHOTO_ASPECT, 9);
          expect(inside(image, r)).toBe(true);
        }
      }
    }
  });
});

describe('panning', () => {
  const image = { width: 800, height: 600 };

  it('drags the picture with the pointer: the crop moves the other way, in source pixels', () => {
    // the preview shows the 480-px-wide crop at 240 px: one display pixel = two source pixels
    expect(panByDrag(image, 1, centred, 30, 0, 240)).toEqual({ x: -60, y: 0 });
    expect(panByDrag(image, 1, centred, 500, 0, 240)).toEqual({ x: -160, y: 0 });
    expect(panByDrag(image, 2, centred, 10, 20, 240)).toEqual({ x: -10, y: -20 });
  });

  it('moves by 2% of the crop width per arrow key, 10% with Shift, and ignores other keys', () => {
    expect(panByKey(image, 1, centred, 'ArrowRight')).toEqual({ x: 9.6, y: 0 });
    expect(panByKey(image, 2, centred, 'ArrowDown', true)).toEqual({ x: 0, y: 24 });
    expect(panByKey(image, 1, { x: 160, y: 0 }, 'ArrowRight')).toEqual({ x: 160, y: 0 });
    expect(panByKey(image, 1, centred, 'Enter')).toBeNull();
  });
});

describe('isLowResolution', () => {
  it('warns below half the stored width', () => {
    expect(isLowResolution(cropRect({ width: 300, height: 300 }, 1, centred))).toBe(false);
    expect(isLowResolution(cropRect({ width: 300, height: 300 }, 2, centred))).toBe(true);
  });
});

describe('checkPhotoFile', () => {
  it('accepts JPEG and PNG up to 10 MB', () => {
    expect(checkPhotoFile({ name: 'a.jpg', type: 'image/jpeg', size: 1000 })).toBeNull();
    expect(checkPhotoFile({ name: 'a.png', type: 'image/png', size: MAX_PHOTO_BYTES })).toBeNull();
  });

  it('refuses other types, larger files and empty files, in Chinese', () => {
    expect(checkPhotoFile({ name: 'a.txt', type: 'text/plain', size: 10 })).toBe('“a.txt”不是 JPG 或 PNG 格式的图片，请选择照片文件');
    expect(checkPhotoFile({ name: 'a.gif', type: 'image/gif', size: 10 })).toMatch(/不是 JPG 或 PNG/);
    expect(checkPhotoFile({ name: 'big.jpg', type: 'image/jpeg', size: 12.3 * 1024 * 1024 })).toBe(
      '照片文件不能超过 10 MB，“big.jpg”有 12.3 MB，请压缩后再上传',
    );
    expect(checkPhotoFile({ name: 'e.png', type: 'image/png', size: 0 })).toMatch(/空文件/);
  });
});
