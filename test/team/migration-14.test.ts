/**
 * Team migration 14 on a database that already holds leases: a record held then counts as held
 * since the upgrade, later holds since they were taken; the new functions are the roles' to run
 * (import_dnc a manager's alone), nobody else's.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign, migrateTeam, TEAM_MIGRATIONS } from '../../electron/engine/team/index.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, teamSuite } from './team.ts';

const team = teamSuite();

describe('team migration 14', () => {
  it('marks the records held at the upgrade, then each new hold, and grants its functions to the roles only', async () => {
    await team.pool.query('CREATE DATABASE before_fourteen');
    const db = new pg.Pool({ connectionString: team.cluster.url.replace('/outcall?', '/before_fourteen?'), max: 2 });
    db.on('error', () => undefined);
    try {
      // The database as the migrations before 14 left it.
      await db.query('CREATE TABLE team_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      for (const m of TEAM_MIGRATIONS.filter((x) => x.version < 14)) {
        await db.query(m.sql);
        await db.query('INSERT INTO team_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      }
      const campaign = await createTeamCampaign(db, { name: 'Old', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
      const caller = await addTeamCaller(db, 'Ann');
      const [held, free] = await addTeamRecords(db, campaign, 'old.csv', [
        { company: 'Held', phones: [us(1)] },
        { company: 'Free', phones: [us(2)] },
      ]);
      await db.query('SELECT hold_record($1, $2, 600)', [held, caller]);

      const client = await db.connect();
      try {
        expect((await migrateTeam(client)).from).toBeLessThan(14);
      } finally {
        client.release();
      }
      const since = async () =>
        (await db.query<{ company: string; held: boolean }>('SELECT company, held_since IS NOT NULL AS held FROM records ORDER BY id')).rows;
      expect(await since()).toEqual([{ company: 'Held', held: true }, { company: 'Free', held: false }]);
      await db.query('SELECT release_held($1, $2)', [held, caller]);
      await db.query('SELECT hold_record($1, $2, 600)', [free, caller]);
      expect(await since()).toEqual([{ company: 'Held', held: false }, { company: 'Free', held: true }]);

      const may = async (role: string, fn: string) =>
        (await db.query<{ ok: boolean }>('SELECT has_function_privilege($1, $2, $3) AS ok', [role, fn, 'EXECUTE'])).rows[0]?.ok;
      expect(await may('public', 'import_dnc(text[], text, bigint)')).toBe(false);
      expect(await may('outcall_caller', 'import_dnc(text[], text, bigint)')).toBe(false);
      expect(await may('outcall_manager', 'import_dnc(text[], text, bigint)')).toBe(true);
      for (const fn of ['queue_peek(bigint, bigint, timestamptz, integer)', 'queue_facts(bigint, bigint, timestamptz)', 'add_shift(bigint, timestamptz, timestamptz)']) {
        expect([await may('public', fn), await may('outcall_caller', fn)]).toEqual([false, true]);
      }
    } finally {
      await db.end();
    }
  });
});
