import { SECURITY_HEADERS } from '../security/csp';
import { resolveAppRequest } from './appProtocol';

/**
 * The app:// protocol handler as a plain function: every response — the page, its scripts and styles, and the
 * error statuses — carries the Content-Security-Policy and the other security headers (electron/security/csp.ts).
 * `readFile` is passed in so that tests serve files without Electron.
 */
export function createAppProtocolHandler(deps: {
  rendererRoot: string;
  readFile: (filePath: string) => Promise<Buffer<ArrayBuffer>>;
}): (request: { url: string }) => Promise<Response> {
  return async (request) => {
    const resolved = resolveAppRequest(request.url, deps.rendererRoot);
    if (!resolved.ok) return new Response(null, { status: resolved.status, headers: { ...SECURITY_HEADERS } });
    let body: Buffer<ArrayBuffer>;
    try {
      body = await deps.readFile(resolved.filePath);
    } catch {
      return new Response(null, { status: 404, headers: { ...SECURITY_HEADERS } });
    }
    return new Response(body, { headers: { 'Content-Type': resolved.mime, ...SECURITY_HEADERS } });
  };
}
