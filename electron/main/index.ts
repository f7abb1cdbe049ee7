import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell, type MenuItemConstructorOptions } from 'electron';
import Store from 'electron-store';
import { z } from 'zod';
import { DEFAULT_SETTINGS, DIAL_SCHEMES, recoverSettings, schemeOf, settingsSchema, type Settings } from '../../shared/settings.ts';
import { APP_ORIGIN, cspOf, serveAppRequest } from '../app/app-protocol.ts';
import { createHandlers, registerHandlers, type Edge, type SettingsStore } from '../app/handlers.ts';
import { repairSettingsFile } from '../app/settings-file.ts';
import { CHOICE_LABELS, startWithRecovery, type StartupUi } from '../app/startup.ts';
import { createTeamLink, type TeamSecrets } from '../app/team.ts';
import { PUSHES } from '../../shared/ipc/channels.ts';
import { startEngineWorker } from '../engine/client.ts';
import { openDatabase, type DB } from '../engine/db/open.ts';

/**
 * The main process stays thin: the window, IPC wiring, the OS edge. The engine (SQLite and
 * every query) runs in a worker thread; the same handlers serve the browser tests.
 */
app.setName('Outcall');
const defaultDbPath = process.env['OUTCALL_DB'] ?? join(app.getPath('userData'), 'outcall.db');
let win: BrowserWindow | null = null;
const rendererRoot = join(import.meta.dirname, '../renderer');
// The window loads from app://outcall/, served from out/renderer only (see app-protocol.ts).
protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

function createWindow(): BrowserWindow {
  const w = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Outcall',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  w.once('ready-to-show', () => w.show());
  // No navigation away from the app and no new windows.
  w.webContents.on('will-navigate', (event) => event.preventDefault());
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  // The window refuses to unload while a call is not logged: ask before closing anyway.
  w.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(w, {
      type: 'question',
      buttons: ['Stay and log the call', 'Close anyway'],
      defaultId: 0,
      cancelId: 0,
      message: 'A call is not logged yet.',
      detail: 'Closing now loses the call: it is not on your timesheet. Log it first.',
    });
    if (choice === 1) event.preventDefault();
  });
  const devUrl = process.env['ELECTRON_RENDERER_URL'];
  if (!app.isPackaged && devUrl) void w.loadURL(devUrl);
  else void w.loadURL(`${APP_ORIGIN}/index.html`);
  return w;
}

/**
 * electron-store with the shared zod schema as its JSON Schema, and zod again on every set. A
 * damaged file is repaired first, field by field; `notice` says what was reset.
 */
function settingsStore(): SettingsStore & { notice: string | null } {
  const notice = repairSettingsFile(join(app.getPath('userData'), 'config.json'), new Date());
  const json = z.toJSONSchema(settingsSchema, { target: 'draft-7', unrepresentable: 'any' }) as { properties?: Record<string, object> };
  const store = new Store<Settings>({ defaults: DEFAULT_SETTINGS, schema: json.properties as never, clearInvalidConfig: true });
  return {
    notice,
    get: () => recoverSettings(store.store).settings,
    set: (s) => {
      store.store = settingsSchema.parse(s);
    },
  };
}

/**
 * The team database's URL (never with its password) in team.json; the password beside it only
 * when asked and encrypted by the OS (safeStorage), else asked again at the next start.
 */
function teamSecrets(): TeamSecrets {
  const store = new Store<{ url?: string; password?: string }>({ name: 'team', clearInvalidConfig: true });
  const canKeepPassword = safeStorage.isEncryptionAvailable();
  return {
    canKeepPassword,
    load() {
      const url = store.get('url');
      if (typeof url !== 'string' || !url) return null;
      const sealed = store.get('password');
      let password: string | null = null;
      try {
        if (canKeepPassword && typeof sealed === 'string' && sealed) password = safeStorage.decryptString(Buffer.from(sealed, 'base64'));
      } catch {
        // Sealed on another computer or account: asked for again.
      }
      return { url, password };
    },
    save(url, password) {
      store.set('url', url);
      if (canKeepPassword && password) store.set('password', safeStorage.encryptString(password).toString('base64'));
      else store.delete('password');
    },
    clear: () => store.clear(),
  };
}

const edge: Edge = {
  async openExternal(url) {
    const scheme = schemeOf(url);
    if (scheme !== 'mailto' && !(DIAL_SCHEMES as readonly string[]).includes(scheme)) {
      throw new Error(`Refusing to open a ${scheme || 'schemeless'} URL.`);
    }
    await shell.openExternal(url, { activate: true });
  },
  async saveFile(defaultName, format) {
    const options = {
      defaultPath: join(app.getPath('documents'), defaultName),
      filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'Excel workbook', extensions: ['xlsx'] }],
    };
    const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  copyText: (text) => clipboard.writeText(text),
  async openFile(kind) {
    const filters =
      kind === 'list'
        ? [{ name: 'Record lists', extensions: ['csv', 'txt', 'tsv', 'xlsx'] }]
        : [{ name: 'Number lists', extensions: ['txt', 'csv'] }];
    const options = { properties: ['openFile' as const], filters };
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  async printToPdf(defaultName) {
    if (!win) return null;
    const r = await dialog.showSaveDialog(win, { defaultPath: join(app.getPath('documents'), defaultName), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (r.canceled || !r.filePath) return null;
    const pdf = await win.webContents.printToPDF({ landscape: true, printBackground: true, pageSize: 'A4' });
    await writeFile(r.filePath, pdf);
    return r.filePath;
  },
};

/** Follow-ups falling due raise one OS notification each. */
function watchFollowUps(listDue: () => Promise<{ taskId: number; company: string; contactName: string }[]>): void {
  const told = new Set<number>();
  const tick = async () => {
    try {
      for (const t of await listDue()) {
        if (told.has(t.taskId)) continue;
        told.add(t.taskId);
        if (!Notification.isSupported()) continue;
        const n = new Notification({ title: 'Follow-up due', body: [t.company, t.contactName].filter(Boolean).join(' - ') || `Task ${t.taskId}` });
        n.on('click', () => win?.show());
        n.show();
      }
    } catch (e) {
      console.error('[outcall] follow-up check failed:', e);
    }
  };
  setInterval(() => void tick(), 60_000);
  void tick();
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/** The app's menu: no reload and no DevTools in the packaged app. */
function menuTemplate(): MenuItemConstructorOptions[] {
  const develop: MenuItemConstructorOptions[] = app.isPackaged ? [] : [{ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' }];
  const view: MenuItemConstructorOptions[] = [...develop, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, { type: 'separator' }, { role: 'togglefullscreen' }];
  return [{ role: 'fileMenu' }, { role: 'editMenu' }, { label: 'View', submenu: view }, { role: 'windowMenu' }];
}

/** Start-up problems are asked about in a window of their own, before the app's window exists. */
const startupUi: StartupUi = {
  async ask(problem, choices) {
    const buttons = choices.map((c) => CHOICE_LABELS[c]);
    const quit = choices.indexOf('quit');
    const r = await dialog.showMessageBox({ type: 'error', title: problem.title, message: problem.message, detail: problem.detail, buttons, defaultId: 0, cancelId: quit, noLink: true });
    return choices[r.response] ?? 'quit';
  },
  async pickDatabase() {
    const r = await dialog.showOpenDialog({ title: 'Open an Outcall database', properties: ['openFile'], filters: [{ name: 'Outcall database', extensions: ['db', 'sqlite', 'sqlite3'] }] });
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
};

async function start(): Promise<void> {
  // No remote content, no permission prompts.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const local =
      details.url.startsWith(`${APP_ORIGIN}/`) || /^(devtools|data|blob):/.test(details.url) || (!app.isPackaged && details.url.startsWith(process.env['ELECTRON_RENDERER_URL'] ?? '\u0000'));
    callback({ cancel: !local });
  });
  const csp = cspOf(readFileSync(join(rendererRoot, 'index.html'), 'utf8'));
  protocol.handle('app', (request) => serveAppRequest(rendererRoot, request, csp));
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate()));

  let dbFile = defaultDbPath;
  const started = await startWithRecovery(
    defaultDbPath,
    (file) => ((dbFile = file), startEngineWorker(new URL('./engine-host.js', import.meta.url), file, new URL('./import-worker.js', import.meta.url).href)),
    startupUi,
  );
  if (!started) {
    app.exit(1);
    return;
  }
  const engine = started.value;
  const settings = settingsStore();
  // Team calls wait in the desk's own file (its outbox) until the team database has them.
  let outboxDb: DB | null = null;
  const team = createTeamLink({
    secrets: teamSecrets(),
    push: (change) => win?.webContents.send(PUSHES.onTeamChange, change),
    outboxDb: () => (outboxDb ??= openDatabase(dbFile)),
  });
  const handlers = createHandlers(engine.api, settings, edge, engine.restoreBackup, team);
  registerHandlers(
    {
      handle: (channel, listener) =>
        ipcMain.handle(channel, (event, input) => {
          // Only our own window's top frame may call.
          if (!win || event.sender !== win.webContents || event.senderFrame !== win.webContents.mainFrame) {
            return Promise.resolve({ ok: false, error: 'Refused: the request did not come from the Outcall window.' });
          }
          return listener(event, input);
        }),
    },
    handlers,
  );
  win = createWindow();
  if (settings.notice) void dialog.showMessageBox(win, { type: 'warning', title: 'Some settings were reset', message: settings.notice, buttons: ['OK'] });
  watchFollowUps(async () => {
    const caller = settings.get().callerName;
    return caller ? (await engine.api.listTasks(caller)).due : [];
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createWindow();
  });
  void team.resume();
  app.on('will-quit', () => {
    void team.close();
    void engine.close();
  });
}

void app
  .whenReady()
  .then(start)
  .catch(async (e: unknown) => {
    // Never end silently: whatever stopped the start is shown, then the app quits.
    console.error('[outcall] could not start:', e);
    const message = e instanceof Error ? e.message : String(e);
    await dialog.showMessageBox({ type: 'error', title: 'Outcall could not start', message: `Outcall could not start: ${message}`, buttons: ['Quit'] });
    app.exit(1);
  });

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
