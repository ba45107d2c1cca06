import { useSyncExternalStore } from 'react';

/** Hash routes (#/units): the app is one page served from app://cadredesk/index.html. */
export type Route = 'units' | 'settings';
export const DEFAULT_ROUTE: Route = 'units';
const ROUTES: readonly Route[] = ['units', 'settings'];

function current(): Route {
  const name = window.location.hash.replace(/^#\/?/, '').split('?')[0] as Route;
  return ROUTES.includes(name) ? name : DEFAULT_ROUTE;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

export const useRoute = (): Route => useSyncExternalStore(subscribe, current);
export const navigate = (route: Route): void => {
  window.location.hash = `#/${route}`;
};
