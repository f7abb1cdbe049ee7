// A stand-in for the `electron` module, so that the built main process (out/main/index.js) can
// run under plain Node here, where the Electron binary cannot be downloaded. It records what
// main asks of Electron and lets the smoke test call the registered IPC handlers.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const userData = process.env.FAKE_USER_DATA ?? mkdtempSync(join(tmpdir(), 'outcall-userdata-'));
export const recorded = {
  windows: [],
  handlers: new Map(),
  opened: [],
  menu: null,
  permissionHandler: null,
  requestFilter: null,
  messageBoxes: [],
  exitCode: null,
  privilegedSchemes: [],
  protocols: new Map(),
  nextOpen: null,
  sent: [],
};
// Scripted answers: FAKE_MESSAGE_BOX_ANSWERS is a JSON list of button labels, clicked in turn
// (Quit, or the last button, once it runs out); FAKE_OPEN_FILE is what the open dialog returns.
const answers = JSON.parse(process.env.FAKE_MESSAGE_BOX_ANSWERS ?? '[]');
globalThis.__fakeElectron = recorded;

class WebContents {
  mainFrame = { url: 'file:///out/renderer/index.html' };
  listeners = {};
  on(event, fn) {
    (this.listeners[event] ??= []).push(fn);
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send(channel, value) {
    recorded.sent.push({ channel, value });
  }
}

export class BrowserWindow {
  static all = [];
  constructor(options) {
    this.options = options;
    this.webContents = new WebContents();
    this.loaded = null;
    BrowserWindow.all.push(this);
    recorded.windows.push(this);
  }
  static getAllWindows() {
    return BrowserWindow.all;
  }
  once() {}
  on() {}
  show() {}
  loadFile(file) {
    this.loaded = file;
    return Promise.resolve();
  }
  loadURL(url) {
    this.loaded = url;
    return Promise.resolve();
  }
}

export const app = {
  isPackaged: process.env.FAKE_PACKAGED === '1',
  setName() {},
  getName: () => 'Outcall',
  getVersion: () => '0.0.0-smoke',
  getPath: (name) => (name === 'userData' ? userData : tmpdir()),
  whenReady: () => Promise.resolve(),
  on() {},
  quit() {},
  exit(code = 0) {
    recorded.exitCode = code;
  },
};

export const ipcMain = {
  handle(channel, fn) {
    recorded.handlers.set(channel, fn);
  },
  on() {},
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(fn) {
      recorded.permissionHandler = fn;
    },
    webRequest: {
      onBeforeRequest(fn) {
        recorded.requestFilter = fn;
      },
    },
  },
};

export const shell = {
  openExternal: async (url) => {
    recorded.opened.push(url);
  },
  openPath: async () => '',
};
export const clipboard = { writeText() {} };
export const dialog = {
  showSaveDialog: async () => ({ canceled: true }),
  // The file the next open dialog chooses (recorded.nextOpen, else FAKE_OPEN_FILE), else a cancel.
  showOpenDialog: async () => {
    const file = recorded.nextOpen ?? process.env.FAKE_OPEN_FILE;
    return file ? { canceled: false, filePaths: [file] } : { canceled: true, filePaths: [] };
  },
  showMessageBox: async (...args) => {
    const options = args.at(-1);
    recorded.messageBoxes.push(options);
    const wanted = answers.shift();
    const response = wanted === undefined ? options.buttons.indexOf('Quit') : options.buttons.indexOf(wanted);
    if (response < 0) throw new Error(`no button "${wanted ?? 'Quit'}" in ${JSON.stringify(options.buttons)}`);
    return { response, checkboxChecked: false };
  },
};
export const Menu = {
  buildFromTemplate: (t) => t,
  setApplicationMenu(menu) {
    recorded.menu = menu;
  },
};
export class Notification {
  static isSupported() {
    return false;
  }
  show() {}
  on() {}
}
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    recorded.privilegedSchemes.push(...schemes);
  },
  handle(scheme, fn) {
    recorded.protocols.set(scheme, fn);
  },
};
export const contextBridge = { exposeInMainWorld() {} };
// As on a Linux desktop without a keyring: nothing can be kept encrypted.
export const safeStorage = {
  isEncryptionAvailable: () => false,
  encryptString: () => {
    throw new Error('encryption is not available');
  },
  decryptString: () => {
    throw new Error('encryption is not available');
  },
};
export const ipcRenderer = { invoke: async () => undefined };

export default { app, BrowserWindow, ipcMain, session, shell, clipboard, dialog, Menu, Notification, protocol, contextBridge, ipcRenderer, safeStorage };
