import type { Transaction } from 'better-sqlite3';
import type { DB } from './open.ts';

/**
 * Runs a write transaction (BEGIN IMMEDIATE) for a caller who is waiting on it: saving a call,
 * taking the next record. While an import runs, the write lock is free for a few milliseconds
 * between its short transactions; SQLite's own wait (busy_timeout) looks for a free lock only
 * every 50 to 100 ms once it has waited a while, and so could miss many such gaps in a row.
 * Here the lock is tried every millisecond, up to the connection's busy timeout, so the caller
 * waits for at most about one of the import's transactions.
 */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

export function promptly<T>(db: DB, tx: Transaction<() => T>): T {
  const timeout = db.pragma('busy_timeout', { simple: true }) as number;
  if (db.inTransaction || timeout === 0) return tx.immediate();
  const deadline = Date.now() + timeout;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        return tx.immediate();
      } catch (e) {
        // Only BEGIN can be refused the lock: once it is held, nothing else waits for one.
        if ((e as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= deadline) throw e;
        Atomics.wait(sleeper, 0, 0, 1);
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${timeout}`);
  }
}
