import { execFileSync, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../electron/engine/index.ts';
import { LATEST_VERSION } from '../../electron/engine/db/migrations.ts';

const require = createRequire(import.meta.url);

/** Database files the app meets in the wild and cannot open, each made in `dir`. */

/** A database written by a newer Outcall (a schema version this one does not know). */
export function newerDatabase(dir: string): string {
  const path = join(dir, 'outcall.db');
  const raw = new Database(path);
  raw.exec('CREATE TABLE from_the_future (x INTEGER) STRICT');
  raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
  raw.close();
  return path;
}

/** A file that is no SQLite database: a CSV saved under the database's name. */
export function notADatabase(dir: string): string {
  const path = join(dir, 'outcall.db');
  writeFileSync(path, 'Company,Phone\nAcme Pty Ltd,(02) 9999 0000\n'.repeat(200));
  return path;
}

/**
 * A data folder nobody may write in (no file in it yet). Root ignores permission bits, so for
 * root the folder is also made immutable; `release` undoes it so that it can be removed.
 */
export function readOnlyFolder(dir: string): { path: string; release: () => void } {
  const folder = join(dir, 'Outcall');
  mkdirSync(folder);
  chmodSync(folder, 0o555);
  const root = process.getuid?.() === 0;
  if (root) execFileSync('chattr', ['+i', folder]);
  return {
    path: join(folder, 'outcall.db'),
    release: () => {
      if (root) execFileSync('chattr', ['-i', folder]);
      chmodSync(folder, 0o755);
    },
  };
}

/** An Outcall database another process holds an exclusive lock on until `release`. */
export async function lockedDatabase(dir: string): Promise<{ path: string; release: () => void }> {
  const path = join(dir, 'outcall.db');
  openDatabase(path).close();
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const db = new (require(${JSON.stringify(require.resolve('better-sqlite3'))}))(${JSON.stringify(path)});
       db.pragma('locking_mode = EXCLUSIVE');
       db.exec('BEGIN EXCLUSIVE; CREATE TABLE held_by_another_program (x INTEGER); COMMIT');
       console.log('locked');
       process.stdin.resume();`,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    holder.stdout.once('data', () => resolve());
    holder.once('exit', (code) => reject(new Error(`the lock holder ended (${code})`)));
  });
  return { path, release: () => void holder.kill() };
}
