import type { DB } from './db/open.ts';

/**
 * What one logged call changed, written in the same transaction as the change itself: each
 * row inserted, and for each row updated the earlier values of the columns it touched. Undoing
 * the log walks the entries backwards, whatever the result code's effects were (record state,
 * task, appointment, do-not-call entries and the numbers they mark): no case per outcome.
 */

/** The tables a log writes to and the key that names one of their rows. */
const KEYS = { calls: 'id', records: 'id', tasks: 'id', appointments: 'id', deals: 'id', dnc: 'e164', dnc_log: 'id', phones: 'id' } as const;
export type JournalTable = keyof typeof KEYS;
type Key = number | string;

export interface Journal {
  /** A row was just inserted. */
  inserted(table: JournalTable, key: Key): void;
  /** These columns of these rows are about to be updated: keep their current values. */
  updating(table: JournalTable, keys: readonly Key[], columns: readonly string[]): void;
}

const COLUMN = /^[a-z_]+$/;

export function callJournal(db: DB, callId: number): Journal {
  const add = db.prepare('INSERT INTO call_changes (call_id, tbl, row_key, op, before) VALUES (?, ?, ?, ?, ?)');
  return {
    inserted: (table, key) => void add.run(callId, table, JSON.stringify(key), 'insert', null),
    updating(table, keys, columns) {
      if (!columns.every((c) => COLUMN.test(c))) throw new Error(`bad column list ${columns.join(',')}`);
      const read = db.prepare(`SELECT ${columns.join(', ')} FROM ${table} WHERE ${KEYS[table]} = ?`);
      for (const key of keys) {
        const before = read.get(key) as Record<string, unknown> | undefined;
        if (before) add.run(callId, table, JSON.stringify(key), 'update', JSON.stringify(before));
      }
    },
  };
}

/** Reverts everything the journal of `callId` holds, latest change first. Run inside a transaction. */
export function revertCall(db: DB, callId: number): void {
  const changes = db.prepare('SELECT tbl, row_key AS rowKey, op, before FROM call_changes WHERE call_id = ? ORDER BY id DESC').all(callId) as {
    tbl: JournalTable;
    rowKey: string;
    op: 'insert' | 'update';
    before: string | null;
  }[];
  for (const c of changes) {
    const keyColumn = KEYS[c.tbl];
    if (!keyColumn) throw new Error(`call ${callId} journal names unknown table ${c.tbl}`);
    const key = JSON.parse(c.rowKey) as Key;
    if (c.op === 'insert') {
      db.prepare(`DELETE FROM ${c.tbl} WHERE ${keyColumn} = ?`).run(key);
    } else {
      const before = JSON.parse(c.before ?? '{}') as Record<string, unknown>;
      const columns = Object.keys(before).filter((k) => COLUMN.test(k));
      if (columns.length === 0) continue;
      db.prepare(`UPDATE ${c.tbl} SET ${columns.map((k) => `${k} = @${k}`).join(', ')} WHERE ${keyColumn} = @__key`).run({ ...before, __key: key });
    }
  }
}
