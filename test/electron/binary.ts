import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The real Electron binary: absent here (no download on this network), present on a developer machine with
 * internet. The suites in this folder skip without it and say why.
 */
export function electronBinary(): { path: string } | { reason: string } {
  try {
    const binary = createRequire(import.meta.url)('electron') as unknown as string;
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary };
    return { reason: `Electron binary not found at ${String(binary)}` };
  } catch (error) {
    return { reason: `Electron binary is not installed (${(error as Error).message.split('\n')[0]})` };
  }
}
