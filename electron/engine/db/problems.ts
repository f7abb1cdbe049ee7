import { existsSync, renameSync, statSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { UserError } from '../errors.ts';

/**
 * Why a database file could not be opened, in one line a person can act on. The desktop app
 * shows it in its start-up window with what can be done; the command line prints it as is.
 */
export type DatabaseProblemKind = 'newer' | 'damaged' | 'read-only' | 'locked' | 'folder';

export class DatabaseProblem extends UserError {
  readonly kind: DatabaseProblemKind;
  readonly file: string;
  constructor(kind: DatabaseProblemKind, file: string, message: string) {
    super(message);
    this.name = 'DatabaseProblem';
    this.kind = kind;
    this.file = file;
  }
}

export function newerDatabase(file: string, schema: number, latest: number): DatabaseProblem {
  return new DatabaseProblem(
    'newer',
    file,
    `${file} was written by a newer version of Outcall (schema ${schema}; this version knows up to ${latest}). Update Outcall to open it; the file was not changed.`,
  );
}

const LOCKED = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_RECOVERY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']);
const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_INDEX']);
const NO_WRITE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_READONLY', 'SQLITE_READONLY_DIRECTORY', 'SQLITE_READONLY_CANTINIT', 'SQLITE_READONLY_CANTLOCK', 'SQLITE_IOERR_WRITE']);

/** The problem behind an error thrown while opening `file`, or null when it is none of the known ones. */
export function classifyOpenError(error: unknown, file: string): DatabaseProblem | null {
  if (error instanceof DatabaseProblem) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const detail = error instanceof Error ? error.message : String(error);
  if (isFolder(file)) return new DatabaseProblem('folder', file, `${file} is a folder, not a database file. Choose the .db file itself.`);
  if (typeof code !== 'string') return null;
  if (LOCKED.has(code)) {
    return new DatabaseProblem(
      'locked',
      file,
      `${file} is locked by another program (another Outcall, the outcall command or a database tool is using it). Close that program and try again.`,
    );
  }
  if (DAMAGED.has(code)) {
    return new DatabaseProblem('damaged', file, `${file} is not an Outcall database, or it is damaged (SQLite: ${detail}). The file was not changed.`);
  }
  if (NO_WRITE.has(code)) {
    return new DatabaseProblem(
      'read-only',
      file,
      `Outcall cannot write its database ${file}: the folder ${dirname(file)} or the file is read-only, or you may not write there (${detail}).`,
    );
  }
  return null;
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Moves `file` (with its write-ahead log and shared-memory files) aside to a name with the date,
 * in the same folder, so that a fresh database can take its place. Nothing is deleted. Returns
 * the new name.
 */
export function setAside(file: string, now: Date): string {
  const ext = extname(file);
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  let aside = join(dirname(file), `${basename(file, ext)}.set-aside-${stamp}${ext || '.db'}`);
  for (let n = 2; existsSync(aside); n++) aside = join(dirname(file), `${basename(file, ext)}.set-aside-${stamp}-${n}${ext || '.db'}`);
  renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) if (existsSync(file + suffix)) renameSync(file + suffix, aside + suffix);
  return aside;
}
