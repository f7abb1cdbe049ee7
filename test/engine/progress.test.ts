import { describe, expect, it } from 'vitest';
import { addDnc, callerFigures, dailyTrend, endShift, listProgress, logCall, outcomeMix, shiftTotals, startShift } from '../../electron/engine/index.ts';
import { appOver } from './harness.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z'); // Monday 12:00 in Sydney (the tests' local zone)
const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);
const ev = (s: string) => s.split(' ') as never;

/** Two campaigns; Alice works both in one 4-hour shift, Bob one in a 2-hour shift. */
async function worked() {
  const { db } = tempDb();
  const solar = campaign(db, { name: 'Solar' });
  const water = campaign(db, { name: 'Water' });
  const s = await seed(db, solar, [0, 1, 2, 3, 4, 5].map((i) => ({ company: `S${i}`, phone: us(i) })));
  const w = await seed(db, water, [0, 1].map((i) => ({ company: `W${i}`, phone: us(20 + i) })));
  const log = (recordId: number | undefined, caller: string, events: string, result: string, m: number, extra: object = {}) =>
    logCall(db, { recordId: recordId ?? 0, caller, events: ev(events), result, at: minutes(m), ...extra });
  startShift(db, 'Alice', minutes(0));
  log(s[0], 'Alice', 'DIAL NO_ANSWER', 'no_contact', 10);
  log(s[0], 'Alice', 'DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact', 20);
  log(s[1], 'Alice', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_only', 30);
  log(s[2], 'Alice', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'appointment_booked', 40, { appointmentAt: new Date(T0.getTime() + 3 * 86_400_000) });
  log(w[0], 'Alice', 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', 50);
  endShift(db, 'Alice', minutes(240));
  startShift(db, 'Bob', minutes(0));
  log(s[3], 'Bob', 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', 15);
  endShift(db, 'Bob', minutes(120));
  addDnc(db, us(5), { region: 'US', by: 'x', reason: '', now: T0 });
  return { db, solar, water };
}

describe('list progress', () => {
  it('puts each record in one of fresh, in play, closed, on do-not-call, with penetration and attempts per record', async () => {
    const { db, solar } = await worked();
    const [p] = listProgress(db, solar.id);
    // S0 in play (2 attempts), S1 S2 S3 closed, S4 fresh, S5 on do-not-call.
    expect(p).toMatchObject({ campaign: 'Solar', records: 6, fresh: 1, inPlay: 1, closed: 3, onDnc: 1, attempted: 4, attempts: 5, penetration: 66.7, attemptsPerRecord: 0.83 });
    expect(listProgress(db).map((l) => [l.campaign, l.records])).toEqual([['Solar', 6], ['Water', 2]]);
  });
});

describe('per-caller figures and trends', () => {
  it('counts dials, contacts, DM contacts, pitches, leads, appointments, hours and dials per hour', async () => {
    const { db } = await worked();
    const day = '2026-11-23';
    expect(callerFigures(db, { from: day, to: day })).toEqual([
      { caller: 'Alice', dials: 5, contacts: 4, dmContacts: 3, pitches: 2, leads: 1, appointments: 1, hours: 4, dialsPerHour: 1.3 },
      { caller: 'Bob', dials: 1, contacts: 1, dmContacts: 1, pitches: 0, leads: 0, appointments: 0, hours: 2, dialsPerHour: 0.5 },
    ]);
    const trend = dailyTrend(db, { from: '2026-11-22', to: day });
    expect(trend.columns.map((c) => [c.label, c.chart])).toEqual([
      ['Dials', true], ['Contacts', true], ['DM contacts', true], ['Pitches', false], ['Leads', true], ['Appointments', false],
    ]);
    expect(trend.days).toEqual([
      { day: '2026-11-22', counts: { dials: 0, contacts: 0, dm_contacts: 0, pitches: 0, leads: 0, appointments: 0 } },
      { day, counts: { dials: 6, contacts: 5, dm_contacts: 4, pitches: 2, leads: 1, appointments: 1 } },
    ]);
  });

  it('the campaign filter narrows every figure: totals, figures, trend, outcome mix', async () => {
    const { db, water } = await worked();
    const day = '2026-11-23';
    const totals = shiftTotals(db, { from: day, to: day, campaignId: water.id });
    expect(totals.map((r) => [r['caller'], r['dials'], r['dm_contacts']])).toEqual([['Alice', 1, 1]]);
    expect(callerFigures(db, { from: day, to: day, campaignId: water.id }).map((f) => [f.caller, f.dials])).toEqual([['Alice', 1]]);
    expect(dailyTrend(db, { from: day, to: day, campaignId: water.id }).days[0]?.counts['dials']).toBe(1);
    expect(outcomeMix(db, water.id, { from: day, to: day }).total).toBe(1);
    expect(outcomeMix(db, undefined, { from: day, to: day }).total).toBe(6);
  });

  it('the totals row says "1 caller" and "2 callers"', async () => {
    const { db } = await worked();
    const app = appOver(db, { now: () => T0 });
    const all = await app.api.shiftTotals({ from: '2026-11-23', to: '2026-11-23' });
    const one = await app.api.shiftTotals({ from: '2026-11-23', to: '2026-11-23', caller: 'Bob' });
    expect(all.ok && all.value.totals['caller']).toBe('2 callers');
    expect(one.ok && one.value.totals['caller']).toBe('1 caller');
  });
});

describe('hours of a shift left open', () => {
  it('count up to its last call, not up to now', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [a = 0, b = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    startShift(db, 'Al', minutes(0));
    logCall(db, { recordId: a, caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', at: minutes(30) });
    logCall(db, { recordId: b, caller: 'Al', events: ev('DIAL NO_ANSWER'), result: 'no_contact', at: minutes(90) });
    expect(callerFigures(db, { from: '2026-11-23', to: '2026-11-23' })).toMatchObject([{ caller: 'Al', dials: 2, hours: 1.5, dialsPerHour: 1.3 }]);
  });
});
