import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../shared/errors';
import { readJsonIfExists, writeFileAtomic } from '../fsAtomic';
import type { Handlers } from './dispatch';

// The counter's high-water mark (docs/bundle-format.md "Sync in this code"): every local write takes a counter
// value that must never be used twice by this identity. The renderer's database keeps the counter, but a database
// can be deleted, re-created or restored from an older copy while the identity (the keys folder) stays; so the main
// process keeps the highest value reported beside the keys, and the renderer raises its counter to it at start.

export const COUNTER_FILE = 'counter.json';

const CounterFileSchema = z.object({
  format: z.literal('cadredesk-counter/1'),
  installationId: z.string(),
  counter: z.number().int().nonnegative(),
});

export interface CounterStore {
  read(): Promise<number>;
  /** Raises the mark to n (never lowers it) and returns the mark now kept. */
  raise(n: number): Promise<number>;
}

/**
 * The mark in `<keysDir>/counter.json`, written atomically. A file of another identity counts as nothing (the
 * counter belongs to an identity). Raises are serialised, so two reports never race to write a lower value.
 */
export function createCounterStore(keysDir: string, installationId: string): CounterStore {
  const file = path.join(keysDir, COUNTER_FILE);
  let queue: Promise<unknown> = Promise.resolve();
  const load = async (): Promise<number> => {
    const raw = await readJsonIfExists(file).catch(() => null);
    if (raw === undefined) return 0;
    const parsed = CounterFileSchema.safeParse(raw);
    if (!parsed.success) throw new UserError(`本机的计数记录文件（${file}）已损坏，请从备份恢复 keys 文件夹，或联系系统管理员。`);
    return parsed.data.installationId === installationId ? parsed.data.counter : 0;
  };
  const raise = async (n: number): Promise<number> => {
    // a damaged file is replaced by the renderer's value: the best knowledge there is, and it heals the file
    const current = await load().catch(() => -1);
    if (n <= current) return current;
    const body = { format: 'cadredesk-counter/1', installationId, counter: n } satisfies z.infer<typeof CounterFileSchema>;
    await fs.mkdir(keysDir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(file, `${JSON.stringify(body)}\n`, 0o600);
    return n;
  };
  return {
    read: load,
    raise: (n) => {
      const next = queue.then(() => raise(n));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}

export interface SyncEffects {
  userDataDir: string;
  identity: { installationId: string };
}

export function syncHandlers(fx: SyncEffects): Pick<Handlers, 'sync.counterHighWater' | 'sync.recordCounter'> {
  const store = createCounterStore(path.join(fx.userDataDir, 'keys'), fx.identity.installationId);
  return {
    'sync.counterHighWater': async () => ({ counter: await store.read() }),
    'sync.recordCounter': async ({ counter }) => ({ counter: await store.raise(counter) }),
  };
}
