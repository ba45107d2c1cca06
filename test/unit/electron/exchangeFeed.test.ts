import { describe, expect, it } from 'vitest';
import { createFeed } from '../../../electron/exchange/feed';

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('createFeed', () => {
  it('a push resolves only once the consumer has finished with the item and asked for the next', async () => {
    const feed = createFeed<number>();
    const items = feed.items();
    let resolved = false;
    const pushed = feed.push(1).then(() => (resolved = true));
    expect((await items.next()).value).toBe(1);
    await tick();
    expect(resolved).toBe(false); // still being written
    const next = items.next();
    await pushed;
    expect(resolved).toBe(true);
    feed.close();
    expect((await next).done).toBe(true);
  });

  it('a failure rejects the item in hand and every waiting push, and later pushes', async () => {
    const feed = createFeed<string>();
    const items = feed.items();
    const first = feed.push('a');
    const second = feed.push('b');
    await items.next();
    feed.fail(new Error('磁盘已满'));
    await expect(first).rejects.toThrow('磁盘已满');
    await expect(second).rejects.toThrow('磁盘已满');
    await expect(feed.push('c')).rejects.toThrow('磁盘已满');
    await expect(items.next()).rejects.toThrow('磁盘已满');
  });
});
