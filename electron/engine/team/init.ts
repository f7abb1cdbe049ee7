/** `outcall team init`: the team schema and roles on an empty PostgreSQL database. */
import { UserError } from '../errors.ts';
import { openTeamClient, refused } from './connect.ts';
import { migrateTeam } from './migrations.ts';
import { TEAM_ROLES } from './roles.ts';

/** A connection that failed, in words that name host:port/database and never the password. */
export function cannotConnect(database: string, e: unknown): UserError {
  return refused(`Cannot connect to the team database ${database}: ${(e as Error).message || (e as { code?: string }).code}.`, e);
}

export interface TeamInit {
  database: string;
  from: number;
  to: number;
  roles: readonly string[];
}

/**
 * Creates the schema, its functions and the group roles on an empty database, or brings an
 * Outcall team database up to date. A database holding other tables is left alone.
 */
export async function initTeam(url: string): Promise<TeamInit> {
  const { client, target: database } = await openTeamClient(url);
  try {
    const { rows } = await client.query<{ ours: number; tables: number }>(
      `SELECT count(*) FILTER (WHERE table_name = 'team_migrations')::int AS ours, count(*)::int AS tables
       FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const found = rows[0] ?? { ours: 0, tables: 0 };
    if (found.ours === 0 && found.tables > 0) {
      throw new UserError(
        `${database} already holds ${found.tables} table${found.tables === 1 ? '' : 's'} and is no Outcall team database: give an empty database (createdb outcall).`,
      );
    }
    const { from, to } = await migrateTeam(client);
    return { database, from, to, roles: TEAM_ROLES };
  } catch (e) {
    const code = (e as { code?: string }).code;
    // 42501: insufficient privilege, e.g. a login that may not create roles.
    if (code === '42501') throw refused(`${database}: ${(e as Error).message}. Run team init as the database's owner with CREATEROLE.`, e);
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}
