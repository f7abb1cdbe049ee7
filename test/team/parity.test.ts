/**
 * One engine, two stores: the rulebook's scenarios (DOMAIN.md rules 1-8, lead counting, shift
 * totals and their export) scripted once and run through the Store on a temp SQLite file and on
 * a throwaway PostgreSQL. Both must answer alike, refuse alike, and export the same shift totals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CallEventType } from '../../shared/callflow/index.ts';
import { writeTotals } from '../../electron/engine/index.ts';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import type { CallerFigures, DayTrend } from '../../shared/ipc/types.ts';
import { sqliteStore } from '../../electron/engine/store/sqlite.ts';
import type { Store, StoreCall } from '../../electron/engine/store/types.ts';
import { ALL_DAY, seed, tempDb, tempDir, us } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();

/** A time in New York (standard time until March) on day `day` counted from 1 November 2026: 23 is Monday the 23rd. */
const T = (day: number, hm: string) => new Date(Date.parse(`2026-11-01T${hm}:00-05:00`) + (day - 1) * 86_400_000);
const COMPANIES = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo', 'Foxtrot'];
const path = (s: string) => s.split(' ') as CallEventType[];

interface Run {
  steps: string[];
  csv: string;
  outcomes: unknown;
  dnc: string[];
  tasks: string[];
  reports: { callers: CallerFigures[]; trend: DayTrend; dmCalls: string[]; reached: unknown; lists: unknown[] };
  funnel: unknown;
  queue: string[];
}

/**
 * The script. `now` moves the store's clock (solo holds run on it; team leases on the server's).
 * Record ids differ between stores, so each step names records by their company.
 */
async function script(store: Store, campaignId: number, now: { at: Date }): Promise<Run> {
  const steps: string[] = [];
  const company = async (id: number) => (await store.record(id)).company;
  const at = (d: Date) => {
    now.at = d;
    return d;
  };
  const next = async (caller: string, when: Date) => {
    const lease = await store.next(campaignId, caller, at(when));
    steps.push(lease ? `${caller} takes ${lease.company} (${lease.phones.join(' ')})` : `${caller} gets nothing`);
    return lease?.id ?? 0;
  };
  const log = async (call: Omit<StoreCall, 'caller' | 'events'> & { caller?: string; events: string }) => {
    try {
      const r = await store.logCall({ caller: 'Ann', ...call, events: path(call.events), at: at(call.at ?? now.at) });
      steps.push(
        `${await company(r.recordId)} ${call.result}: ${r.status}, ${r.contactLevel}${r.pitched ? ', pitched' : ''}` +
          `${r.newLead ? ', new lead' : ''}${r.appointment ? ', appointment' : ''}${r.taskDueAt ? `, task ${r.taskDueAt}` : ''}` +
          `${r.numbersAddedToDnc ? `, ${r.numbersAddedToDnc} on do-not-call` : ''}, ${r.stored}`,
      );
    } catch (e) {
      steps.push(`refused ${call.result}: ${(e as Error).message}`);
    }
  };

  await store.addCaller('Ann');
  await store.addCaller('Ben');
  steps.push(`shift ${(await store.startShift('Ann', T(23, '09:00'))).startedAt}`);

  // Rule 1 (and 8): reception cannot be not interested; the store refuses it, No Contact is logged.
  const a = await next('Ann', T(23, '09:05'));
  await log({ recordId: a, events: 'DIAL RECEPTION_ANSWERED HUNG_UP', result: 'not_interested_no_pitch' });
  await log({ recordId: a, events: 'DIAL RECEPTION_ANSWERED HUNG_UP', result: 'no_contact', at: T(23, '09:08') });
  // Rule 6, then a lead (rule 5's first count).
  const b = await next('Ann', T(23, '09:15'));
  await log({ recordId: b, events: 'DIAL DM_ANSWERED PITCHED HUNG_UP', result: 'email_follow_up', followUpAt: T(23 + 40, '10:00') });
  await log({ recordId: b, events: 'DIAL DM_ANSWERED PITCHED HUNG_UP', result: 'email_follow_up', followUpAt: T(30, '10:00'), notes: 'send the brochure' });
  // Rule 2: put through to the DM's voicemail is reception level.
  const c = await next('Ann', T(23, '09:30'));
  await log({ recordId: c, events: 'DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL', result: 'no_contact' });
  // Rule 3: a DM who cut the call short needs a call-back.
  const d = await next('Ann', T(23, '09:45'));
  await log({ recordId: d, events: 'DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP', result: 'no_contact' });
  await log({ recordId: d, events: 'DIAL DM_ANSWERED DM_CUT_SHORT HUNG_UP', result: 'no_contact', followUpAt: T(24, '10:00') });
  // Rule 7: Remove From Database puts the numbers on do-not-call.
  const e = await next('Ann', T(23, '10:00'));
  await log({ recordId: e, events: 'DIAL DM_ANSWERED HUNG_UP', result: 'remove_from_database' });
  // A record let go goes to the next caller; Ben, on no shift, books an appointment.
  const f = await next('Ann', T(23, '10:15'));
  steps.push(`released ${await store.release(f, 'Ann')}, again ${await store.release(f, 'Ann')}`);
  const fb = await next('Ben', T(23, '10:20'));
  await log({ caller: 'Ben', recordId: fb, events: 'DIAL DM_ANSWERED PITCHED HUNG_UP', result: 'appointment_booked', appointmentAt: T(26, '14:00') });
  await next('Ben', T(23, '10:40'));
  steps.push(`shift ended ${(await store.endShift('Ann', T(23, '17:00'))).endedAt}`);
  await log({ recordId: e, events: 'DIAL DM_ANSWERED HUNG_UP', result: 'not_interested_no_pitch', at: T(23, '17:10') });

  // The next day, outside any shift: the call-back comes first.
  const d2 = await next('Ann', T(24, '10:05'));
  steps.push(`call-back is ${await company(d2)}`);
  await log({ recordId: d2, events: 'DIAL DM_ANSWERED PITCHED HUNG_UP', result: 'pitched_not_interested' });

  // A week on, on a shift: the lead's follow-up. Rule 4 (Follow Up, never No Contact, on a
  // lead), rule 5 (the lead is not counted again).
  await store.startShift('Ann', T(30, '10:00'));
  const b2 = await next('Ann', T(30, '10:05'));
  await log({ recordId: b2, events: 'DIAL RECEPTION_ANSWERED HUNG_UP', result: 'no_contact' });
  await log({ recordId: b2, events: 'DIAL DM_ANSWERED PITCHED HUNG_UP', result: 'nurture_no_email', followUpAt: T(30 + 40, '10:00') });
  const r = await next('Ann', T(30, '10:30'));
  await log({ recordId: r, events: 'DIAL WRONG_NUMBER', result: 'wrong_number' });
  await store.endShift('Ann', T(30, '12:00'));

  const rows = await store.shiftTotals({ from: '2026-11-23', to: '2026-11-30', zone: 'America/New_York', now: T(30, '18:00') });
  const file = join(tempDir(), 'totals.csv');
  await writeTotals(rows, 'csv', file);
  return {
    steps,
    csv: readFileSync(file, 'utf8'),
    outcomes: await store.outcomes(campaignId, { from: '2026-11-23', to: '2026-11-30', zone: 'America/New_York' }),
    dnc: (await store.listDnc()).entries.map((x) => x.e164),
    // The supervisors' reports over the same week (ids are each store's own: left out).
    reports: await (async () => {
      const week = { from: '2026-11-23', to: '2026-11-30', zone: 'America/New_York', campaignId };
      const behind = await store.calls({ ...week, reached: true });
      return {
        callers: await store.callerFigures(week),
        trend: await store.dayTrend(week),
        dmCalls: (await store.calls({ ...week, levels: ['decision_maker'], pitched: true })).calls.map((c) => `${c.caller} ${c.company} ${c.result}`),
        reached: [behind.total, behind.calls.map((c) => `${c.startedAt} ${c.caller} ${c.company} ${c.contactLevel} ${c.outcomes.join('+')} ${c.schemeId}`)],
        lists: (await store.listProgress(campaignId)).map(({ listId: _l, campaignId: _c, list: _n, ...counts }) => counts),
      };
    })(),
    funnel: await store.funnel({ from: '2026-11-23', to: '2026-11-30', zone: 'America/New_York', campaignId }),
    queue: await Promise.all([T(24, '09:00'), T(31, '10:00'), T(23 + 51, '10:00')].map(async (when) => {
      const q = await store.queue(campaignId, { at: when, limit: 10, caller: 'Ben' });
      return [...q.items.map((i) => `${i.reason} ${i.company} ${i.dueAt ?? ''}`), ...q.reasons].join('; ');
    })),
    tasks: await Promise.all([T(24, '09:00'), T(23 + 50, '12:00')].map(async (when) => {
      const t = await store.tasks(when, campaignId);
      return [...t.due.map((x) => `due ${x.company} ${x.dueAt} ${x.lastResult}`), ...t.upcoming.map((x) => `to come ${x.company} ${x.dueAt} ${x.lastResult}`)].join('; ');
    })),
  };
}

const ROWS = COMPANIES.map((company, i) => ({ company, phone: us(i + 1) }));

describe('parity: the same calls through the SQLite and the PostgreSQL store', () => {
  it('answer, refuse and total alike, and export identical shift totals', async () => {
    const clock = { at: T(23, '08:00') };
    const { db } = tempDb();
    const solo = sqliteStore(db, () => clock.at);
    const soloCampaign = await solo.createCampaign({ name: 'Parity', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
    await seed(db, soloCampaign, ROWS);
    const soloRun = await script(solo, soloCampaign.id, clock);

    const teamStore = await postgresStore(team.cluster.url, () => clock.at);
    try {
      const teamCampaign = await teamStore.createCampaign({ name: 'Parity', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
      await addTeamRecords(team.pool, teamCampaign.id, 'parity.csv', ROWS.map((r) => ({ company: r.company, phones: [r.phone] })));
      const teamRun = await script(teamStore, teamCampaign.id, clock);

      expect(teamRun.steps).toEqual(soloRun.steps);
      expect(teamRun.outcomes).toEqual(soloRun.outcomes);
      expect(teamRun.dnc).toEqual(soloRun.dnc);
      expect(teamRun.tasks).toEqual(soloRun.tasks);
      expect(teamRun.reports).toEqual(soloRun.reports);
      expect(teamRun.funnel).toEqual(soloRun.funnel);
      expect(teamRun.queue).toEqual(soloRun.queue);
      expect(teamRun.csv).toBe(soloRun.csv);
    } finally {
      await teamStore.close();
    }

    // What the script should have done, read once (both stores agree, above).
    expect(soloRun.steps).toEqual(expect.arrayContaining([
      expect.stringMatching(/^refused not_interested_no_pitch: .*Only a decision maker/),
      'Alpha no_contact: open, reception, stored',
      expect.stringMatching(/^refused email_follow_up: .*Nurture/),
      expect.stringMatching(/^Bravo email_follow_up: closed, decision_maker, pitched, new lead, task 2026-11-30T15:00:00.000Z, stored$/),
      'Charlie no_contact: open, reception, stored',
      expect.stringMatching(/^refused no_contact: .*call-back date/),
      'Echo remove_from_database: closed, decision_maker, 1 on do-not-call, stored',
      'released true, again false',
      'Ben takes Foxtrot (+12015550106)',
      'Foxtrot appointment_booked: closed, decision_maker, pitched, appointment, stored',
      'Ben gets nothing',
      expect.stringMatching(/^refused not_interested_no_pitch: Record \d+ \(Echo\) is closed/),
      'call-back is Delta',
      expect.stringMatching(/^refused no_contact: .*existing lead: log Follow Up/),
      'Bravo nurture_no_email: closed, decision_maker, pitched, task 2027-01-09T15:00:00.000Z, stored',
      'Alpha wrong_number: closed, no_contact, stored',
    ]));
    expect(soloRun.dnc).toEqual(['+12015550105']);
    expect(soloRun.funnel).toEqual({ dials: 9, reception: 8, decisionMaker: 5, pitched: 4, leads: 1, appointments: 1 });
    // The queue at three times, taking nothing: the reasons when it is empty, then the retry, then the nurture call-back first.
    expect(soloRun.queue).toEqual([
      'Every open record waits for the retry delay; the first is due again 2026-11-25 09:30 America/New_York.; 5 records closed.',
      'retry Charlie 2026-11-25T14:30:00.000Z',
      'follow_up_due Bravo 2027-01-09T15:00:00.000Z; retry Charlie 2026-11-25T14:30:00.000Z',
    ]);
    expect(soloRun.reports.callers.map((c) => [c.caller, c.dials, c.dmContacts, c.hours])).toEqual([['Ann', 8, 4, 10], ['Ben', 1, 1, 0]]);
    expect(soloRun.reports.trend.days.filter((d) => (d.counts['dials'] ?? 0) > 0).map((d) => [d.day, d.counts['dials']])).toEqual([['2026-11-23', 6], ['2026-11-24', 1], ['2026-11-30', 2]]);
    expect(soloRun.reports.lists).toEqual([expect.objectContaining({ records: ROWS.length, onDnc: 1 })]);
    // After the last call only Bravo's nurture task is open (Delta's was done by its call-back): to come, then due.
    expect(soloRun.tasks).toEqual(['to come Bravo 2027-01-09T15:00:00.000Z nurture_no_email', 'due Bravo 2027-01-09T15:00:00.000Z nurture_no_email']);
    const lines = soloRun.csv.trim().split(/\r?\n/);
    const header = lines[0]?.split(',') ?? [];
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.map((r) => [r['date'], r['caller'], r['shift'], r['dials'], r['leads'], r['appointments']])).toEqual([
      ['2026-11-23', 'Ann', 'ended', '5', '1', '0'],
      ['2026-11-23', 'Ben', 'calls outside any shift', '1', '0', '1'],
      ['2026-11-24', 'Ann', 'calls outside any shift', '1', '0', '0'],
      ['2026-11-30', 'Ann', 'ended', '2', '0', '0'],
    ]);
  });
});
