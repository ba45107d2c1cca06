// Runs the bundle format's known-answer checks in whatever Node this is: `node`, or the Electron binary with
// ELECTRON_RUN_AS_NODE=1 (its BoringSSL is what the app uses). Prints the results as JSON; exit 1 on any failure.
// Usage: <node or electron> test/electron/cryptoKatRunner.mjs <vectors folder>
import { register } from 'tsx/esm/api';

register();
const { runKatChecks } = await import('../unit/electron/bundle/katChecks.ts');
const vectors = process.argv[2];
if (!vectors) {
  console.error('usage: cryptoKatRunner.mjs <vectors folder>');
  process.exit(2);
}
const results = runKatChecks(vectors);
console.log(JSON.stringify({ versions: process.versions, results }));
process.exit(results.some((r) => r.failures.length > 0 || r.checked === 0) ? 1 : 0);
