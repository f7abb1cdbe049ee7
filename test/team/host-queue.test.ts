/**
 * A closer's queue on a team database matches solo's (team migration 17): the strategy calls a
 * setter booked for them come first when due, then those whose time passed with no outcome,
 * listed as waiting for one until logged; another closer never gets them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerByName, queueFor } from '../../electron/engine/index.ts';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { hostedQueue, rowsOf } from '../../electron/engine/team/host-queue.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { sqliteStore } from '../../electron/engine/store/sqlite.ts';
import type { Store } from '../../electron/engine/store/types.ts';
import type { QueueItem } from '../../electron/engine/queue.ts';
import { seed, tempDb, us } from '../engine/helpers.ts';
import { teamDeskApp } from './desk-kit.ts';
import { person, type Person } from './people.ts';
import { ALL_DAY, teamSuite } from './team.ts';

const team = teamSuite();
const HELD = ['DIAL', 'CONNECTED', 'HUNG_UP'];
const LEADS = ['Lead One', 'Lead Two', 'Fresh Three', 'Fresh Four'];
const CLOSERS = { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' };

/** What a closer's queue lists at a time: the meetings first, as [company, reason, meeting time]. */
type Listing = (caller: string, at: string) => Promise<[string, string, string | null][]>;
const listed = (items: QueueItem[]) => items.map((q): [string, string, string | null] => [q.company, q.reason, q.dueAt]);

/** The same day of a setter and two closers through a store; what each step gave, in company names. */
async function day(store: Store, campaignId: number, ids: Map<string, number>, list: Listing): Promise<unknown[]> {
  const id = (company: string) => ids.get(company) ?? 0;
  const company = (recordId: number | undefined) => [...ids].find(([, v]) => v === recordId)?.[0] ?? null;
  const next = async (caller: string, at: string) => company((await store.next(campaignId, caller, new Date(at)))?.id);
  for (const name of ['Sam', 'Cleo', 'Max']) await store.addCaller(name);
  const steps: unknown[] = [];
  // Sam books two strategy calls with Cleo: one at 16:00, one at 20:00.
  for (const [lead, at] of [['Lead One', '2026-11-25T16:00:00.000Z'], ['Lead Two', '2026-11-25T20:00:00.000Z']] as const) {
    const r = await store.logCall({ recordId: id(lead), caller: 'Sam', events: HELD, result: 'approved', fields: { strategy_at: at, closer: 'Cleo' }, at: new Date('2026-11-23T16:00:00Z') });
    steps.push([lead, r.status, r.appointment]);
  }
  // A day before, nothing is due: Cleo's queue lists no meeting.
  steps.push(await list('Cleo', '2026-11-24T16:00:00Z'));
  // Ten minutes before the first: it is due for Cleo, not for Max, who gets the list's record.
  steps.push(await list('Cleo', '2026-11-25T15:50:00Z'), await list('Max', '2026-11-25T15:50:00Z'));
  steps.push(await next('Max', '2026-11-25T15:50:00Z'), await next('Cleo', '2026-11-25T15:50:00Z'));
  await store.logCall({ recordId: id('Lead One'), caller: 'Cleo', events: ['DIAL', 'NO_SHOW'], result: 'no_sale', fields: { reason: 'no_show' }, at: new Date('2026-11-25T16:20:00Z') });
  // Logged: the first meeting is gone from the queue; the second is not due yet.
  steps.push(await list('Cleo', '2026-11-25T16:20:00Z'), await next('Cleo', '2026-11-25T16:20:00Z'));
  steps.push(await store.release(id('Fresh Four'), 'Cleo'));
  // An hour and a half after the second with no outcome: waiting for one, and Cleo's next.
  steps.push(await list('Cleo', '2026-11-25T21:30:00Z'), await next('Cleo', '2026-11-25T21:30:00Z'));
  steps.push(await list('Cleo', '2026-11-26T12:00:00Z'));
  await store.logCall({ recordId: id('Lead Two'), caller: 'Cleo', events: HELD, result: 'no_sale', fields: { reason: 'not_interested' }, at: new Date('2026-11-26T12:00:00Z') });
  steps.push(await list('Cleo', '2026-11-26T12:05:00Z'), await next('Max', '2026-11-26T12:05:00Z'));
  return steps;
}

describe("a closer's queue on the team database", () => {
  it('gives the same records in the same order as solo, due strategy calls first, then those waiting for an outcome', async () => {
    const rows = LEADS.map((company, i) => ({ company, phone: us(40 + i) }));
    const base = { name: 'Coaching', region: 'US' as const, timezone: 'America/New_York', callingWindow: ALL_DAY, schemeId: 'closer-setter', options: { settings: CLOSERS } };

    const { db } = tempDb();
    const solo = sqliteStore(db);
    const soloCampaign = await solo.createCampaign(base);
    const soloIds = await seed(db, soloCampaign, rows);
    // What `outcall queue --caller` lists: the same Store call on both stores.
    const meetings = async (store: Store, campaignId: number, caller: string, at: string) =>
      listed((await store.queue(campaignId, { caller, at: new Date(at), limit: 10 })).items.filter((q) => q.reason === 'meeting_due' || q.reason === 'waiting_for_outcome'));
    const soloSteps = await day(solo, soloCampaign.id, new Map(LEADS.map((c, i) => [c, soloIds[i] ?? 0])), async (caller, at) => {
      const listedSolo = await meetings(solo, soloCampaign.id, caller, at);
      // The engine's own queue (the app's) lists them alike.
      expect(listed(queueFor(db, soloCampaign, { at: new Date(at), limit: 10, callerId: callerByName(db, caller)?.id ?? 0 }).filter((q) => q.reason === 'meeting_due' || q.reason === 'waiting_for_outcome'))).toEqual(listedSolo);
      return listedSolo;
    });

    const owner = await postgresStore(team.cluster.url);
    try {
      const campaign = await owner.createCampaign(base);
      const teamIds = await addTeamRecords(team.pool, campaign.id, 'leads.csv', rows.map((r) => ({ company: r.company, phones: [r.phone] })));
      const teamSteps = await day(owner, campaign.id, new Map(LEADS.map((c, i) => [c, teamIds[i] ?? 0])), async (caller, at) => {
        const listedTeam = await meetings(owner, campaign.id, caller, at);
        // The desk's reasons come from the same server function.
        expect(listed(await hostedQueue(rowsOf(team.pool), campaign.id, (await owner.findCaller(caller)).id, new Date(at)))).toEqual(listedTeam);
        return listedTeam;
      });
      expect(teamSteps).toEqual(soloSteps);
    } finally {
      await owner.close();
    }

    // What the day should give, read once (both stores agree, above).
    expect(soloSteps).toEqual([
      ['Lead One', 'closed', true],
      ['Lead Two', 'closed', true],
      [],
      [['Lead One', 'meeting_due', '2026-11-25T16:00:00.000Z']],
      [],
      'Fresh Three',
      'Lead One',
      [],
      'Fresh Four',
      true,
      [['Lead Two', 'waiting_for_outcome', '2026-11-25T20:00:00.000Z']],
      'Lead Two',
      [['Lead Two', 'waiting_for_outcome', '2026-11-25T20:00:00.000Z']],
      [],
      'Fresh Three',
    ]);
  }, 60_000);
});

describe("a closer's desk connected to the team database", () => {
  let campaignId = 0;
  let first = 0;
  let lead = 0;
  beforeAll(async () => {
    const owner = await postgresStore(team.cluster.url);
    try {
      const settings = { closers: ['Dana', 'Eve'], products: ['Coaching'], currency: 'USD' };
      campaignId = (await owner.createCampaign({ name: 'Mentoring', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, schemeId: 'closer-setter', options: { settings } })).id;
    } finally {
      await owner.close();
    }
    [first = 0, lead = 0] = await addTeamRecords(team.pool, campaignId, 'mentoring.csv', [
      { company: 'First Fresh', phones: ['+1 212 555 0901'] },
      { company: 'Booked Lead', phones: ['+1 212 555 0902'] },
    ]);
  });
  const people: Person[] = [];
  afterAll(async () => {
    await Promise.all(people.map((p) => p.db.end()));
  });

  it("brings the strategy call a setter booked for the closer on Next record, marked as due, unless another desk holds it; another closer's Next does not", async () => {
    const [finn, dana, eve] = [await person(team, 'Finn', 'caller'), await person(team, 'Dana', 'caller'), await person(team, 'Eve', 'caller')];
    people.push(finn, dana, eve);
    const setter = await postgresStore(finn.url);
    try {
      // Five minutes from now: due at once (a meeting comes up a quarter of an hour before it starts).
      const at = new Date(Date.now() + 5 * 60_000).toISOString();
      expect(await setter.logCall({ recordId: lead, caller: 'Finn', events: HELD, result: 'approved', fields: { strategy_at: at, closer: 'Dana' } })).toMatchObject({ appointment: true });
    } finally {
      await setter.close();
    }
    const leased = async () => {
      const { rows } = await dana.db.query<{ record_id: string }>('SELECT record_id FROM lease_next($1, $2, 60, now())', [campaignId, dana.id]);
      await team.pool.query('SELECT force_release($1)', [rows[0]?.record_id]);
      return Number(rows[0]?.record_id);
    };
    // While another desk is taking the record (its row locked), or holds it, Dana's next skips it.
    const taking = await team.pool.connect();
    try {
      await taking.query('BEGIN');
      await taking.query('SELECT 1 FROM records WHERE id = $1 FOR UPDATE', [lead]);
      expect(await leased()).toBe(first);
      await taking.query("UPDATE records SET leased_by = $2, lease_token = gen_random_uuid(), lease_until = now() + interval '1 minute' WHERE id = $1", [lead, finn.id]);
      await taking.query('COMMIT');
    } finally {
      taking.release();
    }
    expect(await leased()).toBe(first);
    await team.pool.query('SELECT force_release($1)', [lead]);
    const danaDesk = await teamDeskApp(dana.url, 'Dana');
    const eveDesk = await teamDeskApp(eve.url, 'Eve');
    try {
      expect(await danaDesk.call(danaDesk.api.nextRecord({ campaignId, caller: 'Dana' }))).toMatchObject({ record: { id: lead, company: 'Booked Lead' }, reason: 'meeting_due' });
      expect(await eveDesk.call(eveDesk.api.nextRecord({ campaignId, caller: 'Eve' }))).toMatchObject({ record: { company: 'First Fresh' }, reason: 'fresh' });
    } finally {
      await Promise.all([danaDesk.close(), eveDesk.close()]);
    }
  }, 60_000);
});
