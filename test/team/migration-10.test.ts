/**
 * Team migration 10 (desk-speed.ts): what a lease and a logged call read and write, counted by
 * the server for the test's own transaction (pg_stat_xact_*), on a database at version 9 and on
 * one at this build's version. A worked list whose statistics date from its import (as between
 * two autovacuum analyses): version 9's next record walked every record called before the
 * first fresh one; now it reads the queue's own index. A call was inserted and then updated,
 * and its record updated twice; now each is written once.
 */
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, createTeamCampaign } from '../../electron/engine/team/index.ts';
import { us } from '../engine/helpers.ts';
import { ALL_DAY, databaseAt, teamSuite } from './team.ts';

const team = teamSuite();

const RECORDS = 300;
const CALLED = 250;

interface Counted {
  leased: number;
  /** Index entries of records read by the lease. */
  recordsRead: Record<string, number>;
  callsInserted: number;
  callsUpdated: number;
  recordsUpdated: number;
}

async function scenario(db: pg.Pool): Promise<Counted> {
  const campaign = await createTeamCampaign(db, { name: 'Worked', region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY });
  const caller = await addTeamCaller(db, 'Ann');
  const ids = await addTeamRecords(db, campaign, 'worked.csv', Array.from({ length: RECORDS }, (_, i) => ({ company: `Firm ${i}`, phones: [us(i)] })));
  // The first 250 called and closed since the list's statistics were taken.
  await db.query("UPDATE records SET attempts = 1, status = 'closed' WHERE id = ANY($1)", [ids.slice(0, CALLED)]);
  // Their old versions swept away, as autovacuum does (it analyses far less often).
  await db.query('VACUUM records');
  const client = await db.connect();
  try {
    await client.query('BEGIN');
    const readBefore = await indexReads(client);
    const { rows: lease } = await client.query<{ record_id: string; lease_token: string }>('SELECT * FROM lease_next($1, $2, 60, now())', [campaign, caller]);
    const readAfter = await indexReads(client);
    await client.query('COMMIT');
    const record = Number(lease[0]?.record_id);
    await client.query('BEGIN');
    const before = await writes(client);
    await client.query(
      `SELECT log_desk_call(gen_random_uuid(), $1, $2, $3, now() - interval '1 minute', now(), ARRAY['DIAL','NO_ANSWER'], 'no_answer', 'none',
              false, false, NULL, NULL, '', ARRAY[]::text[], '', '{"scheme_id": "b2b-appointment-setting", "scheme_version": 1, "results": ["no_answer"]}')`,
      [record, caller, lease[0]?.lease_token],
    );
    const after = await writes(client);
    await client.query('COMMIT');
    return {
      leased: ids.indexOf(record),
      recordsRead: Object.fromEntries(Object.entries(readAfter).map(([index, n]) => [index, n - (readBefore[index] ?? 0)]).filter(([, n]) => Number(n) > 0)),
      callsInserted: after.callsInserted - before.callsInserted,
      callsUpdated: after.callsUpdated - before.callsUpdated,
      recordsUpdated: after.recordsUpdated - before.recordsUpdated,
    };
  } finally {
    client.release();
  }
}

/**
 * Entries this backend has read from each index of records and not yet reported (PostgreSQL has
 * no pg_stat_xact view of indexes; what is pending may include earlier transactions, so only
 * a difference counts).
 */
async function indexReads(client: pg.PoolClient): Promise<Record<string, number>> {
  const { rows } = await client.query<{ index: string; n: string }>(
    `SELECT c.relname AS index, pg_stat_get_xact_tuples_returned(c.oid) AS n
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE i.indrelid = 'records'::regclass`,
  );
  return Object.fromEntries(rows.map((r) => [r.index, Number(r.n)]));
}

async function writes(client: pg.PoolClient): Promise<Pick<Counted, 'callsInserted' | 'callsUpdated' | 'recordsUpdated'>> {
  const { rows } = await client.query<{ relname: string; n_tup_ins: string; n_tup_upd: string }>(
    "SELECT relname, n_tup_ins, n_tup_upd FROM pg_stat_xact_user_tables WHERE relname IN ('calls', 'records')",
  );
  const of = (name: string) => rows.find((r) => r.relname === name);
  return { callsInserted: Number(of('calls')?.n_tup_ins), callsUpdated: Number(of('calls')?.n_tup_upd), recordsUpdated: Number(of('records')?.n_tup_upd) };
}

describe('team migration 10', () => {
  it('takes the first fresh record from the queue index without reading the records called before it, and writes a call and its record once', async () => {
    const old = await databaseAt(team, 'before_ten', 9);
    try {
      const before = await scenario(old);
      const now = await scenario(team.pool);

      // The same record either way: the first one nobody called.
      expect(before.leased).toBe(CALLED);
      expect(now.leased).toBe(CALLED);
      // Version 9 read every called record's primary key entry on the way.
      expect(before.recordsRead['records_pkey']).toBeGreaterThanOrEqual(CALLED);
      expect(now.recordsRead['records_fresh']).toBeGreaterThan(0);
      expect(Object.values(now.recordsRead).reduce((a, b) => a + b, 0)).toBeLessThan(10);

      expect(before).toMatchObject({ callsInserted: 1, callsUpdated: 1, recordsUpdated: 2 });
      expect(now).toMatchObject({ callsInserted: 1, callsUpdated: 0, recordsUpdated: 1 });
    } finally {
      await old.end();
    }
  });
});
