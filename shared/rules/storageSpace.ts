/**
 * Whether a planned write fits comfortably in this origin's storage. The figures come from
 * navigator.storage.estimate() (the renderer reads them; this module only decides), so imports and the demo-data
 * load can warn before they start instead of failing half-way with a quota error.
 */

/** What the browser reports for this origin, in bytes. */
export interface StorageFigures {
  usage: number;
  quota: number;
}

/** Warn when the space left is less than this many times the planned write … */
export const HEADROOM_FACTOR = 2;
/** … or when the write would leave less than this share of the quota free. */
export const MIN_FREE_SHARE = 0.1;

export type SpaceCheck =
  | { known: false; warn: false }
  | { known: true; warn: boolean; remaining: number; remainingAfter: number; message: string | null };

/** True when the figures are usable: a browser without the API, or a test double, may report nothing. */
function usable(figures: StorageFigures | null | undefined): figures is StorageFigures {
  return (
    !!figures &&
    Number.isFinite(figures.usage) &&
    Number.isFinite(figures.quota) &&
    figures.quota > 0 &&
    figures.usage >= 0
  );
}

/**
 * Decides whether writing `plannedBytes` more should warn first. Unknown figures never warn: the write will still
 * roll back cleanly if the disk fills (renderer/db/quota.ts), so a missing estimate must not block work.
 */
export function checkSpaceFor(plannedBytes: number, figures: StorageFigures | null | undefined): SpaceCheck {
  if (!usable(figures)) return { known: false, warn: false };
  const planned = Math.max(0, Number.isFinite(plannedBytes) ? plannedBytes : 0);
  const remaining = Math.max(0, figures.quota - figures.usage);
  const remainingAfter = remaining - planned;
  const warn = remaining < HEADROOM_FACTOR * planned || remainingAfter < MIN_FREE_SHARE * figures.quota;
  const message = warn
    ? `本机存储空间紧张：本次约需写入 ${formatBytes(planned)}，当前仅剩 ${formatBytes(remaining)}` +
      `（共 ${formatBytes(figures.quota)}）。继续可能因空间不足而失败（失败时不会写入任何数据），建议先清理磁盘。`
    : null;
  return { known: true, warn, remaining, remainingAfter, message };
}

const UNITS = ['KB', 'MB', 'GB', 'TB'] as const;

/** A byte count the way people read disk sizes: 0 B, 512 B, 1.5 KB, 23.4 MB, 120 GB (1 KB = 1024 B). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 1024) return `${Math.max(0, Math.round(Number.isFinite(bytes) ? bytes : 0))} B`;
  let value = bytes;
  let unit: (typeof UNITS)[number] = 'KB';
  for (const u of UNITS) {
    value /= 1024;
    unit = u;
    if (value < 1024) break;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)} ${unit}`;
}
