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

/** The caller's shift whose start and end (or, while open, its start onwards) contain `at`. */
export function shiftAt(db: DB, callerId: number, at: Date): Shift | null {
  return (
    (db
      .prepare(
        `SELECT s.id, s.caller_id AS callerId, c.name AS caller, s.started_at AS startedAt, s.ended_at AS endedAt
         FROM shifts s JOIN callers c ON c.id = s.caller_id
         WHERE s.caller_id = @callerId AND s.started_at <= @at AND (s.ended_at IS NULL OR s.ended_at >= @at)
         ORDER BY s.started_at DESC LIMIT 1`,
      )
      .get({ callerId, at: iso(at) }) as Shift | undefined) ?? null
  );
}

/**
 * Starts a caller's shift at `at` (now, or earlier when entered afterwards). It may not overlap
 * another of their shifts; calls of theirs already logged from `at` on, outside any shift,
 * become this shift's.
 */
export function startShift(db: DB, callerName: string, at = new Date()): Shift {
  return db
    .transaction(() => {
      const caller = callerByName(db, callerName, at);
      const current = openShift(db, caller.id);
      if (current) throw new UserError(`${caller.name} is already on a shift, started ${current.startedAt}. End it first.`);
      const later = db
        .prepare('SELECT started_at AS startedAt, ended_at AS endedAt FROM shifts WHERE caller_id = ? AND ended_at > ? ORDER BY started_at LIMIT 1')
        .get(caller.id, iso(at)) as { startedAt: string; endedAt: string } | undefined;
      if (later) {
        throw new UserError(`A shift starting ${iso(at)} would overlap ${caller.name}'s shift from ${later.startedAt} to ${later.endedAt}.`);
      }
      const info = db.prepare('INSERT INTO shifts (caller_id, started_at) VALUES (?, ?)').run(caller.id, iso(at));
      const id = Number(info.lastInsertRowid);
      db.prepare('UPDATE calls SET shift_id = ? WHERE caller_id = ? AND shift_id IS NULL AND started_at >= ?').run(id, caller.id, iso(at));
      return { id, callerId: caller.id, caller: caller.name, startedAt: iso(at), endedAt: null };
    })
    .immediate();
}

/** Ends the caller's shift, never before a call it holds, and lets go of any record they held. */
export function endShift(db: DB, callerName: string, at = new Date()): Shift {
  return db
    .transaction(() => {
      const caller = callerByName(db, callerName, at);
      const current = openShift(db, caller.id);
      if (!current) throw new UserError(`${caller.name} has no shift to end.`);
      if (iso(at) < current.startedAt) {
        throw new UserError(`A shift cannot end (${iso(at)}) before it started (${current.startedAt}).`);
      }
      const last = db
        .prepare('SELECT id, ended_at AS endedAt FROM calls WHERE shift_id = ? AND ended_at > ? ORDER BY ended_at DESC LIMIT 1')
        .get(current.id, iso(at)) as { id: number; endedAt: string } | undefined;
      if (last) {
        throw new UserError(`The shift cannot end at ${iso(at)}: it holds call ${last.id}, which ended ${last.endedAt}. End it then or later.`);
      }
      db.prepare('UPDATE shifts SET ended_at = ? WHERE id = ?').run(iso(at), current.id);
      releaseAll(db, caller.id);
      return { ...current, endedAt: iso(at) };
    })
    .immediate();
}

/**
 * A shift entered afterwards, start and end at once: it may not overlap another shift of the
 * caller, takes their calls made in it that no shift holds, and may not end before one of them.
 */
export function addShift(db: DB, callerName: string, from: Date, to: Date): Shift {
  return db
    .transaction(() => {
      const caller = callerByName(db, callerName, from);
      if (to <= from) throw new UserError(`A shift cannot end (${iso(to)}) before it starts (${iso(from)}).`);
      const other = db
        .prepare(
          `SELECT started_at AS startedAt, ended_at AS endedAt FROM shifts
           WHERE caller_id = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at LIMIT 1`,
        )
        .get(caller.id, iso(to), iso(from)) as { startedAt: string; endedAt: string | null } | undefined;
      if (other) {
        throw new UserError(`That shift would overlap ${caller.name}'s shift from ${other.startedAt} ${other.endedAt ? `to ${other.endedAt}` : '(still open)'}.`);
      }
      const info = db.prepare('INSERT INTO shifts (caller_id, started_at, ended_at) VALUES (?, ?, ?)').run(caller.id, iso(from), iso(to));
      const id = Number(info.lastInsertRowid);
      db.prepare('UPDATE calls SET shift_id = ? WHERE caller_id = ? AND shift_id IS NULL AND started_at >= ? AND started_at <= ?').run(id, caller.id, iso(from), iso(to));
      const last = db.prepare('SELECT id, ended_at AS endedAt FROM calls WHERE shift_id = ? AND ended_at > ? ORDER BY ended_at DESC LIMIT 1').get(id, iso(to)) as
        | { id: number; endedAt: string }
        | undefined;
      if (last) throw new UserError(`The shift cannot end at ${iso(to)}: it holds call ${last.id}, which ended ${last.endedAt}. End it then or later.`);
      return { id, callerId: caller.id, caller: caller.name, startedAt: iso(from), endedAt: iso(to) };
    })
    .immediate();
}
