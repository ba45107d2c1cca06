import path from 'node:path';
import type { WebPreferences } from 'electron';

/**
 * Where electron-vite puts the preload next to the main bundle (out/main/main.js → out/preload/preload.cjs).
 * CommonJS on purpose: a sandboxed renderer cannot load an ESM preload (test/unit/electron/preloadBuild.test.ts).
 */
export function preloadPathFor(mainDir: string): string {
  return path.join(mainDir, '../preload/preload.cjs');
}

/**
 * The main window's webPreferences: Electron's security checklist, in one place that a unit test reads. Every
 * switch is written out even where it is Electron's default, so a default that changes between versions cannot
 * quietly loosen the app.
 */
export function mainWindowWebPreferences(paths: { mainDir: string }): WebPreferences {
  return {
    preload: preloadPathFor(paths.mainDir),
    // the page never sees Node or Electron: it reaches the main process only through window.cadreDesk
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    // an air-gapped office PC has no dictionary service, and names must not be sent anywhere to be checked
    spellcheck: false,
  };
}
