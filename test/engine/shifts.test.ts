import { describe, expect, it } from 'vitest';
import { addDnc, addShift, callerByName, endShift, logCall, shiftTotals, startShift, summaryLine, takeNext, type DB } from '../../electron/engine/index.ts';
import { createEngineApi } from '../../electron/engine/api.ts';
import { DEFAULT_CALLING_WINDOW } from '../../shared/calling-window.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z'); // Monday 12:00 in Sydney (the tests' local zone)
const at = (m: number) => new Date(T0.getTime() + m * 60_000);
const ev = (s: string) => s.split(' ') as never;
const NO_ANSWER = ev('DIAL NO_ANSWER');
const count = (db: DB, table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
const shiftOf = (db: DB, callId: number) => db.prepare('SELECT shift_id FROM calls WHERE id = ?').pluck().get(callId) as number | null;

describe('logging a call applies the dial checks, with or without the number dialled', () => {
  it('refuses a record whose numbers are all on do-not-call, and writes nothing', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'Quiet Co', phone: us(1), phone2: us(2) }]);
    addDnc(db, us(1), { by: 'M' });
    addDnc(db, us(2), { by: 'M' });
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: T0 })).toThrow(
      `Record ${id} has no number off the do-not-call list: it cannot have been called.`,
    );
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', phone: '+12015550102', at: T0 })).toThrow(
      '+12015550102 is on the do-not-call list and cannot have been dialled.',
    );
    expect(count(db, 'calls')).toBe(0);
  });

  it('refuses a call outside the calling window in the record\'s zone, naming its local time', async () => {
    const { db } = tempDb();
    const c = campaign(db, { callingWindow: DEFAULT_CALLING_WINDOW });
    const [id = 0] = await seed(db, c, [{ company: 'Night Co', phone: us(1), state: 'NY' }]);
    const night = new Date('2026-11-24T08:00:00Z'); // Tuesday 03:00 in New York
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: night })).toThrow(
      `Record ${id} was outside its calling hours then: Tue 03:00 in America/New_York (calling hours that day are 09:00-17:00).`,
    );
    const saturday = new Date('2026-11-28T15:00:00Z');
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', phone: '+12015550101', at: saturday })).toThrow(
      /Sat 10:00 in America\/New_York \(no calls that day\)/,
    );
    expect(count(db, 'calls')).toBe(0);
    expect(logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: new Date('2026-11-24T15:00:00Z') }).status).toBe('open');
  });

  it('accepts a call the caller took inside calling hours and logs after the window closed', async () => {
    const { db } = tempDb();
    const c = campaign(db, { callingWindow: DEFAULT_CALLING_WINDOW });
    const [taken = 0, other = 0] = await seed(db, c, [{ company: 'Late Co', phone: us(1), state: 'NY' }, { company: 'Other Co', phone: us(2), state: 'NY' }]);
    const al = callerByName(db, 'Al');
    expect(takeNext(db, c.id, al.id, new Date('2026-11-23T21:55:00Z'))?.id).toBe(taken); // Monday 16:55 in New York
    const after = new Date('2026-11-23T22:05:00Z');
    expect(logCall(db, { recordId: taken, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: after }).status).toBe('open');
    expect(() => logCall(db, { recordId: other, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: after })).toThrow(/Mon 17:05 in America\/New_York/);
    // Held since the afternoon is no pass for a call logged at 03:00.
    expect(takeNext(db, c.id, al.id, new Date('2026-11-24T21:55:00Z'))?.id).toBe(other);
    expect(() => logCall(db, { recordId: other, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: new Date('2026-11-25T08:00:00Z') })).toThrow(/Wed 03:00/);
  });

  it('refuses an unknown result with the codes of the record\'s scheme, those legal for the call first', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }]);
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_answer', at: T0 })).toThrow(
      /^"no_answer" is not a result code of .+\. Legal for this call: no_contact, wrong_number, duplicate\. Codes of the scheme: no_contact, follow_up, .*not_a_good_fit\.$/,
    );
  });
});

describe('a call belongs to the shift whose start and end contain it', () => {
  it('live, entered afterwards inside an ended shift, and outside every shift', async () => {
    const { db } = tempDb();
    const ids = await seed(db, campaign(db), Array.from({ length: 5 }, (_, i) => ({ company: `Co ${i}`, phone: us(i) })));
    const log = (i: number, when: Date) => logCall(db, { recordId: ids[i] ?? 0, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: when }).callId;
    const morning = startShift(db, 'Al', at(0));
    const live = log(0, at(10));
    endShift(db, 'Al', at(60));
    const evening = startShift(db, 'Al', at(300));
    const late = log(1, at(30)); // entered during the evening shift, made in the morning one
    const between = log(2, at(120));
    expect([shiftOf(db, live), shiftOf(db, late), shiftOf(db, between)]).toEqual([morning.id, morning.id, null]);
    expect(shiftOf(db, log(3, at(310)))).toBe(evening.id);
  });

  it('a shift entered afterwards takes the calls made in it, and may not overlap another', async () => {
    const { db } = tempDb();
    const ids = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const first = logCall(db, { recordId: ids[0] ?? 0, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: at(30) }).callId;
    const early = logCall(db, { recordId: ids[1] ?? 0, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: at(-30) }).callId;
    const shift = startShift(db, 'Al', at(0));
    expect([shiftOf(db, first), shiftOf(db, early)]).toEqual([shift.id, null]);
    endShift(db, 'Al', at(60));
    expect(() => startShift(db, 'Al', at(45))).toThrow(
      `A shift starting ${at(45).toISOString()} would overlap Al's shift from ${at(0).toISOString()} to ${at(60).toISOString()}.`,
    );
  });

  it('a past shift entered with its start and end takes only the calls made in it', async () => {
    const { db } = tempDb();
    const ids = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const inside = logCall(db, { recordId: ids[0] ?? 0, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: at(30) }).callId;
    const after = logCall(db, { recordId: ids[1] ?? 0, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: at(600) }).callId;
    const shift = addShift(db, 'Al', at(0), at(480));
    expect([shiftOf(db, inside), shiftOf(db, after)]).toEqual([shift.id, null]);
    expect(() => addShift(db, 'Al', at(470), at(500))).toThrow(/overlap Al's shift from/);
    expect(() => addShift(db, 'Al', at(700), at(690))).toThrow(/cannot end .* before it starts/);
    expect(() => startShift(db, 'Al', at(100))).toThrow(/would overlap/);
  });

  it('a shift cannot end before a call it holds', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }]);
    startShift(db, 'Al', at(0));
    const call = logCall(db, { recordId: id, caller: 'Al', events: NO_ANSWER, result: 'no_contact', at: at(90) }).callId;
    expect(() => endShift(db, 'Al', at(60))).toThrow(
      `The shift cannot end at ${at(60).toISOString()}: it holds call ${call}, which ended ${at(90).toISOString()}. End it then or later.`,
    );
    expect(endShift(db, 'Al', at(90)).endedAt).toBe(at(90).toISOString());
  });
});

describe('timesheet rows', () => {
  it('an open shift is open, with its hours so far; calls outside shifts say so', async () => {
    const { db } = tempDb();
    const ids = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    logCall(db, { recordId: ids[0] ?? 0, caller: 'Bo', events: NO_ANSWER, result: 'no_contact', at: at(-90) });
    startShift(db, 'Bo', at(60)); // 13:00 in Sydney
    logCall(db, { recordId: ids[1] ?? 0, caller: 'Bo', events: NO_ANSWER, result: 'no_contact', at: at(100) });
    const [outside, open] = shiftTotals(db, { from: '2026-11-23', to: '2026-11-23', now: at(210) });
    expect(open).toMatchObject({ shift_start: '2026-11-23 13:00', shift_end: '', shift: 'open (hours so far)', hours: 2.5, dials: 1 });
    expect(summaryLine(open ?? {})).toMatch(/^2026-11-23 Bo 13:00-open \(2\.50 h so far\): 1 dial,/);
    expect(outside).toMatchObject({ shift_start: '', shift_end: '', shift: 'calls outside any shift', hours: 0, dials: 1 });
    expect(summaryLine(outside ?? {})).toMatch(/^2026-11-23 Bo outside any shift: 1 dial,/);
  });

  it('the desk\'s summary of a shift still open gives its hours so far, never "-?"', async () => {
    const { db } = tempDb();
    let now = at(60);
    const api = createEngineApi(db, () => now);
    api.startShift('Bo');
    now = at(60 + 150);
    expect(api.shiftSummary('Bo').line).toBe(
      '2026-11-23 Bo 13:00-open (2.50 h so far): 0 dials, 0 reception, 0 DM, 0 pitches, 0 leads (Email Only 0, Email Follow Up 0, Nurture 0), 0 appointments',
    );
    expect(api.totals('2026-11-23', '2026-11-23').rows).toEqual([expect.objectContaining({ shift_end: '', shift: 'open (hours so far)', hours: 2.5 })]);
  });

  it('a shift past midnight keeps the day it started, with its hours', async () => {
    const { db } = tempDb();
    startShift(db, 'Cy', new Date('2026-11-23T11:00:00Z')); // 22:00 in Sydney
    endShift(db, 'Cy', new Date('2026-11-23T15:30:00Z')); // 02:30 the next day
    const rows = shiftTotals(db, { from: '2026-11-23', to: '2026-11-24' });
    expect(rows).toEqual([expect.objectContaining({ date: '2026-11-23', shift_start: '2026-11-23 22:00', shift_end: '2026-11-24 02:30', hours: 4.5 })]);
    expect(summaryLine(rows[0] ?? {})).toMatch(/^2026-11-23 Cy 22:00-02:30 2026-11-24 \(4\.50 h\)/);
    expect(shiftTotals(db, { from: '2026-11-24', to: '2026-11-24' })).toEqual([]);
  });

  it('days and times are read and written in the zone asked for, named in every row', async () => {
    const { db } = tempDb();
    startShift(db, 'Di', new Date('2026-11-23T14:00:00Z'));
    endShift(db, 'Di', new Date('2026-11-23T22:00:00Z'));
    expect(shiftTotals(db, { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York' })).toEqual([
      expect.objectContaining({ date: '2026-11-23', shift_start: '2026-11-23 09:00', shift_end: '2026-11-23 17:00', time_zone: 'America/New_York', hours: 8 }),
    ]);
    expect(shiftTotals(db, { from: '2026-11-24', to: '2026-11-24' })).toEqual([
      expect.objectContaining({ shift_start: '2026-11-24 01:00', shift_end: '2026-11-24 09:00', time_zone: 'Australia/Sydney' }),
    ]);
    expect(() => shiftTotals(db, { from: '2026-11-23', to: '2026-11-23', zone: 'Mars/Olympus' })).toThrow(/"Mars\/Olympus" is not a time zone/);
  });
});
