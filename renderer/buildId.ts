// Which build this page is (docs/architecture.md "Start-up"): the roster's snapshot is shown only by the build that
// drew it. Its own module, evaluated by the page's entry (renderer/start.ts) before the app's chunk is loaded, so the
// id is read from index.html's elements alone, before any chunk adds links of its own.

/**
 * The build: the hashed names of the page's entry script and stylesheets as index.html names them (vite puts a
 * content hash in each, and the entry names the app's chunk, so its hash follows every change).
 */
export function buildIdOf(doc: Document): string {
  return [...doc.querySelectorAll('script[type="module"][src], link[rel="stylesheet"][href]')]
    .map((e) => e.getAttribute('src') ?? e.getAttribute('href'))
    .join(' ');
}

/** This page's build, as index.html named it before any script ran. */
export const BUILD_ID = typeof document === 'undefined' ? '' : buildIdOf(document);
