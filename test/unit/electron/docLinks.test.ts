// Comments and docs cite the project's own documents as `docs/<file>.md#<anchor>` or `docs/<file>.md "<heading>"`:
// this proves every such citation, and every link between the docs, lands on a heading that exists, so a renamed
// section cannot leave dangling references behind. A document another change has not written yet may be cited
// without a section check.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const SOURCE_DIRS = ['electron', 'renderer', 'shared', 'test', 'bench', 'build', 'docs'];
const ROOT_FILES = ['eslint.config.js', 'electron-builder.yml', 'electron.vite.config.ts', 'vitest.config.ts', 'playwright.config.ts'];
const EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.yml', '.yaml', '.md', '.html', '.css']);
/** The documents this repository must always have. */
const REQUIRED_DOCS = ['architecture.md', 'domain.md'];

function* files(dir: string): Generator<string> {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (EXTENSIONS.has(path.extname(name))) yield full;
  }
}

/** GitHub's heading anchor: lower case, punctuation dropped (letters of any script kept), spaces to hyphens. */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(docFile: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of readFileSync(docFile, 'utf8').split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const m = !inFence && /^#{1,6}\s+(.*)$/.exec(line);
    if (m) anchors.add(anchorOf(m[1]!));
  }
  return anchors;
}

interface Citation {
  from: string;
  doc: string;
  anchor: string | null;
}

/** `docs/x.md` or `docs/x.md#y` anywhere in a source file (comments, messages, test names). */
const CITATION = /\bdocs\/([\w-]+\.md)(?:#([\p{L}\p{N}_-]+))?/gu;
/** `docs/x.md "Heading"`, also with a comma or a comment's line break between them (placeholders like <x> aside). */
const QUOTED = /\bdocs\/([\w-]+\.md),?(?:\s|\/\/|\*|#(?=\s))*"([^"\n<]+)"/gu;
/** `](x.md#y)`, `](x.md)` or `](#y)` in a document. */
const DOC_LINK = /\]\((?:([\w-]+\.md))?(?:#([\p{L}\p{N}_-]+))?\)/gu;

function citations(): Citation[] {
  const self = fileURLToPath(import.meta.url);
  const sources = [...SOURCE_DIRS.flatMap((d) => [...files(path.join(root, d))]), ...ROOT_FILES.map((f) => path.join(root, f))];
  const found: Citation[] = [];
  for (const file of sources) {
    if (file === self || !existsSync(file)) continue;
    const text = readFileSync(file, 'utf8');
    const from = path.relative(root, file);
    for (const m of text.matchAll(CITATION)) found.push({ from, doc: m[1]!, anchor: m[2] ?? null });
    for (const m of text.matchAll(QUOTED)) found.push({ from, doc: m[1]!, anchor: anchorOf(m[2]!) });
    if (file.startsWith(path.join(root, 'docs') + path.sep)) {
      for (const m of text.matchAll(DOC_LINK)) {
        if (!m[1] && !m[2]) continue;
        found.push({ from, doc: m[1] ?? path.basename(file), anchor: m[2] ?? null });
      }
    }
  }
  return found;
}

describe('citations of docs/', () => {
  const all = citations();

  it('finds citations to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(REQUIRED_DOCS)('docs/%s exists', (doc) => {
    expect(existsSync(path.join(root, 'docs', doc))).toBe(true);
  });

  it('every cited section exists in its document', () => {
    const anchors = new Map<string, Set<string> | null>();
    const broken: string[] = [];
    for (const c of all) {
      if (!anchors.has(c.doc)) {
        const file = path.join(root, 'docs', c.doc);
        anchors.set(c.doc, existsSync(file) ? anchorsOf(file) : null);
      }
      const known = anchors.get(c.doc);
      if (known === null) {
        if (REQUIRED_DOCS.includes(c.doc)) broken.push(`${c.from}: docs/${c.doc} does not exist`);
        continue;
      }
      if (c.anchor && !known!.has(c.anchor)) broken.push(`${c.from}: docs/${c.doc}#${c.anchor} has no such heading`);
    }
    expect(broken).toEqual([]);
  });

  it('reads anchors the way GitHub makes them', () => {
    expect(anchorOf('Data layer')).toBe('data-layer');
    expect(anchorOf('Two transports, one handler set')).toBe('two-transports-one-handler-set');
    expect(anchorOf('`subRecords` and 三龄两历')).toBe('subrecords-and-三龄两历');
  });

  it('reads a heading cited by name, also across a comment line break', () => {
    const cited = (text: string) => [...text.matchAll(QUOTED)].map((m) => [m[1], anchorOf(m[2]!)]);
    expect(cited('(docs/domain.md "ID number")')).toEqual([['domain.md', 'id-number']]);
    expect(cited('docs/domain.md, "姓氏笔画 order"')).toEqual([['domain.md', '姓氏笔画-order']]);
    expect(cited('(docs/domain.md\n// "Glossary")')).toEqual([['domain.md', 'glossary']]);
    expect(cited('docs/domain.md "<heading>"')).toEqual([]);
  });
});
