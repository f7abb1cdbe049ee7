import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';

export interface Caller {
  id: number;
  name: string;
}

const MAX_NAME = 100;

/** A caller's name trimmed; an empty or over-long one is refused. */
export function cleanCallerName(name: string): string {
  const c = name.trim();
  if (!c) throw new UserError('A caller name is needed.', [{ field: 'caller', message: 'Empty caller name.' }]);
  if (c.length > MAX_NAME) throw new UserError(`A caller name has at most ${MAX_NAME} characters.`, [{ field: 'caller', message: 'Name too long.' }]);
  return c;
}

/**
 * The caller with this name, created on first use: how the desktop app names the person at its
 * desk (Settings' caller name). The command line uses `findCaller` and `addCaller` instead.
 */
export function callerByName(db: DB, name: string, now = new Date()): Caller {
  const c = cleanCallerName(name);
  const found = db.prepare('SELECT id, name FROM callers WHERE name = ?').get(c) as Caller | undefined;
  if (found) return found;
  const info = db.prepare('INSERT INTO callers (name, created_at) VALUES (?, ?)').run(c, iso(now));
  return { id: Number(info.lastInsertRowid), name: c };
}

export function listCallers(db: DB): string[] {
  return db.prepare('SELECT name FROM callers ORDER BY name').pluck().all() as string[];
}

/** An existing caller; an unknown name is refused with the names that exist. */
export function findCaller(db: DB, name: string): Caller {
  const c = cleanCallerName(name);
  const found = db.prepare('SELECT id, name FROM callers WHERE name = ?').get(c) as Caller | undefined;
  if (found) return found;
  throw noSuchCaller(c, listCallers(db));
}

/** The refusal of an unknown caller name, with the names there are. */
export function noSuchCaller(c: string, callers: readonly string[]): UserError {
  const names = callers.map((n) => `"${n}"`);
  const known = names.length ? ` Callers: ${names.join(', ')}.` : ' There are no callers yet.';
  return new UserError(`There is no caller called "${c}".${known} Add one with: outcall caller add "${c}"`, [{ field: 'caller', message: 'Unknown caller.' }]);
}

/** The refusal of a caller name that is taken. */
export const callerNameTaken = (taken: string) => new UserError(`There is already a caller called "${taken}".`, [{ field: 'caller', message: 'Name taken.' }]);

/** Adds a caller; a name already taken (in any letter case) is refused. */
export function addCaller(db: DB, name: string, now = new Date()): Caller {
  const c = cleanCallerName(name);
  const taken = db.prepare('SELECT name FROM callers WHERE name = ?').pluck().get(c) as string | undefined;
  if (taken !== undefined) throw callerNameTaken(taken);
  const info = db.prepare('INSERT INTO callers (name, created_at) VALUES (?, ?)').run(c, iso(now));
  return { id: Number(info.lastInsertRowid), name: c };
}
