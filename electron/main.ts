// Wiring only: every decision lives in a plain module with tests (security/, protocol/, ipc/, keys/).
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, screen, session } from 'electron';
import { promises as fs, appendFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../shared/ipc';
import { createDispatcher } from './ipc/dispatch';
import { createHandlers } from './ipc';
import type { Dialogs } from './ipc/dialog';
import { loadOrCreateIdentity, type KeyProtector } from './keys/identity';
import { createProfileStore } from './profile';
import { createAppProtocolHandler } from './protocol/appResponse';
import { allowNavigation, allowPermission, windowOpenDecision } from './security/guards';
import { APP_ORIGIN, APP_SCHEME, originOf } from './security/origin';
import { restoreWindowState } from './windowState';
import { mainWindowWebPreferences } from './window/webPreferences';
import { leavesWithoutSaving, UNSAVED_PROMPT } from './window/unsavedPrompt';
import { claimSingleInstance } from './singleInstance';
import { buildMenuTemplate } from './menu';
import { readJsonIfExists, writeFileAtomic } from './fsAtomic';
import { createElectronPrinter } from './print/electronPrinter';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererRoot = path.join(here, '../renderer');
const devUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const allowedOrigin = devUrl ? (originOf(devUrl) ?? APP_ORIGIN) : APP_ORIGIN;
const APP_TITLE = '干部选育管用信息系统';

// Must happen before 'ready': a standard, secure scheme gives the renderer a stable origin for IndexedDB. codeCache
// lets V8 keep the compiled scripts between starts, as it does for http: compiling ~3 MB of scripts is a large part
// of a cold start (docs/architecture.md "Start-up").
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);
app.enableSandbox();
// Development and smoke tests only: run against a throwaway profile. A packaged app always uses the OS default.
if (!app.isPackaged && process.env.CADREDESK_USER_DATA_DIR) app.setPath('userData', process.env.CADREDESK_USER_DATA_DIR);

const logFile = () => path.join(app.getPath('userData'), 'logs', 'main.log');
function logError(where: string, error: unknown): void {
  const line = `${new Date().toISOString()} ${where} ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`;
  try {
    mkdirSync(path.dirname(logFile()), { recursive: true, mode: 0o700 }); // the first error creates the folder
    appendFileSync(logFile(), line, { mode: 0o600 });
  } catch {
    console.error(line);
  }
}

function safeStorageProtector(): KeyProtector | null {
  if (!safeStorage.isEncryptionAvailable()) return null;
  // On Linux without a keyring Electron falls back to a fixed key: that protects nothing, so say so instead.
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return null;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

let mainWindow: BrowserWindow | null = null;

async function createMainWindow(): Promise<void> {
  const stateFile = path.join(app.getPath('userData'), 'window-state.json');
  const state = restoreWindowState(
    await readJsonIfExists(stateFile).catch(() => undefined),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...state,
    minWidth: 1024,
    minHeight: 640,
    title: APP_TITLE,
    show: false,
    // rendered from build/icon.svg and put beside main.js by the build (electron.vite.config.ts)
    icon: path.join(here, 'icon.png'),
    webPreferences: mainWindowWebPreferences({ mainDir: here }),
  });
  mainWindow = win;
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const saveState = () => {
    if (win.isDestroyed()) return;
    const bounds = win.getNormalBounds();
    void writeFileAtomic(stateFile, JSON.stringify({ ...bounds, maximized: win.isMaximized() })).catch((e) =>
      logError('window-state', e),
    );
  };
  win.on('close', saveState);
  win.webContents.on('will-prevent-unload', (event) => {
    if (leavesWithoutSaving(dialog.showMessageBoxSync(win, { ...UNSAVED_PROMPT, buttons: [...UNSAVED_PROMPT.buttons] }))) event.preventDefault();
  });
  win.on('closed', () => (mainWindow = null));
  await win.loadURL(devUrl ?? `${APP_ORIGIN}/index.html`);
}

async function start(): Promise<void> {
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rendererRoot, readFile: (filePath) => fs.readFile(filePath) }));

  session.defaultSession.setPermissionRequestHandler((contents, permission, callback, details) =>
    callback(allowPermission(permission, details.requestingUrl ?? contents.getURL(), allowedOrigin)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowPermission(permission, requestingOrigin, allowedOrigin),
  );

  const userDataDir = app.getPath('userData');
  const identity = await loadOrCreateIdentity(path.join(userDataDir, 'keys'), safeStorageProtector());
  const dialogs: Dialogs = {
    async showOpen(options) {
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const props: Electron.OpenDialogOptions['properties'] = ['openFile'];
      if (options.multiple) props.push('multiSelections');
      const dialogOptions = { title: options.title, filters: options.filters, properties: props };
      const r = owner ? await dialog.showOpenDialog(owner, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return { canceled: r.canceled, filePaths: r.filePaths };
    },
    async showSave(options) {
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const dialogOptions = {
        title: options.title,
        filters: options.filters,
        defaultPath: options.defaultName ? path.join(app.getPath('documents'), options.defaultName) : undefined,
      };
      const r = owner ? await dialog.showSaveDialog(owner, dialogOptions) : await dialog.showSaveDialog(dialogOptions);
      return { canceled: r.canceled, filePaths: r.filePath ? [r.filePath] : [] };
    },
    async showFolder(options) {
      const owner = BrowserWindow.getFocusedWindow() ?? mainWindow;
      const dialogOptions: Electron.OpenDialogOptions = { title: options.title, properties: ['openDirectory', 'createDirectory'] };
      const r = owner ? await dialog.showOpenDialog(owner, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
      return { canceled: r.canceled, filePaths: r.filePaths.slice(0, 1) };
    },
  };
  const dispatch = createDispatcher(
    createHandlers({
      appName: APP_TITLE,
      appVersion: app.getVersion(),
      userDataDir,
      identity,
      profiles: createProfileStore(userDataDir),
      dialogs,
      // print routes render in hidden windows of the app's own origin, with the main window's preload and guards
      printer: createElectronPrinter({
        origin: allowedOrigin,
        createWindow: () =>
          new BrowserWindow({
            show: false,
            width: 1200,
            height: 900,
            // a hidden window is throttled like a background tab; a print page must lay out at full speed
            webPreferences: { ...mainWindowWebPreferences({ mainDir: here }), backgroundThrottling: false },
          }),
      }),
    }),
    { allowedOrigin, logError },
  );
  ipcMain.handle(INVOKE_CHANNEL, (event, method: unknown, arg: unknown) =>
    dispatch(event.senderFrame?.url, typeof method === 'string' ? method : '', arg, {
      emit: (name, payload) => {
        if (!event.sender.isDestroyed()) event.sender.send(EVENT_CHANNEL, name, payload);
      },
    }),
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate(
        { isMac: process.platform === 'darwin', isDev: !app.isPackaged },
        {
          showAbout: () =>
            void dialog.showMessageBox({
              type: 'info',
              title: '关于',
              message: APP_TITLE,
              detail: `版本 ${app.getVersion()}\n本机标识指纹 ${identity.fingerprint}`,
            }),
        },
      ),
    ),
  );
  await createMainWindow();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!allowNavigation(event.url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url, allowedOrigin)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => windowOpenDecision(url));
});

if (claimSingleInstance(app, () => mainWindow)) {
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      logError('start', error);
      dialog.showErrorBox(APP_TITLE, `程序无法启动：${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    });
}
