import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION } from '../../electron/engine/db/migrations.ts';
import { lockedDatabase, newerDatabase, notADatabase, readOnlyFolder } from '../engine/broken-databases.ts';
import { tempDir } from '../engine/helpers.ts';

const root = new URL('../..', import.meta.url).pathname;

interface Run {
  exitCode: number | null;
  windows: number;
  messageBoxes: { title: string; message: string; detail: string; buttons: string[] }[];
  rejections: string[];
  campaigns?: { ok: boolean; value: unknown };
  settings?: { ok: boolean; value: unknown };
}

/** The built main process under the stand-in electron, its start-up window answered with `answers`. */
async function startApp(dbPath: string, answers: string[], openFile?: string, userData = tempDir()): Promise<Run> {
  expect(existsSync(join(root, 'out/main/index.js')), 'run npm run build first').toBe(true);
  const child = spawn(process.execPath, ['--import', './test/smoke/register.mjs', 'test/smoke/drive-startup.mjs'], {
    cwd: root,
    env: { ...process.env, OUTCALL_DB: dbPath, FAKE_USER_DATA: userData, FAKE_MESSAGE_BOX_ANSWERS: JSON.stringify(answers), FAKE_OPEN_FILE: openFile ?? '' },
    timeout: 60_000,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  expect(code, stderr).toBe(0);
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Run;
}

const OFFERS = {
  open: 'Open another database file…',
  fresh: 'Make a fresh database (keep the old file aside)',
  retry: 'Try again',
  quit: 'Quit',
};

/**
 * When the desktop app cannot open its database it opens a window that says what is wrong (the
 * command line's one-line message) and offers what can be done; it never ends silently.
 */
describe('the built main process when its database cannot be opened', () => {
  it('a database from a newer Outcall: says so, offers open / fresh / quit, and Quit leaves the file alone', async () => {
    const path = newerDatabase(tempDir());
    const before = readFileSync(path);
    const run = await startApp(path, [OFFERS.quit]);
    expect(run.messageBoxes).toHaveLength(1);
    expect(run.messageBoxes[0]).toMatchObject({ title: 'Outcall cannot open its database', buttons: [OFFERS.open, OFFERS.fresh, OFFERS.quit] });
    expect(run.messageBoxes[0]?.message).toBe(
      `${path} was written by a newer version of Outcall (schema ${LATEST_VERSION + 5}; this version knows up to ${LATEST_VERSION}). Update Outcall to open it; the file was not changed.`,
    );
    expect(run.messageBoxes[0]?.detail).toContain('nothing is deleted');
    expect(run).toMatchObject({ exitCode: 1, windows: 0, rejections: [] });
    expect(readFileSync(path)).toEqual(before);
  });

  it('a damaged or non-database file: Make a fresh database keeps the old file aside and opens the app', async () => {
    const dir = tempDir();
    const path = notADatabase(dir);
    const before = readFileSync(path);
    const run = await startApp(path, [OFFERS.fresh]);
    expect(run.messageBoxes.map((m) => m.message)).toEqual([`${path} is not an Outcall database, or it is damaged (SQLite: file is not a database). The file was not changed.`]);
    expect(run.messageBoxes[0]?.buttons).toEqual([OFFERS.open, OFFERS.fresh, OFFERS.quit]);
    expect(run).toMatchObject({ exitCode: null, windows: 1, rejections: [], campaigns: { ok: true, value: [] } });
    const aside = readdirSync(dir).filter((f) => /^outcall\.set-aside-\d{8}-\d{6}\.db$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(dir, aside[0] ?? ''))).toEqual(before);
    const fresh = new Database(path, { readonly: true });
    expect(fresh.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    fresh.close();
  });

  it('a read-only data folder: says so, offers try again / open / quit, and opens another database file', async () => {
    const dir = tempDir();
    const folder = readOnlyFolder(dir);
    const other = join(tempDir(), 'elsewhere.db');
    try {
      const run = await startApp(folder.path, [OFFERS.open], other);
      expect(run.messageBoxes).toHaveLength(1);
      expect(run.messageBoxes[0]?.message).toMatch(/^Outcall cannot write its database .*\/Outcall\/outcall\.db: the folder .*\/Outcall or the file is read-only, or you may not write there/);
      expect(run.messageBoxes[0]?.buttons).toEqual([OFFERS.retry, OFFERS.open, OFFERS.quit]);
      expect(run).toMatchObject({ exitCode: null, windows: 1, rejections: [], campaigns: { ok: true, value: [] } });
      expect(existsSync(other)).toBe(true);
      expect(existsSync(folder.path)).toBe(false);
    } finally {
      folder.release();
    }
  });

  it('a database locked by another program: says so, offers try again / open / quit, and Quit ends the app', async () => {
    const locked = await lockedDatabase(tempDir());
    try {
      const run = await startApp(locked.path, [OFFERS.retry, OFFERS.quit]);
      const message = `${locked.path} is locked by another program (another Outcall, the outcall command or a database tool is using it). Close that program and try again.`;
      expect(run.messageBoxes.map((m) => m.message)).toEqual([message, message]);
      expect(run.messageBoxes[0]?.buttons).toEqual([OFFERS.retry, OFFERS.open, OFFERS.quit]);
      expect(run).toMatchObject({ exitCode: 1, windows: 0, rejections: [] });
    } finally {
      locked.release();
    }
  }, 40_000);
});

describe('the built main process when anything else stops its start', () => {
  it('shows what went wrong and quits, instead of ending in an unhandled rejection', async () => {
    const dir = tempDir();
    // A file where the data folder should be: none of the database problems the window offers help for.
    writeFileSync(join(dir, 'not-a-folder'), 'a file');
    const path = join(dir, 'not-a-folder', 'outcall.db');
    const run = await startApp(path, []);
    expect(run.messageBoxes).toEqual([{ title: 'Outcall could not start', message: expect.stringMatching(/^Outcall could not start: (EEXIST|ENOTDIR): .*mkdir '.*not-a-folder'$/), buttons: ['Quit'] }]);
    expect(run).toMatchObject({ exitCode: 1, windows: 0, rejections: [] });
  });
});

describe('the built main process with a damaged config.json', () => {
  it("keeps the caller's name and the other valid settings, and says what was reset", async () => {
    const userData = tempDir();
    const config = join(userData, 'config.json');
    writeFileSync(config, JSON.stringify({ callerName: 'Dana', defaultRegion: 'Mars', theme: 'dark', dial: { mode: 'tel', sipDomain: '', template: '' }, lastCampaignId: 'seven' }));
    const run = await startApp(join(tempDir(), 'outcall.db'), ['OK'], undefined, userData);
    expect(run.settings).toEqual({ ok: true, value: { callerName: 'Dana', defaultRegion: 'US', theme: 'dark', dial: { mode: 'tel', sipDomain: '', template: '' }, lastCampaignId: null } });
    expect(run.messageBoxes).toEqual([
      {
        title: 'Some settings were reset',
        message: expect.stringMatching(/^Some settings in config\.json were not valid and were reset to their defaults: defaultRegion \(Default region must be a two-letter country code such as US, GB or AU\.\); lastCampaignId \(.+\)\. The other settings were kept\.$/),
        buttons: ['OK'],
      },
    ]);
    expect(JSON.parse(readFileSync(config, 'utf8'))).toMatchObject({ callerName: 'Dana', defaultRegion: 'US' });
  });

  it('keeps a config.json that is no JSON aside and says every setting was reset', async () => {
    const userData = tempDir();
    writeFileSync(join(userData, 'config.json'), '{"callerName": "Dana", "theme": ');
    const run = await startApp(join(tempDir(), 'outcall.db'), ['OK'], undefined, userData);
    expect(run.settings).toMatchObject({ ok: true, value: { callerName: '', theme: 'system' } });
    const aside = readdirSync(userData).filter((f) => /^config\.set-aside-\d{8}-\d{6}\.json$/.test(f));
    expect(aside).toHaveLength(1);
    expect(readFileSync(join(userData, aside[0] ?? ''), 'utf8')).toBe('{"callerName": "Dana", "theme": ');
    expect(run.messageBoxes.map((m) => m.message)).toEqual([`config.json could not be read (it is not a JSON object), so every setting was reset to its default. The old file is kept as ${join(userData, aside[0] ?? '')}.`]);
  });
});
