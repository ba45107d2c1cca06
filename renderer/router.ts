import { useMemo, useSyncExternalStore } from 'react';

/** Hash routes (#/roster, #/cadre?id=…): the app is one page served from app://cadredesk/index.html. */
export type Route = 'roster' | 'cadre' | 'records' | 'validation' | 'units' | 'settings';
export const DEFAULT_ROUTE: Route = 'roster';
const ROUTES: readonly Route[] = ['roster', 'cadre', 'records', 'validation', 'units', 'settings'];

export interface Location {
  name: Route;
  params: URLSearchParams;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export function parseHash(hash: string): Location {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const name = ROUTES.includes(path as Route) ? (path as Route) : DEFAULT_ROUTE;
  return { name, params: new URLSearchParams(query) };
}

export function useLocation(): Location {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return useMemo(() => parseHash(hash), [hash]);
}

export const useRoute = (): Route => useLocation().name;

export const navigate = (route: Route, params?: Record<string, string>): void => {
  const query = params ? `?${new URLSearchParams(params).toString()}` : '';
  window.location.hash = `#/${route}${query}`;
};
