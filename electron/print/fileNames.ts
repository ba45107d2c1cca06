import path from 'node:path';

// One PDF per cadre into a folder: names people recognise (the cadre's name), safe on Windows, never two alike
// and never over a file that is already there.

const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A file name from a person's name: no path separators, no characters Windows refuses, not empty. */
export function safeFileName(name: string, fallback = '任免审批表'): string {
  // eslint-disable-next-line no-control-regex
  let base = name.replace(/[\\/:*?"<>|\u0000-\u001f\u007f]/g, '').replace(/^[\s.]+|[\s.]+$/g, '');
  if (base.length > 80) base = base.slice(0, 80);
  if (!base || RESERVED.test(base)) base = fallback;
  return base;
}

/**
 * Full paths in `folder` for the given base names, with ".pdf": a name already used in this batch or already on
 * disk (`exists`) gets "(2)", "(3)" … (two cadres of the same name get two files).
 */
export function pdfPaths(folder: string, names: readonly string[], exists: (file: string) => boolean): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    const base = safeFileName(name);
    for (let n = 1; ; n++) {
      const file = path.join(folder, `${base}${n === 1 ? '' : `(${n})`}.pdf`);
      const key = file.toLowerCase(); // Windows does not tell 张三.PDF from 张三.pdf
      if (!taken.has(key) && !exists(file)) {
        taken.add(key);
        return file;
      }
    }
  });
}
