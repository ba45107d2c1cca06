import path from 'node:path';
import type { BuildMode } from './freshness';
import { DEFAULT_PROFILE_DIR } from './launcher';

export const USAGE =
  '用法：npm run try [-- --headless] [--profile <目录>] [--build | --no-build]\n' +
  `  --profile   试用目录（默认 ${DEFAULT_PROFILE_DIR}，也可用环境变量 CADREDESK_TRY_PROFILE），删除它即可从头开始\n` +
  '  --headless  不显示窗口（用于自动测试），按 Ctrl+C 结束\n' +
  '  --build     总是先构建；--no-build 从不构建（默认：没有构建结果或源代码更新时才构建）';

export interface CliOptions {
  profileDir: string;
  headless: boolean;
  build: BuildMode;
}

/** The command line and environment → options; a message in Chinese when something is not understood. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv): CliOptions | { error: string } {
  const o: CliOptions = {
    profileDir: env.CADREDESK_TRY_PROFILE || DEFAULT_PROFILE_DIR,
    headless: env.CADREDESK_TRY_HEADLESS === '1',
    build: 'auto',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--headless') o.headless = true;
    else if (arg === '--build') o.build = 'always';
    else if (arg === '--no-build') o.build = 'never';
    else if (arg === '--profile') {
      const dir = argv[++i];
      if (!dir) return { error: '--profile 后面需要一个目录。' };
      o.profileDir = path.resolve(dir);
    } else return { error: `不认识的参数 ${arg}。` };
  }
  return o;
}

