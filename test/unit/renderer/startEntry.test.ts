import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The page's entry (renderer/start.ts): with the roster's snapshot in #root, the app's chunk is asked for only after
// a frame (so the snapshot is painted first); without one, at once.

const loaded = vi.hoisted(() => ({ count: 0 }));
vi.mock('antd/dist/antd.css', () => ({}));
vi.mock('../../../renderer/global.css', () => ({}));

describe('the entry', () => {
  let frames: FrameRequestCallback[];
  beforeEach(() => {
    vi.resetModules();
    loaded.count = 0;
    vi.doMock('../../../renderer/main', () => {
      loaded.count++;
      return {};
    });
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
    document.body.innerHTML = '<div id="root"></div>';
  });
  afterEach(() => vi.unstubAllGlobals());

  it('loads the app at once when no snapshot is shown', async () => {
    await import('../../../renderer/start');
    await vi.waitFor(() => expect(loaded.count).toBe(1));
    expect(frames).toHaveLength(0);
  });

  it('with a snapshot shown, loads the app only after the next frame', async () => {
    document.getElementById('root')!.innerHTML = '<div data-snapshot="1" inert></div>';
    await import('../../../renderer/start');
    await new Promise((r) => setTimeout(r, 20));
    expect(loaded.count).toBe(0);
    expect(frames).toHaveLength(1);
    frames[0]!(performance.now());
    await vi.waitFor(() => expect(loaded.count).toBe(1));
  });
});
