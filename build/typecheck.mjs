// `npm run typecheck`: the four TypeScript projects (one per process boundary, docs/architecture.md "Boundaries"),
// checked side by side, as many at once as the machine has cores — one after another they took most of a minute of
// CI's twenty. Each project's output is printed whole when it ends; the exit code is non-zero if any failed.
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';

// the longest first, so the short ones fill in beside it
const PROJECTS = ['tsconfig.json', 'tsconfig.renderer.json', 'tsconfig.electron.json', 'tsconfig.shared.json'];
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

function check(project) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [tsc, '-p', project], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      process.stdout.write(`tsc -p ${project}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${seconds} s\n${output}`);
      resolve(code === 0);
    });
  });
}

const queue = [...PROJECTS];
const results = [];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), PROJECTS.length) }, async () => {
    for (let project = queue.shift(); project; project = queue.shift()) results.push(await check(project));
  }),
);
process.exitCode = results.every(Boolean) ? 0 : 1;
