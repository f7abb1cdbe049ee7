import type { DB } from '../db/open.ts';
import { UserError } from '../errors.ts';
import { iso } from '../clock.ts';

/**
 * An import writes its rows in short transactions, so that a caller's call is saved while it
 * runs, into a list marked as importing. Such a list is invisible: the queue, the campaign's
 * counts and record look-ups leave it out. It is made visible in one short transaction at the
 * end, and removed (in short transactions too) on error or cancel, or by the next start after
 * a crash: a list whose importing process is gone, or that has not been written to for
 * `STALE_MS`, is abandoned.
 */

/** SQL: the lists still being imported, whose records nobody may see yet. */
export const IMPORTING_LISTS = '(SELECT id FROM lists WHERE importing = 1)';

const STALE_MS = 2 * 60_000;
const REMOVE_BATCH = 5000;

export interface NewList {
  campaignId: number;
  name: string;
  sourceFile: string;
  importedAt: Date;
  importedBy: string | null;
  mapping: string;
  region: string;
}

function alive(pid: number | null): boolean {
  if (pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Creates the importing list, refusing a second import into a campaign while one runs. */
export function createImportingList(db: DB, l: NewList, now = new Date()): number {
  removeAbandonedImports(db, now, l.campaignId);
  return db
    .transaction(() => {
      const running = db.prepare('SELECT name FROM lists WHERE campaign_id = ? AND importing = 1').pluck().get(l.campaignId) as string | undefined;
      if (running !== undefined) {
        throw new UserError(`Another list ("${running}") is being imported into this campaign: wait until it is done, then import this one.`);
      }
      return Number(
        db
          .prepare(
            `INSERT INTO lists (campaign_id, name, source_file, imported_at, imported_by, mapping, region, importing, importer_pid, heartbeat_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
          )
          .run(l.campaignId, l.name, l.sourceFile, iso(l.importedAt), l.importedBy, l.mapping, l.region, process.pid, iso(now))
          .lastInsertRowid,
      );
    })
    .immediate();
}

/** Inside the importer's write transaction: notes that it is alive, and that its list still is. */
export function heartbeat(db: DB, listId: number, now = new Date()): void {
  const info = db.prepare('UPDATE lists SET heartbeat_at = ? WHERE id = ? AND importing = 1').run(iso(now), listId);
  if (info.changes === 0) {
    throw new UserError('The import was stopped for too long and has been cleared away; nothing was saved. Import the list again.');
  }
}

/** Makes an imported list visible, with its counts, in the caller's transaction. */
export function publishList(db: DB, listId: number, rows: number, imported: number): void {
  db.prepare('UPDATE lists SET row_count = ?, imported_count = ?, importing = 0, importer_pid = NULL, heartbeat_at = NULL WHERE id = ? AND importing = 1').run(
    rows, imported, listId,
  );
}

/**
 * Removes an importing list and its records in short transactions; it stays invisible until
 * the last one. Records of an importing list have no calls or tasks (nobody could see them).
 */
export function removeImportingList(db: DB, listId: number): void {
  const fk = db.pragma('foreign_keys', { simple: true }) === 1;
  if (fk) db.pragma('foreign_keys = OFF');
  try {
    const ids = db.prepare('SELECT id FROM records WHERE list_id = ? LIMIT ?').pluck();
    const step = db.transaction((): boolean => {
      if (db.prepare('SELECT importing FROM lists WHERE id = ?').pluck().get(listId) !== 1) return false;
      const batch = ids.all(listId, REMOVE_BATCH) as number[];
      if (batch.length === 0) {
        db.prepare('DELETE FROM lists WHERE id = ?').run(listId);
        return false;
      }
      const json = JSON.stringify(batch);
      db.prepare('DELETE FROM phones WHERE record_id IN (SELECT value FROM json_each(?))').run(json);
      db.prepare('DELETE FROM records WHERE id IN (SELECT value FROM json_each(?))').run(json);
      return true;
    });
    while (step.immediate()) {
      // one short transaction per batch, so that calls are saved in between
    }
  } finally {
    if (fk) db.pragma('foreign_keys = ON');
  }
}

/** Removes the lists that a crashed or stopped import left behind (in one campaign, or all). */
export function removeAbandonedImports(db: DB, now = new Date(), campaignId?: number): number {
  const lists = db
    .prepare(`SELECT id, importer_pid AS pid, heartbeat_at AS heartbeat FROM lists WHERE importing = 1 ${campaignId === undefined ? '' : 'AND campaign_id = ?'}`)
    .all(...(campaignId === undefined ? [] : [campaignId])) as { id: number; pid: number | null; heartbeat: string | null }[];
  let removed = 0;
  for (const l of lists) {
    const beat = l.heartbeat ? Date.parse(l.heartbeat) : 0;
    if (alive(l.pid) && now.getTime() - beat < STALE_MS) continue;
    removeImportingList(db, l.id);
    removed++;
  }
  return removed;
}
