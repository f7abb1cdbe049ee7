/** The supervisor's board on the team database: who is on shift, what each desk holds, today's totals. */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, beginDial, leaseNext, logTeamCall, teamBoard } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { ALL_DAY, us } from '../engine/helpers.ts';
import { callOn } from './calls.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();

describe('the supervisor board', () => {
  it('shows each desk on shift with the record it holds, and live totals per caller and for the team', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Board campaign' });
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Alpha Co', phones: ['+1 212 555 0401'] },
      { company: 'Beta Co', phones: ['+1 212 555 0402'] },
      { company: 'Gamma Co', phones: ['+1 212 555 0403'] },
    ]);
    const ann = await addTeamCaller(team.pool, 'Ann');
    const bob = await addTeamCaller(team.pool, 'Bob');
    await addTeamCaller(team.pool, 'Idle Ida');
    await team.pool.query("INSERT INTO shifts (caller_id, started_at) VALUES ($1, now() - interval '1 hour'), ($2, now() - interval '5 minutes')", [ann, bob]);

    // Ann calls Alpha (pitched, closed), then holds Gamma; Bob holds Beta and has dialled it.
    // (The call starts now, so it is today's even a second after midnight.)
    const alpha = await leaseNext(team.pool, { campaignId, callerId: ann, leaseSeconds: 600 });
    const beta = await leaseNext(team.pool, { campaignId, callerId: bob, leaseSeconds: 600 });
    if (!alpha || !beta) throw new Error('no records');
    await beginDial(team.pool, alpha, ann, alpha.phones[0] ?? '', 'US');
    await logTeamCall(team.pool, callOn(alpha, ann, { pitched: true, closes: true, result: 'test_close', startedAt: new Date() }));
    await beginDial(team.pool, beta, bob, beta.phones[0] ?? '', 'US');
    const gamma = await leaseNext(team.pool, { campaignId, callerId: ann, leaseSeconds: 600 });

    const board = await teamBoard(team.pool, 'America/New_York');
    expect(board.zone).toBe('America/New_York');
    expect(board.desks.map((d) => ({ name: d.name, holds: d.holding?.company ?? null, campaign: d.holding?.campaign ?? null, onShift: d.shiftStartedAt !== null, totals: d.totals }))).toEqual([
      { name: 'Ann', holds: 'Gamma Co', campaign: 'Board campaign', onShift: true, totals: { dials: 1, calls: 1, pitches: 1, closed: 1 } },
      { name: 'Bob', holds: 'Beta Co', campaign: 'Board campaign', onShift: true, totals: { dials: 1, calls: 0, pitches: 0, closed: 0 } },
    ]);
    expect(board.desks[0]?.holding?.recordId).toBe(gamma?.id);
    expect(board.team).toEqual({ dials: 2, calls: 1, pitches: 1, closed: 1 });
  });

  it("shows a setter's row in the closer-setter columns: held, approved, sales, booked", async () => {
    const store = await postgresStore(team.cluster.url);
    try {
      const base = { region: 'US' as const, timezone: 'America/New_York', callingWindow: ALL_DAY };
      const coaching = await store.createCampaign({ ...base, name: 'Coaching', schemeId: 'closer-setter', options: { settings: { closers: ['Cleo'], currency: 'USD' } } });
      await addTeamRecords(team.pool, coaching.id, 'leads', [{ company: 'Lead One', phones: [us(31)] }, { company: 'Lead Two', phones: [us(32)] }]);
      const ids = (await team.pool.query<{ id: string }>('SELECT id FROM records WHERE campaign_id = $1 ORDER BY company', [coaching.id])).rows.map((r) => Number(r.id));
      await store.addCaller('Sam');
      const now = new Date();
      for (const [i, recordId] of ids.entries()) {
        // Cleo hosts both strategy calls, a day apart.
        const at = new Date(now.getTime() + (2 + i) * 86_400_000).toISOString();
        await store.logCall({ recordId, caller: 'Sam', events: ['DIAL', 'CONNECTED', 'HUNG_UP'], result: 'approved', fields: { strategy_at: at, closer: 'Cleo' }, at: now });
      }
      const board = await teamBoard(team.pool, 'America/New_York');
      // The closers' columns (their Calls is the board's own), beside B2B's Pitches of Ann's call above.
      expect(board.columns.map((c) => c.label)).toEqual(['Pitches', 'Held', 'Approved', 'Sales', 'Booked']);
      const row = (name: string) => board.desks.find((d) => d.name === name)?.totals;
      expect(row('Sam')).toEqual({ dials: 0, calls: 2, pitches: 0, held: 2, approved: 2, sales: 0, strategy_booked: 2, closed: 2 });
      expect(row('Ann')).toMatchObject({ calls: 1, pitches: 1, held: 0, approved: 0 });
      expect(board.team).toMatchObject({ calls: 3, pitches: 1, held: 2, approved: 2, strategy_booked: 2 });
    } finally {
      await store.close();
    }
  });

  it('refuses a zone that does not exist, naming it', async () => {
    await expect(teamBoard(team.pool, 'Mars/Olympus')).rejects.toThrow('"Mars/Olympus" is not a time zone.');
  });
});
