import { describe, expect, it } from 'vitest';
import { writeQueue, type Before } from '../../../renderer/features/demoData/writeQueue';

/** A write the test ends by hand; it logs its start, its end and its report (made after awaiting `before`). */
function controlled(log: string[], name: string) {
  let end!: () => void;
  let fail!: (e: Error) => void;
  const ended = new Promise<void>((ok, no) => ((end = ok), (fail = no)));
  const write = async (before: Before) => {
    log.push(`start ${name}`);
    await ended;
    log.push(`stored ${name}`);
    await before;
    log.push(`report ${name}`);
  };
  return { write, end, fail };
}

const settle = () => new Promise((ok) => setTimeout(ok, 0));

describe('writeQueue', () => {
  it('runs up to its limit at once, in the order given, and the next once one has ended', async () => {
    const log: string[] = [];
    const q = writeQueue(2);
    const [a, b, c] = ['a', 'b', 'c'].map((n) => controlled(log, n));
    await q.add(a!.write);
    await q.add(b!.write);
    const third = q.add(c!.write);
    await settle();
    expect(log).toEqual(['start a', 'start b']);
    // b is stored before a, but it has not ended until it has reported, after a
    b!.end();
    await settle();
    expect(log).toEqual(['start a', 'start b', 'stored b']);
    a!.end();
    await third;
    expect(log).toEqual(['start a', 'start b', 'stored b', 'stored a', 'report a', 'report b', 'start c']);
    c!.end();
    await q.drain();
    expect(log.at(-1)).toBe('report c');
  });

  it('surfaces a failure at the next add and starts nothing after it; drain waits for the writes still running', async () => {
    const log: string[] = [];
    const q = writeQueue(3);
    const [a, b] = ['a', 'b'].map((n) => controlled(log, n));
    await q.add(a!.write);
    await q.add(b!.write);
    a!.fail(new Error('磁盘空间不足'));
    await settle();
    await expect(q.add(async () => void log.push('never'))).rejects.toThrow('磁盘空间不足');
    let drained = false;
    const drain = q.drain().catch((e: unknown) => ((drained = true), e));
    await settle();
    expect(drained).toBe(false); // b is still being written: what it stores must be known before anything is removed
    b!.end();
    expect(await drain).toEqual(new Error('磁盘空间不足'));
    // b stored its batch but does not report: a write before it failed
    expect(log).toEqual(['start a', 'start b', 'stored b']);
  });

  it('drains at once with nothing queued, and after writes that all succeeded', async () => {
    const q = writeQueue(1);
    await q.drain();
    const log: string[] = [];
    for (const n of ['a', 'b', 'c']) await q.add(async (before) => (await before, void log.push(n)));
    await q.drain();
    expect(log).toEqual(['a', 'b', 'c']);
  });
});
