import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { SECURITY_HEADERS } from '../../electron/security/csp';
import { PREVIEW_PORT } from './env';

// Serves the built renderer (npm run build → out/renderer) with the same security headers app:// sends, on this
// run's own port (env.ts): never a server some other run left listening.
export default defineConfig({
  // outDir is root on purpose (preview serves outDir); silence the build-time warning about it.
  logLevel: 'error',
  root: resolve('out/renderer'),
  build: { outDir: resolve('out/renderer') },
  preview: { host: '127.0.0.1', port: PREVIEW_PORT, strictPort: true, headers: { ...SECURITY_HEADERS } },
});
