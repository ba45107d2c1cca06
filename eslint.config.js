// @ts-check
// ESLint flat config. The boundary rules below are docs/architecture.md "Boundaries", enforced by lint, not by
// memory; test/unit/electron/lintBoundaries.test.ts proves each one fires.
//
// Not type-aware on purpose: the syntactic rules are all the boundaries need, they run on virtual files
// (ESLint#lintText in the test), and they avoid mapping every file onto one of the four tsconfigs.
import { builtinModules } from 'node:module';

import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files that may import the `electron` module at runtime: thin wiring only. */
const ELECTRON_WIRING = ['electron/main.ts', 'electron/preload.ts', 'electron/wiring/**'];

/** Regex sources, matched against the import specifier as written. */
const escapeRe = (/** @type {string} */ s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// '../', '../../', './../' …: a relative path climbing out of the importing file's folder
const UP = '^(?:\\./)?(?:\\.\\./)+';
const RE = {
  rendererDir: `${UP}renderer(?:/|$)`,
  electronDir: `${UP}electron(?:/|$)`,
  benchDir: `${UP}bench(?:/|$)`,
  // 'electron', 'electron/main', 'electron/renderer' … but not 'electron-vite'
  electronModule: '^electron(?:/|$)',
  nodeBuiltin: `^(?:node:|(?:${builtinModules.map(escapeRe).join('|')})(?:/|$))`,
  uiOrStorageLib:
    '^(?:(?:react|react-dom|dexie|dexie-react-hooks|zustand|antd)(?:/|$)|@ant-design/|@tanstack/react-)',
};

/** One sentence per boundary; ESLint prints it after "'x' import is restricted …". */
const why = (/** @type {string} */ rule) => `${rule} (docs/architecture.md "Boundaries").`;
const MSG = {
  sharedNoApp: why('shared/ imports nothing from renderer/ or electron/, because it runs in both'),
  sharedPureModule: why('shared/ is pure: no Node built-ins and no electron module, because it runs in both'),
  sharedNoUi: why('shared/ is pure: React, Dexie and other UI or storage libraries belong in renderer/'),
  sharedGlobal: why('shared/ is pure: no Node or DOM APIs, so take the effect as an argument instead'),
  rendererNoElectronDir: why(
    'renderer/ never imports electron/: it reaches the main process through window.cadreDesk',
  ),
  rendererNoElectronModule: why(
    'renderer/ never imports the electron module: it reaches the main process through window.cadreDesk',
  ),
  rendererNoNode: why('renderer/ runs in the browser, so it imports no Node built-ins'),
  electronNoRenderer: why('electron/ never imports renderer/: code both sides need lives in shared/'),
  productNoBench: why(
    'Product code (shared/, renderer/, electron/) never imports bench/: bench/ only measures the app, so what ' +
      'the app needs (e.g. the synthetic district in shared/synthetic/) lives in product folders',
  ),
  electronWiringOnly: why(
    'Only wiring files (electron/main.ts, electron/preload.ts, electron/wiring/**) import the electron ' +
      'module at runtime; logic takes its effects as arguments, and `import type` is fine',
  ),
};

/** Globals shared/ may not touch: DOM, Node, and the doors to them (`globalThis`, `crypto`). */
const SHARED_FORBIDDEN_GLOBALS = [
  // DOM / browser
  'window',
  'self',
  'document',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'caches',
  'fetch',
  'XMLHttpRequest',
  // Node
  'process',
  'Buffer',
  'require',
  'module',
  'exports',
  '__dirname',
  '__filename',
  'global',
  'setImmediate',
  'clearImmediate',
  // in both, but environment-specific in practice (Web Crypto vs node:crypto): shared/ takes it as argument
  'crypto',
  'globalThis',
];

/**
 * A `@typescript-eslint/no-restricted-imports` pattern entry.
 * @param {string} regex
 * @param {string} message
 * @param {boolean} [allowTypeImports]
 */
const pattern = (regex, message, allowTypeImports = false) => ({
  regex,
  message,
  caseSensitive: true,
  ...(allowTypeImports ? { allowTypeImports: true } : {}),
});

/**
 * A `no-restricted-syntax` entry for `import('…')` with a literal specifier, which no-restricted-imports
 * does not see. esquery regex literals cannot contain '/', so it is written as \x2F.
 * @param {string} regex
 * @param {string} message
 */
const dynamicImport = (regex, message) => ({
  selector: `ImportExpression[source.value=/${regex.replaceAll('/', '\\x2F')}/]`,
  message,
});

/**
 * The import rules for one area; `typeOnlyAllowed` lists the regexes that `import type` may pass.
 * @param {Array<{regex: string, message: string}>} entries
 * @param {string[]} [typeOnlyAllowed]
 * @returns {import('eslint').Linter.RulesRecord}
 */
const importRules = (entries, typeOnlyAllowed = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: entries.map((e) => pattern(e.regex, e.message, typeOnlyAllowed.includes(e.regex))) },
  ],
  'no-restricted-syntax': ['error', ...entries.map((e) => dynamicImport(e.regex, e.message))],
});

const SHARED_IMPORTS = [
  { regex: RE.rendererDir, message: MSG.sharedNoApp },
  { regex: RE.electronDir, message: MSG.sharedNoApp },
  { regex: RE.benchDir, message: MSG.productNoBench },
  { regex: RE.electronModule, message: MSG.sharedPureModule },
  { regex: RE.nodeBuiltin, message: MSG.sharedPureModule },
  { regex: RE.uiOrStorageLib, message: MSG.sharedNoUi },
];
const RENDERER_IMPORTS = [
  { regex: RE.electronDir, message: MSG.rendererNoElectronDir },
  { regex: RE.benchDir, message: MSG.productNoBench },
  { regex: RE.electronModule, message: MSG.rendererNoElectronModule },
  { regex: RE.nodeBuiltin, message: MSG.rendererNoNode },
];
const ELECTRON_WIRING_IMPORTS = [
  { regex: RE.rendererDir, message: MSG.electronNoRenderer },
  { regex: RE.benchDir, message: MSG.productNoBench },
];
const ELECTRON_IMPORTS = [
  ...ELECTRON_WIRING_IMPORTS,
  { regex: RE.electronModule, message: MSG.electronWiringOnly },
];

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    'out/',
    'dist/',
    'release/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    '.vite/',
    'bench/results/',
    'bench/.data/',
    'bench/.build/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommended,

  {
    name: 'cadredesk/base',
    // Globals matter only for no-undef in .js files (typescript-eslint turns it off for TS, where tsc checks).
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      // `import { type A } from 'm'` still loads 'm' at runtime under verbatimModuleSyntax;
      // `import type { A } from 'm'` does not.
      '@typescript-eslint/no-import-type-side-effects': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },

  // ---- Boundaries (docs/architecture.md). Areas are disjoint, except the wiring files, which override electron/. ----
  {
    name: 'cadredesk/boundaries/shared',
    files: ['shared/**'],
    rules: {
      ...importRules(SHARED_IMPORTS),
      'no-restricted-globals': [
        'error',
        ...SHARED_FORBIDDEN_GLOBALS.map((name) => ({ name, message: MSG.sharedGlobal })),
      ],
      'no-console': 'warn',
    },
  },
  {
    name: 'cadredesk/boundaries/renderer',
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...importRules(RENDERER_IMPORTS),
      'no-console': 'warn',
    },
  },
  {
    name: 'cadredesk/boundaries/electron',
    files: ['electron/**'],
    rules: importRules(ELECTRON_IMPORTS, [RE.electronModule]),
  },
  {
    name: 'cadredesk/boundaries/electron-wiring',
    files: ELECTRON_WIRING,
    rules: importRules(ELECTRON_WIRING_IMPORTS),
  },

  {
    name: 'cadredesk/tests',
    files: ['test/**'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
]);
