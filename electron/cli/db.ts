import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openDatabase, UserError, type DB } from '../engine/index.ts';

/**
 * The command line's database: a file in a folder that exists (only the app's own data folder,
 * the default, is made when missing). A new file is announced; anything the file cannot be
 * opened for is one line (the engine's own, for a folder, a newer, damaged, read-only or locked
 * file).
 */
export function openCliDatabase(path: string, note: (text: string) => void, opts: { defaultLocation?: boolean } = {}): DB {
  const file = resolve(path);
  const folder = dirname(file);
  if (opts.defaultLocation && !existsSync(folder)) {
    // The app's own data folder, as the desktop app would make it on its first start.
    mkdirSync(folder, { recursive: true });
    note(`Created the data folder ${folder}.`);
  }
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new UserError(`The folder ${folder} does not exist: create it first, or point --db (or OUTCALL_DB) at another file.`);
  }
  const isNew = !existsSync(file);
  try {
    const db = openDatabase(file);
    if (isNew) note(`Created a new database at ${file}.`);
    return db;
  } catch (e) {
    throw new UserError(describeError(e, file) ?? `Cannot open ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A file to read: it must exist and be a file, not a folder. */
export function inputFile(path: string): string {
  const file = resolve(path);
  if (!existsSync(file)) throw new UserError(`Cannot read ${file}: no such file.`);
  if (statSync(file).isDirectory()) throw new UserError(`Cannot read ${file}: it is a folder, not a file.`);
  return file;
}

type Coded = Error & { code?: string; path?: string };

/**
 * One line for an error the file system or SQLite raised, or null for one it does not know:
 * a damaged or foreign file, a read-only or locked database, a missing or read-only folder.
 */
export function describeError(e: unknown, subject?: string): string | null {
  if (!(e instanceof Error)) return null;
  if (e instanceof UserError) return e.message;
  const { code, path } = e as Coded;
  const what = path ?? subject ?? 'the file';
  switch (code) {
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT':
      return `${what} is not an Outcall database, or it is damaged (${e.message}). Point --db at another file, or restore a backup.`;
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
      return `${what} is read-only: Outcall needs to write to the database file and its folder.`;
    case 'SQLITE_CANTOPEN':
      return `Cannot open ${what}: check that you may read and write the file and its folder.`;
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return `${what} is busy in another program (the desktop app importing, or another command): try again in a moment.`;
    case 'SQLITE_FULL':
    case 'ENOSPC':
      return `The disk is full: ${what} could not be written.`;
    case 'ENOENT':
      return `${what}: no such file or folder${path ? ` (the folder ${dirname(path)} must exist)` : ''}.`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `${what}: permission denied (read-only, or not yours to write).`;
    case 'EISDIR':
      return `${what} is a folder, not a file.`;
    case 'ENOTDIR':
      return `${what}: part of the path is a file, not a folder.`;
    default:
      return null;
  }
}
