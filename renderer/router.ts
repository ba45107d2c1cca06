import { useMemo, useSyncExternalStore } from 'react';
import { hasUnsaved, mayLeave } from './stores/unsaved';

/** Hash routes (#/roster, #/cadre?id=…): the app is one page served from app://cadredesk/index.html. */
// print: a printed document alone, without the shell (renderer/print/); printPreview: the same inside the shell
export type Route = 'roster' | 'cadre' | 'records' | 'validation' | 'units' | 'exchange' | 'settings' | 'print' | 'printPreview' | 'cultivation' | 'selection' | 'supervision' | 'performance';
export const DEFAULT_ROUTE: Route = 'roster';
const ROUTES: readonly Route[] = ['roster', 'cadre', 'records', 'validation', 'units', 'exchange', 'settings', 'print', 'printPreview', 'cultivation', 'selection', 'supervision', 'performance'];

export interface Location {
  name: Route;
  params: URLSearchParams;
}

// The hash the app shows. A change of the address (menu, link, back button) is accepted only when no form has
// unsaved changes or the person agrees to discard them; until then the address is put back and nothing re-renders,
// so the form and its edits stay as they were.
let accepted = typeof window === 'undefined' ? '' : window.location.hash;
const listeners = new Set<() => void>();

function accept(hash: string): void {
  accepted = hash;
  for (const l of listeners) l();
}

function onHashChange(): void {
  const target = window.location.hash;
  if (target === accepted) return;
  if (!hasUnsaved()) return accept(target);
  // put the address back (the hashchange this causes finds it accepted), then ask
  window.location.replace(`${window.location.pathname}${window.location.search}${accepted || '#/'}`);
  void mayLeave().then((ok) => {
    if (!ok) return;
    accept(target);
    window.location.hash = target;
  });
}

function subscribe(onChange: () => void): () => void {
  if (listeners.size === 0) {
    accepted = window.location.hash;
    window.addEventListener('hashchange', onHashChange);
  }
  listeners.add(onChange);
  return () => {
    listeners.delete(onChange);
    if (listeners.size === 0) window.removeEventListener('hashchange', onHashChange);
  };
}

export function parseHash(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const name = ROUTES.includes(path as Route) ? (path as Route) : DEFAULT_ROUTE;
  return { name, params: new URLSearchParams(query) };
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => (listeners.size ? accepted : window.location.hash));
  return useMemo(() => parseHash(hash), [hash]);
}

export const useRoute = (): Route => useLocation().name;

/** Goes to a route; with unsaved changes it asks first, and stays (the address unchanged) if told to. */
export const navigate = (route: Route, params?: Record<string, string>): void => {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  const target = `#/${route}${query}`;
  if (!hasUnsaved()) {
    window.location.hash = target;
    return;
  }
  void mayLeave().then((ok) => {
    if (!ok) return;
    if (listeners.size) accept(target);
    window.location.hash = target;
  });
};
