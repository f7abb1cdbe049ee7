import { createHandlers, registerHandlers, type Edge, type IpcMainLike, type SettingsStore } from '../../electron/app/handlers.ts';
import { createTeamLink, memorySecrets } from '../../electron/app/team.ts';
import { createEngineApi, type EngineApi } from '../../electron/engine/api.ts';
import { openDatabase, restoreNamedBackup, type DB } from '../../electron/engine/index.ts';
import { PUSHES } from '../../shared/ipc/channels.ts';
import { createApi } from '../../shared/ipc/client.ts';
import type { TeamChange } from '../../shared/team/events.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/settings.ts';

/** Settings held in memory, with the same validation the app's store gets from the handlers. */
export function memorySettings(initial: Partial<Settings> = {}): SettingsStore {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  return { get: () => current, set: (s) => void (current = s) };
}

/** The OS edge, recorded instead of performed. */
export function fakeEdge(saveTo: (name: string) => string | null = () => null, overrides: Partial<Edge> = {}) {
  const opened: string[] = [];
  const copied: string[] = [];
  /** The file the next open dialog "chooses"; null = the user cancels. */
  const pick: { next: string | null } = { next: null };
  const edge: Edge = {
    openExternal: async (url) => void opened.push(url),
    saveFile: async (name) => saveTo(name),
    copyText: (text) => void copied.push(text),
    openFile: async () => pick.next,
    printToPdf: async () => null,
    ...overrides,
  };
  return { edge, opened, copied, pick };
}

/**
 * A fake ipcMain/ipcRenderer pair: arguments and results are structured-cloned on the way, as
 * Electron does, and main's registration code is the app's own.
 */
export function ipcPair() {
  const listeners = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const ipcMain: IpcMainLike = { handle: (channel, listener) => void listeners.set(channel, listener) };
  const invoke = async (channel: string, input: unknown) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return structuredClone(await listener({ sender: 'fake' }, structuredClone(input)));
  };
  return { ipcMain, invoke, channels: () => [...listeners.keys()] };
}

/**
 * The app's handlers over the engine in-process. Restoring a backup closes `db` and opens the
 * restored file, as the app's engine worker does; `current()` is the connection in use.
 */
export function appOver(
  db: DB,
  opts: { now?: () => Date; settings?: Partial<Settings>; saveTo?: (name: string) => string | null; edge?: Partial<Edge> } = {},
) {
  const { edge, opened, copied, pick } = fakeEdge(opts.saveTo, opts.edge);
  const settings = memorySettings(opts.settings);
  let open = db;
  let engine = createEngineApi(open, opts.now);
  const current = new Proxy({} as EngineApi, { get: (_t, method: keyof EngineApi) => engine[method] });
  const path = db.name;
  const restore = (name: string) =>
    restoreNamedBackup(path, name, opts.now?.() ?? new Date(), {
      stop: () => void open.close(),
      start: () => {
        open = openDatabase(path);
        engine = createEngineApi(open, opts.now);
      },
    });
  // What main would send to the window: structured-cloned, to whoever listens.
  const listeners = new Set<(channel: string, value: unknown) => void>();
  const team = createTeamLink({
    secrets: memorySecrets(),
    push: (change: TeamChange) => listeners.forEach((f) => f(PUSHES.onTeamChange, structuredClone(change))),
    options: { backoff: { firstMs: 50, maxMs: 500 }, heartbeatMs: 500 },
    // Team calls wait in the suite's own database, as in the desk's file.
    outboxDb: () => open,
    desk: { clock: opts.now },
  });
  const handlers = createHandlers(current, settings, edge, restore, team);
  const pair = ipcPair();
  registerHandlers(pair.ipcMain, handlers);
  const subscribe = (channel: string, listener: (value: unknown) => void) => {
    const f = (c: string, value: unknown) => c === channel && listener(value);
    listeners.add(f);
    return () => void listeners.delete(f);
  };
  return {
    api: createApi(pair.invoke, subscribe),
    opened,
    copied,
    pick,
    settings,
    invoke: pair.invoke,
    /** Hears every push main would send to the window. */
    onPush: (f: (channel: string, value: unknown) => void) => listeners.add(f),
    channels: pair.channels,
    current: () => open,
    /** Lets the team database go (connections would keep the test process alive). */
    close: () => team.close(),
  };
}
