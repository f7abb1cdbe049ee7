import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { DB } from '../../electron/engine/index.ts';
import { CHANNELS, PUSHES } from '../../shared/ipc/channels.ts';
import type { Settings } from '../../shared/settings.ts';
import { appOver } from '../engine/harness.ts';
import { suiteDb } from '../engine/helpers.ts';

const RENDERER = new URL('../../out/renderer/', import.meta.url).pathname;
export const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Serves the built renderer (npm run build) on a loopback port. */
async function serveRenderer(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(RENDERER, path === '/' ? 'index.html' : path);
    readFile(file)
      .then((body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(404);
        res.end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { server, url: `http://127.0.0.1:${address.port}/` };
}

/** How the app starts: the clock, the settings, the theme the OS asks for. */
export interface StartOptions {
  now: Date;
  settings?: Partial<Settings>;
  colorScheme?: 'light' | 'dark';
}

export interface AppUnderTest {
  page: Page;
  /** The file the next open dialog chooses (null: the user cancels). */
  pick: { next: string | null };
  /** URLs handed to the OS (softphone, mail client). */
  opened: string[];
  copied: string[];
  saved: string[];
  setNow: (d: Date) => Promise<void>;
  /** The database connection in use (a restored backup is a new one). */
  db: () => DB;
  close: () => Promise<void>;
}

/**
 * The built renderer in Debian's Chromium, with `window.outcall` provided by the harness over
 * the handlers main registers (fake ipcMain/ipcRenderer, zod checks, the real engine on a temp
 * database). Only the OS edge is stubbed: opened URLs, the clipboard and the save dialog.
 */
export async function startApp(db: DB, opts: StartOptions & { saveDir: string }): Promise<AppUnderTest> {
  let now = opts.now;
  const saved: string[] = [];
  const pageRef: { current?: Page } = {};
  const app = appOver(db, {
    // Print-to-PDF is Chromium's own here too: the page as it is, printed.
    edge: {
      printToPdf: async (name) => {
        const path = join(opts.saveDir, name);
        await pageRef.current?.pdf({ path, landscape: true, printBackground: true });
        saved.push(path);
        return path;
      },
    },
    now: () => now,
    settings: opts.settings,
    saveTo: (name) => {
      const path = join(opts.saveDir, name);
      saved.push(path);
      return path;
    },
  });
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
  }
  if (!existsSync(join(RENDERER, 'index.html'))) throw new Error('The renderer is not built: run npm run build (npm test does).');
  const { server, url } = await serveRenderer();
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, timezoneId: 'America/New_York', colorScheme: opts.colorScheme ?? 'light', locale: 'en-US' });
  const page = await context.newPage();
  pageRef.current = page;
  page.on('pageerror', (e) => console.error('[page error]', e));
  await page.clock.setFixedTime(now);
  await page.exposeBinding('__outcallInvoke', (_source, channel: string, input: unknown) => app.invoke(channel, input));
  await page.addInitScript(
    ({ channels, pushes }: { channels: Record<string, string>; pushes: Record<string, string> }) => {
      type Listener = (value: unknown) => void;
      const w = window as unknown as { outcall: unknown; __outcallInvoke: (c: string, i: unknown) => Promise<unknown>; __outcallPush: (c: string, v: unknown) => void };
      const listeners = new Map<string, Set<Listener>>();
      w.__outcallPush = (channel, value) => listeners.get(channel)?.forEach((f) => f(value));
      const listen = (channel: string) => (f: Listener) => {
        const set = listeners.get(channel) ?? new Set<Listener>();
        listeners.set(channel, set.add(f));
        return () => void set.delete(f);
      };
      w.outcall = Object.freeze({
        ...Object.fromEntries(Object.entries(channels).map(([name, channel]) => [name, (input: unknown) => w.__outcallInvoke(channel, input)])),
        ...Object.fromEntries(Object.entries(pushes).map(([name, channel]) => [name, listen(channel)])),
      });
    },
    { channels: CHANNELS, pushes: PUSHES },
  );
  // What main sends to the window arrives as it would through the preload.
  app.onPush((channel, value) => void page.evaluate(([c, v]) => (window as unknown as { __outcallPush: (c: string, v: unknown) => void }).__outcallPush(c, v), [channel, value] as const).catch(() => undefined));
  await page.goto(url);
  // The explicit ready signal: the views are there once settings have loaded.
  await page.getByRole('tablist', { name: 'Views' }).waitFor();
  return {
    page,
    pick: app.pick,
    opened: app.opened,
    copied: app.copied,
    saved,
    db: app.current,
    setNow: async (d) => {
      now = d;
      await page.clock.setFixedTime(d);
    },
    close: async () => {
      await app.close();
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/** One app for a describe block, and what its tests reach it by. */
export interface AppSuite {
  /** The suite's database, as seeded (after a restore, `app().db()` is the one in use). */
  db: () => DB;
  /** The suite's temp folder: it holds the database and what the app saves. */
  dir: () => string;
  app: () => AppUnderTest;
  page: () => Page;
  /** A screenshot of the page as it is, as test-results/screenshots/<name>.png. */
  shot: (name: string) => Promise<Buffer>;
  /** Opens the view of that tab. */
  tab: (name: string | RegExp) => Promise<void>;
  /** The record card's heading: the company on screen. */
  heading: () => Locator;
  /** The result of that name in the result step (with or without its key letter). */
  result: (name: string) => Locator;
}

/**
 * Registers the suite's set-up and tear-down: before all its tests a real database in a fresh
 * temp folder, seeded by `seed`, and the app started on it with the options `seed` returns
 * (saving into that folder); after them the browser closed and the folder removed.
 */
export function appSuite(seed: (db: DB, dir: string) => StartOptions | Promise<StartOptions>): AppSuite {
  let suite: ReturnType<typeof suiteDb> | undefined;
  let started: AppUnderTest | undefined;
  beforeAll(async () => {
    suite = suiteDb();
    mkdirSync(SHOTS, { recursive: true });
    const opts = await seed(suite.db, suite.dir);
    started = await startApp(suite.db, { ...opts, saveDir: suite.dir });
  }, 60_000);
  afterAll(async () => {
    await started?.close();
    // A restored backup is a connection of its own.
    if (started?.db().open) started.db().close();
    suite?.dispose();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('The app suite is set up in beforeAll: use its accessors inside tests and hooks.');
    return value;
  };
  const app = () => ready(started);
  const page = () => app().page;
  return {
    db: () => ready(suite).db,
    dir: () => ready(suite).dir,
    app,
    page,
    shot: (name) => page().screenshot({ path: join(SHOTS, `${name}.png`) }),
    tab: (name) => page().getByRole('tab', { name }).click(),
    heading: () => page().getByRole('article').getByRole('heading', { level: 2 }),
    result: (name) => page().getByRole('radio', { name: new RegExp(`^[A-Z]? ?${name.replace(/[()]/g, '\\$&')}`) }),
  };
}
