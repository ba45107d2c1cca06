// electron-builder.yml: validated against the schema of the installed electron-builder
// (app-builder-lib's scheme.json, JSON Schema draft-07), plus explicit checks of the settings that matter
// for security and for the targets we ship. Nothing here runs electron-builder or needs the Electron binary.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Configuration, TargetConfiguration } from 'electron-builder';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

import { BUILD_DIR, ICO_FILE, ICON_SET_DIR } from '../../../build/render-icons.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const configPath = join(root, 'electron-builder.yml');

/** The scheme.json of the app-builder-lib that the installed electron-builder itself uses. */
function loadSchema(): { path: string; schema: Record<string, unknown> } {
  const require = createRequire(import.meta.url);
  const builderDir = dirname(require.resolve('electron-builder/package.json'));
  const libDir = dirname(require.resolve('app-builder-lib/package.json', { paths: [builderDir] }));
  const path = join(libDir, 'scheme.json');
  return { path, schema: JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> };
}

/**
 * The same Ajv setup as app-builder-lib's own validator (out/util/config/schemaValidator.js: ajv 8,
 * draft-07, allErrors, strict: false so its custom `typeof` keyword is ignored) except `coerceTypes`, which
 * we leave off: a config that passes without coercion (e.g. no "false" string for a boolean) also passes
 * electron-builder.
 */
function compileValidator(schema: Record<string, unknown>): ValidateFunction {
  const ajv = new Ajv({ allErrors: true, strict: false });
  return ajv.compile(schema);
}

function formatErrors(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const where = e.instancePath === '' ? '(root)' : e.instancePath;
    return `${where} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`;
  });
}

/** electron-builder parses the yml with js-yaml's `load`, as here. */
function loadConfigText(): unknown {
  return load(readFileSync(configPath, 'utf8'));
}

type TargetSetting = string | TargetConfiguration | Array<string | TargetConfiguration> | null | undefined;

function targetsOf(target: TargetSetting): TargetConfiguration[] {
  const list = target == null ? [] : Array.isArray(target) ? target : [target];
  return list.map((t) => (typeof t === 'string' ? { target: t } : t));
}

function archesOf(t: TargetConfiguration | undefined): string[] {
  const arch = t?.arch;
  return arch == null ? [] : Array.isArray(arch) ? [...arch].sort() : [arch];
}

const { path: schemaPath, schema } = loadSchema();
const validate = compileValidator(schema);
const raw = loadConfigText();

describe('electron-builder.yml', () => {
  it('is a YAML mapping', () => {
    expect(raw).toBeTypeOf('object');
    expect(raw).not.toBeNull();
    expect(Array.isArray(raw)).toBe(false);
  });

  it(`validates against app-builder-lib's scheme.json`, () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    const valid = validate(raw);
    // On failure the diff lists every Ajv error (path, message, params).
    expect(formatErrors(validate.errors), `schema: ${schemaPath}`).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the validator rejects broken configurations (so the check above can fail)', () => {
    const base = structuredClone(raw) as Record<string, unknown>;
    const section = (key: string): object => base[key] as object;
    const broken: Array<[string, Record<string, unknown>]> = [
      ['unknown top-level key', { ...base, notAnOption: true }],
      ['wrong type for asar', { ...base, asar: 'yes' }],
      ['wrong type for nsis.oneClick', { ...base, nsis: { ...section('nsis'), oneClick: 'false' } }],
      ['unknown fuse', { ...base, electronFuses: { ...section('electronFuses'), runAsNodeX: false } }],
      ['unknown key in directories', { ...base, directories: { ...section('directories'), src: 'x' } }],
    ];
    for (const [what, config] of broken) {
      expect(validate(config), what).toBe(false);
    }
  });

  describe('settings', () => {
    const config = raw as Configuration;

    it('identifies the app', () => {
      expect(config.appId).toMatch(/^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*){2,}$/);
      expect(config.productName).toBe('CadreDesk');
      expect(config.copyright).toEqual(expect.any(String));
      expect(config.directories).toEqual({ buildResources: 'build', output: 'release' });
    });

    it('packs only the built output, into asar', () => {
      expect(config.files).toEqual(['out/**', 'package.json']);
      expect(config.asar).toBe(true);
      for (const key of ['extraResources', 'extraFiles', 'asarUnpack', 'extends', 'extraMetadata'] as const) {
        expect(config[key], key).toBeUndefined();
      }
      // Platform sections must not widen the file set either.
      for (const platform of [config.win, config.linux]) {
        expect(platform?.files).toBeUndefined();
        expect(platform?.extraResources).toBeUndefined();
        expect(platform?.extraFiles).toBeUndefined();
        expect(platform?.asar).toBeUndefined();
      }
      // The entry point must be inside what is packed.
      const pkgText = readFileSync(join(root, 'package.json'), 'utf8');
      const pkg = JSON.parse(pkgText) as { main?: string; build?: unknown };
      expect(pkg.main).toMatch(/^out\//);
      expect(pkg.build, 'electron-builder.yml is the only electron-builder config').toBeUndefined();
    });

    it('flips the Electron fuses', () => {
      expect(config.electronFuses).toEqual({
        runAsNode: false,
        enableCookieEncryption: true,
        enableNodeOptionsEnvironmentVariable: false,
        enableNodeCliInspectArguments: false,
        enableEmbeddedAsarIntegrityValidation: true,
        onlyLoadAppFromAsar: true,
        loadBrowserProcessSpecificV8Snapshot: false,
        grantFileProtocolExtraPrivileges: false,
      });
    });

    it('builds an assisted Chinese NSIS installer for Windows x64', () => {
      const win = targetsOf(config.win?.target);
      expect(win.map((t) => t.target)).toEqual(['nsis']);
      expect(archesOf(win[0])).toEqual(['x64']);

      const nsis = config.nsis;
      expect(nsis?.oneClick).toBe(false);
      expect(nsis?.allowToChangeInstallationDirectory).toBe(true);
      expect(nsis?.shortcutName).toMatch(/^(干部选育管用信息系统|CadreDesk)$/);
      // app-builder-lib (nsisLang.js) uses installerLanguages only for a multi-language unicode installer and
      // falls back to en_US otherwise.
      expect(nsis?.installerLanguages).toEqual(['zh_CN']);
      expect(nsis?.multiLanguageInstaller).not.toBe(false);
      expect(nsis?.unicode).not.toBe(false);
      expect(nsis?.language).toBe('2052');
      expect(nsis?.deleteAppDataOnUninstall).not.toBe(true);
    });

    it('uses the icons build/render-icons.mjs renders: the .ico for Windows, the PNG set for Linux', () => {
      // electron-builder looks a relative icon path up in buildResources, then in the project: name the files
      // the render script writes, from the project, so the lookup cannot land on anything else
      expect(join(root, config.directories!.buildResources!)).toBe(join(BUILD_DIR));
      expect(join(root, config.win!.icon!)).toBe(join(BUILD_DIR, ICO_FILE));
      expect(join(root, config.linux!.icon!)).toBe(join(BUILD_DIR, ICON_SET_DIR));
      // the top-level and mac icons would be fallbacks; there is one source of truth per platform
      expect(config.icon).toBeUndefined();
    });

    it('builds deb for x64 and arm64 and AppImage for x64', () => {
      const linux = targetsOf(config.linux?.target);
      const deb = linux.filter((t) => t.target === 'deb');
      const appImage = linux.filter((t) => t.target === 'AppImage');
      expect(deb).toHaveLength(1);
      expect(archesOf(deb[0])).toEqual(['arm64', 'x64']);
      expect(appImage).toHaveLength(1);
      expect(archesOf(appImage[0])).toEqual(['x64']);
      expect(config.linux?.category).toBe('Office');
      expect(config.linux?.maintainer).toMatch(/^.+ <[^@\s]+@[^@\s]+>$/);
      expect(config.linux?.synopsis).toMatch(/\p{Script=Han}/u);
      expect(config.linux?.description).toMatch(/\p{Script=Han}/u);
    });
  });
});
