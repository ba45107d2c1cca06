import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary, type CaughtError } from '../../../renderer/components/ErrorBoundary';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let broken = true;
function Page() {
  if (broken) throw new RangeError('not a YYYY-MM month: 1975年3月');
  return <p>页面正常</p>;
}

let container: HTMLDivElement;
let root: Root;
let last: CaughtError | null = null;
const render = (resetKey: string) =>
  act(() =>
    root.render(
      <ErrorBoundary
        resetKey={resetKey}
        fallback={(caught) => {
          last = caught;
          return <p>出错：{(caught.error as Error).message}</p>;
        }}
      >
        <Page />
      </ErrorBoundary>,
    ),
  );

beforeEach(() => {
  // React reports caught errors on the console; keep the test output readable
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  container = document.createElement('div');
  root = createRoot(container);
  broken = true;
  last = null;
  window.location.hash = '#/cadre?id=x';
});
afterEach(() => {
  act(() => root.unmount());
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows the fallback with the error, the component stack, the route and the time', async () => {
    await render('cadre?id=x');
    expect(container.textContent).toBe('出错：not a YYYY-MM month: 1975年3月');
    expect(last!.hash).toBe('#/cadre?id=x');
    expect(last!.componentStack).toContain('Page');
    expect(last!.at).toBeInstanceOf(Date);
  });

  it('stays on the fallback while the route is the same, and renders the page again when it changes', async () => {
    await render('cadre?id=x');
    broken = false;
    await render('cadre?id=x');
    expect(container.textContent).toContain('出错');
    await render('roster?');
    expect(container.textContent).toBe('页面正常');
  });

  it('renders the page again on reset, and catches again if it still throws', async () => {
    await render('roster?');
    await act(() => last!.reset());
    expect(container.textContent).toContain('出错');
    broken = false;
    await act(() => last!.reset());
    expect(container.textContent).toBe('页面正常');
  });
});
