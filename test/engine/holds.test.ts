import { describe, expect, it } from 'vitest';
import { callerByName, HOLD_MS, logCall, queueFor, takeNext, whyQueueIsEmpty } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T15:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

describe('a record held in solo mode is held for a while, not for ever', () => {
  it('is offered again once the hold ran out, and the caller who let it lapse can still log it', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a, b] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const ann = callerByName(db, 'Ann').id;
    const ben = callerByName(db, 'Ben').id;
    expect(takeNext(db, c.id, ann, T0)?.id).toBe(a);
    // Just before it runs out, Ben is told who holds it and gets the next one.
    expect(queueFor(db, c, { at: later(HOLD_MS - 1000), limit: 5, callerId: ben }).map((r) => r.id)).toEqual([b]);
    expect(whyQueueIsEmpty(db, c, later(HOLD_MS - 1000), ben)).toContain('1 open record is held by Ann.');
    // Once it ran out, A comes first again and nobody is said to hold it.
    expect(queueFor(db, c, { at: later(HOLD_MS), limit: 5, callerId: ben }).map((r) => r.id)).toEqual([a, b]);
    expect(whyQueueIsEmpty(db, c, later(HOLD_MS), ben).join(' ')).not.toContain('held by');
    // Ann, back at her desk, logs it; nobody else had taken it.
    const logged = logCall(db, { recordId: a ?? 0, caller: 'Ann', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: later(HOLD_MS + 60_000) });
    expect(logged.status).toBe('open');
  });

  it('a lapsed hold taken by another caller is theirs: the first caller may no longer log it', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    const ann = callerByName(db, 'Ann').id;
    const ben = callerByName(db, 'Ben').id;
    expect(takeNext(db, c.id, ann, T0)?.id).toBe(a);
    expect(takeNext(db, c.id, ben, later(HOLD_MS + 1))?.id).toBe(a);
    expect(() => logCall(db, { recordId: a ?? 0, caller: 'Ann', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: later(HOLD_MS + 2) })).toThrow(
      `Record ${a} is being worked by Ben.`,
    );
  });

  it('a caller whose own hold ran out gets the record back held afresh', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    const ann = callerByName(db, 'Ann').id;
    const ben = callerByName(db, 'Ben').id;
    takeNext(db, c.id, ann, T0);
    expect(takeNext(db, c.id, ann, later(HOLD_MS * 2))?.id).toBe(a);
    expect(takeNext(db, c.id, ben, later(HOLD_MS * 2 + 1000))).toBeNull();
  });
});
