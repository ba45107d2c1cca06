// The print routes (docs/printing.md): `#/print?kind=…` pages of the renderer laid out on A4, which the preview
// shows and the main process prints or saves as PDF. Built by the renderer, checked by the main process before it
// loads one in a hidden window: only a print route of a known kind, with nothing but plain query parameters.

export const PRINT_KINDS = ['appointment', 'roster', 'booklet', 'reminders', 'selectionCase'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** A print route's parameters (all strings, as the hash carries them); `kind` is always there. */
export type PrintParams = { kind: PrintKind } & Record<string, string>;

/** The page each print route is laid out for: the roster is a wide table. */
export const isLandscape = (kind: PrintKind): boolean => kind === 'roster';

/** The longest route accepted: 200 任免审批表 in one file are ~7,500 characters of ids. */
export const MAX_ROUTE_LENGTH = 64 * 1024;

const PREFIX = '#/print?';

// shared/ has no URLSearchParams (no DOM, no Node): the query is written and read with the ES functions; the
// router's URLSearchParams reads it the same way (`%20` for a space, never `+` here).
const queryOf = (params: Record<string, string>): string =>
  Object.entries(params)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');

/** `#/print?kind=appointment&ids=a,b`: the route of a print page. */
export function printRoute(params: PrintParams): string {
  return `${PREFIX}${queryOf(params)}`;
}

/** The preview screen's route for the same parameters (inside the app's shell). */
export function previewRoute(params: PrintParams): string {
  return `#/printPreview?${queryOf(params)}`;
}

/**
 * The parameters of a print route, or null for anything else: another route, a URL with a scheme, host or path,
 * an unknown kind, characters a query string never needs.
 */
export function parsePrintRoute(route: string): PrintParams | null {
  if (route.length > MAX_ROUTE_LENGTH || !route.startsWith(PREFIX)) return null;
  const query = route.slice(PREFIX.length);
  // what encodeURIComponent writes (and ',' between ids): unreserved characters, percent escapes, '=' and '&' — no '#', '/', '?', ':'
  if (!/^[A-Za-z0-9\-._~!*'()%=&,]*$/.test(query)) return null;
  const out: Record<string, string> = {};
  for (const pair of query ? query.split('&') : []) {
    const at = pair.indexOf('=');
    if (at <= 0) return null;
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(pair.slice(0, at));
      value = decodeURIComponent(pair.slice(at + 1));
    } catch {
      return null; // a broken percent escape
    }
    if (Object.hasOwn(out, key)) return null; // one value per name: no second `kind` to disagree with the first
    out[key] = value;
  }
  const kind = out.kind;
  if (!kind || !(PRINT_KINDS as readonly string[]).includes(kind)) return null;
  return out as PrintParams;
}

/** The ids of a route's `ids` parameter (comma-separated), without blanks. */
export const idsOf = (params: Record<string, string>): string[] => (params.ids ?? '').split(',').filter(Boolean);

/**
 * The marks a print page leaves on `document.documentElement.dataset` for whoever prints it (the main process's
 * hidden window, the tests' page): ready once fonts are loaded and every box is fitted, with the page count; an
 * error in plain Chinese when the page cannot be made; progress while many forms are laid out ("12/200").
 */
export const PRINT_MARKS = {
  ready: 'printReady',
  pages: 'printPages',
  error: 'printError',
  progress: 'printProgress',
  /** The overflow report (JSON array of Chinese lines): saved with the PDF's answer, so a batch is never cut silently. */
  overflows: 'printOverflows',
} as const;
