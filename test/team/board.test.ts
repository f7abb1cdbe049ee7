/** The supervisor's board on the team database: who is on shift, what each desk holds, today's totals. */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, beginDial, leaseNext, logTeamCall, teamBoard } from '../../electron/engine/team/index.ts';
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

  it('refuses a zone that does not exist, naming it', async () => {
    await expect(teamBoard(team.pool, 'Mars/Olympus')).rejects.toThrow('"Mars/Olympus" is not a time zone.');
  });
});
