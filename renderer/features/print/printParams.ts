import { PRINT_KINDS, type PrintKind, type PrintParams } from '../../../shared/print/route';
import { navigate, parseHash, type Route } from '../../router';

/** A print or preview route's parameters from the router, or null when its kind is not one we print. */
export function printParamsOf(search: URLSearchParams): PrintParams | null {
  const out: Record<string, string> = {};
  for (const [k, v] of search) out[k] = v;
  const kind = out.kind as PrintKind | undefined;
  if (!kind || !PRINT_KINDS.includes(kind)) return null;
  return { ...out, kind };
}

/**
 * The preview's parameter that says where 返回 goes: the address of the page that opened it
 * (`#/performance?tab=matrix`). It is the preview's, never printed: withoutBack() takes it out of the print route.
 */
export const BACK_PARAM = 'back';

/** Opens the preview of a document; 返回 then leads back to the page showing now. */
export function openPreview(params: PrintParams): void {
  navigate('printPreview', { ...params, [BACK_PARAM]: window.location.hash });
}

/** The parameters that make the printed document (everything but where 返回 goes). */
export function withoutBack(params: PrintParams): PrintParams {
  const { [BACK_PARAM]: _back, ...rest } = params;
  return rest as PrintParams;
}

/** Where 返回 leads: the page that opened the preview, or null when it did not say (or named a print page). */
export function backOf(params: PrintParams): { route: Route; params: Record<string, string> } | null {
  const hash = params[BACK_PARAM];
  if (!hash?.startsWith('#/')) return null;
  const { name, params: search } = parseHash(hash);
  if (name === 'print' || name === 'printPreview') return null;
  return { route: name, params: Object.fromEntries(search) };
}
