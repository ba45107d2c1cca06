// The 4:5 crop of a cadre's photo, as pure arithmetic (no DOM): which part of the source image to draw, and how
// big the stored photo is.

/**
 * The stored photo: 400 × 500 px, exactly 4:5. At 300 dpi that prints 33.9 × 42.3 mm, a little larger than the
 * photo boxes of the 干部任免审批表 and 干部信息采集表 (about 30 × 40 mm), so a printed photo never has to be
 * enlarged; as JPEG at quality 0.9 it is some 30–80 KB, small enough to carry in every bundle.
 */
export const PHOTO_OUTPUT = { width: 400, height: 500 } as const;

/** Width ÷ height of the photo. */
export const PHOTO_ASPECT = PHOTO_OUTPUT.width / PHOTO_OUTPUT.height;

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 3;

export interface Size {
  width: number;
  height: number;
}

/** Where the crop's centre lies, in source pixels, relative to the image's centre (0, 0 = centred). */
export interface Pan {
  x: number;
  y: number;
}

/** A rectangle of the source image (canvas drawImage's sx, sy, sw, sh). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const clampZoom = (zoom: number): number =>
  Number.isFinite(zoom) ? Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) : MIN_ZOOM;

const clamp = (value: number, limit: number): number => Math.min(limit, Math.max(-limit, value));

/**
 * The size of the crop in source pixels: at zoom 1 the largest 4:5 rectangle that fits the image (full height of
 * a wide image, full width of a tall one); zoom z shows 1/z of that in each direction.
 */
export function cropSize(image: Size, zoom: number): Size {
  const z = clampZoom(zoom);
  const fitsHeight = image.width / image.height >= PHOTO_ASPECT;
  const width = fitsHeight ? image.height * PHOTO_ASPECT : image.width;
  const height = fitsHeight ? image.height : image.width / PHOTO_ASPECT;
  return { width: width / z, height: height / z };
}

/** The pan moved as little as needed for the crop to lie inside the image. */
export function clampPan(image: Size, zoom: number, pan: Pan): Pan {
  const crop = cropSize(image, zoom);
  return {
    x: clamp(Number.isFinite(pan.x) ? pan.x : 0, (image.width - crop.width) / 2),
    y: clamp(Number.isFinite(pan.y) ? pan.y : 0, (image.height - crop.height) / 2),
  };
}

/** The 4:5 source rectangle to draw for a zoom (clamped to 1–3) and a pan (clamped so the crop stays inside). */
export function cropRect(image: Size, zoom: number, pan: Pan): Rect {
  const crop = cropSize(image, zoom);
  const p = clampPan(image, zoom, pan);
  return {
    x: (image.width - crop.width) / 2 + p.x,
    y: (image.height - crop.height) / 2 + p.y,
    width: crop.width,
    height: crop.height,
  };
}

/**
 * Dragging the preview by (dx, dy) display pixels moves the picture with the pointer, so the crop moves the other
 * way, by the same distance measured in source pixels (the preview shows the crop at `displayWidth` pixels wide).
 */
export function panByDrag(image: Size, zoom: number, pan: Pan, dx: number, dy: number, displayWidth: number): Pan {
  const scale = cropSize(image, zoom).width / displayWidth;
  return clampPan(image, zoom, { x: pan.x - dx * scale, y: pan.y - dy * scale });
}

/** An arrow key moves the crop by a step: 2% of its width, or 10% with Shift. */
export function panByKey(image: Size, zoom: number, pan: Pan, key: string, large = false): Pan | null {
  const step = cropSize(image, zoom).width * (large ? 0.1 : 0.02);
  const move: Record<string, [number, number]> = {
    ArrowLeft: [-step, 0],
    ArrowRight: [step, 0],
    ArrowUp: [0, -step],
    ArrowDown: [0, step],
  };
  const delta = move[key];
  return delta ? clampPan(image, zoom, { x: pan.x + delta[0], y: pan.y + delta[1] }) : null;
}

/** A crop with fewer source pixels than half the stored width will print visibly blurred. */
export const isLowResolution = (rect: Rect): boolean => rect.width < PHOTO_OUTPUT.width / 2;

/** What the file picker offers; the stored photo is always re-encoded as JPEG. */
export const PHOTO_ACCEPT = 'image/jpeg,image/png';
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024;

/** Why a picked file cannot be a photo (in Chinese, for the user), or null if it may be decoded. */
export function checkPhotoFile(file: { name: string; type: string; size: number }): string | null {
  if (!PHOTO_ACCEPT.split(',').includes(file.type)) {
    return `“${file.name}”不是 JPG 或 PNG 格式的图片，请选择照片文件`;
  }
  if (file.size > MAX_PHOTO_BYTES) {
    return `照片文件不能超过 10 MB，“${file.name}”有 ${(file.size / 1024 / 1024).toFixed(1)} MB，请压缩后再上传`;
  }
  if (file.size === 0) return `“${file.name}”是空文件，请重新选择`;
  return null;
}
