import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_VERSION, MIGRATIONS } from './migrations.ts';
import { classifyOpenError, newerDatabase } from './problems.ts';
import { removeAbandonedImports } from '../import/staging.ts';

export type DB = Database.Database;

/**
 * The folder Electron gives Outcall as `app.getPath('userData')`: appData plus the product name.
 * Computed here without Electron so that the command line opens the same file as the app.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const home = homedir();
  let appData: string;
  if (platform === 'win32') appData = env['APPDATA'] ?? join(home, 'AppData', 'Roaming');
  else if (platform === 'darwin') appData = join(home, 'Library', 'Application Support');
  else appData = env['XDG_CONFIG_HOME'] ?? join(home, '.config');
  return join(appData, 'Outcall');
}

/** `--db PATH`, else `OUTCALL_DB`, else `outcall.db` in the app's data folder. */
export function resolveDbPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env['OUTCALL_DB'] ?? join(defaultDataDir(env), 'outcall.db');
}

/** Brings the schema up to date in one transaction; refuses a database from a newer Outcall. */
export function migrate(db: DB, migrations = MIGRATIONS): { from: number; to: number } {
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  if (from > latest) {
    throw newerDatabase(db.name, from, latest);
  }
  const pending = migrations.filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return { from, to: from };
  // A rebuild drops a table others point to: with foreign keys on, that would delete their rows.
  const rebuilds = pending.some((m) => m.rebuilds) && (db.pragma('foreign_keys', { simple: true }) as number) === 1;
  if (rebuilds) db.pragma('foreign_keys = OFF');
  try {
    db.transaction(() => {
      for (const m of pending) {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      }
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (rebuilds && broken.length > 0) throw new Error(`Migration left ${broken.length} rows pointing nowhere; nothing was changed.`);
    }).immediate();
  } finally {
    if (rebuilds) db.pragma('foreign_keys = ON');
  }
  return { from, to: latest };
}

export interface OpenOptions {
  readonly?: boolean;
  /** Skip migrations (the file must already be current), e.g. in a worker after main migrated. */
  migrate?: boolean;
}

/**
 * Opens (creating when missing) and migrates `file`. A file from a newer Outcall, a damaged or
 * non-database file, a read-only folder, a lock held by another program or a folder in its place
 * throws a DatabaseProblem whose message says so in one line.
 */
export function openDatabase(file: string, options: OpenOptions = {}): DB {
  try {
    return open(file, options);
  } catch (e) {
    throw classifyOpenError(e, file) ?? e;
  }
}

function open(file: string, options: OpenOptions): DB {
  if (!options.readonly && file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    // A file from a newer Outcall is refused before anything (even the journal mode) is written.
    if ((db.pragma('user_version', { simple: true }) as number) > LATEST_VERSION) migrate(db);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (options.migrate !== false && !options.readonly) {
      migrate(db);
      // A list a crashed import left half-written (invisible all along) goes at the next start;
      // when it cannot (a full disk), it stays invisible until a later one.
      try {
        removeAbandonedImports(db);
      } catch {
        // left for the next start
      }
    }
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
