import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { addTeamDnc, addTeamRecords, beginDial, forceRelease, leaseNext, logTeamCall, renewLease } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { person, type Person } from './people.ts';
import { caller, teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
const people: Person[] = [];
afterAll(() => Promise.allSettled(people.map((p) => p.db.end())));
const as = async (name: string, role: 'caller' | 'manager' | 'supervisor') => {
  const p = await person(team, name, role);
  people.push(p);
  return p;
};

describe('roles on the team database', () => {
  it('a caller works records through the functions and cannot write tables, remove do-not-call numbers or force a release', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Roles', phones: ['212 555 0200', '212 555 0201'] }]);
    const tia = await as('Tia', 'caller');
    const held = await leaseNext(tia.db, { campaignId, callerId: tia.id, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    expect((await beginDial(tia.db, held, tia.id, '212 555 0200', 'US')).ok).toBe(true);
    expect(await addTeamDnc(tia.db, '212 555 0201', 'US', 'asked', tia.id)).toBe(true);
    expect(await logTeamCall(tia.db, callOn(held, tia.id))).toBe('stored');

    const denied = [
      "INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes) VALUES (gen_random_uuid(), 1, 1, gen_random_uuid(), false, now(), now(), '{}', 'x', 'x', false, true)",
      "UPDATE records SET status = 'closed'",
      'DELETE FROM calls',
      "UPDATE calls SET notes = 'changed'",
      'DELETE FROM dnc',
      "INSERT INTO dnc (e164) VALUES ('+12125550299')",
      "UPDATE callers SET role = 'manager'",
      "INSERT INTO shifts (caller_id, started_at) VALUES (1, now())",
      "UPDATE campaigns SET max_attempts = 1",
      'SELECT * FROM dnc_log',
      "SELECT remove_dnc('+12125550201', 'mistake', 1)",
      'SELECT force_release(1)',
      'CREATE TABLE mine (x int)',
    ];
    for (const sql of denied) await expect(tia.db.query(sql), sql).rejects.toThrow(/permission denied/);
    const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM dnc WHERE e164 = $1', ['+12125550201']);
    expect(rows[0]).toEqual({ n: 1 });
  });

  it('a caller acts only as themselves: another caller\'s id is refused, and a login that is nobody\'s does nothing', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Mine', phones: ['212 555 0230'] }]);
    const yan = await as('Yan', 'caller');
    const zoe = await as('Zoe', 'caller');
    const actingAsZoe = new RegExp(`login yan is caller ${yan.id}, and cannot act for caller ${zoe.id}`);
    await expect(leaseNext(yan.db, { campaignId, callerId: zoe.id, leaseSeconds: 60 })).rejects.toThrow(actingAsZoe);
    await expect(addTeamDnc(yan.db, '212 555 0231', 'US', 'asked', zoe.id)).rejects.toThrow(actingAsZoe);
    const held = await leaseNext(yan.db, { campaignId, callerId: yan.id, leaseSeconds: 60 });
    if (!held) throw new Error('no lease');
    await expect(logTeamCall(yan.db, callOn(held, zoe.id))).rejects.toThrow(actingAsZoe);
    // Nor does asking for Yan's next record hand Zoe the one Yan holds.
    await expect(zoe.db.query('SELECT * FROM lease_next($1, $2, 60)', [campaignId, yan.id])).rejects.toThrow(/login zoe is caller/);
    await expect(zoe.db.query('SELECT release($1, $2, $3)', [held.id, yan.id, held.leaseToken])).rejects.toThrow(/login zoe is caller/);
    expect(await renewLease(yan.db, held, yan.id, 60)).not.toBeNull();
    const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [held.id]);
    expect(rows[0]).toEqual({ n: 0 });

    await team.pool.query('CREATE ROLE ghost LOGIN IN ROLE outcall_caller');
    const url = new URL(team.cluster.url);
    url.username = 'ghost';
    const ghost = new pg.Client({ connectionString: url.href });
    await ghost.connect();
    try {
      await expect(leaseNext(ghost, { campaignId, callerId: yan.id, leaseSeconds: 60 })).rejects.toThrow(
        'login ghost is nobody in this team: a manager adds people with outcall team add',
      );
    } finally {
      await ghost.end();
    }
    // Both refusals come from one function (team migration 12), which the trigger and acting_as call.
    const { rows: checks } = await team.pool.query<{ name: string }>(
      "SELECT proname AS name FROM pg_proc WHERE prosrc LIKE '%cannot act for caller%' OR prosrc LIKE '%is nobody in this team%' ORDER BY 1",
    );
    expect(checks).toEqual([{ name: 'acting_caller' }]);
  });

  it("a supervisor reads everybody's calls and force-releases, but changes no list", async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Held', phones: ['212 555 0210'] }]);
    const uma = await caller(team.pool, 'Uma');
    const held = await leaseNext(team.pool, { campaignId, callerId: uma, leaseSeconds: 600 });
    if (!held) throw new Error('no lease');
    const vic = await as('Vic', 'supervisor');
    await expect(vic.db.query('SELECT count(*) FROM calls')).resolves.toBeDefined();
    expect(await forceRelease(vic.db, held.id)).toBe(true);
    await expect(vic.db.query('UPDATE campaigns SET max_attempts = 1')).rejects.toThrow(/permission denied/);
    await expect(vic.db.query("UPDATE records SET status = 'closed'")).rejects.toThrow(/permission denied/);
    await expect(vic.db.query("SELECT remove_dnc('+12125550210', 'mistake', $1)", [vic.id])).rejects.toThrow(/permission denied/);
  });

  it('only a manager takes a number off the do-not-call list, with a reason, and it is logged under their name', async () => {
    const wes = await caller(team.pool, 'Wes');
    await addTeamDnc(team.pool, '(212) 555-0220', 'US', 'asked', wes);
    const xan = await as('Xan', 'manager');
    await expect(xan.db.query("SELECT remove_dnc('+12125550220', '  ', $1)", [xan.id])).rejects.toThrow(/say why \+12125550220 comes off/);
    await expect(xan.db.query("SELECT remove_dnc('+12125550220', 'mistake', $1)", [wes])).rejects.toThrow(/cannot act for caller/);
    const { rows } = await xan.db.query<{ removed: boolean }>("SELECT remove_dnc('+12125550220', 'entered by mistake', $1) AS removed", [xan.id]);
    expect(rows[0]?.removed).toBe(true);
    const log = await xan.db.query<{ action: string; reason: string; who: string }>(
      'SELECT action, reason, (SELECT name FROM callers WHERE id = caller_id) AS who FROM dnc_log WHERE e164 = $1 ORDER BY id',
      ['+12125550220'],
    );
    expect(log.rows).toEqual([
      { action: 'add', reason: 'asked', who: 'Wes' },
      { action: 'remove', reason: 'entered by mistake', who: 'Xan' },
    ]);
    // A manager changes campaigns, but cannot tie a login to someone else's caller row.
    await expect(xan.db.query('UPDATE campaigns SET max_attempts = 7 WHERE id = (SELECT min(id) FROM campaigns)')).resolves.toBeDefined();
    const all = await team.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM records');
    expect((await xan.db.query("UPDATE records SET company = company || ''")).rowCount).toBe(all.rows[0]?.n);
    await expect(xan.db.query("UPDATE callers SET login = 'xan' WHERE name = 'Wes'")).rejects.toThrow(/permission denied/);
  });
});
