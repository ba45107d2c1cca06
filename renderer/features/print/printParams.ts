import { PRINT_KINDS, type PrintKind, type PrintParams } from '../../../shared/print/route';

/** A print or preview route's parameters from the router, or null when its kind is not one we print. */
export function printParamsOf(search: URLSearchParams): PrintParams | null {
  const out: Record<string, string> = {};
  for (const [k, v] of search) out[k] = v;
  const kind = out.kind as PrintKind | undefined;
  if (!kind || !PRINT_KINDS.includes(kind)) return null;
  return { ...out, kind };
}
