// How sizes and moments read on screen, the same on every page.

/** A file's size: "1.2 MB", or "35 KB" (at least 1 KB). */
export const fileSize = (bytes: number): string =>
  bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** A moment as a date and a 24-hour time in Chinese ("2026/11/30 13:05:09"); empty for none. */
export const dateTime = (at: number | string | null | undefined): string =>
  at === null || at === undefined || at === '' ? '' : new Date(at).toLocaleString('zh-CN', { hour12: false });
