/**
 * Team migration 17 (host-queue.ts) on a database an older Outcall left at version 13: a
 * strategy call booked there for a closer, due now, was not brought to them first; after the
 * upgrade it is, and the functions it adds run for Outcall's roles only.
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign, migrateTeam } from '../../electron/engine/team/index.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, databaseAt, teamSuite } from './team.ts';

const team = teamSuite();

describe('team migration 17', () => {
  it("brings a closer's due strategy call, booked before the upgrade, ahead of the list", async () => {
    const db = await databaseAt(team, 'at_version_13', 13);
    try {
      const campaign = await createTeamCampaign(db, { name: 'Coaching', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
      const setter = await addTeamCaller(db, 'Sam');
      const closer = await addTeamCaller(db, 'Cleo');
      const [fresh, booked] = await addTeamRecords(db, campaign, 'leads.csv', [
        { company: 'Fresh Lead', phones: [us(1)] },
        { company: 'Booked Lead', phones: [us(2)] },
      ]);
      // Sam's Approved an hour ago closed the record and booked Cleo's strategy call in ten minutes.
      await db.query(
        `WITH c AS (INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes, outcomes)
                    VALUES (gen_random_uuid(), $1, $2, gen_random_uuid(), false, now() - interval '61 minutes', now() - interval '60 minutes',
                            ARRAY['DIAL','CONNECTED','HUNG_UP'], 'approved', 'held', false, false, ARRAY['approved']) RETURNING id)
         INSERT INTO appointments (record_id, call_id, at, kind, host) SELECT $1, c.id, now() + interval '10 minutes', '', 'Cleo' FROM c`,
        [booked, setter],
      );
      await db.query("UPDATE records SET status = 'closed', attempts = 1 WHERE id = $1", [booked]);
      const next = async () => {
        const { rows } = await db.query<{ record_id: string }>('SELECT record_id FROM lease_next($1, $2, 60, now())', [campaign, closer]);
        await db.query('SELECT force_release($1)', [rows[0]?.record_id]);
        return Number(rows[0]?.record_id);
      };
      expect(await next()).toBe(fresh);

      const client = await db.connect();
      try {
        expect(await migrateTeam(client)).toMatchObject({ from: 13 });
      } finally {
        client.release();
      }
      expect(await next()).toBe(booked);
      const { rows: acl } = await db.query<{ name: string; public: boolean }>(
        `SELECT proname AS name, has_function_privilege('public', oid, 'EXECUTE') AS public FROM pg_proc
          WHERE proname IN ('hosted_queue', 'take_next') ORDER BY proname`,
      );
      expect(acl).toEqual([{ name: 'hosted_queue', public: false }, { name: 'take_next', public: false }]);
    } finally {
      await db.end();
    }
  }, 60_000);
});
