/// <reference types="vite/client" />
// (FlowPages imports the print font's CSS, which only the renderer's vite types declare)
import { act, useCallback, useState } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LaidOut } from '../../../renderer/print/PrintDocument';

// The booklet's pages report their layout once, although the booklet draws a new cover element on every render and
// the print preview re-renders on every report. Before, FlowPages reported again on each new cover, without end: the
// preview then broke on the next click (另存为PDF) and its 返回 went to the roster.

vi.mock('../../../renderer/print/fonts', () => ({ loadPrintFonts: () => Promise.resolve() }));
const { FlowPages } = await import('../../../renderer/features/performance/print/FlowPages');

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const LIMIT = 50;
let reports: LaidOut[] = [];

/** Like the preview: keeps the last report in its state (a new object each time), which re-renders the document. */
function Preview({ withCover }: { withCover: boolean }) {
  const [laid, setLaid] = useState<LaidOut | null>(null);
  const onLaidOut = useCallback((l: LaidOut) => {
    reports.push(l);
    if (reports.length < LIMIT) setLaid(l); // stops a loop in the test, so a broken FlowPages fails rather than hangs
  }, []);
  const cover = withCover ? <p>封面</p> : undefined; // a new element on every render, as BookletDocument draws it
  return (
    <div data-laid={laid?.pages ?? ''}>
      <FlowPages cover={cover} head="王芳 · 干部实绩档案" blocks={blocks} onLaidOut={onLaidOut} />
    </div>
  );
}
const blocks = [<p key="a">一、基本情况</p>, <p key="b">二、实绩档案</p>];

let container: HTMLDivElement;
let root: Root;
beforeEach(() => {
  reports = [];
  container = document.createElement('div');
  root = createRoot(container);
});
afterEach(() => {
  act(() => root.unmount());
});

async function show(withCover: boolean) {
  await act(async () => root.render(<Preview withCover={withCover} />));
  // the fonts' promise, then the pages, then the report
  for (let i = 0; i < 5; i++) await act(async () => Promise.resolve());
}

describe('FlowPages', () => {
  it('reports the booklet’s layout once, cover page counted, however often the preview re-renders', async () => {
    await show(true);
    expect(reports.length).toBe(1);
    const pages = container.querySelectorAll('[data-testid="pf-page"]').length;
    expect(pages).toBeGreaterThanOrEqual(2); // the cover and at least one page of the flow
    expect(reports[0]).toEqual({ pages, overflows: [] });
    expect(container.firstElementChild!.getAttribute('data-laid')).toBe(String(pages));
  });

  it('counts no cover page when there is none', async () => {
    await show(false);
    expect(reports.length).toBe(1);
    expect(reports[0]!.pages).toBe(container.querySelectorAll('[data-testid="pf-page"]').length);
  });
});
