/**
 * The scheme plug-ins in team mode: a real-estate (ISA) campaign with calls of several outcomes
 * and fields, and a closer-setter campaign whose strategy call records a deal, logged through
 * the SQLite store and through the PostgreSQL store. Both must store the same outcomes,
 * meetings (kind, host) and deals, and report the same outcomes, rates and shift totals.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { summaryLine, writeTotals } from '../../electron/engine/index.ts';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { sqliteStore } from '../../electron/engine/store/sqlite.ts';
import type { Store, StoreCall } from '../../electron/engine/store/types.ts';
import type { CallerRates, DayTrend } from '../../shared/ipc/types.ts';
import { ALL_DAY, seed, tempDb, tempDir, us } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();

const ESTATE = ['Ash Lane', 'Birch Road', 'Cedar Court', 'Dale View'];
const LEADS = ['Lead One', 'Lead Two'];
const CLOSERS = { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' };
const HELD = 'DIAL CONNECTED HUNG_UP';
const RANGE = { from: '2026-11-23', to: '2026-11-29', zone: 'America/New_York' };

interface Campaigns {
  estate: number;
  closer: number;
  /** Record ids by company (they differ between the stores). */
  ids: Map<string, number>;
}

/** What a run leaves behind, read from each store's own tables by the caller of the script. */
interface Run {
  steps: string[];
  csv: string;
  /** Each row's summary line, as `export shifts` prints it. */
  summaries: string[];
  /** The Reports screen's per-caller rates over both campaigns. */
  callerRates: unknown;
  /** The Reports screen's trend by day over both campaigns. */
  trend: DayTrend;
  outcomes: unknown[];
  rates: unknown[];
}

async function script(store: Store, c: Campaigns): Promise<Run> {
  const steps: string[] = [];
  const id = (company: string) => c.ids.get(company) ?? 0;
  const log = async (company: string, call: Omit<StoreCall, 'recordId' | 'events'> & { events: string }) => {
    try {
      const r = await store.logCall({ ...call, recordId: id(company), events: call.events.split(' ') });
      steps.push(`${company} ${r.results.join('+')}: ${r.status}, ${r.contactLevel}${r.appointment ? ', appointment' : ''}${r.newLead ? ', new lead' : ''}`);
    } catch (e) {
      steps.push(`refused ${company}: ${(e as Error).message}`);
    }
  };
  for (const name of ['Rae', 'Sam', 'Cleo', 'Max']) await store.addCaller(name);
  await store.startShift('Rae', new Date('2026-11-23T14:00:00Z'));

  // An answered call with three outcomes (one per dimension) and the meeting's fields.
  await log('Ash Lane', {
    caller: 'Rae', events: 'DIAL ANSWERED HUNG_UP', at: new Date('2026-11-23T14:10:00Z'),
    results: ['next_step_created', 'asked_for_appointment', 'appointment_set'],
    fields: { appointment_at: '2026-11-26T15:00:00Z', appointment_kind: 'showing' },
  });
  // A prohibited topic came up (a flag and its choices), no appointment.
  await log('Birch Road', {
    caller: 'Rae', events: 'DIAL ANSWERED HUNG_UP', at: new Date('2026-11-23T14:20:00Z'),
    results: ['appointment_not_set', 'no_ask_for_appointment', 'prohibited_isa_topic'],
    fields: { topic: ['financing', 'property_value'], notes: 'Quoted rates.' },
  });
  await log('Cedar Court', { caller: 'Rae', events: 'DIAL VOICEMAIL', at: new Date('2026-11-23T14:30:00Z'), results: ['left_voicemail'] });
  // The scheme's rule, refused alike: Appointment Set implies Asked.
  await log('Dale View', {
    caller: 'Rae', events: 'DIAL ANSWERED HUNG_UP', at: new Date('2026-11-23T14:40:00Z'),
    results: ['appointment_set', 'no_ask_for_appointment'], fields: { appointment_at: '2026-11-27T15:00:00Z', appointment_kind: 'video' },
  });
  await log('Dale View', { caller: 'Rae', events: 'DIAL ANSWERED WRONG_NUMBER', at: new Date('2026-11-23T14:45:00Z'), results: ['wrong_number'] });
  await store.endShift('Rae', new Date('2026-11-23T18:00:00Z'));

  // Closers and setters: Sam approves two leads (closers in turn, Cleo then Max), Cleo sells,
  // Max's prospect does not show.
  const approve = (company: string, at: string) =>
    log(company, { caller: 'Sam', events: HELD, result: 'approved', fields: { strategy_at: at }, at: new Date('2026-11-23T16:00:00Z') });
  await approve('Lead One', '2026-11-25T16:00:00Z');
  await approve('Lead Two', '2026-11-25T18:00:00Z');
  await log('Lead One', {
    caller: 'Cleo', events: HELD, result: 'sale', at: new Date('2026-11-25T17:00:00Z'), notes: 'Paid in full',
    fields: { objection: 'smoke_screen', deal_value: 4500, deal_date: '2026-11-25', product: 'Group Programme', payment: 'won' },
  });
  await log('Lead Two', { caller: 'Max', events: 'DIAL NO_SHOW', result: 'no_sale', fields: { reason: 'no_show' }, at: new Date('2026-11-25T18:30:00Z') });
  // A lead whose meeting was held takes no more calls.
  await log('Lead One', { caller: 'Cleo', events: HELD, result: 'no_sale', fields: { reason: 'not_interested' }, at: new Date('2026-11-26T17:00:00Z') });

  const file = join(tempDir(), 'totals.csv');
  const totals = await store.shiftTotals({ ...RANGE, now: new Date('2026-11-30T00:00:00Z') });
  await writeTotals(totals, 'csv', file);
  return {
    steps,
    csv: readFileSync(file, 'utf8'),
    summaries: totals.map((r) => summaryLine(r)),
    callerRates: await store.callerRates(RANGE),
    trend: await store.dayTrend(RANGE),
    outcomes: [await store.outcomes(c.estate, RANGE), await store.outcomes(c.closer, RANGE)],
    rates: [await store.rates(c.estate, RANGE), await store.rates(c.closer, RANGE), await store.rates(c.estate, { ...RANGE, caller: 'Rae' })],
  };
}

const rows = (names: readonly string[], from: number) => names.map((company, i) => ({ company, phone: us(from + i) }));

/** Both campaigns on a store, their records added by `add`. */
async function campaigns(store: Store, add: (campaignId: number, list: { company: string; phone: string }[]) => Promise<number[]>): Promise<Campaigns> {
  const base = { region: 'US' as const, timezone: 'America/New_York', callingWindow: ALL_DAY };
  const estate = await store.createCampaign({ ...base, name: 'Homes', schemeId: 'real-estate-isa' });
  const closer = await store.createCampaign({ ...base, name: 'Coaching', schemeId: 'closer-setter', options: { settings: CLOSERS } });
  const ids = new Map<string, number>();
  for (const [campaignId, list] of [[estate.id, rows(ESTATE, 1)], [closer.id, rows(LEADS, 11)]] as const) {
    const made = await add(campaignId, list);
    list.forEach((r, i) => ids.set(r.company, made[i] ?? 0));
  }
  return { estate: estate.id, closer: closer.id, ids };
}

describe('scheme plug-ins in team mode: the same calls through the SQLite and the PostgreSQL store', () => {
  it('store every outcome, meeting and deal, and report outcomes, rates and shift totals alike', async () => {
    const { db } = tempDb();
    const solo = sqliteStore(db);
    const soloCampaigns = await campaigns(solo, async (campaignId, list) => seed(db, { id: campaignId } as never, list));
    const soloRun = await script(solo, soloCampaigns);
    const soloMeetings = db
      .prepare('SELECT r.company, a.at, a.kind, a.host FROM appointments a JOIN records r ON r.id = a.record_id ORDER BY a.id')
      .all();
    const soloDeals = db
      .prepare('SELECT r.company, d.value, d.currency, d.deal_date AS date, d.product, d.payment, d.closer FROM deals d JOIN records r ON r.id = d.record_id ORDER BY d.id')
      .all();
    const soloOutcomes = db
      .prepare("SELECT r.company, group_concat(o.slug, '+') AS outcomes FROM calls c JOIN records r ON r.id = c.record_id JOIN call_outcomes o ON o.call_id = c.id GROUP BY c.id ORDER BY c.id")
      .all();

    const teamStore = await postgresStore(team.cluster.url);
    try {
      const teamCampaigns = await campaigns(teamStore, async (campaignId, list) => {
        await addTeamRecords(team.pool, campaignId, 'list.csv', list.map((r) => ({ company: r.company, phones: [r.phone] })));
        const found = await team.pool.query<{ id: string; company: string }>('SELECT id, company FROM records WHERE campaign_id = $1', [campaignId]);
        return list.map((r) => Number(found.rows.find((x) => x.company === r.company)?.id ?? 0));
      });
      const teamRun = await script(teamStore, teamCampaigns);
      expect(teamRun.steps).toEqual(soloRun.steps);
      expect(teamRun.outcomes).toEqual(soloRun.outcomes);
      expect(teamRun.rates).toEqual(soloRun.rates);
      expect(teamRun.csv).toBe(soloRun.csv);
      expect(teamRun.summaries).toEqual(soloRun.summaries);
      expect(teamRun.callerRates).toEqual(soloRun.callerRates);
      expect(teamRun.trend).toEqual(soloRun.trend);

      const meetings = await team.pool.query(
        `SELECT r.company, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, a.kind, a.host
         FROM appointments a JOIN records r ON r.id = a.record_id ORDER BY a.id`,
      );
      expect(meetings.rows).toEqual(soloMeetings);
      const deals = await team.pool.query(
        `SELECT r.company, d.value::float8 AS value, d.currency, d.deal_date AS date, d.product, d.payment, d.closer
         FROM deals d JOIN records r ON r.id = d.record_id ORDER BY d.id`,
      );
      expect(deals.rows).toEqual(soloDeals);
      const outcomes = await team.pool.query(
        "SELECT r.company, array_to_string(c.outcomes, '+') AS outcomes FROM calls c JOIN records r ON r.id = c.record_id ORDER BY c.ended_at",
      );
      expect(outcomes.rows).toEqual(soloOutcomes);
      const flagged = await team.pool.query("SELECT c.fields->'topic' AS topic FROM calls c WHERE (c.flags->>'prohibited_isa_topic')::boolean");
      expect(flagged.rows).toEqual([{ topic: ['financing', 'property_value'] }]);
    } finally {
      await teamStore.close();
    }

    // What the calls should have done, read once (both stores agree, above).
    expect(soloRun.steps).toEqual([
      'Ash Lane appointment_set+asked_for_appointment+next_step_created: closed, answered, appointment',
      'Birch Road appointment_not_set+no_ask_for_appointment+prohibited_isa_topic: open, answered',
      'Cedar Court left_voicemail: open, voicemail',
      expect.stringMatching(/^refused Dale View: .*Asked for Appointment/),
      'Dale View wrong_number: closed, wrong_number',
      'Lead One approved: closed, held, appointment',
      'Lead Two approved: closed, held, appointment',
      'Lead One sale: closed, held',
      'Lead Two no_sale: closed, no_show',
      expect.stringMatching(/^refused Lead One: .*is closed/),
    ]);
    expect(soloMeetings).toEqual([
      { company: 'Ash Lane', at: '2026-11-26T15:00:00.000Z', kind: 'showing', host: null },
      { company: 'Lead One', at: '2026-11-25T16:00:00.000Z', kind: '', host: 'Cleo' },
      { company: 'Lead Two', at: '2026-11-25T18:00:00.000Z', kind: '', host: 'Max' },
    ]);
    expect(soloDeals).toEqual([{ company: 'Lead One', value: 4500, currency: 'USD', date: '2026-11-25', product: 'Group Programme', payment: 'won', closer: 'Cleo' }]);
    const rate = (run: Run, i: number, key: string, per = 'campaign', who = '') =>
      (run.rates[i] as { rows: { key: string; per: string; who: string; numerator: number; denominator: number }[] }).rows.find((r) => r.key === key && r.per === per && r.who === who);
    // Contacts are the calls the prospect answered: Ash Lane and Birch Road (a wrong number is none).
    expect(rate(soloRun, 0, 'appointment_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(rate(soloRun, 0, 'prohibited_topic_rate')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(rate(soloRun, 2, 'prohibited_topic_rate', 'caller', 'Rae')).toMatchObject({ numerator: 1, denominator: 2 });
    expect(rate(soloRun, 1, 'closing_rate')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(rate(soloRun, 1, 'deal_value', 'product', 'Group Programme')).toMatchObject({ numerator: 4500 });
    // Each timesheet column counts every chosen outcome and flag: Rae's shift asked once, set one
    // appointment and one next step, and raised one prohibited topic.
    const [header = '', rae = ''] = soloRun.csv.trim().split(/\r?\n/);
    const row = Object.fromEntries(rae.split(',').map((v, i) => [header.split(',')[i], v]));
    expect(row).toMatchObject({
      caller: 'Rae', dials: '4', contacts: '2', asks: '1', appointments: '1', next_steps: '1', prohibited_topics: '1',
      result_appointment_set: '1', result_asked_for_appointment: '1', result_prohibited_isa_topic: '1', result_no_ask_for_appointment: '1',
    });
    // The per-caller rates of a mix: the columns of both schemes, each caller's from their own calls.
    const mix = soloRun.callerRates as CallerRates;
    expect(mix.columns.map((c) => c.label)).toEqual([
      'Contact rate', 'Ask rate', 'Appointment rate', 'Prohibited topic rate', 'Closing rate', 'Engagement rate', 'Show-up rate', 'Approval rate',
    ]);
    expect(mix.callers.map((c) => [c.caller, c.rates['contact_rate'], c.rates['appointment_rate'], c.rates['closing_rate'], c.rates['show_up_rate'], c.rates['approval_rate']])).toEqual([
      ['Cleo', null, null, 100, 100, null], ['Max', null, null, null, 0, null], ['Rae', 50, 50, null, null, null], ['Sam', null, null, null, null, 100],
    ]);
    // The trend by day: the ISA's columns, then the closers' own, each day's calls counted by their scheme's.
    expect(soloRun.trend.columns.map((c) => c.column)).toEqual([
      'dials', 'contacts', 'asks', 'appointments', 'next_steps', 'prohibited_topics', 'calls', 'held', 'approved', 'sales', 'strategy_booked',
    ]);
    expect(soloRun.trend.days.filter((d) => Object.values(d.counts).some((n) => n > 0))).toEqual([
      { day: '2026-11-23', counts: { dials: 4, contacts: 2, asks: 1, appointments: 1, next_steps: 1, prohibited_topics: 1, calls: 2, held: 2, approved: 2, sales: 0, strategy_booked: 2 } },
      { day: '2026-11-25', counts: { dials: 0, contacts: 0, asks: 0, appointments: 0, next_steps: 0, prohibited_topics: 0, calls: 2, held: 1, approved: 0, sales: 1, strategy_booked: 0 } },
    ]);
    // Each row's summary line speaks of its own calls' scheme: the ISA's for Rae, the closers' for Sam, Cleo and Max.
    expect(soloRun.summaries).toEqual([
      '2026-11-23 Rae 09:00-13:00 (4.00 h): 4 dials, 2 contacts, 1 voicemail left, 1 asked for an appointment, 1 appointment, 1 next step, 1 prohibited ISA topic',
      '2026-11-23 Sam outside any shift: 2 calls, 2 meetings held, 0 no shows, 2 approved, 0 rejected, 0 sales, 0 no sales, 2 strategy calls booked',
      '2026-11-25 Cleo outside any shift: 1 call, 1 meeting held, 0 no shows, 0 approved, 0 rejected, 1 sale, 0 no sales, 0 strategy calls booked',
      '2026-11-25 Max outside any shift: 1 call, 0 meetings held, 1 no show, 0 approved, 0 rejected, 0 sales, 1 no sale, 0 strategy calls booked',
    ]);
  });
});
