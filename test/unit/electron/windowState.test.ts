import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, restoreWindowState, type Rect } from '../../../electron/windowState';

const PRIMARY: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const SECOND: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };
const CENTRED = { x: 320, y: 120, width: 1280, height: 800, maximized: false };

describe('restoreWindowState', () => {
  it('keeps a valid saved state on an existing display', () => {
    const saved = { x: 100, y: 50, width: 1400, height: 900, maximized: false };
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(saved);
  });

  it('keeps a state on the second display, and the maximized flag', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreWindowState(saved, [PRIMARY, SECOND])).toEqual(saved);
  });

  it('maximized defaults to false when absent', () => {
    expect(restoreWindowState({ x: 10, y: 10, width: 800, height: 600 }, [PRIMARY])).toEqual({
      x: 10,
      y: 10,
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('a window on a display that no longer exists is centred on the primary one', () => {
    const saved = { x: 2100, y: 100, width: 1600, height: 1000, maximized: true };
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(CENTRED);
  });

  it('a window barely visible (less than 100×100 px of area on any display) is centred', () => {
    // a 10 px strip at the right edge
    expect(restoreWindowState({ x: 1910, y: 0, width: 800, height: 600 }, [PRIMARY])).toEqual(CENTRED);
    // a 99×99 corner
    expect(restoreWindowState({ x: 1821, y: 941, width: 800, height: 600 }, [PRIMARY])).toEqual(CENTRED);
    // entirely off every display
    expect(restoreWindowState({ x: -5000, y: -5000, width: 800, height: 600 }, [PRIMARY, SECOND])).toEqual(CENTRED);
    // exactly 100×100 is enough
    expect(restoreWindowState({ x: 1820, y: 940, width: 800, height: 600 }, [PRIMARY])).toEqual({
      x: 1820,
      y: 940,
      width: 800,
      height: 600,
      maximized: false,
    });
  });

  it('centres on the primary (first) work area, wherever it is', () => {
    const primary: Rect = { x: -1280, y: 200, width: 1280, height: 984 };
    expect(restoreWindowState(undefined, [primary, PRIMARY])).toEqual({
      x: -1280,
      y: 292,
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it('a primary display smaller than the default size gets a window that fits', () => {
    const small: Rect = { x: 0, y: 0, width: 1024, height: 700 };
    expect(restoreWindowState(null, [small])).toEqual({ x: 0, y: 0, width: 1024, height: 700, maximized: false });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a string', 'garbage'],
    ['an array', [1, 2, 3, 4]],
    ['an empty object', {}],
    ['strings for numbers', { x: '0', y: '0', width: '1280', height: '800' }],
    ['NaN', { x: NaN, y: 0, width: 1280, height: 800 }],
    ['fractions', { x: 0.5, y: 0, width: 1280, height: 800 }],
    ['a non-boolean maximized', { x: 0, y: 0, width: 1280, height: 800, maximized: 'yes' }],
  ])('%s → the default, centred', (_what, saved) => {
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(CENTRED);
  });

  it.each([
    ['width 399', { x: 0, y: 0, width: 399, height: 800 }],
    ['height 299', { x: 0, y: 0, width: 1280, height: 299 }],
    ['zero size', { x: 0, y: 0, width: 0, height: 0 }],
    ['negative size', { x: 0, y: 0, width: -800, height: 600 }],
    ['absurdly large', { x: 0, y: 0, width: 20001, height: 800 }],
  ])('too small or too large sizes are rejected: %s', (_what, saved) => {
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(CENTRED);
  });

  it('the minimum accepted size is 400×300', () => {
    const saved = { x: 0, y: 0, width: 400, height: 300, maximized: false };
    expect(restoreWindowState(saved, [PRIMARY])).toEqual(saved);
  });

  it('no displays reported: the default size at the origin', () => {
    expect(restoreWindowState({ x: 0, y: 0, width: 800, height: 600 }, [])).toEqual({
      x: 0,
      y: 0,
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });
});
