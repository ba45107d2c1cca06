import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { SECURITY_HEADERS } from '../../electron/security/csp';
import { PREVIEW_PORT } from './env';

/**
 * Serves the files uncompressed, as app:// does (electron/protocol/appResponse.ts): vite preview gzips every
 * response on the fly, which cost this server's CPU and the page's time at every load of the ~4 MB of scripts
 * and styles — in a suite on two cores, and in the bench's cold start, which stands for the app's.
 */
function uncompressed(): Plugin {
  return {
    name: 'cadredesk-uncompressed',
    configurePreviewServer(server) {
      // runs before vite's own middlewares (its compression among them): without Accept-Encoding it sends as is
      server.middlewares.use((req, _res, next) => {
        delete req.headers['accept-encoding'];
        next();
      });
    },
  };
}

// Serves the built renderer (npm run build → out/renderer) with the same security headers app:// sends, on this
// run's own port (env.ts): never a server some other run left listening.
export default defineConfig({
  // outDir is root on purpose (preview serves outDir); silence the build-time warning about it.
  logLevel: 'error',
  root: resolve('out/renderer'),
  build: { outDir: resolve('out/renderer') },
  plugins: [uncompressed()],
  preview: { host: '127.0.0.1', port: PREVIEW_PORT, strictPort: true, headers: { ...SECURITY_HEADERS } },
});
