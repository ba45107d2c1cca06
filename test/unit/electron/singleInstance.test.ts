import { describe, expect, it } from 'vitest';
import { bringToFront, claimSingleInstance, type FocusableWindow, type SingleInstanceApp } from '../../../electron/singleInstance';

/** A window double that records what was done to it, in order. */
function fakeWindow(state: { minimized?: boolean; visible?: boolean; destroyed?: boolean } = {}) {
  const calls: string[] = [];
  let minimized = state.minimized ?? false;
  let visible = state.visible ?? true;
  const win: FocusableWindow = {
    isDestroyed: () => state.destroyed ?? false,
    isMinimized: () => minimized,
    isVisible: () => visible,
    restore: () => {
      calls.push('restore');
      minimized = false;
    },
    show: () => {
      calls.push('show');
      visible = true;
    },
    focus: () => calls.push('focus'),
  };
  return { win, calls };
}

/** An app double: `locked` says whether another copy already holds the lock. */
function fakeApp(lockHeldElsewhere: boolean) {
  const listeners: (() => void)[] = [];
  const calls: string[] = [];
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: () => {
      calls.push('lock');
      return !lockHeldElsewhere;
    },
    quit: () => calls.push('quit'),
    on: (event, listener) => {
      calls.push(`on:${event}`);
      listeners.push(listener);
    },
  };
  return { app, calls, secondInstance: () => listeners.forEach((l) => l()) };
}

describe('claimSingleInstance', () => {
  it('a second copy quits without starting and without listening', () => {
    const { app, calls } = fakeApp(true);
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(calls).toEqual(['lock', 'quit']);
  });

  it('the first copy starts, and a second launch restores and focuses its minimised window', () => {
    const { app, calls, secondInstance } = fakeApp(false);
    const { win, calls: winCalls } = fakeWindow({ minimized: true });
    expect(claimSingleInstance(app, () => win)).toBe(true);
    expect(calls).toEqual(['lock', 'on:second-instance']);
    expect(winCalls).toEqual([]);
    secondInstance();
    expect(winCalls).toEqual(['restore', 'focus']);
    expect(win.isMinimized()).toBe(false);
  });

  it('shows a hidden window before focusing it, and only focuses a window that is already up', () => {
    const hidden = fakeWindow({ visible: false });
    bringToFront(hidden.win);
    expect(hidden.calls).toEqual(['show', 'focus']);
    const normal = fakeWindow();
    bringToFront(normal.win);
    expect(normal.calls).toEqual(['focus']);
  });

  it('asks for the window when the second launch happens, not when the lock is taken', () => {
    const { app, secondInstance } = fakeApp(false);
    let current: FocusableWindow | null = null;
    claimSingleInstance(app, () => current);
    secondInstance(); // still starting: no window yet, nothing to do and nothing thrown
    const { win, calls } = fakeWindow({ minimized: true });
    current = win;
    secondInstance();
    expect(calls).toEqual(['restore', 'focus']);
  });

  it('leaves a destroyed window alone', () => {
    const { win, calls } = fakeWindow({ destroyed: true, minimized: true });
    bringToFront(win);
    expect(calls).toEqual([]);
  });
});
