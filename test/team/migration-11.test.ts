/**
 * Team migration 11 (report-groups.ts): the shift totals group each shift's calls by what the
 * timesheet columns look at, outcomes and flags included; the plan of that grouping (as
 * store/postgres.ts shiftTotals runs it) on a database at version 9 and at this build's: one
 * index gives the groups in order, read alone, where version 9 fetched every call and sorted.
 * A call whose outcomes and flags would not fit an index entry is refused by name.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign } from '../../electron/engine/team/index.ts';
import { fillTeamCalls } from '../bench/calls.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, databaseAt, planNodes as nodes, teamSuite, type PlanNode } from './team.ts';

const team = teamSuite();

const GROUPED = `SELECT c.shift_id, c.level, c.pitched, c.new_lead, c.lead_kind, c.appointment, c.result, c.outcomes, c.flags, count(*)
  FROM calls c WHERE c.shift_id IN (SELECT id FROM shifts) GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;


/** A month of calls in shifts, vacuumed as autovacuum leaves them; the grouping's plan nodes. */
async function groupingPlan(db: pg.Pool): Promise<PlanNode[]> {
  const campaign = await createTeamCampaign(db, { name: 'Month', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
  const [record] = await addTeamRecords(db, campaign, 'month.csv', [{ company: 'Alpha', phones: [us(1)] }]);
  const client = await db.connect();
  try {
    await fillTeamCalls(client, record ?? 0, 20_000);
    // As over a million calls: 20,000 fit in memory, where hashing them all is cheaper.
    await client.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_hashagg = off');
    const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(`EXPLAIN (FORMAT JSON) ${GROUPED}`);
    return nodes(rows[0]?.['QUERY PLAN'][0].Plan ?? { 'Node Type': 'none' });
  } finally {
    client.release();
  }
}

describe('team migration 11', () => {
  it("groups a shift's calls by outcomes and flags from one index, without the table or a sort", async () => {
    const old = await databaseAt(team, 'before_eleven', 9);
    try {
      const before = await groupingPlan(old);
      const now = await groupingPlan(team.pool);

      // Version 9: each call from the table through its index, sorted by outcomes and flags.
      expect(before).toContainEqual(expect.objectContaining({ 'Node Type': 'Index Scan', 'Index Name': 'calls_shift_totals' }));
      expect(before.map((n) => n['Node Type'])).toContain('Incremental Sort');
      expect(now.map((n) => n['Node Type'])).not.toContain('Sort');
      expect(now.map((n) => n['Node Type'])).not.toContain('Incremental Sort');
      expect(now).toContainEqual(expect.objectContaining({ 'Node Type': 'Index Only Scan', 'Index Name': 'calls_shift_groups' }));
    } finally {
      await old.end();
    }
  });

  it('refuses a call whose outcomes and flags together pass 1,500 bytes, naming the limit', async () => {
    const campaign = await createTeamCampaign(team.pool, { name: 'Flags', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
    const caller = await addTeamCaller(team.pool, 'Flagger');
    const [record] = await addTeamRecords(team.pool, campaign, 'flags.csv', [{ company: 'Beta', phones: [us(2)] }]);
    const { rows: [held] } = await team.pool.query<{ token: string }>('SELECT hold_record($1, $2, 60) AS token', [record, caller]);
    const flags = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`a_flag_with_a_rather_long_name_${i}`, true]));
    const log = (plan: object) =>
      team.pool.query(
        `SELECT log_desk_call(gen_random_uuid(), $1, $2, $3, now() - interval '1 minute', now(), ARRAY['DIAL','NO_ANSWER'], 'no_answer', 'none',
                false, false, NULL, NULL, '', ARRAY[]::text[], '', $4)`,
        [record, caller, held?.token, JSON.stringify(plan)],
      );
    await expect(log({ scheme_id: 'b2b-appointment-setting', scheme_version: 1, results: ['no_answer'], flags })).rejects.toThrow(/calls_outcomes_flags_size/);
    const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [record]);
    expect(rows[0]).toEqual({ n: 0 });
    // The same call with the flags a scheme sets is stored.
    await expect(log({ scheme_id: 'b2b-appointment-setting', scheme_version: 1, results: ['no_answer'], flags: { pitched: false } })).resolves.toBeTruthy();
  });
});
