/**
 * A login per person (`outcall team add`), and who a connection is (`outcall team connect`).
 *
 * The password never reaches the server in the clear: the desk makes its SCRAM-SHA-256
 * verifier, which is what PostgreSQL stores, so not even a server logging every statement
 * writes it down.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { UserError } from '../errors.ts';
import type { Queryable, TeamRole } from './admin.ts';
import { refused, teamTarget } from './connect.ts';
import { TEAM_SCHEMA_VERSION } from './migrations.ts';

export const TEAM_LOGIN_ROLES: readonly TeamRole[] = ['caller', 'manager', 'supervisor'];
const GROUP: Record<TeamRole, string> = { caller: 'outcall_caller', manager: 'outcall_manager', supervisor: 'outcall_supervisor' };

/** The verifier `CREATE ROLE ... PASSWORD` stores for a password (RFC 5802 and 7677, as PostgreSQL writes it). */
export function scramVerifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const hmac = (text: string) => createHmac('sha256', salted).update(text).digest();
  const storedKey = createHash('sha256').update(hmac('Client Key')).digest('base64');
  const serverKey = hmac('Server Key').toString('base64');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey}:${serverKey}`;
}

/** A password a person is given: 24 characters of letters, digits, - and _ (144 random bits). */
export const newPassword = (): string => randomBytes(18).toString('base64url');

/** A password someone chose: printable ASCII (the desk's driver sends it unnormalised), 12 to 200 characters. */
export function checkPassword(password: string): string {
  if (!/^[\x20-\x7e]*$/.test(password)) throw new UserError('A password holds printable ASCII characters only (letters, digits, punctuation, spaces).');
  if (password.length < 12 || password.length > 200) throw new UserError(`A password is 12 to 200 characters, not ${password.length}.`);
  return password;
}

/** The login a name gets unless one is given: lower case letters, digits and _, e.g. "Ann O'Hara" -> ann_o_hara. */
export function loginFor(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 63);
  return /^[0-9]/.test(plain) ? `u_${plain}`.slice(0, 63) : plain;
}

function checkLogin(login: string, name: string): string {
  if (!login) throw new UserError(`"${name}" gives no login name: choose one with --login (letters, digits and _).`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login)) {
    throw new UserError(`Login "${login.slice(0, 80)}": 1 to 63 lower-case letters, digits and _, starting with a letter or _.`);
  }
  if (/^(pg_|outcall_)/.test(login)) throw new UserError(`Login "${login}": names starting with pg_ or outcall_ are kept for PostgreSQL and Outcall's own roles.`);
  return login;
}

export interface NewTeamLogin {
  name: string;
  role: TeamRole;
  /** The login's name; made from the person's name when missing. */
  login?: string;
  /** Chosen by whoever adds the person; a new one is made when missing. */
  password?: string;
}

export interface TeamLogin {
  callerId: number;
  name: string;
  role: TeamRole;
  login: string;
  /** Only when it was made here: to be given to the person, once. */
  password?: string;
}

/**
 * Makes a login for a person, in their role's group, tied to their caller row (made, or an
 * existing one without a login), in one transaction: both or neither. Run as the database's
 * owner with the right to create roles.
 */
export async function addTeamLogin(client: pg.ClientBase, person: NewTeamLogin): Promise<TeamLogin> {
  const name = person.name.trim();
  if (!name || name.length > 100) throw new UserError(`A person's name is 1 to 100 characters, not "${person.name.slice(0, 120)}".`);
  if (!TEAM_LOGIN_ROLES.includes(person.role)) throw new UserError(`A role is ${TEAM_LOGIN_ROLES.join(', ')}, not "${person.role}".`);
  const login = checkLogin(person.login ?? loginFor(name), name);
  const password = person.password === undefined ? newPassword() : checkPassword(person.password);
  await client.query('BEGIN');
  try {
    const { rows: ours } = await client.query<{ ok: boolean }>("SELECT to_regclass('team_migrations') IS NOT NULL AS ok");
    const v = ours[0]?.ok ? ((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team_migrations')).rows[0]?.v ?? 0) : 0;
    if (v < TEAM_SCHEMA_VERSION) {
      throw new UserError(
        v === 0 ? 'This is no Outcall team database yet: run outcall team init first.' : `The team database is at schema version ${v}: run outcall team init to bring it up to date first.`,
      );
    }
    const { rows: taken } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login]);
    if (taken.length) throw new UserError(`There is a login "${login}" on this server already: choose another with --login.`);
    await client.query(`CREATE ROLE ${client.escapeIdentifier(login)} LOGIN PASSWORD ${client.escapeLiteral(scramVerifier(password))} IN ROLE ${GROUP[person.role]}`);
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO callers (name, role, login) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, login = EXCLUDED.login WHERE callers.login IS NULL
       RETURNING id`,
      [name, person.role, login],
    );
    if (!rows[0]) {
      const { rows: has } = await client.query<{ login: string }>('SELECT login FROM callers WHERE name = $1', [name]);
      throw new UserError(`${name} logs in as "${has[0]?.login}" already.`);
    }
    await client.query('COMMIT');
    return { callerId: Number(rows[0].id), name, role: person.role, login, ...(person.password === undefined ? { password } : {}) };
  } catch (e) {
    await client.query('ROLLBACK');
    // 42501: insufficient privilege, a login that may not create roles.
    if ((e as { code?: string }).code === '42501') {
      throw refused(`${(e as Error).message}: run team add as the database's owner with CREATEROLE (as team init).`, e);
    }
    throw e;
  }
}

/** A host desks reach the server by: a name or address, with :PORT if need be; refused in words otherwise. */
export function checkDeskHost(host: string): string {
  if (!/^([A-Za-z0-9-]{1,63}\.)*[A-Za-z0-9-]{1,63}(:\d{1,5})?$|^\[[0-9A-Fa-f:.]{2,45}\](:\d{1,5})?$/.test(host)) {
    throw new UserError(`--host "${host.slice(0, 80)}" is not a host name or address, with :PORT if need be.`);
  }
  return host;
}

/**
 * The URL a person connects with: the team's, under their login (and the password, when
 * given), at `host` (HOST or HOST:PORT, the name desks reach the server by) when given.
 */
export function deskUrl(teamUrl: string, login: string, password?: string, host?: string): string {
  teamTarget(teamUrl);
  const url = new URL(teamUrl);
  url.username = login;
  url.password = password ?? '';
  if (host !== undefined) {
    url.host = checkDeskHost(host);
    // A unix socket of the machine team add ran on means nothing on a desk.
    url.searchParams.delete('host');
  }
  return url.href;
}

/** Whether a URL names this machine (so a desk elsewhere could not use it as it is). */
export function isLoopbackUrl(teamUrl: string): boolean {
  const url = new URL(teamUrl);
  return /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i.test(url.hostname) || (url.searchParams.get('host') ?? '').startsWith('/');
}

export interface TeamSession {
  callerId: number;
  name: string;
  role: TeamRole;
  login: string;
  schemaVersion: number;
  /** The TLS version the connection runs over; null when it is plain. */
  tls: string | null;
}

/** Who this connection is in the team, refused in words when its login is nobody's or the schema does not match this Outcall. */
export async function teamSession(db: Queryable): Promise<TeamSession> {
  type Row = { login: string; id: string | null; name: string | null; role: TeamRole | null; v: number | null; tls: string | null };
  let rows: Row[];
  try {
    ({ rows } = await db.query<Row>(
      `SELECT session_user::text AS login, c.id, c.name, c.role,
              (SELECT max(version) FROM team_migrations) AS v,
              (SELECT CASE WHEN s.ssl THEN s.version END FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()) AS tls
       FROM (SELECT 1) one LEFT JOIN callers c ON c.login = session_user::text`,
    ));
  } catch (e) {
    const code = (e as { code?: string }).code;
    // 42501: this login may not read the team's tables; 42P01: there are none.
    if (code === '42501') throw refused('This login has no Outcall role on the team database: a manager adds people with outcall team add.', e);
    if (code === '42P01') throw refused('This is no Outcall team database: a manager sets it up with outcall team init.', e);
    throw e;
  }
  const row = rows[0];
  if (!row) throw new Error('The team server gave no answer.');
  const v = row.v ?? 0;
  if (v > TEAM_SCHEMA_VERSION) throw new UserError(`The team database is at schema version ${v}, newer than this Outcall's ${TEAM_SCHEMA_VERSION}: update Outcall on this desk.`);
  if (v < TEAM_SCHEMA_VERSION) throw new UserError(`The team database is at schema version ${v}: a manager runs outcall team init to bring it up to date.`);
  if (row.id === null || row.name === null || row.role === null) {
    throw new UserError(`Login "${row.login}" is nobody in this team: a manager adds people with outcall team add NAME --role caller|manager|supervisor.`);
  }
  return { callerId: Number(row.id), name: row.name, role: row.role, login: row.login, schemaVersion: v, tls: row.tls };
}
