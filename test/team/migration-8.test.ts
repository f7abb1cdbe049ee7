/**
 * Team migration 8 on a database that already holds calls: each keeps its result as its one
 * outcome and its pitch as a flag, so the reports that now read every outcome count it as
 * before; the new deals table is read as calls are (a caller their own).
 */
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign, migrateTeam, TEAM_SCHEMA_VERSION } from '../../electron/engine/team/index.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, databaseAt, teamSuite } from './team.ts';

const team = teamSuite();

describe('team migration 8', () => {
  it("gives the calls logged before it their result as their outcome and their pitch as a flag", async () => {
    // The database as version 7 left it.
    const db = await databaseAt(team, 'before_eight', 7);
    try {
      const campaign = await createTeamCampaign(db, { name: 'Old', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
      const caller = await addTeamCaller(db, 'Ann');
      const [record] = await addTeamRecords(db, campaign, 'old.csv', [{ company: 'Alpha', phones: [us(1)] }]);
      const { rows: [held] } = await db.query<{ token: string }>('SELECT hold_record($1, $2, 60) AS token', [record, caller]);
      await db.query(
        `SELECT log_desk_call(gen_random_uuid(), $1, $2, $3, now(), now(), ARRAY['DIAL','DM_ANSWERED','PITCHED','HUNG_UP'], 'pitched_not_interested',
                'decision_maker', true, true, NULL, NULL, '', ARRAY[]::text[], '', '{"scheme_id": "b2b-appointment-setting", "scheme_version": 1}')`,
        [record, caller, held?.token],
      );

      const client = await db.connect();
      try {
        expect(await migrateTeam(client)).toEqual({ from: 7, to: TEAM_SCHEMA_VERSION });
      } finally {
        client.release();
      }
      const { rows } = await db.query('SELECT outcomes, flags, fields FROM calls');
      expect(rows).toEqual([{ outcomes: ['pitched_not_interested'], flags: { pitched: true }, fields: {} }]);
      const policies = await db.query("SELECT policyname FROM pg_policies WHERE tablename = 'deals' ORDER BY 1");
      expect(policies.rows.map((r) => r.policyname)).toEqual(['deals_own', 'deals_staff']);
      // Writes go only through log_desk_call.
      const grants = await db.query("SELECT DISTINCT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'deals' AND grantee LIKE 'outcall_%'");
      expect(grants.rows).toEqual([{ privilege_type: 'SELECT' }]);
    } finally {
      await db.end();
    }
  });
});
