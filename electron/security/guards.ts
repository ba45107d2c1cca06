import { isSameOrigin } from './origin';

// Pure decisions behind Electron's security checklist; main.ts only wires them to events.

/** will-navigate / will-frame-navigate / will-redirect: only within the app's own origin. */
export function allowNavigation(url: string, allowedOrigin: string): boolean {
  return isSameOrigin(url, allowedOrigin);
}

/** setWindowOpenHandler: the app never opens windows of its own from content (air-gapped, no browser links). */
export function windowOpenDecision(_url: string): { action: 'deny' } {
  return { action: 'deny' };
}

/** Permissions the app's own pages may use; everything else, and everything from elsewhere, is denied. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function allowPermission(permission: string, requestingUrl: string | undefined, allowedOrigin: string): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isSameOrigin(requestingUrl, allowedOrigin);
}

/** Every IPC call must come from a frame showing the app's own origin. */
export function isTrustedSender(frameUrl: string | undefined | null, allowedOrigin: string): boolean {
  return isSameOrigin(frameUrl, allowedOrigin);
}
