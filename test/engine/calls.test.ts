import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  checkDnc,
  endShift,
  getRecord,
  importList,
  logCall,
  outcomeMix,
  queueFor,
  shiftTotals,
  startShift,
  summaryLine,
  totalsColumns,
  writeTotals,
  type DB,
} from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z'); // Monday 12:00 in Sydney (the tests' local zone)
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
const days = (d: number) => new Date(T0.getTime() + d * 86_400_000);
const ev = (s: string) => s.split(' ') as never;
const snapshot = (db: DB, id: number) => ({
  record: db.prepare('SELECT status, attempts, last_result, is_lead, existing_lead, retry_at FROM records WHERE id = ?').get(id),
  calls: db.prepare('SELECT count(*) FROM calls').pluck().get(),
  tasks: db.prepare('SELECT count(*) FROM tasks').pluck().get(),
  dnc: db.prepare('SELECT count(*) FROM dnc').pluck().get(),
});

describe('logging refuses what the rulebook refuses, and writes nothing then', () => {
  it('refuses an illegal code with the rulebook message', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }]);
    const before = snapshot(db, id);
    expect(() =>
      logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'not_interested_no_pitch', at: T0 }),
    ).toThrow('Only a decision maker can give Not Interested - No Pitch; whatever reception says, log No Contact and call again.');
    expect(() =>
      logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED'), result: 'no_contact', at: T0 }),
    ).toThrow(/Finish the call first/);
    expect(snapshot(db, id)).toEqual(before);
  });

  it('refuses a bad follow-up date with the rulebook message', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }]);
    const before = snapshot(db, id);
    const pitched = ev('DIAL DM_ANSWERED PITCHED HUNG_UP');
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: pitched, result: 'email_follow_up', followUpAt: days(42), at: T0 })).toThrow(
      /42 days out: use Nurture - Email Sent/,
    );
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: pitched, result: 'nurture_no_email', followUpAt: days(14), at: T0 })).toThrow(
      /use Email Follow Up/,
    );
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: pitched, result: 'email_follow_up', at: T0 })).toThrow(
      'Email Follow Up needs a follow-up date.',
    );
    expect(snapshot(db, id)).toEqual(before);
  });

  it('refuses a number that is not the record\'s, and a closed record with nothing due', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }]);
    expect(() =>
      logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', phone: '+12015550999', at: T0 }),
    ).toThrow(`+12015550999 is not a number of record ${id}.`);
    logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL WRONG_NUMBER'), result: 'wrong_number', at: T0 });
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', at: minutes(5) })).toThrow(
      `Record ${id} (A) is closed (wrong_number); it has no follow-up task to call it back.`,
    );
  });
});

describe('a lead counts once', () => {
  it('counts the first Email Follow Up, not the Follow Ups and Nurture that roll it forward', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [id = 0] = await seed(db, c, [{ company: 'Lead Co', phone: us(1) }]);
    startShift(db, 'Alice', T0);
    const first = logCall(db, { recordId: id, caller: 'Alice', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'email_follow_up', followUpAt: days(14), at: minutes(1) });
    expect(first).toMatchObject({ newLead: true, status: 'closed', taskDueAt: days(14).toISOString() });

    // Two weeks on the task brings it back first, and a call that misses the DM must be Follow Up.
    const due = queueFor(db, c, { at: days(14), limit: 1 })[0];
    expect(due).toMatchObject({ id, reason: 'follow_up_due' });
    expect(() => logCall(db, { recordId: id, caller: 'Alice', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'no_contact', at: days(14) })).toThrow(
      /existing lead: log Follow Up/,
    );
    const follow = logCall(db, { recordId: id, caller: 'Alice', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'follow_up', followUpAt: days(16), at: days(14) });
    expect(follow).toMatchObject({ newLead: false, taskDueAt: days(16).toISOString() });
    expect(db.prepare('SELECT count(*) FROM tasks WHERE done_at IS NULL').pluck().get()).toBe(1);
    const nurture = logCall(db, { recordId: id, caller: 'Alice', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'nurture_no_email', followUpAt: days(100), at: days(16) });
    expect(nurture.newLead).toBe(false);
    const appt = logCall(db, {
      recordId: id, caller: 'Alice', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'appointment_booked',
      appointmentAt: days(105), appointmentKind: 'video', at: days(100),
    });
    expect(appt).toMatchObject({ newLead: false, appointment: true, taskDueAt: null });
    expect(db.prepare('SELECT count(*) FROM tasks WHERE done_at IS NULL').pluck().get()).toBe(0);
    expect(db.prepare('SELECT at, kind FROM appointments').get()).toEqual({ at: days(105).toISOString(), kind: 'video' });
    expect(getRecord(db, id).history.map((h) => h.result)).toEqual(['appointment_booked', 'nurture_no_email', 'follow_up', 'email_follow_up']);
  });
});

describe('Remove From Database', () => {
  it('lists every number of the record, which never comes up again, also after re-importing it', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const [id = 0, other = 0] = await seed(db, c, [
      { company: 'Angry Co', phone: us(1), phone2: '(201) 555-0177' },
      { company: 'Calm Co', phone: us(2) },
    ]);
    const r = logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED HUNG_UP'), result: 'remove_from_database', at: T0 });
    expect(r.numbersAddedToDnc).toBe(2);
    expect(checkDnc(db, '201-555-0177').listed).toBe(true);
    expect(checkDnc(db, '+1 201 555 0101')).toMatchObject({ listed: true });
    expect(queueFor(db, c, { at: days(30), limit: 10 }).map((q) => q.id)).toEqual([other]);
    // The same company in a later list, written another way, is refused on import.
    const c2 = campaign(db, { name: 'Other campaign' });
    const file = join(dir, 'again.csv');
    (await import('node:fs')).writeFileSync(file, 'Company,Phone\nAngry Co,+1 201-555-0101\nNew Co,(201) 555-0150\n');
    const s = await importList(db, { file, campaignId: c2.id });
    expect(s).toMatchObject({ imported: 1, onDoNotCall: 1 });
  });
});

describe('Dead End or Blocked', () => {
  it('becomes legal after two calls on which reception blocked the way', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'Fortress', phone: us(1) }]);
    const blocked = ev('DIAL RECEPTION_ANSWERED HUNG_UP');
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: blocked, result: 'dead_end_blocked', at: T0 })).toThrow(/0\)/);
    logCall(db, { recordId: id, caller: 'Al', events: blocked, result: 'no_contact', at: T0 });
    // Put through to voicemail is not a block.
    logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL'), result: 'no_contact', at: days(3) });
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: blocked, result: 'dead_end_blocked', at: days(6) })).toThrow(/has 1\)/);
    logCall(db, { recordId: id, caller: 'Al', events: blocked, result: 'no_contact', at: days(6) });
    expect(logCall(db, { recordId: id, caller: 'Al', events: blocked, result: 'dead_end_blocked', at: days(9) }).status).toBe('closed');
  });
});

describe('shift totals', () => {
  async function workedShift() {
    const { db, dir } = tempDb();
    const c = campaign(db, { client: 'Solar Client' });
    const ids = await seed(db, c, Array.from({ length: 8 }, (_, i) => ({ company: `Co ${i}`, phone: us(i) })));
    const id = (i: number) => ids[i] ?? 0;
    startShift(db, 'Alice', T0);
    const log = (i: number, events: string, result: string, extra: object = {}) =>
      logCall(db, { recordId: id(i), caller: 'Alice', events: ev(events), result, at: minutes(10 * (i + 1)), ...extra });
    log(0, 'DIAL NO_ANSWER', 'no_contact');
    log(1, 'DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact');
    log(2, 'DIAL RECEPTION_ANSWERED TRANSFERRED DM_ANSWERED PITCHED HUNG_UP', 'email_only');
    log(3, 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_follow_up', { followUpAt: days(7) });
    log(4, 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'nurture_email_sent', { followUpAt: days(60) });
    log(5, 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'appointment_booked', { appointmentAt: days(3) });
    log(6, 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch');
    log(7, 'DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP', 'no_contact', { followUpAt: days(1) });
    endShift(db, 'Alice', minutes(8 * 60));
    // A call entered afterwards from the command line, outside any shift, by Bob.
    const [bobs = 0] = await seed(db, c, [{ company: 'Bob Co', phone: us(40) }]);
    logCall(db, { recordId: bobs, caller: 'Bob', events: ev('DIAL DM_ANSWERED PITCHED HUNG_UP'), result: 'pitched_not_interested', at: minutes(30) });
    return { db, dir, c };
  }

  it('match the calls logged, per caller and shift', async () => {
    const { db } = await workedShift();
    const rows = shiftTotals(db, { from: '2026-11-23', to: '2026-11-23' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      date: '2026-11-23', caller: 'Alice', shift_start: '2026-11-23 12:00', shift_end: '2026-11-23 20:00', hours: 8,
      dials: 8, reception_contacts: 2, dm_contacts: 5, pitches: 4, leads: 3, email_only: 1, email_follow_up: 1, nurture: 1,
      appointments: 1, result_no_contact: 3, result_not_interested_no_pitch: 1, result_appointment_booked: 1,
      result_email_follow_up: 1, result_wrong_number: 0,
    });
    expect(rows[1]).toMatchObject({ caller: 'Bob', dials: 1, dm_contacts: 1, pitches: 1, result_pitched_not_interested: 1, leads: 0 });
    expect(shiftTotals(db, { from: '2026-11-23', to: '2026-11-23', caller: 'Bob' })).toHaveLength(1);
    expect(shiftTotals(db, { from: '2026-11-24', to: '2026-11-30' })).toEqual([]);
    expect(summaryLine(rows[0] ?? {})).toBe(
      '2026-11-23 Alice 12:00-20:00 (8.00 h): 8 dials, 2 reception, 5 DM, 4 pitches, 3 leads (Email Only 1, Email Follow Up 1, Nurture 1), 1 appointment',
    );
  });

  it('export as CSV, XLSX and JSON with the timesheet columns, then one per result code', async () => {
    const { db } = await workedShift();
    const dir = tempDir();
    const rows = shiftTotals(db, { from: '2026-11-23', to: '2026-11-23' });
    await writeTotals(rows, 'csv', join(dir, 't.csv'));
    await writeTotals(rows, 'json', join(dir, 't.json'));
    await writeTotals(rows, 'xlsx', join(dir, 't.xlsx'));
    const csv = readFileSync(join(dir, 't.csv'), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe(totalsColumns().join(','));
    expect(csv[0]).toMatch(/^date,caller,shift_start,shift_end,shift,time_zone,hours,dials,reception_contacts,dm_contacts,pitches,leads,email_only,email_follow_up,nurture,appointments,result_no_contact,result_follow_up,/);
    expect(csv[1]).toMatch(/^2026-11-23,Alice,2026-11-23 12:00,2026-11-23 20:00,ended,Australia\/Sydney,8,8,2,5,4,3,1,1,1,1,3,0,/);
    const json = JSON.parse(readFileSync(join(dir, 't.json'), 'utf8')) as Record<string, unknown>[];
    expect(Object.keys(json[0] ?? {})).toEqual(totalsColumns());
    expect(json[0]).toMatchObject({ caller: 'Alice', dials: 8, leads: 3 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 't.xlsx'));
    const ws = wb.worksheets[0];
    expect(ws?.getRow(1).getCell(8).value).toBe('dials');
    expect(ws?.getRow(2).getCell(2).value).toBe('Alice');
    expect(ws?.getRow(2).getCell(8).value).toBe(8);
  });

  it('the outcome mix shows volume, share and reporting weight', async () => {
    const { db, c } = await workedShift();
    const mix = outcomeMix(db, c.id, { from: '2026-11-23', to: '2026-11-23' });
    expect(mix.total).toBe(9);
    expect(mix.rows[0]).toEqual({ result: 'no_contact', label: 'No Contact (Call Back)', weight: 'neutral', calls: 3, share: 33.3 });
    expect(mix.rows.find((r) => r.result === 'appointment_booked')).toMatchObject({ weight: 'positive', calls: 1, share: 11.1 });
    expect(outcomeMix(db, c.id, { from: '2026-11-23', to: '2026-11-23', caller: 'Bob' }).rows).toEqual([
      { result: 'pitched_not_interested', label: 'Pitched - Not Interested', weight: 'negative', calls: 1, share: 100 },
    ]);
  });

  it('refuse a bad date range with a message naming the value', async () => {
    const { db } = tempDb();
    expect(() => shiftTotals(db, { from: '23/11/2026', to: '2026-11-23' })).toThrow('The from date "23/11/2026" is not a date (YYYY-MM-DD).');
    expect(() => shiftTotals(db, { from: '2026-02-30', to: '2026-03-01' })).toThrow('The from date "2026-02-30" is not a real date.');
    expect(() => shiftTotals(db, { from: '2026-03-02', to: '2026-03-01' })).toThrow(/ends \(2026-03-01\) before it starts/);
  });
});

describe('Wants Consultant Follow Up', () => {
  it('moves the owner to the client when the campaign offers it', async () => {
    const { db } = tempDb();
    const c = campaign(db, { client: 'Acme Solar', options: { wantsConsultantFollowUp: true } });
    const [id = 0] = await seed(db, c, [{ company: 'Curious Co', phone: us(1) }]);
    logCall(db, { recordId: id, caller: 'Al', events: ev('DIAL DM_ANSWERED HUNG_UP'), result: 'wants_consultant_follow_up', reason: 'technical_questions', at: T0 });
    expect(getRecord(db, id).owner).toBe('Acme Solar');
  });
});
