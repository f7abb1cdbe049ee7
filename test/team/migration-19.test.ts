/**
 * Team migration 19 (desk-lean.ts) on a database an older Outcall left at version 18: the
 * calling window, rewritten as one expression, opens and closes at the same minutes as before
 * in every zone and on every day; who a login is, looked up through the callers' index now (no
 * read of every caller, counted by the server),
 * is still found, and a login that is nobody's is still refused; a caller's temporary table
 * named callers does not let them read another caller's rows.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { addTeamLogin, migrateTeam } from '../../electron/engine/team/index.ts';
import { databaseAt, teamSuite } from './team.ts';

const team = teamSuite();

const WINDOWS = [
  { mon: { start: '09:00', end: '17:30' }, tue: { start: '09:00', end: '17:30' }, sat: { start: '10:00', end: '12:00' } },
  { sun: { start: '00:00', end: '23:59' }, wed: { start: '12:15', end: '12:16' } },
  {},
];
const ZONES = ['America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Pacific/Chatham'];

/** Where window_open opens over a week in 7-minute steps, for every window and zone: "window zone local-time" each. */
async function grid(db: pg.Pool): Promise<string[]> {
  const { rows } = await db.query<{ open: string }>(
    `SELECT w.n || ' ' || z.z || ' ' || to_char(t.t AT TIME ZONE z.z, 'Dy HH24:MI') AS open
       FROM unnest($1::jsonb[]) WITH ORDINALITY AS w(w, n), unnest($2::text[]) AS z(z),
            generate_series('2026-11-23T00:00Z'::timestamptz, '2026-11-30T00:00Z', interval '7 minutes') AS t(t)
      WHERE window_open(w.w, z.z, t.t) ORDER BY w.n, z.z, t.t`,
    [WINDOWS.map((w) => JSON.stringify(w)), ZONES],
  );
  return rows.map((r) => r.open);
}

describe('team migration 19', () => {
  it('keeps every calling window and who each login is', async () => {
    const db = await databaseAt(team, 'at_version_18', 18);
    try {
      const before = await grid(db);
      // New York's Monday 09:00 to 17:30, by the steps that fall in it; the empty window never opens.
      const monday = before.filter((o) => o.startsWith('1 America/New_York Mon'));
      expect([monday[0], monday.at(-1)]).toEqual(['1 America/New_York Mon 09:00', '1 America/New_York Mon 17:24']);
      expect(before.filter((o) => o.startsWith('3 '))).toEqual([]);
      const client = await db.connect();
      let dee: { login: string; callerId: number };
      try {
        expect(await migrateTeam(client)).toEqual({ from: 18, to: 19 });
        dee = await addTeamLogin(client, { name: 'Dee', role: 'caller' });
      } finally {
        client.release();
      }
      const { login, callerId } = dee;
      expect(await grid(db)).toEqual(before);

      const url = new URL(team.cluster.url.replace('/outcall?', '/at_version_18?'));
      url.username = login;
      const desk = new pg.Client({ connectionString: url.href });
      await desk.connect();
      try {
        const { rows } = await desk.query<{ me: string }>('SELECT my_caller() AS me');
        expect(Number(rows[0]?.me)).toBe(callerId);
        await expect(desk.query('SELECT * FROM lease_next(1, $1, 60, now())', [callerId + 1])).rejects.toThrow(`login ${login} is caller ${callerId}, and cannot act for caller ${callerId + 1}`);

        // Who the login is comes from callers' index, not from reading every person of a large team.
        await db.query("INSERT INTO callers (name, role) SELECT 'Caller ' || g, 'caller' FROM generate_series(1, 500) g");
        await db.query('ANALYZE callers');
        await desk.query('BEGIN');
        const scans = async () => (await desk.query<{ seq: string; idx: string }>("SELECT seq_scan AS seq, idx_scan AS idx FROM pg_stat_xact_user_tables WHERE relname = 'callers'")).rows[0];
        const before = await scans();
        expect(Number((await desk.query<{ me: string }>('SELECT my_caller() AS me')).rows[0]?.me)).toBe(callerId);
        const after = await scans();
        await desk.query('COMMIT');
        expect(Number(after?.seq) - Number(before?.seq)).toBe(0);
        expect(Number(after?.idx) - Number(before?.idx)).toBe(1);

        // A temporary table of the caller's own, named callers, does not make them somebody else:
        // another caller's shift stays out of sight.
        const { rows: eve } = await db.query<{ id: string }>("INSERT INTO callers (name, role) VALUES ('Eve', 'caller') RETURNING id");
        await db.query("INSERT INTO shifts (caller_id, started_at) VALUES ($1, now() - interval '1 hour')", [eve[0]?.id]);
        await desk.query('CREATE TEMP TABLE callers (id bigint, login text)');
        await desk.query('INSERT INTO callers VALUES ($1, $2)', [eve[0]?.id, login]);
        expect((await desk.query('SELECT caller_id FROM shifts')).rows).toEqual([]);
        expect(Number((await desk.query<{ me: string }>('SELECT my_caller() AS me')).rows[0]?.me)).toBe(callerId);
      } finally {
        await desk.end();
      }
    } finally {
      await db.end();
    }
  }, 60_000);
});
