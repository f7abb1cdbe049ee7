import { describe, expect, it } from 'vitest';
import { callerByName, logCall, queueFor, shiftTotals, startShift, takeNext, undoLog, UNDO_WINDOW_MS, type DB } from '../../electron/engine/index.ts';
import { createEngineApi } from '../../electron/engine/api.ts';
import { localDate } from '../../electron/engine/totals.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const days = (d: number) => new Date(T0.getTime() + d * 86_400_000);
const ev = (s: string) => s.split(' ') as never;

/** Every row of every table a log may touch, to compare before a log and after its undo. */
function everything(db: DB) {
  const tables = ['calls', 'records', 'tasks', 'appointments', 'dnc', 'dnc_log', 'phones', 'shifts', 'callers'];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()]));
}

async function setUp() {
  const { db } = tempDb();
  const c = campaign(db);
  const ids = await seed(db, c, [
    { company: 'Angry Co', phone: us(1), phone2: '(201) 555-0177' },
    { company: 'Lead Co', phone: us(2) },
    { company: 'Next Co', phone: us(3) },
  ]);
  startShift(db, 'Al', T0);
  return { db, c, ids: ids as [number, number, number] };
}

describe('undo of the last log', () => {
  it('reverts Remove From Database: the call, the record, and every do-not-call entry and mark', async () => {
    const { db, c, ids } = await setUp();
    expect(takeNext(db, c.id, 1, at(0))?.id).toBe(ids[0]);
    const before = everything(db);
    const logged = logCall(db, { recordId: ids[0], caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'remove_from_database', at: at(1) });
    expect(logged.numbersAddedToDnc).toBe(2);
    // The caller takes the next record before noticing the mistake.
    expect(takeNext(db, c.id, 1, at(1))?.id).toBe(ids[1]);
    undoLog(db, { callId: logged.callId, caller: 'Al', at: at(2) });
    expect(everything(db)).toEqual(before);
    // The record is the caller's again, at its old attempt count.
    expect(takeNext(db, c.id, 1, at(2))?.id).toBe(ids[0]);
    expect(db.prepare('SELECT count(*) FROM call_changes').pluck().get()).toBe(0);
  });

  it('reverts a new lead, its task and the shift totals; a rolled task gets its old date back', async () => {
    const { db, ids } = await setUp();
    const first = logCall(db, { recordId: ids[1], caller: 'Al', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'email_follow_up', followUpAt: days(14), at: at(1) });
    const afterFirst = everything(db);
    const totals = () => shiftTotals(db, { from: localDate(T0), to: localDate(T0), caller: 'Al' })[0];
    expect(totals()).toMatchObject({ dials: 1, leads: 1, email_follow_up: 1 });

    // Two weeks on: a Follow Up rolls the task forward, then is undone.
    const roll = logCall(db, { recordId: ids[1], caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'follow_up', followUpAt: days(20), at: days(14) });
    expect(db.prepare('SELECT due_at FROM tasks').pluck().all()).toEqual([days(20).toISOString()]);
    undoLog(db, { callId: roll.callId, caller: 'Al', at: new Date(days(14).getTime() + 60_000) });
    expect(everything(db)).toEqual(afterFirst);

    // An appointment booked and undone; then the first log itself (still the last one) at once.
    const appt = logCall(db, { recordId: ids[2], caller: 'Al', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'appointment_booked', appointmentAt: days(30), appointmentKind: 'phone', at: days(15) });
    undoLog(db, { callId: appt.callId, caller: 'Al', at: days(15) });
    expect(db.prepare('SELECT count(*) FROM appointments').pluck().get()).toBe(0);
    expect(() => undoLog(db, { callId: first.callId, caller: 'Al', at: days(15) })).toThrow(/more than 5 minutes ago: too late to undo/);
    expect(totals()).toMatchObject({ dials: 1, leads: 1 });
  });

  it('refuses anything but the caller\'s own last log, inside the window, and changes nothing then', async () => {
    const { db, c, ids } = await setUp();
    const a = logCall(db, { recordId: ids[0], caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', at: at(1) });
    const b = logCall(db, { recordId: ids[1], caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', at: at(2) });
    const before = everything(db);
    expect(() => undoLog(db, { callId: a.callId, caller: 'Al', at: at(3) })).toThrow(`Only your last logged call can be undone; call ${a.callId} is not your last.`);
    expect(() => undoLog(db, { callId: b.callId, caller: 'Bo', at: at(3) })).toThrow(/logged by another caller/);
    expect(() => undoLog(db, { callId: b.callId, caller: 'Al', at: new Date(at(2).getTime() + UNDO_WINDOW_MS + 1) })).toThrow(/too late to undo/);
    expect(() => undoLog(db, { callId: 999, caller: 'Al', at: at(3) })).toThrow('There is no call 999 to undo.');
    // Another caller took the record meanwhile.
    expect(queueFor(db, c, { at: days(3), limit: 5 }).map((q) => q.id)).toContain(ids[1]);
    db.prepare('UPDATE records SET locked_by = ? WHERE id = ?').run(callerByName(db, 'Bo').id, ids[1]);
    const held = everything(db);
    expect(() => undoLog(db, { callId: b.callId, caller: 'Al', at: at(3) })).toThrow(`Record ${ids[1]} is being worked by another caller now.`);
    expect(everything(db)).toEqual(held);
    expect(before.calls).toEqual(held.calls);
  });

  it('is on the engine API: the record comes back as it was, with its attempts', async () => {
    const { db, ids } = await setUp();
    const api = createEngineApi(db, () => at(1));
    const logged = api.logCall({ recordId: ids[0], caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact' });
    expect(api.recordView(ids[0]).record.attempts).toBe(1);
    const view = api.undoLog(logged.callId, 'Al');
    expect(view.record).toMatchObject({ id: ids[0], attempts: 0, lastResult: null, history: [] });
    expect(api.sessionState('Al').totals.find((f) => f.column === 'dials')?.count).toBe(0);
  });
});
