import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import { SECURITY_HEADERS } from '../electron/security/csp';
import previewConfig from '../test/e2e/preview.config';
import { BENCH_BASE, BENCH_BUILD_DIR } from './benchPage';

// The e2e preview server (the built app from out/renderer, this run's own port) plus the bench loader page from
// bench/.build under /bench/: same origin as the app, so the page writes the IndexedDB the roster then reads,
// while nothing of the bench ever enters out/, which is what gets packaged.

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

function send(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.end(text);
}

function benchPages(): Plugin {
  return {
    name: 'cadredesk-bench-pages',
    configurePreviewServer(server) {
      server.middlewares.use(BENCH_BASE, (req, res) => {
        // connect strips the mount path: req.url is the rest ('/bench.html', '/assets/…')
        const rel = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        const file = resolve(BENCH_BUILD_DIR, `.${rel}`);
        if (!file.startsWith(BENCH_BUILD_DIR + sep)) return send(res, 403, 'outside the bench build');
        let size: number;
        try {
          const stats = statSync(file);
          if (!stats.isFile()) return send(res, 404, `${rel}: not a file`);
          size = stats.size;
        } catch {
          return send(res, 404, `${rel}: not built (npm run bench builds bench/.build)`);
        }
        for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
        res.setHeader('Content-Type', CONTENT_TYPES[extname(file)] ?? 'application/octet-stream');
        res.setHeader('Content-Length', size);
        createReadStream(file).pipe(res);
      });
    },
  };
}

export default mergeConfig(previewConfig, { plugins: [benchPages()] });
