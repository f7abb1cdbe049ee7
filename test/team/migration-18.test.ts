/**
 * Team migration 18 (report-schemes.ts): the shift totals find the schemes of a range's calls
 * by probing an index per scheme (store/team-totals.ts SCHEMES_IN_RANGE), where version 17 read
 * every call in the range; and the columns still follow the schemes of the calls in the range,
 * of the caller and campaign asked for, a call without a scheme of its own counting as its
 * campaign's.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamRecords, createTeamCampaign } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { SCHEMES_IN_RANGE } from '../../electron/engine/store/team-totals.ts';
import { dayspan } from '../../electron/engine/totals.ts';
import { fillTeamCalls, MONTH } from '../bench/calls.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, databaseAt, planNodes as nodes, teamSuite, type PlanNode } from './team.ts';

const team = teamSuite();
const ZONE = 'America/New_York';
const { from, to } = dayspan(MONTH.from, MONTH.to, ZONE);


/** A month of calls in a campaign of its own; its id. */
async function month(db: pg.Pool, name: string): Promise<number> {
  const campaign = await createTeamCampaign(db, { name, region: 'US', timezone: ZONE, callingWindow: ALL_DAY });
  const [record] = await addTeamRecords(db, campaign, `${name}.csv`, [{ company: name, phones: [us(1)] }]);
  const client = await db.connect();
  try {
    await fillTeamCalls(client, record ?? 0, 20_000);
  } finally {
    client.release();
  }
  return campaign;
}

/** The calls the schemes query reads (rows its scans of calls return, over all their loops) and the schemes it finds. */
async function schemesRead(db: pg.Pool): Promise<{ read: number; scans: PlanNode[]; schemes: string[] }> {
  const client = await db.connect();
  try {
    // As over a million calls, where reading the whole range is what costs.
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (ANALYZE, FORMAT JSON) ${SCHEMES_IN_RANGE}`, [from, to, null, null]);
    const scans = nodes(rows[0]?.['QUERY PLAN'][0].Plan as PlanNode).filter((n) => n['Relation Name'] === 'calls');
    const found = await client.query<{ scheme_id: string }>(SCHEMES_IN_RANGE, [from, to, null, null]);
    return { read: scans.reduce((sum, n) => sum + (n['Actual Rows'] ?? 0) * (n['Actual Loops'] ?? 0), 0), scans, schemes: found.rows.map((r) => r.scheme_id) };
  } finally {
    client.release();
  }
}

describe('team migration 18', () => {
  it("finds the schemes of a month's 20,000 calls from a few index entries instead of reading them all", async () => {
    const old = await databaseAt(team, 'before_eighteen', 17);
    try {
      await month(old, 'Before');
      await month(team.pool, 'After');
      const before = await schemesRead(old);
      const now = await schemesRead(team.pool);

      expect(before.schemes).toEqual(['b2b-appointment-setting']);
      expect(now.schemes).toEqual(before.schemes);
      expect(before.read).toBeGreaterThanOrEqual(20_000);
      expect(now.read).toBeLessThan(10);
      expect(now.scans.every((n) => n['Node Type'] === 'Index Only Scan' && n['Index Name'] === 'calls_scheme_started')).toBe(true);
    } finally {
      await old.end();
    }
  });

  it("gives the totals the columns of the schemes of the range's calls, of the caller and campaign asked for", async () => {
    const b2b = await month(team.pool, 'Columns');
    const estate = await createTeamCampaign(team.pool, { name: 'Estate', region: 'US', timezone: ZONE, callingWindow: ALL_DAY });
    await team.pool.query("UPDATE campaigns SET scheme_id = 'real-estate-sales' WHERE id = $1", [estate]);
    const store = await postgresStore(team.cluster.url);
    try {
      const columns = async (q: { caller?: string; campaignId?: number } = {}) => Object.keys((await store.shiftTotals({ ...MONTH, zone: ZONE, ...q }))[0] ?? {});
      // A real-estate call in September is outside the month: B2B's columns only.
      await team.pool.query(
        "UPDATE calls SET scheme_id = 'real-estate-sales', started_at = '2026-09-15T15:00:00Z', ended_at = '2026-09-15T15:01:00Z' WHERE id = (SELECT id FROM calls WHERE campaign_id = $1 LIMIT 1)",
        [b2b],
      );
      expect(await columns()).toContain('reception_contacts');
      expect(await columns()).not.toContain('asks');
      // A call of the month without a scheme of its own, in the real-estate campaign, is real estate's.
      const { rows } = await team.pool.query<{ name: string }>(
        `UPDATE calls c SET scheme_id = NULL, campaign_id = $2 FROM callers k
         WHERE k.id = c.caller_id AND c.id = (SELECT id FROM calls WHERE campaign_id = $1 AND started_at >= $3 ORDER BY id LIMIT 1) RETURNING k.name`,
        [b2b, estate, from],
      );
      const estateCaller = rows[0]?.name ?? '';
      expect(await columns()).toEqual(expect.arrayContaining(['reception_contacts', 'asks']));
      expect(await columns({ caller: estateCaller })).toContain('asks');
      expect(await columns({ campaignId: b2b })).not.toContain('asks');
      const other = (await team.pool.query<{ name: string }>("SELECT name FROM callers WHERE name LIKE 'Caller %' AND name <> $1 LIMIT 1", [estateCaller])).rows[0]?.name;
      expect(await columns({ caller: other })).not.toContain('asks');
    } finally {
      await store.close();
    }
  });

  it("counts a flag column from the calls' flags, and pitched from the call's own column where its flags do not say", async () => {
    const campaign = await month(team.pool, 'Pitches');
    const store = await postgresStore(team.cluster.url);
    try {
      // Every call of the month, whichever shifts it falls in.
      const pitches = async () => (await store.shiftTotals({ from: '2026-09-01', to: '2026-11-30', zone: ZONE, campaignId: campaign })).reduce((sum, r) => sum + Number(r['pitches']), 0);
      const all = await pitches();
      expect(all).toBeGreaterThan(0);
      const change = (set: string, where: string) =>
        team.pool.query(`UPDATE calls SET ${set} WHERE id IN (SELECT id FROM calls WHERE campaign_id = $1 AND ${where} ORDER BY id LIMIT 3)`, [campaign]);
      // Pitched calls whose flags do not name it: still pitched, by their column.
      await change("flags = '{}'", 'pitched');
      expect(await pitches()).toBe(all);
      // Calls whose flags say they were not pitched, whatever the column says, and the other way round.
      await change(`flags = '{"pitched": false}'`, "pitched AND flags = '{}'");
      expect(await pitches()).toBe(all - 3);
      await change(`flags = '{"pitched": true, "blocked": false}'`, "NOT pitched AND flags ? 'pitched'");
      expect(await pitches()).toBe(all);
    } finally {
      await store.close();
    }
  });
});
