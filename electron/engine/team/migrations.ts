/**
 * Team mode's schema on PostgreSQL: numbered, forward-only migrations, recorded in
 * team_migrations and applied together in one transaction (all or none), one desk at a time.
 * Its numbering is its own, apart from the SQLite file's migrations.
 */
import type pg from 'pg';
import { ACCESS } from './access.ts';
import { ACTING_ONCE } from './acting.ts';
import { DESK_LEAN } from './desk-lean.ts';
import { DESK_SPEED } from './desk-speed.ts';
import { HOSTED_MEETINGS } from './hosted-meetings.ts';
import { CLI_SCHEMA } from './cli-schema.ts';
import { HOST_QUEUE } from './host-queue.ts';
import { FUNCTIONS } from './functions.ts';
import { LIST_COLUMNS } from './list-columns.ts';
import { LEASE_TUNING } from './tuning.ts';
import { NOTIFY } from './notify.ts';
import { REPORT_GROUPS } from './report-groups.ts';
import { REPORT_INDEXES } from './report-indexes.ts';
import { REPORT_SCHEMES } from './report-schemes.ts';
import { ROLES } from './roles.ts';
import { TABLES } from './schema.ts';
import { UNDO_SCHEMA } from './undo-schema.ts';
import { SCHEME_SCHEMA } from './scheme-schema.ts';
import { STORE_SCHEMA } from './store-schema.ts';

export interface TeamMigration {
  version: number;
  name: string;
  sql: string;
}

export const TEAM_MIGRATIONS: readonly TeamMigration[] = [
  { version: 1, name: 'callers, campaigns, lists, records with leases, phones, do-not-call, shifts, dials, calls', sql: TABLES },
  { version: 2, name: 'lease_next, renew_lease, release, force_release, begin_dial, log_call, add_dnc', sql: FUNCTIONS },
  { version: 3, name: 'caller, supervisor and manager roles; writes only through the functions; remove_dnc', sql: ROLES },
  { version: 4, name: 'a login per person (callers.login); row-level security; a desk acts only for its own caller', sql: ACCESS },
  {
    version: 5,
    name: 'one engine, two stores: schemes and counts on calls, lead state on records, tasks, appointments, shifts, next and log with --at',
    sql: STORE_SCHEMA,
  },
  { version: 6, name: 'live updates: NOTIFY outcall on do-not-call changes and shifts', sql: NOTIFY },
  { version: 7, name: "imported lists: a record's list row and other columns, a number as written, a list's file and counts; lease_next checks numbers per record", sql: LIST_COLUMNS + LEASE_TUNING },
  { version: 8, name: "scheme plug-ins: a call's every outcome, fields and flags; appointments' kind and host; deals", sql: SCHEME_SCHEMA },
  { version: 9, name: 'the shift totals read every column they count from one index, in shift order', sql: REPORT_INDEXES },
  { version: 10, name: "next record walks the queue's own indexes; a desk's call is one insert and one record update", sql: DESK_SPEED },
  { version: 11, name: "the shift totals group a shift's calls by outcomes and flags too from one index", sql: REPORT_GROUPS },
  { version: 12, name: 'one function checks who a login acts for (the trigger and acting_as call it); host_bookings: busy hosts asked of the server; a closed record dialled for its hosted meeting', sql: ACTING_ONCE + HOSTED_MEETINGS },
  { version: 13, name: "a desk's Undo (undo_call, what each call changed kept in call_undo), record corrections (correct_record, record_changes), the intro email", sql: UNDO_SCHEMA },
  {
    version: 14,
    name: "the command line's queue, shift add and do-not-call import on the team database; when a held record was taken (held_since)",
    sql: CLI_SCHEMA,
  },
  { version: 17, name: "a host's queue: the meetings a caller hosts come first when due, then those waiting for an outcome (hosted_queue, lease_next)", sql: HOST_QUEUE },
  { version: 18, name: "the shift totals find the schemes of a range's calls by probing an index per scheme, not by reading every call in the range", sql: REPORT_SCHEMES },
  { version: 19, name: "a desk's statements: who a login is found by the callers' index; the helpers of next record and dial planned once a session; log_desk_call one function; a dial and a call planned once a session", sql: DESK_LEAN },
];

export const TEAM_SCHEMA_VERSION = TEAM_MIGRATIONS.at(-1)?.version ?? 0;

/** Any key; the same on every desk, so two desks migrating at once take turns. */
const MIGRATION_LOCK = 0x0c_a11;

/** Brings the team database up to this build's schema; says which versions it went from and to. */
export async function migrateTeam(client: pg.ClientBase): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS team_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team_migrations');
    const from = rows[0]?.v ?? 0;
    if (from > TEAM_SCHEMA_VERSION) {
      throw new Error(
        `The team database is at schema version ${from}, newer than this Outcall's ${TEAM_SCHEMA_VERSION}: update Outcall on this desk.`,
      );
    }
    for (const m of TEAM_MIGRATIONS) {
      if (m.version <= from) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO team_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    await client.query('COMMIT');
    return { from, to: TEAM_SCHEMA_VERSION };
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  }
}
