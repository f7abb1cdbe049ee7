import type { DB } from './db/open.ts';
import { callerByName } from './callers.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { releaseAll } from './queue.ts';
import type { Shift } from '../../shared/ipc/types.ts';

export type { Shift };

export function openShift(db: DB, callerId: number): Shift | null {
  return (
    (db
      .prepare(
        `SELECT s.id, s.caller_id AS callerId, c.name AS caller, s.started_at AS startedAt, s.ended_at AS endedAt
         FROM shifts s JOIN callers c ON c.id = s.caller_id WHERE s.caller_id = ? AND s.ended_at IS NULL`,
      )
      .get(callerId) as Shift | undefined) ?? null
  );
}

export function startShift(db: DB, callerName: string, at = new Date()): Shift {
  return db
    .transaction(() => {
      const caller = callerByName(db, callerName, at);
      const current = openShift(db, caller.id);
      if (current) throw new UserError(`${caller.name} is already on a shift, started ${current.startedAt}. End it first.`);
      const info = db.prepare('INSERT INTO shifts (caller_id, started_at) VALUES (?, ?)').run(caller.id, iso(at));
      return { id: Number(info.lastInsertRowid), callerId: caller.id, caller: caller.name, startedAt: iso(at), endedAt: null };
    })
    .immediate();
}

/** Ends the caller's shift and lets go of any record they were holding. */
export function endShift(db: DB, callerName: string, at = new Date()): Shift {
  return db
    .transaction(() => {
      const caller = callerByName(db, callerName, at);
      const current = openShift(db, caller.id);
      if (!current) throw new UserError(`${caller.name} has no shift to end.`);
      if (iso(at) < current.startedAt) {
        throw new UserError(`A shift cannot end (${iso(at)}) before it started (${current.startedAt}).`);
      }
      db.prepare('UPDATE shifts SET ended_at = ? WHERE id = ?').run(iso(at), current.id);
      releaseAll(db, caller.id);
      return { ...current, endedAt: iso(at) };
    })
    .immediate();
}
