/** The app's own origin in production: a privileged standard scheme, so IndexedDB's origin never changes. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'cadredesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * scheme://host[:port] of a URL, or null when it has none. WHATWG `URL.origin` is "null" for non-special
 * schemes like app:, so it is computed from the parts.
 */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host || parsed.username || parsed.password) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isSameOrigin(url: string | undefined | null, allowedOrigin: string): boolean {
  return originOf(url) === allowedOrigin;
}
