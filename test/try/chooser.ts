import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Dialogs, FileDialogResult, OpenFileOptions, OpenFolderOptions, SaveFileOptions } from '../../electron/ipc/dialog';

/**
 * File dialogs for the try launcher. Electron's dialog.showOpenDialog/showSaveDialog return real paths, which the
 * main-process file handlers then read and write; a browser's own file input never reveals a path, and Playwright's
 * 'filechooser' event only lets a script set files. So the launcher draws a small folder browser over the app page
 * (inside a shadow root, so the app's styles and the chooser's do not mix) and lists folders with Node: a person
 * clicks through folders and picks a file, or types or pastes a full path.
 */

export interface ChooserEntry {
  name: string;
  dir: boolean;
}

type Mode = 'open' | 'save' | 'folder';

/** What the page shows; plain data, because it crosses into the page. */
export interface ChooserView {
  mode: Mode;
  title: string;
  dir: string;
  entries: ChooserEntry[];
  /** Save: the file name field; open: empty. */
  name: string;
  multiple: boolean;
  filterLabel: string;
  /** A problem with the last answer, in Chinese, or ''. */
  notice: string;
}

/** What the person did. */
export type ChooserAction =
  | { kind: 'cancel' }
  | { kind: 'up'; text: string }
  | { kind: 'enter'; name: string; text: string }
  | { kind: 'pick'; names: string[] }
  | { kind: 'typed'; text: string };

/** The extensions a dialog's filters allow, lower case without the dot; null when any file goes. */
export function allowedExtensions(filters: OpenFileOptions['filters']): Set<string> | null {
  if (!filters || filters.length === 0) return null;
  const all = filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase().replace(/^\./, '')));
  return all.includes('*') ? null : new Set(all);
}

/** The folder's visible entries: sub-folders first, then files the filters allow, each by name. */
export async function listFolder(dir: string, extensions: Set<string> | null): Promise<ChooserEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const shown: ChooserEntry[] = [];
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    let isDir = e.isDirectory();
    if (e.isSymbolicLink()) isDir = await stat(path.join(dir, e.name)).then((s) => s.isDirectory(), () => false);
    if (!isDir && extensions && !extensions.has(path.extname(e.name).slice(1).toLowerCase())) continue;
    shown.push({ name: e.name, dir: isDir });
  }
  const collator = new Intl.Collator('zh-CN', { numeric: true });
  return shown.sort((a, b) => Number(b.dir) - Number(a.dir) || collator.compare(a.name, b.name));
}

type Kind = 'file' | 'dir' | 'none';
const kindOf = (p: string): Promise<Kind> =>
  stat(p).then((s) => (s.isDirectory() ? 'dir' : 'file'), () => 'none' as const);

export interface ChooserEffects {
  /** The page to draw on (the app's page), or null when none is open. */
  page(): Page | null;
  /** The folder the first dialog opens in. */
  startDir: string;
  /** False when nobody can answer (a headless run): dialogs are cancelled, saying so. */
  answer: boolean;
  log(line: string): void;
}

const CANCELED: FileDialogResult = { canceled: true, filePaths: [] };

export function createChooserDialogs(fx: ChooserEffects): Dialogs {
  let lastDir = fx.startDir;

  const run = async (mode: Mode, options: OpenFileOptions | SaveFileOptions | OpenFolderOptions): Promise<FileDialogResult> => {
    const page = fx.page();
    if (!fx.answer || !page) {
      fx.log(`无人应答的文件对话框（${options.title ?? mode}）已取消：无界面运行时不能选择文件。`);
      return CANCELED;
    }
    // a folder dialog lists folders only: no extension is allowed
    const extensions = mode === 'folder' ? new Set<string>() : allowedExtensions('filters' in options ? options.filters : undefined);
    const multiple = mode === 'open' && (options as OpenFileOptions).multiple === true;
    let dir = (await kindOf(lastDir)) === 'dir' ? lastDir : fx.startDir;
    let name = mode === 'save' ? ((options as SaveFileOptions).defaultName ?? '') : '';
    let notice = '';
    let overwrite: string | null = null; // a save path the person was told exists; a second 保存 replaces it

    for (;;) {
      const entries = await listFolder(dir, extensions).catch(() => {
        notice = `无法读取文件夹 ${dir}。`;
        return [];
      });
      const view: ChooserView = {
        mode,
        title: options.title ?? { open: '打开文件', save: '保存文件', folder: '选择文件夹' }[mode],
        dir,
        entries,
        name,
        multiple,
        filterLabel: ('filters' in options ? (options.filters ?? []) : []).map((f) => `${f.name}（${f.extensions.map((e) => `*.${e}`).join(' ')}）`).join('；') || '所有文件',
        notice,
      };
      notice = '';
      const action = await page
        .evaluate<ChooserAction>(inPage(drawChooser, view))
        .catch((): ChooserAction => ({ kind: 'cancel' }));
      if (action.kind === 'cancel') return CANCELED;
      if (action.kind === 'up' || action.kind === 'enter') {
        dir = action.kind === 'up' ? path.dirname(dir) : path.join(dir, action.name);
        if (mode === 'save') name = action.text; // a file name typed before moving to another folder stays
        continue;
      }
      if (action.kind === 'pick') {
        lastDir = dir;
        return { canceled: false, filePaths: action.names.map((n) => path.join(dir, n)) };
      }
      // typed: a name in this folder or a whole path; a folder is opened, a file is the answer
      const text = action.text.trim();
      if (mode === 'folder') {
        // empty: this folder; otherwise a folder by name or whole path
        const target = path.resolve(dir, text);
        if ((await kindOf(target)) !== 'dir') {
          notice = `找不到文件夹 ${target}，请检查路径或在列表中选择。`;
          continue;
        }
        lastDir = target;
        return { canceled: false, filePaths: [target] };
      }
      if (text === '') {
        notice = mode === 'open' ? '请选择一个文件。' : '请填写文件名。';
        continue;
      }
      const target = path.resolve(dir, text);
      const kind = await kindOf(target);
      if (kind === 'dir') {
        dir = target;
        if (mode === 'save') name = '';
        continue;
      }
      if (mode === 'open') {
        if (kind === 'none') {
          notice = `找不到文件 ${target}，请检查路径或在列表中选择。`;
          continue;
        }
        lastDir = path.dirname(target);
        return { canceled: false, filePaths: [target] };
      }
      if ((await kindOf(path.dirname(target))) !== 'dir') {
        notice = `文件夹 ${path.dirname(target)} 不存在，请先选择已有的文件夹。`;
        name = path.basename(target);
        continue;
      }
      if (kind === 'file' && overwrite !== target) {
        overwrite = target;
        notice = `${path.basename(target)} 已存在。再点一次“保存”将替换它，或换一个文件名。`;
        dir = path.dirname(target);
        name = path.basename(target);
        continue;
      }
      lastDir = path.dirname(target);
      return { canceled: false, filePaths: [target] };
    }
  };

  return { showOpen: (options) => run('open', options), showSave: (options) => run('save', options), showFolder: (options) => run('folder', options) };
}

/**
 * The source of a call of `fn` for page.evaluate. Loaders built on esbuild (tsx runs the launcher) wrap named inner
 * functions in a `__name` helper that exists only in Node; the page gets a do-nothing one.
 */
export function inPage<A>(fn: (arg: A) => unknown, arg: A): string {
  return `(() => { const __name = (f) => f; return (${fn.toString()})(${JSON.stringify(arg)}); })()`;
}

/**
 * Runs in the page (serialized by Playwright, so it uses nothing from this module): draws the chooser and
 * resolves with the person's action, removing itself. Styles are set through the CSSOM, which the app's
 * Content-Security-Policy allows.
 */
export function drawChooser(view: ChooserView): Promise<ChooserAction> {
  return new Promise((resolve) => {
    const host = document.createElement('div');
    host.setAttribute('data-testid', 'try-chooser');
    Object.assign(host.style, { position: 'fixed', inset: '0', zIndex: '2147483647' });
    const root = host.attachShadow({ mode: 'open' });
    const el = <K extends keyof HTMLElementTagNameMap>(tag: K, style: Partial<CSSStyleDeclaration>, text = '') => {
      const e = document.createElement(tag);
      Object.assign(e.style, style);
      if (text) e.textContent = text;
      return e;
    };
    const done = (action: ChooserAction) => {
      host.remove();
      resolve(action);
    };

    const font = '14px "Noto Sans CJK SC", "Microsoft YaHei", sans-serif';
    const backdrop = el('div', { position: 'absolute', inset: '0', background: 'rgba(0,0,0,0.45)', display: 'flex', alignItems: 'center', justifyContent: 'center', font });
    const box = el('div', { background: '#fff', borderRadius: '8px', width: 'min(720px, 92vw)', maxHeight: '86vh', display: 'flex', flexDirection: 'column', padding: '16px 20px', boxShadow: '0 6px 24px rgba(0,0,0,0.3)', gap: '10px' });
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', view.title);
    box.append(el('div', { fontSize: '16px', fontWeight: '600' }, view.title));

    const bar = el('div', { display: 'flex', gap: '8px', alignItems: 'center' });
    const button = (text: string, primary = false) => {
      const b = el('button', { font, padding: '4px 14px', borderRadius: '6px', cursor: 'pointer', border: primary ? '1px solid #1677ff' : '1px solid #d9d9d9', background: primary ? '#1677ff' : '#fff', color: primary ? '#fff' : '#000' }, text);
      b.type = 'button';
      return b;
    };
    const up = button('上一级');
    up.onclick = () => done({ kind: 'up', text: field.value });
    bar.append(up, el('code', { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', color: '#555' }, view.dir));
    box.append(bar);

    const list = el('div', { border: '1px solid #d9d9d9', borderRadius: '6px', overflowY: 'auto', minHeight: '200px', maxHeight: '48vh' });
    list.setAttribute('role', 'listbox');
    const picked = new Set<string>();
    const field = el('input', { font, padding: '5px 8px', border: '1px solid #d9d9d9', borderRadius: '6px', flex: '1' });
    field.value = view.name;
    field.placeholder = { save: '文件名，或完整路径', open: '点选文件，或输入完整路径', folder: '留空即选择当前文件夹，或输入完整路径' }[view.mode];
    field.setAttribute('aria-label', { save: '文件名', open: '文件路径', folder: '文件夹路径' }[view.mode]);
    const rows: HTMLElement[] = [];
    for (const entry of view.entries) {
      // a folder ends in '/' and is blue: office PCs often lack an emoji font, so no icons
      const row = el('div', { padding: '5px 10px', cursor: 'pointer', userSelect: 'none', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', color: entry.dir ? '#0958d9' : '#000' }, entry.dir ? `${entry.name}/` : entry.name);
      row.setAttribute('role', 'option');
      row.title = entry.name;
      row.onclick = () => {
        if (entry.dir) return done({ kind: 'enter', name: entry.name, text: field.value });
        if (view.mode === 'save') {
          field.value = entry.name;
          return;
        }
        if (!view.multiple) picked.clear();
        if (picked.has(entry.name)) picked.delete(entry.name);
        else picked.add(entry.name);
        for (const r of rows) r.style.background = picked.has(r.title) ? '#e6f4ff' : '';
        field.value = [...picked].join('、');
      };
      row.ondblclick = () => {
        if (!entry.dir && view.mode === 'open') done({ kind: 'pick', names: [entry.name] });
      };
      rows.push(row);
      list.append(row);
    }
    if (view.entries.length === 0) list.append(el('div', { padding: '10px', color: '#888' }, view.mode === 'folder' ? '此文件夹中没有子文件夹。' : '此文件夹中没有可选的文件。'));
    const hint = view.mode === 'folder' ? '点文件夹进入，再点“选择此文件夹”' : `文件类型：${view.filterLabel}${view.multiple ? '；可点选多个文件' : ''}`;
    box.append(list, el('div', { color: '#888', fontSize: '12px' }, hint));

    const ok = button({ save: '保存', open: '打开', folder: '选择此文件夹' }[view.mode], true);
    const cancel = button('取消');
    const submit = () => {
      // what the list shows as picked, unless the person typed something else into the field since
      if (picked.size > 0 && field.value === [...picked].join('、')) done({ kind: 'pick', names: [...picked] });
      else done({ kind: 'typed', text: field.value });
    };
    ok.onclick = submit;
    cancel.onclick = () => done({ kind: 'cancel' });
    field.onkeydown = (e) => {
      if (e.key === 'Enter') submit();
    };
    box.onkeydown = (e) => {
      if (e.key === 'Escape') done({ kind: 'cancel' });
    };
    const actions = el('div', { display: 'flex', gap: '8px', alignItems: 'center' });
    actions.append(field, ok, cancel);
    if (view.notice) box.append(el('div', { color: '#cf1322' }, view.notice));
    box.append(actions);
    backdrop.append(box);
    root.append(backdrop);
    document.body.append(host);
    field.focus();
  });
}
