/** People on the test team database: a login of their own in a role's group, connected as them. */
import pg from 'pg';
import { addTeamLogin, type TeamRole } from '../../electron/engine/team/index.ts';
import type { TeamDb } from './team.ts';

export interface Person {
  id: number;
  /** A connection under the person's own login (the test cluster trusts loopback). */
  db: pg.Client;
  /** The person's own URL (no password: the test cluster trusts loopback). */
  url: string;
}

export async function person(team: TeamDb, name: string, role: TeamRole): Promise<Person> {
  const admin = await team.pool.connect();
  let login: string;
  let id: number;
  try {
    ({ login, callerId: id } = await addTeamLogin(admin, { name, role }));
  } finally {
    admin.release();
  }
  const url = new URL(team.cluster.url);
  url.username = login;
  const db = new pg.Client({ connectionString: url.href });
  // Cut when the cluster stops at the end of the file.
  db.on('error', () => undefined);
  await db.connect();
  return { id, db, url: url.href };
}
