import { describe, expect, it } from 'vitest';
import {
  addTeamRecords,
  forceRelease,
  leaseNext,
  logTeamCall,
  releaseLease,
  renewLease,
} from '../../electron/engine/team/index.ts';
import { callOn, eventually } from './calls.ts';
import { caller, teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();

async function oneRecord(): Promise<{ campaignId: number; recordId: number }> {
  const campaignId = await teamCampaign(team.pool);
  const [recordId] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Acme', phones: ['(212) 555-0101'] }]);
  return { campaignId, recordId: recordId ?? 0 };
}

describe('leases on the team server', () => {
  it('hands each record to one desk at a time, in list order, with its numbers in E.164', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'First', phones: ['212-555-0111', '(212) 555 0112'] },
      { company: 'Second', phones: ['+1 212 555 0113'] },
    ]);
    const ann = await caller(team.pool, 'Ann');
    const ben = await caller(team.pool, 'Ben');
    const a = await leaseNext(team.pool, { campaignId, callerId: ann, leaseSeconds: 60 });
    const b = await leaseNext(team.pool, { campaignId, callerId: ben, leaseSeconds: 60 });
    expect(a).toMatchObject({ company: 'First', phones: ['+12125550111', '+12125550112'] });
    expect(b).toMatchObject({ company: 'Second', phones: ['+12125550113'] });
    expect(await leaseNext(team.pool, { campaignId, callerId: await caller(team.pool, 'Cy'), leaseSeconds: 60 })).toBeNull();
    // A desk that asks again (it restarted) gets the record it holds, not another one.
    expect((await leaseNext(team.pool, { campaignId, callerId: ann, leaseSeconds: 60 }))?.id).toBe(a?.id);
  });

  it("keeps a crashed desk's record from the others until its lease lapses on server time, then offers it", async () => {
    const { campaignId, recordId } = await oneRecord();
    const crashed = await team.desk();
    const dana = await caller(team.pool, 'Dana');
    const eli = await caller(team.pool, 'Eli');
    const held = await leaseNext(crashed, { campaignId, callerId: dana, leaseSeconds: 2 });
    expect(held?.id).toBe(recordId);
    // The desk dies mid-call: its connection is gone, its lease stays.
    const { rows: backend } = await crashed.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await team.pool.query('SELECT pg_terminate_backend($1)', [backend[0]?.pid]);
    expect(await leaseNext(team.pool, { campaignId, callerId: eli, leaseSeconds: 60 })).toBeNull();
    const taken = await eventually(() => leaseNext(team.pool, { campaignId, callerId: eli, leaseSeconds: 60 }));
    expect(taken?.id).toBe(recordId);
    // Taken only once the first lease had run out, by the server's clock.
    const { rows } = await team.pool.query<{ lapsed: boolean }>(
      "SELECT lease_until - interval '60 seconds' >= $1 AS lapsed FROM records WHERE id = $2",
      [held?.leaseUntil, recordId],
    );
    expect(rows[0]?.lapsed).toBe(true);
  });

  it('a renewed lease is not offered to another desk; a released or force-released one is', async () => {
    const { campaignId } = await oneRecord();
    const fay = await caller(team.pool, 'Fay');
    const gus = await caller(team.pool, 'Gus');
    const held = await leaseNext(team.pool, { campaignId, callerId: fay, leaseSeconds: 1 });
    if (!held) throw new Error('no lease');
    const until = await renewLease(team.pool, held, fay, 60);
    expect(until?.getTime()).toBeGreaterThan(held.leaseUntil.getTime());
    await new Promise((r) => setTimeout(r, 1200));
    expect(await leaseNext(team.pool, { campaignId, callerId: gus, leaseSeconds: 60 })).toBeNull();
    expect(await renewLease(team.pool, held, gus, 60)).toBeNull();
    expect(await releaseLease(team.pool, held, fay)).toBe(true);
    const gusHolds = await leaseNext(team.pool, { campaignId, callerId: gus, leaseSeconds: 60 });
    expect(gusHolds?.id).toBe(held.id);
    expect(await releaseLease(team.pool, held, fay)).toBe(false);
    expect(await forceRelease(team.pool, held.id)).toBe(true);
    expect((await leaseNext(team.pool, { campaignId, callerId: fay, leaseSeconds: 60 }))?.id).toBe(held.id);
  });

  it("stores a call logged under a lapsed lease as late and leaves the new holder's record untouched", async () => {
    const { campaignId, recordId } = await oneRecord();
    const hal = await caller(team.pool, 'Hal');
    const ivy = await caller(team.pool, 'Ivy');
    const old = await leaseNext(team.pool, { campaignId, callerId: hal, leaseSeconds: 1 });
    if (!old) throw new Error('no lease');
    const current = await eventually(() => leaseNext(team.pool, { campaignId, callerId: ivy, leaseSeconds: 60 }));
    if (!current) throw new Error('the lapsed lease never came back');
    const before = await team.pool.query('SELECT * FROM records WHERE id = $1', [recordId]);

    const lateCall = callOn(old, hal, { result: 'closing_code', closes: true, notes: 'hal was slow' });
    expect(await logTeamCall(team.pool, lateCall)).toBe('late');
    const after = await team.pool.query('SELECT * FROM records WHERE id = $1', [recordId]);
    expect(after.rows[0]).toEqual(before.rows[0]);
    const { rows } = await team.pool.query<{ late: boolean; notes: string }>('SELECT late, notes FROM calls WHERE id = $1', [lateCall.id]);
    expect(rows).toEqual([{ late: true, notes: 'hal was slow' }]);

    // The holder logs as usual; the record moves on.
    expect(await logTeamCall(team.pool, callOn(current, ivy))).toBe('stored');
    const moved = await team.pool.query<{ attempts: number; status: string; leased_by: string | null }>(
      'SELECT attempts, status, leased_by FROM records WHERE id = $1',
      [recordId],
    );
    expect(moved.rows[0]).toEqual({ attempts: 1, status: 'open', leased_by: null });
  });

  it('stores a re-sent call once, also when the re-send comes after the lease is gone', async () => {
    const { campaignId, recordId } = await oneRecord();
    const jo = await caller(team.pool, 'Jo');
    const held = await leaseNext(team.pool, { campaignId, callerId: jo, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    const call = callOn(held, jo);
    const answers = await Promise.all([logTeamCall(team.pool, call), logTeamCall(team.pool, call), logTeamCall(team.pool, call)]);
    expect(answers.sort()).toEqual(['duplicate', 'duplicate', 'stored']);
    expect(await logTeamCall(team.pool, call)).toBe('duplicate');
    const { rows } = await team.pool.query<{ n: string; attempts: number }>(
      'SELECT (SELECT count(*) FROM calls WHERE record_id = $1) AS n, attempts FROM records WHERE id = $1',
      [recordId],
    );
    expect(rows[0]).toEqual({ n: '1', attempts: 1 });
  });

  it('brings an unanswered record back after the retry delay and not before', async () => {
    const campaignId = await teamCampaign(team.pool, { retryDelayHours: 2 });
    const [recordId] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Later', phones: ['212 555 0199'] }]);
    const kai = await caller(team.pool, 'Kai');
    const held = await leaseNext(team.pool, { campaignId, callerId: kai, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    await logTeamCall(team.pool, callOn(held, kai));
    expect(await leaseNext(team.pool, { campaignId, callerId: kai, leaseSeconds: 60 })).toBeNull();
    const { rows } = await team.pool.query<{ due: boolean }>(
      "SELECT next_call_at BETWEEN now() + interval '119 minutes' AND now() + interval '121 minutes' AS due FROM records WHERE id = $1",
      [recordId],
    );
    expect(rows[0]?.due).toBe(true);
  });

  it('a desk whose clock runs 10 minutes fast sees leases and retries by server time', async () => {
    const campaignId = await teamCampaign(team.pool, { retryDelayHours: 1 });
    const [recordId] = await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Skewed', phones: ['212 555 0198'] }]);
    const lou = await caller(team.pool, 'Lou');
    const held = await leaseNext(team.pool, { campaignId, callerId: lou, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    const { rows: now } = await team.pool.query<{ now: Date }>('SELECT now()');
    const serverNow = now[0]?.now.getTime() ?? 0;
    // The lease runs on the server's clock, whatever the desk's says.
    expect(held.leaseUntil.getTime() - serverNow).toBeGreaterThan(55_000);
    expect(held.leaseUntil.getTime() - serverNow).toBeLessThanOrEqual(60_000);
    const fast = (ms: number) => new Date(Date.now() + 10 * 60_000 - ms);
    await logTeamCall(team.pool, callOn(held, lou, { startedAt: fast(60_000), endedAt: fast(0) }));
    const { rows } = await team.pool.query<{ minutes: number }>(
      'SELECT (extract(epoch FROM next_call_at - now()) / 60)::float8 AS minutes FROM records WHERE id = $1',
      [recordId],
    );
    // An hour from now by the server, not an hour from the desk's "now" ten minutes ahead.
    expect(rows[0]?.minutes).toBeGreaterThan(58);
    expect(rows[0]?.minutes).toBeLessThanOrEqual(60);
  });
});
