#!/usr/bin/env node
// npm run bench [-- --quick | --smoke]: builds the app (out/) and the bench loader page (bench/.build/, never
// packaged), then runs the measurements on a server of their own (a free port: test/e2e/env.ts).
//   (full) 100,000 cadres   --quick 10,000 (ten times smaller)   --smoke 1,000 (npm test: proves the harness runs)
import { spawnSync } from 'node:child_process';

const mode = process.argv.includes('--smoke') ? 'smoke' : process.argv.includes('--quick') ? 'quick' : 'full';
const run = (cmd, args, env = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// the bundle phase compares with age and 7z (Debian packages age and 7zip): installed here when missing, as
// .ci/run installs its packages, or the phase says they are missing and how to install them
const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const missing = [!has('age') && 'age', !has('7zz') && !has('7z') && '7zip'].filter(Boolean);
if (missing.length) {
  const root = process.getuid?.() === 0;
  if (root && has('apt-get')) {
    spawnSync('apt-get', ['install', '-y', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  } else console.warn(`bench: ${missing.join(', ')} not installed; the bundle phase skips them (install: sudo apt-get install -y ${missing.join(' ')})`);
}
if (!process.argv.includes('--no-build')) run('npx', ['electron-vite', 'build']);
run('npx', ['vite', 'build', '--config', 'bench/vite.bench.config.ts'], { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' });
run('npx', ['playwright', 'test', '-c', 'bench/bench.config.ts'], { BENCH_MODE: mode });
