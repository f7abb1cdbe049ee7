/** The desk's outbox on a real SQLite file; what the team server answers is played by `send`. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UserError } from '../../electron/engine/errors.ts';
import { isConnectionError, MAX_REFUSALS, newCallId, Outbox, type LogAnswer } from '../../electron/engine/team/index.ts';
import { tempDb } from './helpers.ts';

const note = z.object({ id: z.uuid(), text: z.string().max(20) });
type Note = z.infer<typeof note>;
const made = (text: string): Note => ({ id: newCallId(), text });
const sqlError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('the outbox', () => {
  it('refuses at once what it could not read back, keeping nothing of it', () => {
    const { db } = tempDb();
    const outbox = new Outbox(db, note);
    expect(() => outbox.enqueue({ id: newCallId(), text: 'x'.repeat(21) })).toThrow(/too_big|at most|<=20/i);
    expect(() => new Outbox(db).enqueue({ id: 'not-a-uuid' } as never)).toThrow();
    expect(outbox.waiting()).toBe(0);
  });

  it('sends oldest first; a lost connection stops the drain and the rest waits in order; a second enqueue of an id is kept once', async () => {
    const { db } = tempDb();
    const outbox = new Outbox(db, note);
    const [a, b, c] = [made('a'), made('b'), made('c')];
    const t = (s: number) => new Date(Date.UTC(2026, 10, 24, 9, 0, s));
    outbox.enqueue(a, t(1));
    outbox.enqueue(b, t(2));
    outbox.enqueue(b, t(3));
    outbox.enqueue(c, t(4));
    expect(outbox.waiting()).toBe(3);

    const seen: string[] = [];
    const cutAtB = async (n: Note): Promise<LogAnswer> => {
      seen.push(n.text);
      if (n.text === 'b') throw new Error('Connection terminated unexpectedly');
      return 'stored';
    };
    const first = await outbox.drain(cutAtB);
    expect(first.sent).toEqual([{ id: a.id, answer: 'stored', call: a }]);
    expect(first.cut?.message).toBe('Connection terminated unexpectedly');
    expect(seen).toEqual(['a', 'b']);
    expect(outbox.pending().map((e) => [e.call.text, e.attempts, e.refusals, e.lastError])).toEqual([
      ['b', 1, 0, 'Connection terminated unexpectedly'],
      ['c', 0, 0, null],
    ]);

    const second = await outbox.drain(async () => 'duplicate');
    expect(second).toEqual({ sent: [{ id: b.id, answer: 'duplicate', call: b }, { id: c.id, answer: 'duplicate', call: c }], cut: null });
    expect(outbox.waiting()).toBe(0);
  });

  it(`counts the server's refusals; after ${MAX_REFUSALS} the call waits for a person and no longer holds up the others`, async () => {
    const { db } = tempDb();
    const outbox = new Outbox(db, note);
    const bad = made('bad');
    outbox.enqueue(bad);
    const refuse = async (n: Note): Promise<LogAnswer> => {
      if (n.id === bad.id) throw sqlError('23505', 'call was stored for another record or caller');
      return 'stored';
    };
    for (let i = 0; i < MAX_REFUSALS; i++) expect((await outbox.drain(refuse)).cut).toBeNull();
    outbox.enqueue(made('good'));
    expect((await outbox.drain(refuse)).sent).toHaveLength(1);
    expect(outbox.stuck()).toEqual([{ id: bad.id, lastError: 'call was stored for another record or caller' }]);
    expect(outbox.waiting()).toBe(0);
  });

  it('tells a lost connection from a refusal', () => {
    expect(isConnectionError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isConnectionError(sqlError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isConnectionError(sqlError('08006', 'connection failure'))).toBe(true);
    expect(isConnectionError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionError(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).toBe(true);
    expect(isConnectionError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isConnectionError(sqlError('P0002', 'record 9 does not exist'))).toBe(false);
    expect(isConnectionError(sqlError('23514', 'violates check constraint'))).toBe(false);
    expect(isConnectionError(new UserError('Call notes are at most 20,000 characters (these are 20,001).'))).toBe(false);
  });
});
