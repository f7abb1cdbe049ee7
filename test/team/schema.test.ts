import { describe, expect, it } from 'vitest';
import { isInsideWindow, type CallingWindow } from '../../shared/calling-window.ts';
import { migrateTeam, TEAM_MIGRATIONS, TEAM_SCHEMA_VERSION } from '../../electron/engine/team/index.ts';
import { teamSuite } from './team.ts';

const team = teamSuite();

describe('the team schema on PostgreSQL', () => {
  it('is applied once, recorded by number; a second desk migrating finds nothing to do', async () => {
    const { rows } = await team.pool.query<{ version: number }>('SELECT version FROM team_migrations ORDER BY version');
    // Numbers may leave gaps (each branch of work takes its own); every one is recorded, in order.
    expect(rows.map((r) => r.version)).toEqual(TEAM_MIGRATIONS.map((m) => m.version));
    const client = await team.pool.connect();
    try {
      expect(await migrateTeam(client)).toEqual({ from: TEAM_SCHEMA_VERSION, to: TEAM_SCHEMA_VERSION });
    } finally {
      client.release();
    }
    const tables = await team.pool.query<{ t: string }>(
      "SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    expect(tables.rows.map((r) => r.t)).toEqual(
      expect.arrayContaining(['callers', 'calls', 'campaigns', 'dials', 'dnc', 'dnc_log', 'lists', 'phones', 'records', 'shifts']),
    );
  });

  it('migrations 9 and 11: group a shift\'s calls by what the timesheet columns look at (outcomes and flags too) from one index alone', async () => {
    const client = await team.pool.connect();
    try {
      await client.query('BEGIN');
      // The planner's choice over a million calls, without the million: a table scan ruled out.
      await client.query('SET LOCAL enable_seqscan = off');
      await client.query('SET LOCAL enable_bitmapscan = off');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT c.shift_id, c.level, c.pitched, c.new_lead, c.lead_kind, c.appointment, c.result, c.outcomes, c.flags, count(*) FROM calls c
         WHERE c.shift_id IN (SELECT id FROM shifts WHERE started_at >= now() - interval '1 month') AND c.campaign_id = 1
         GROUP BY c.shift_id, c.level, c.pitched, c.new_lead, c.lead_kind, c.appointment, c.result, c.outcomes, c.flags`,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      expect(plan).toMatch(/Index Only Scan using calls_shift_groups on calls/);
      expect(plan).not.toMatch(/Sort Key: c\.shift_id, c\.level/);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const { rows: indexes } = await team.pool.query<{ name: string }>("SELECT indexname AS name FROM pg_indexes WHERE tablename = 'calls'");
    expect(indexes.map((r) => r.name)).not.toContain('calls_shift');
    // Migration 11's index begins with all of migration 9's, which it replaces.
    expect(indexes.map((r) => r.name)).not.toContain('calls_shift_totals');
  });

  it('refuses a database from a newer Outcall and leaves it as it was', async () => {
    const client = await team.pool.connect();
    try {
      await client.query("INSERT INTO team_migrations (version, name) VALUES (999, 'from the future')");
      await expect(migrateTeam(client)).rejects.toThrow(/schema version 999, newer than this Outcall's/);
      await client.query('DELETE FROM team_migrations WHERE version = 999');
      expect(await migrateTeam(client)).toEqual({ from: TEAM_SCHEMA_VERSION, to: TEAM_SCHEMA_VERSION });
    } finally {
      client.release();
    }
  });

  it('runs lease_next (with and without the call\'s time) as its owner, as migration 3 set every desk function', async () => {
    const { rows } = await team.pool.query<{ definer: boolean; config: string[] }>(
      "SELECT prosecdef AS definer, proconfig AS config FROM pg_proc WHERE proname = 'lease_next'",
    );
    expect(rows).toEqual([0, 1].map(() => ({ definer: true, config: ['search_path=public, pg_temp'] })));
  });

  it('stores only E.164 numbers', async () => {
    await expect(team.pool.query("INSERT INTO dnc (e164) VALUES ('(212) 555-0100')")).rejects.toThrow(/check constraint/);
  });

  it("reads a calling window on the server exactly as the desk's isInsideWindow does", async () => {
    const w: CallingWindow = {
      mon: { start: '08:30', end: '17:30' },
      tue: { start: '09:00', end: '12:00' },
      wed: null,
      thu: { start: '00:00', end: '23:59' },
      fri: { start: '13:15', end: '13:16' },
      sat: { start: '10:00', end: '14:00' },
      sun: null,
    };
    const zones = ['America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham', 'Europe/London'];
    // Every 7 minutes for a week, across a daylight-saving change in Sydney and London.
    const instants: Date[] = [];
    for (let t = Date.UTC(2026, 2, 27, 0, 0); t < Date.UTC(2026, 3, 10, 0, 0); t += 7 * 60_000) instants.push(new Date(t));
    for (const tz of zones) {
      const { rows } = await team.pool.query<{ open: boolean }>(
        'SELECT window_open($1::jsonb, $2, t) AS open FROM unnest($3::timestamptz[]) WITH ORDINALITY AS u(t, o) ORDER BY o',
        [JSON.stringify(w), tz, instants],
      );
      const server = rows.map((r) => r.open);
      const desk = instants.map((at) => isInsideWindow(w, tz, at));
      expect(server.filter(Boolean).length).toBeGreaterThan(100);
      expect(server).toEqual(desk);
    }
  });
});
