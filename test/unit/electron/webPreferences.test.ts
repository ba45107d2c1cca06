import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowWebPreferences, preloadPathFor } from '../../../electron/window/webPreferences';

const mainDir = path.join(path.sep, 'opt', 'CadreDesk', 'resources', 'app.asar', 'out', 'main');
const prefs = mainWindowWebPreferences({ mainDir });

describe('the main window’s webPreferences', () => {
  it('isolates the page from Node and Electron', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
  });

  it('keeps web security on and refuses insecure content, webviews and experimental features', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('does not spell-check (no dictionary service on an air-gapped PC, and names are not sent anywhere)', () => {
    expect(prefs.spellcheck).toBe(false);
  });

  it('loads the CommonJS preload that electron-vite writes beside the main bundle', () => {
    expect(prefs.preload).toBe(path.join(mainDir, '..', 'preload', 'preload.cjs'));
    expect(preloadPathFor(mainDir)).toBe(prefs.preload);
    expect(path.isAbsolute(prefs.preload!)).toBe(true);
  });

  it('turns on nothing that loosens the checklist', () => {
    // A new key here must be reviewed against Electron's security checklist before the test is updated.
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'experimentalFeatures',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'preload',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('returns a fresh object each time, so one window cannot change another’s settings', () => {
    const a = mainWindowWebPreferences({ mainDir });
    a.sandbox = false;
    expect(mainWindowWebPreferences({ mainDir }).sandbox).toBe(true);
  });
});
