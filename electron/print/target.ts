import { UserError } from '../../shared/errors';
import { idsOf, isLandscape, parsePrintRoute, type PrintKind } from '../../shared/print/route';

// The main process loads only print routes in its hidden window (docs/printing.md): whatever the renderer asks for
// is checked here again, whatever the contract already checked, because this is what a compromised page would try.

export interface PrintTarget {
  route: string;
  kind: PrintKind;
  landscape: boolean;
  /** How many forms the route lays out (for the time allowed and the progress). */
  count: number;
}

export function printTarget(route: string): PrintTarget {
  const params = parsePrintRoute(route);
  if (!params) throw new UserError('只能打印本程序的打印页面（任免审批表、干部名册）。请从打印预览重新打印。');
  return { route, kind: params.kind, landscape: isLandscape(params.kind), count: Math.max(1, idsOf(params).length) };
}

/** How long a page may take to be ready: a minute, and a second more per form (200 forms on a slow PC). */
export const readyTimeoutMs = (target: PrintTarget): number => 60_000 + 1_000 * target.count;

/** The app page that shows a route, on the app's origin (app://cadredesk in the app). */
export const pageUrlOf = (origin: string, route: string): string => `${origin}/index.html${route}`;
