import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { iso } from './clock.ts';
import type { DB } from './db/open.ts';
import { LATEST_VERSION } from './db/migrations.ts';
import { UserError } from './errors.ts';

/**
 * Backups of the one database file: SQLite's online backup (better-sqlite3's `backup()`),
 * copied a few pages at a time so the engine keeps answering while it runs. The app takes one
 * a day into `backups/` beside the database and keeps the 7 newest daily copies and the newest
 * copy of each of the 4 weeks before those; a restore keeps the current file aside.
 */

export interface BackupInfo {
  name: string;
  /** The local day the copy was taken (YYYY-MM-DD). */
  day: string;
  takenAt: string;
  bytes: number;
}

const DAILY = /^outcall-(\d{4}-\d{2}-\d{2})\.db$/;
/** Tables every Outcall database has had since its first version. */
const CORE_TABLES = ['campaigns', 'records', 'calls'];

const pad = (n: number) => String(n).padStart(2, '0');
const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const stamp = (d: Date) => iso(d).replace(/[:.]/g, '-');

export const backupDir = (dbPath: string): string => join(dirname(dbPath), 'backups');

/**
 * Copies the open database to `dest` while it stays in use. Written to a temporary file first
 * and renamed when complete, so `dest` is never half a database. `pagesPerStep` sets how much
 * is copied between two turns of the event loop.
 */
export async function backupTo(db: DB, dest: string, pagesPerStep = 256): Promise<{ path: string; bytes: number }> {
  mkdirSync(dirname(dest), { recursive: true });
  const partial = `${dest}.partial`;
  rmSync(partial, { force: true });
  try {
    await db.backup(partial, { progress: () => pagesPerStep });
    // One self-contained file: no write-ahead log beside it (a restore turns WAL on again).
    const copy = new Database(partial);
    copy.pragma('journal_mode = DELETE');
    copy.close();
    renameSync(partial, dest);
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  return { path: dest, bytes: statSync(dest).size };
}

/** The daily copies in `backups/`, newest first. */
export function listBackups(dbPath: string): BackupInfo[] {
  const dir = backupDir(dbPath);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .flatMap((name) => {
      const day = DAILY.exec(name)?.[1];
      if (!day) return [];
      const st = statSync(join(dir, name));
      return [{ name, day, takenAt: iso(st.mtime), bytes: st.size }];
    })
    .sort((a, b) => b.day.localeCompare(a.day));
}

/** Monday of the day's week, as YYYY-MM-DD. */
function weekOf(day: string): string {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return d.toISOString().slice(0, 10);
}

/** Which copies to keep: the `daily` newest, then the newest of each of the next `weekly` weeks. */
export function backupsToKeep(days: readonly string[], daily = 7, weekly = 4): Set<string> {
  const sorted = [...days].sort().reverse();
  const keep = new Set(sorted.slice(0, daily));
  const weeks = new Set<string>();
  for (const day of sorted.slice(daily)) {
    const week = weekOf(day);
    if (weeks.has(week)) continue;
    if (weeks.size === weekly) break;
    weeks.add(week);
    keep.add(day);
  }
  return keep;
}

export function pruneBackups(dbPath: string): string[] {
  const all = listBackups(dbPath);
  const keep = backupsToKeep(all.map((b) => b.day));
  const removed = all.filter((b) => !keep.has(b.day));
  for (const b of removed) rmSync(join(backupDir(dbPath), b.name), { force: true });
  return removed.map((b) => b.name);
}

/** Today's copy into `backups/`, replacing an earlier one of today; then old copies are pruned. */
export async function backupToday(db: DB, now: Date): Promise<BackupInfo> {
  const day = localDay(now);
  const name = `outcall-${day}.db`;
  const { path, bytes } = await backupTo(db, join(backupDir(db.name), name));
  pruneBackups(db.name);
  return { name, day, takenAt: iso(statSync(path).mtime), bytes };
}

/** Today's copy unless there is one already: null then. */
export async function dailyBackup(db: DB, now: Date): Promise<BackupInfo | null> {
  return existsSync(join(backupDir(db.name), `outcall-${localDay(now)}.db`)) ? null : backupToday(db, now);
}

/** The copy in `backups/` called `name`, refused unless it is one of the listed copies. */
export function backupPath(dbPath: string, name: string): string {
  if (!listBackups(dbPath).some((b) => b.name === name)) throw new UserError(`There is no backup called "${name}".`);
  return join(backupDir(dbPath), name);
}

/**
 * Checks that `file` is an Outcall database this version can open: SQLite, the core tables,
 * a schema version from 1 to this version's, and a passing quick check.
 */
export function inspectBackup(file: string, name = basename(file)): { version: number; campaigns: number; records: number; calls: number } {
  let db: DB;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new UserError(`${name} cannot be opened: ${(e as Error).message}.`);
  }
  try {
    let version: number;
    let tables: string[];
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table'`).pluck().all() as string[];
    } catch {
      throw new UserError(`${name} is not an Outcall database (it is not an SQLite file).`);
    }
    if (version < 1 || CORE_TABLES.some((t) => !tables.includes(t))) {
      throw new UserError(`${name} is not an Outcall database (it has no ${CORE_TABLES.join(', ')} tables).`);
    }
    if (version > LATEST_VERSION) {
      throw new UserError(`${name} is from a newer version of Outcall (schema ${version}; this version knows up to ${LATEST_VERSION}). Update Outcall to restore it.`);
    }
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new UserError(`${name} is damaged (SQLite's check says: ${String(check)}).`);
    const count = (t: string) => db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    return { version, campaigns: count('campaigns'), records: count('records'), calls: count('calls') };
  } finally {
    db.close();
  }
}

/**
 * Puts the backup `file` in place of the database at `dbPath`, which must be closed. The
 * backup is copied beside the database and checked first; only then is the current file (with
 * its write-ahead log) renamed aside, as `outcall.db.before-restore-<time>`, and the copy
 * renamed in. A refused backup changes nothing.
 */
export function restoreDatabase(dbPath: string, file: string, now: Date): { keptAside: string | null; calls: number } {
  const incoming = `${dbPath}.restoring`;
  rmSync(incoming, { force: true });
  try {
    copyFileSync(file, incoming);
    const { calls } = inspectBackup(incoming, basename(file));
    let keptAside: string | null = null;
    if (existsSync(dbPath)) {
      keptAside = `${dbPath}.before-restore-${stamp(now)}`;
      for (const suffix of ['-wal', '-shm']) {
        if (existsSync(dbPath + suffix)) renameSync(dbPath + suffix, keptAside + suffix);
      }
      renameSync(dbPath, keptAside);
    }
    renameSync(incoming, dbPath);
    return { keptAside, calls };
  } catch (e) {
    rmSync(incoming, { force: true });
    throw e;
  }
}

/**
 * Restores the backup called `name` under a running engine: the backup is checked before the
 * engine stops, the engine is stopped (its connection closed), the backup put in place, and
 * the engine started again on the restored file, also when the restore failed.
 */
export async function restoreNamedBackup(
  dbPath: string,
  name: string,
  now: Date,
  engine: { stop: () => Promise<void> | void; start: () => Promise<void> | void },
): Promise<{ calls: number; keptAside: string | null }> {
  const file = backupPath(dbPath, name);
  inspectBackup(file);
  await engine.stop();
  try {
    return restoreDatabase(dbPath, file, now);
  } finally {
    await engine.start();
  }
}
