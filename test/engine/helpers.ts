import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { createCampaign, openDatabase, type Campaign, type DB, type NewCampaign } from '../../electron/engine/index.ts';

export const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.();
});

/** A real SQLite file in a fresh temp folder, removed after the test. */
export function tempDb(): { db: DB; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'outcall-test-'));
  const path = join(dir, 'outcall.db');
  const db = openDatabase(path);
  cleanups.push(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, path, dir };
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'outcall-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An always-open calling window, so tests about order are not about the clock. */
const ALWAYS = { start: '00:00', end: '23:59' };
export const ALL_DAY = { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS };

export function campaign(db: DB, c: Partial<NewCampaign> = {}): Campaign {
  return createCampaign(db, { name: 'Test', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, ...c });
}

/** Everything a failed import must leave untouched. */
export function counts(db: DB): Record<string, number> {
  const n = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
  return { lists: n('lists'), records: n('records'), phones: n('phones'), zones: n('campaign_zones'), dnc: n('dnc') };
}
