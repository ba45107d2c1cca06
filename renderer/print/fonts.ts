// The printed forms' typeface, shipped with the app so every PC prints the same (docs/printing.md): Noto Serif SC
// from @fontsource, regular and bold. Imported here only, so the main window's screens never load it.
import '@fontsource/noto-serif-sc/400.css';
import '@fontsource/noto-serif-sc/700.css';

export const PRINT_FONT = "'Noto Serif SC'";

/**
 * Loads the parts of the font the page's text needs (the package splits it by Unicode range) in both weights,
 * then waits for every pending font load: measuring before that would fit the text in a fallback font.
 */
export async function loadPrintFonts(text: string): Promise<void> {
  const sample = [...new Set(text)].join('') || '干部';
  await Promise.all([document.fonts.load(`400 12pt ${PRINT_FONT}`, sample), document.fonts.load(`700 12pt ${PRINT_FONT}`, sample)]);
  await document.fonts.ready;
}

/** Waits until every image under `root` is decoded (the photo must be in the PDF, not a blank frame). */
export async function imagesDecoded(root: ParentNode): Promise<void> {
  await Promise.all([...root.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
}
