import { describe, expect, it } from 'vitest';
import { callerByName, logCall, queueFor, release, takeNext, updateCampaign } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T15:00:00Z'); // a Monday
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);
const days = (d: number) => hours(d * 24);
const ids = (items: { id: number }[]) => items.map((i) => i.id);

describe('queue order', () => {
  it('offers due follow-ups (oldest due first), then fresh records in list order, then retries whose delay passed', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a, b, cc, d, e] = await seed(db, c, ['A', 'B', 'C', 'D', 'E'].map((company, i) => ({ company, phone: us(i) })));
    const log = (recordId: number | undefined, events: string, result: string, followUpAt?: Date) =>
      logCall(db, { recordId: recordId ?? 0, caller: 'Alice', events: events.split(' ') as never, result, followUpAt, at: T0 });
    log(a, 'DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact'); // retry after 48 h
    log(b, 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_follow_up', days(7)); // closed, task in 7 days
    log(cc, 'DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP', 'no_contact', days(1)); // call-back task tomorrow

    expect(ids(queueFor(db, c, { at: hours(1), limit: 10 }))).toEqual([d, e]);
    const at3 = queueFor(db, c, { at: days(3), limit: 10 });
    expect(at3.map((q) => [q.id, q.reason])).toEqual([
      [cc, 'follow_up_due'],
      [d, 'fresh'],
      [e, 'fresh'],
      [a, 'retry'],
    ]);
    expect(ids(queueFor(db, c, { at: days(8), limit: 10 }))).toEqual([cc, b, d, e, a]);
    expect(queueFor(db, c, { at: days(8), limit: 2 }).map((q) => q.reason)).toEqual(['follow_up_due', 'follow_up_due']);
  });

  it('never offers closed records, and respects the retry delay and the attempt limit', async () => {
    const { db } = tempDb();
    const c = campaign(db, { retryDelayHours: 4, maxAttempts: 2 });
    const [a, b] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    logCall(db, { recordId: a ?? 0, caller: 'Al', events: ['DIAL', 'WRONG_NUMBER'], result: 'wrong_number', at: T0 });
    logCall(db, { recordId: b ?? 0, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: T0 });
    expect(ids(queueFor(db, c, { at: hours(3), limit: 10 }))).toEqual([]);
    expect(ids(queueFor(db, c, { at: hours(5), limit: 10 }))).toEqual([b]);
    logCall(db, { recordId: b ?? 0, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: hours(5) });
    // Two attempts made, the campaign allows two: B is not offered again.
    expect(ids(queueFor(db, c, { at: days(30), limit: 10 }))).toEqual([]);
    updateCampaign(db, c.id, { maxAttempts: null });
    expect(ids(queueFor(db, c.id, { at: days(30), limit: 10 }))).toEqual([b]);
  });
});

describe('calling hours in the record\'s own time zone', () => {
  it('offers a record only inside the campaign window where the record is', async () => {
    const { db } = tempDb();
    const c = campaign(db); // window set below: Mon-Fri 09:00-17:00
    const office = { start: '09:00', end: '17:00' };
    updateCampaign(db, c.id, { callingWindow: { mon: office, tue: office, wed: office, thu: office, fri: office, sat: null, sun: null } });
    const [ny, la, byPhone] = await seed(db, c, [
      { company: 'New York', phone: us(1), state: 'NY' },
      { company: 'Los Angeles', phone: us(2), state: 'CA' },
      // No state: the zone comes from the number's area code (213 = Los Angeles).
      { company: 'LA by number', phone: '(213) 555-0199' },
    ]);
    const at = (isoTime: string) => ids(queueFor(db, c.id, { at: new Date(isoTime), limit: 10 }));
    expect(at('2026-11-23T13:30:00Z')).toEqual([]); // 08:30 in New York
    expect(at('2026-11-23T14:30:00Z')).toEqual([ny]); // 09:30 NY, 06:30 LA
    expect(at('2026-11-23T17:30:00Z')).toEqual([ny, la, byPhone]); // 12:30 NY, 09:30 LA
    expect(at('2026-11-23T22:30:00Z')).toEqual([la, byPhone]); // 17:30 NY, 14:30 LA
    expect(at('2026-11-28T17:30:00Z')).toEqual([]); // Saturday
  });
});

describe('a record being worked is held for its caller', () => {
  it('is not offered to another caller until logged or let go', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a, b] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const alice = callerByName(db, 'Alice').id;
    const bob = callerByName(db, 'Bob').id;
    expect(takeNext(db, c.id, alice, T0)?.id).toBe(a);
    expect(takeNext(db, c.id, alice, T0)?.id).toBe(a); // the same record back, not a second one
    expect(takeNext(db, c.id, bob, T0)?.id).toBe(b);
    expect(ids(queueFor(db, c, { at: T0, limit: 10, callerId: bob }))).toEqual([b]);
    expect(() =>
      logCall(db, { recordId: a ?? 0, caller: 'Bob', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: T0 }),
    ).toThrow(`Record ${a} is being worked by Alice.`);
    expect(release(db, a ?? 0, alice)).toBe(true);
    expect(ids(queueFor(db, c, { at: T0, limit: 10, callerId: bob }))).toEqual([a, b]);
    // Logging lets go too.
    takeNext(db, c.id, alice, T0);
    logCall(db, { recordId: a ?? 0, caller: 'Alice', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: T0 });
    expect(db.prepare('SELECT locked_by FROM records WHERE id = ?').pluck().get(a)).toBeNull();
  });
});
