/**
 * Closers and setters on a team database, each person under their own login: a setter's desk
 * books the strategy call with a closer (chosen, or the next free one in turn, the busy check
 * made on the server where row-level security would hide other callers' meetings), and the
 * closer's desk logs the Sale with its deal, through the app's team path as through the
 * command line's store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import type { Store } from '../../electron/engine/store/types.ts';
import { teamDeskApp } from './desk-kit.ts';
import { person, type Person } from './people.ts';
import { ALL_DAY, teamSuite } from './team.ts';

const team = teamSuite();
const HELD = ['DIAL', 'CONNECTED', 'HUNG_UP'];
const STRATEGY_AT = new Date(Date.now() + 3 * 86_400_000);
STRATEGY_AT.setUTCMinutes(0, 0, 0);
const half = new Date(STRATEGY_AT.getTime() + 30 * 60_000).toISOString();

let campaignId = 0;
let one = 0;
let two = 0;
let ann: Person;
let ben: Person;
let cleo: Person;
let annStore: Store;
beforeAll(async () => {
  const owner = await postgresStore(team.cluster.url);
  try {
    campaignId = (
      await owner.createCampaign({
        name: 'Coaching', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, schemeId: 'closer-setter',
        options: { settings: { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' } },
      })
    ).id;
  } finally {
    await owner.close();
  }
  [one = 0, two = 0] = await addTeamRecords(team.pool, campaignId, 'leads.csv', [
    { company: 'Lead One', phones: ['+1 212 555 0801'] },
    { company: 'Lead Two', phones: ['+1 212 555 0802'] },
  ]);
  ann = await person(team, 'Ann', 'caller');
  ben = await person(team, 'Ben', 'caller');
  cleo = await person(team, 'Cleo', 'caller');
  await person(team, 'Max', 'caller');
  annStore = await postgresStore(ann.url);
});
afterAll(async () => {
  await annStore?.close();
  await Promise.all([ann, ben, cleo].map((p) => p?.db.end()));
});

const meetings = async () =>
  (await team.pool.query<{ company: string; host: string }>('SELECT r.company, a.host FROM appointments a JOIN records r ON r.id = a.record_id ORDER BY a.id')).rows;

describe('hosted meetings from the team desks', () => {
  it('skips a closer busy within the hour although the setter cannot see the meeting, and stores the strategy call with its closer', async () => {
    // Ann approves Lead One from the command line: round robin's first closer, Cleo.
    await annStore.logCall({ recordId: one, caller: 'Ann', events: HELD, result: 'approved', fields: { strategy_at: STRATEGY_AT.toISOString() } });
    // Lead One and its meeting are invisible to Ben's login (another caller's closed record).
    expect((await ben.db.query('SELECT 1 FROM appointments a JOIN records r ON r.id = a.record_id')).rows).toEqual([]);

    const desk = await teamDeskApp(ben.url, 'Ben');
    try {
      const { api, call } = desk;
      await call(api.startShift({ caller: 'Ben' }));
      expect((await call(api.nextRecord({ campaignId, caller: 'Ben' })))?.record.company).toBe('Lead Two');
      await call(api.dial({ recordId: two, e164: '+12125550802' }));
      const approve = (closer?: string) =>
        api.logCall({ recordId: two, caller: 'Ben', events: HELD, result: 'approved', fields: { strategy_at: half, ...(closer ? { closer } : {}) } });
      // Cleo, chosen, has Lead One's meeting half an hour earlier: refused in words, nothing stored.
      const refused = await approve('Cleo');
      expect(refused.ok ? '' : refused.error).toMatch(/^Cleo already has a meeting within an hour of .* America\/New_York: pick another time or host\.$/);
      // Round robin passes over Cleo: Max hosts it.
      expect(await call(approve())).toMatchObject({ status: 'closed', appointment: true, team: 'stored' });
      expect(await meetings()).toEqual([
        { company: 'Lead One', host: 'Cleo' },
        { company: 'Lead Two', host: 'Max' },
      ]);
    } finally {
      await desk.close();
    }
  }, 60_000);

  it("logs the closer's Sale from the app with its deal, the discovery call's Approved read from the server", async () => {
    const desk = await teamDeskApp(cleo.url, 'Cleo');
    try {
      const { api, call } = desk;
      // The strategy call's record, closed by Approved, is opened and dialled for its meeting.
      expect((await call(api.openRecord({ recordId: one, caller: 'Cleo' }))).record.company).toBe('Lead One');
      await call(api.dial({ recordId: one, e164: '+12125550801' }));
      // Its lease is renewed like any record's while the desk holds it.
      const { rows: [held] } = await team.pool.query<{ token: string }>('SELECT lease_token AS token FROM records WHERE id = $1', [one]);
      expect((await cleo.db.query('SELECT renew_lease($1, $2, $3, 900) IS NOT NULL AS renewed', [one, cleo.id, held?.token])).rows).toEqual([{ renewed: true }]);
      const sale = { objection: 'money', deal_value: 4500, deal_date: '2026-11-25', product: 'Coaching', payment: 'won' };
      expect(await call(api.logCall({ recordId: one, caller: 'Cleo', events: HELD, result: 'sale', fields: sale }))).toMatchObject({ results: ['sale'], team: 'stored' });
      const { rows } = await team.pool.query(
        `SELECT r.company, d.value::float AS value, d.currency, d.deal_date, d.product, d.payment, d.closer, k.name AS caller
         FROM deals d JOIN records r ON r.id = d.record_id JOIN callers k ON k.id = d.caller_id`,
      );
      expect(rows).toEqual([{ company: 'Lead One', value: 4500, currency: 'USD', deal_date: '2026-11-25', product: 'Coaching', payment: 'won', closer: 'Cleo', caller: 'Cleo' }]);
    } finally {
      await desk.close();
    }
  }, 60_000);
});
