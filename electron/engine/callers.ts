import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';

export interface Caller {
  id: number;
  name: string;
}

/** The caller with this name, created on first use (callers are people, named at the desk). */
export function callerByName(db: DB, name: string, now = new Date()): Caller {
  const clean = name.trim();
  if (!clean) throw new UserError('A caller name is needed.', [{ field: 'caller', message: 'Empty caller name.' }]);
  const found = db.prepare('SELECT id, name FROM callers WHERE name = ?').get(clean) as Caller | undefined;
  if (found) return found;
  const info = db.prepare('INSERT INTO callers (name, created_at) VALUES (?, ?)').run(clean, iso(now));
  return { id: Number(info.lastInsertRowid), name: clean };
}
