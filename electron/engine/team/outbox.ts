/**
 * The desk's outbox (SQLite migration 9): a call logged in team mode is written here first, in
 * the desk's own database, under the id the desk made for it; then it is sent to the team
 * database, oldest first, until the server answers. The connection can drop at any point: a
 * call whose answer was lost is sent again, and log_call stores a re-sent id once.
 */
import { z } from 'zod';
import type { DB } from '../db/open.ts';
import { iso } from '../clock.ts';
import { isUserError } from '../errors.ts';
import type { LogAnswer, TeamCall } from './desk.ts';

/** The server refused an entry this many times (not a lost connection): it waits for a person. */
export const MAX_REFUSALS = 5;
/** At most this many entries per drain, so one drain is bounded. */
const DRAIN_BATCH = 500;

const date = z.iso.datetime({ offset: true }).transform((v) => new Date(v));
/** A TeamCall as the outbox keeps it (JSON: its dates as ISO strings), checked when read back. */
export const teamCallPayload = z.object({
  id: z.uuid(),
  recordId: z.number().int().positive(),
  callerId: z.number().int().positive(),
  leaseToken: z.uuid(),
  startedAt: date,
  endedAt: date,
  events: z.array(z.string().max(64)).max(100),
  result: z.string().min(1).max(100),
  level: z.string().min(1).max(100),
  pitched: z.boolean(),
  closes: z.boolean(),
  nextCallAt: date.nullable(),
  phone: z.string().max(20).nullable(),
  notes: z.string().max(20_000),
  doNotCall: z.array(z.string().max(20)).max(50),
  doNotCallReason: z.string().max(500),
}) satisfies z.ZodType<TeamCall, unknown>;

/** What an outbox keeps: anything with the desk's own id, that a zod schema reads back from JSON. */
export interface OutboxEntry<T> {
  id: string;
  call: T;
  createdAt: string;
  attempts: number;
  refusals: number;
  lastError: string | null;
}

export interface DrainResult<T> {
  sent: { id: string; answer: LogAnswer; call: T }[];
  /** The connection failed meanwhile: what is left waits for the next drain. */
  cut: Error | null;
}

/** Whether an error means the team database could not be reached (not that it refused). */
export function isConnectionError(e: unknown): boolean {
  if (!(e instanceof Error) || isUserError(e)) return false;
  // A mistake in the desk's own code is no lost connection.
  if (e instanceof TypeError || e instanceof RangeError || e instanceof SyntaxError || e instanceof z.ZodError) return false;
  const code = (e as { code?: unknown }).code;
  if (typeof code === 'string') {
    // The socket's own errors: ECONNREFUSED, ECONNRESET, ETIMEDOUT, EPIPE, EHOSTUNREACH...
    if (/^E[A-Z]+$/.test(code)) return true;
    // SQLSTATE class 08 (connection exception), 57P01-57P03 (shut down, crashed, starting up);
    // any other SQLSTATE is the server's answer.
    return /^(08|57P0[123])/.test(code);
  }
  // No code: pg's own words for a cut ("Connection terminated unexpectedly", a query or
  // connection timeout).
  return true;
}

/**
 * The outbox of calls `T` (TeamCall by default; another store's call with its own schema and
 * sender works the same way).
 */
export class Outbox<T extends { id: string } = TeamCall> {
  private readonly db: DB;
  private readonly payload: z.ZodType<T, unknown>;
  constructor(db: DB, payload: z.ZodType<T, unknown> = teamCallPayload as unknown as z.ZodType<T, unknown>) {
    this.db = db;
    this.payload = payload;
  }

  /** Keeps the call for sending. Runs inside the caller's own transaction when there is one. */
  enqueue(call: T, at: Date = new Date()): void {
    // Checked on the way in too: what cannot be read back is refused now, not at sending.
    const payload = JSON.stringify(call);
    this.payload.parse(JSON.parse(payload));
    this.db.prepare('INSERT INTO outbox (id, payload, created_at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING').run(call.id, payload, iso(at));
  }

  /** Calls not sent yet, oldest first: those the server refused MAX_REFUSALS times are left out. */
  pending(limit = DRAIN_BATCH): OutboxEntry<T>[] {
    const rows = this.db
      .prepare(
        `SELECT id, payload, created_at AS createdAt, attempts, refusals, last_error AS lastError FROM outbox
         WHERE sent_at IS NULL AND refusals < ? ORDER BY created_at, rowid LIMIT ?`,
      )
      .all(MAX_REFUSALS, limit) as { id: string; payload: string; createdAt: string; attempts: number; refusals: number; lastError: string | null }[];
    return rows.map(({ payload, ...row }) => ({ ...row, call: this.payload.parse(JSON.parse(payload)) }));
  }

  /** Whether the call waits here, not sent yet. */
  holds(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM outbox WHERE id = ? AND sent_at IS NULL').get(id) !== undefined;
  }

  /** Takes a call back before it was sent (Undo while offline): false when it has gone already. */
  withdraw(id: string): boolean {
    return this.db.prepare('DELETE FROM outbox WHERE id = ? AND sent_at IS NULL').run(id).changes > 0;
  }

  /** Calls the server refused MAX_REFUSALS times, with its last words. */
  stuck(): { id: string; lastError: string }[] {
    return this.db
      .prepare('SELECT id, last_error AS lastError FROM outbox WHERE sent_at IS NULL AND refusals >= ? ORDER BY created_at, rowid')
      .all(MAX_REFUSALS) as { id: string; lastError: string }[];
  }

  /** How many calls wait to be sent. */
  waiting(): number {
    return this.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND refusals < ?').pluck().get(MAX_REFUSALS) as number;
  }

  /**
   * Sends what waits, oldest first, each until answered. A lost connection stops the drain (the
   * rest waits, in order); a refusal is counted against that call and the next one goes.
   */
  async drain(send: (call: T) => Promise<LogAnswer>, now: () => Date = () => new Date()): Promise<DrainResult<T>> {
    const sent: DrainResult<T>['sent'] = [];
    for (const entry of this.pending()) {
      try {
        const answer = await send(entry.call);
        this.db.prepare('UPDATE outbox SET attempts = attempts + 1, sent_at = ?, answer = ?, last_error = NULL WHERE id = ?').run(iso(now()), answer, entry.id);
        sent.push({ id: entry.id, answer, call: entry.call });
      } catch (e) {
        const message = (e instanceof Error ? e.message : String(e)).slice(0, 500) || 'no answer';
        const cut = isConnectionError(e);
        this.db.prepare('UPDATE outbox SET attempts = attempts + 1, refusals = refusals + ?, last_error = ? WHERE id = ?').run(cut ? 0 : 1, message, entry.id);
        if (cut) return { sent, cut: e instanceof Error ? e : new Error(message) };
      }
    }
    return { sent, cut: null };
  }
}
