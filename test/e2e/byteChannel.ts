import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback HTTP channel for large byte arrays between the page and this Node process, for the bench only
 * (bench/): Playwright's binding carries everything as JSON text over the DevTools pipe, a few MiB a second, while
 * Electron's IPC copies an ArrayBuffer at memory speed. At 100,000 cadres a backup moves about a gigabyte, so with
 * the binding alone the bench timed the transport, not the app. Through this channel the binding carries a short
 * reference and the bytes go as an HTTP body on 127.0.0.1 (hundreds of MiB a second), which stands for the IPC.
 *
 * The page reaches it cross-origin, so a context using it must bypass the app's CSP (connect-src 'self'): the
 * bench does, the e2e never does (they test the CSP), and nothing here ships.
 */
export interface ByteChannel {
  /** The channel's origin, e.g. http://127.0.0.1:41234, for the page's init script. */
  readonly url: string;
  /** Node side: bytes the page uploaded under `id`, handed over once. */
  take(id: string): Uint8Array;
  /** Node side: keeps `bytes` for the page to fetch once; returns their id. */
  offer(bytes: Uint8Array): string;
  close(): Promise<void>;
}

/** Arrays at least this long go through the channel; smaller ones stay in the binding's JSON. */
export const BYTE_CHANNEL_MIN = 64 * 1024;

async function body(request: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of request) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Starts the channel, answering only `allowedOrigin` (the app's page origin). */
export async function openByteChannel(allowedOrigin: string): Promise<ByteChannel> {
  const uploaded = new Map<string, Uint8Array>();
  const offered = new Map<string, Uint8Array>();
  let next = 0;
  const server: Server = createServer((request, response) => {
    const origin = request.headers.origin;
    if (origin !== allowedOrigin) {
      response.writeHead(403).end();
      return;
    }
    response.setHeader('Access-Control-Allow-Origin', allowedOrigin);
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    response.setHeader('Access-Control-Allow-Headers', 'content-type');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://channel');
    if (request.method === 'POST' && url.pathname === '/put') {
      body(request).then(
        (bytes) => {
          const id = `u${next++}`;
          uploaded.set(id, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
          response.writeHead(200, { 'content-type': 'text/plain' }).end(id);
        },
        () => response.writeHead(500).end(),
      );
      return;
    }
    const got = request.method === 'GET' && url.pathname === '/get' ? offered.get(url.searchParams.get('id') ?? '') : undefined;
    if (!got) {
      response.writeHead(404).end();
      return;
    }
    offered.delete(url.searchParams.get('id')!);
    response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': got.byteLength });
    response.end(got);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    take(id) {
      const bytes = uploaded.get(id);
      if (!bytes) throw new Error(`byte channel: no upload ${id}`);
      uploaded.delete(id);
      return bytes;
    },
    offer(bytes) {
      const id = `d${next++}`;
      // a copy: the handler's array may be a view of a buffer it reuses before the page has fetched it
      offered.set(id, Buffer.from(bytes));
      return id;
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
