import { resolve } from 'node:path';

/** Where the bench loader page is built: its own folder, never out/ (out/** is what electron-builder packages). */
export const BENCH_BUILD_DIR = resolve('bench/.build');
/** The path the bench preview server serves BENCH_BUILD_DIR under, beside the app (same origin, same IndexedDB). */
export const BENCH_BASE = '/bench/';
