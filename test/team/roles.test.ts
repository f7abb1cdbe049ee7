import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamDnc, addTeamRecords, beginDial, forceRelease, leaseNext, logTeamCall } from '../../electron/engine/team/index.ts';
import { callOn } from './calls.ts';
import { caller, teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();

/** A login of the given group, connected as that person (the test cluster trusts loopback). */
async function loginAs(name: string, group: string): Promise<pg.Client> {
  await team.pool.query(`CREATE ROLE ${name} LOGIN IN ROLE ${group}`);
  const url = new URL(team.cluster.url);
  url.username = name;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  return client;
}

describe('roles on the team database', () => {
  it('a caller works records through the functions and cannot write, read calls or remove do-not-call numbers', async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Roles', phones: ['212 555 0200', '212 555 0201'] }]);
    const tia = await caller(team.pool, 'Tia');
    const desk = await loginAs('tia', 'outcall_caller');
    try {
      const held = await leaseNext(desk, { campaignId, callerId: tia, leaseSeconds: 60 });
      if (!held) throw new Error('no lease');
      expect((await beginDial(desk, held, tia, '212 555 0200', 'US')).ok).toBe(true);
      expect(await addTeamDnc(desk, '212 555 0201', 'US', 'asked', tia)).toBe(true);
      expect(await logTeamCall(desk, callOn(held, tia))).toBe('stored');

      const denied = [
        "INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes) VALUES (gen_random_uuid(), 1, 1, gen_random_uuid(), false, now(), now(), '{}', 'x', 'x', false, true)",
        "UPDATE records SET status = 'closed'",
        'DELETE FROM dnc',
        "INSERT INTO dnc (e164) VALUES ('+12125550299')",
        'SELECT * FROM calls',
        "SELECT remove_dnc('+12125550201', 'mistake', 1)",
        'SELECT force_release(1)',
        'CREATE TABLE mine (x int)',
      ];
      for (const sql of denied) await expect(desk.query(sql), sql).rejects.toThrow(/permission denied/);
      const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM dnc WHERE e164 = $1', ['+12125550201']);
      expect(rows[0]).toEqual({ n: 1 });
    } finally {
      await desk.end();
    }
  });

  it("a supervisor reads everybody's calls and force-releases, but changes no list", async () => {
    const campaignId = await teamCampaign(team.pool);
    await addTeamRecords(team.pool, campaignId, 'list', [{ company: 'Held', phones: ['212 555 0210'] }]);
    const uma = await caller(team.pool, 'Uma');
    const held = await leaseNext(team.pool, { campaignId, callerId: uma, leaseSeconds: 600 });
    if (!held) throw new Error('no lease');
    const boss = await loginAs('vic', 'outcall_supervisor');
    try {
      await expect(boss.query('SELECT count(*) FROM calls')).resolves.toBeDefined();
      expect(await forceRelease(boss, held.id)).toBe(true);
      await expect(boss.query("UPDATE campaigns SET max_attempts = 1")).rejects.toThrow(/permission denied/);
      await expect(boss.query("SELECT remove_dnc('+12125550210', 'mistake', 1)")).rejects.toThrow(/permission denied/);
    } finally {
      await boss.end();
    }
  });

  it('only a manager takes a number off the do-not-call list, with a reason, and it is logged', async () => {
    const wes = await caller(team.pool, 'Wes');
    await addTeamDnc(team.pool, '(212) 555-0220', 'US', 'asked', wes);
    const manager = await loginAs('xan', 'outcall_manager');
    try {
      await expect(manager.query("SELECT remove_dnc('+12125550220', '  ', $1)", [wes])).rejects.toThrow(/say why \+12125550220 comes off/);
      const { rows } = await manager.query<{ removed: boolean }>("SELECT remove_dnc('+12125550220', 'entered by mistake', $1) AS removed", [wes]);
      expect(rows[0]?.removed).toBe(true);
      const log = await manager.query<{ action: string; reason: string }>('SELECT action, reason FROM dnc_log WHERE e164 = $1 ORDER BY id', [
        '+12125550220',
      ]);
      expect(log.rows).toEqual([
        { action: 'add', reason: 'asked' },
        { action: 'remove', reason: 'entered by mistake' },
      ]);
    } finally {
      await manager.end();
    }
  });
});
