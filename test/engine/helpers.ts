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

/** A real SQLite file in a fresh temp folder; `dispose` closes and removes it. */
export function suiteDb(): { db: DB; path: string; dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'outcall-test-'));
  const path = join(dir, 'outcall.db');
  const db = openDatabase(path);
  const dispose = () => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, path, dir, dispose };
}

/** A real SQLite file in a fresh temp folder, removed after the test. */
export function tempDb(): { db: DB; path: string; dir: string } {
  const { dispose, ...rest } = suiteDb();
  cleanups.push(dispose);
  return rest;
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

/** Imports rows as a CSV list; returns the new record ids in list order. */
export async function seed(
  db: DB,
  c: Campaign,
  rows: { company: string; phone: string; phone2?: string; state?: string }[],
): Promise<number[]> {
  const { writeFileSync } = await import('node:fs');
  const { importList } = await import('../../electron/engine/index.ts');
  const dir = tempDir();
  const file = join(dir, 'list.csv');
  writeFileSync(
    file,
    ['Company,Phone,Mobile,State', ...rows.map((r) => `"${r.company}",${r.phone},${r.phone2 ?? ''},${r.state ?? ''}`)].join('\n'),
  );
  const s = await importList(db, { file, campaignId: c.id, reportDir: dir });
  if (s.imported !== rows.length) throw new Error(`seed imported ${s.imported} of ${rows.length}: ${JSON.stringify(s.examples)}`);
  return db.prepare('SELECT id FROM records WHERE list_id = ? ORDER BY id').pluck().all(s.listId) as number[];
}

/** Valid, distinct US numbers: (201) 555-01NN. */
export const us = (n: number) => `(201) 555-${String(100 + n).padStart(4, '0')}`;
