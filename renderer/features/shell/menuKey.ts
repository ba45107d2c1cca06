import type { PrintParams } from '../../../shared/print/route';
import type { Route } from '../../router';
import { backOf } from '../print/printParams';

/**
 * The menu entry a route belongs to: a dossier to 干部名册; a print preview to the page that opened it (a 选任纪实
 * to 选拔任用), 干部名册 when it did not say.
 */
export function menuKeyOf(route: Route, printParams: PrintParams | null): Route {
  const owner = route === 'printPreview' ? (printParams && backOf(printParams)?.route) || 'roster' : route;
  return owner === 'cadre' ? 'roster' : owner;
}
