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
if (!process.argv.includes('--no-build')) run('npx', ['electron-vite', 'build']);
run('npx', ['vite', 'build', '--config', 'bench/vite.bench.config.ts'], { VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' });
run('npx', ['playwright', 'test', '-c', 'bench/bench.config.ts'], { BENCH_MODE: mode });
