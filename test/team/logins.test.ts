import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initTeam, TEAM_SCHEMA_VERSION } from '../../electron/engine/team/index.ts';
import { captureConsole, run, spawnCliInput } from '../engine/cli-run.ts';
import { startCluster, type Cluster } from './cluster.ts';

captureConsole();

// Every login but postgres gives its password here, as on a real server.
let cluster: Cluster;
let target: string;
beforeAll(async () => {
  cluster = await startCluster({ passwords: true });
  target = `127.0.0.1:${cluster.port}/outcall`;
  await initTeam(cluster.url);
}, 60_000);
afterAll(() => cluster?.stop(), 60_000);

/** The URL inside a printed `outcall team connect --url '...'` line. */
const urlIn = (connect: string) => /--url '([^']+)'/.exec(connect)?.[1] ?? '';

async function callers(): Promise<{ name: string; role: string; login: string | null }[]> {
  const db = new pg.Client({ connectionString: cluster.url });
  await db.connect();
  try {
    return (await db.query('SELECT name, role, login FROM callers ORDER BY id')).rows;
  } finally {
    await db.end();
  }
}

describe('outcall team add and team connect', () => {
  it("makes a person's login with a new password and prints the one command that connects their desk, which works", async () => {
    const added = await run('team', 'add', "Ann O'Hara", '--role', 'caller', '--url', cluster.url);
    expect(added.err).toBe(
      'outcall: the connect command names this machine, as --url does: for desks elsewhere, run team add with --host and the name they reach the server by.',
    );
    expect(added.code).toBe(0);
    const lines = added.out.split('\n');
    expect(lines.slice(0, 2)).toEqual([
      `Added Ann O'Hara as a caller: login ann_o_hara on ${target}.`,
      "Ann O'Hara connects their desk with this one command; it holds their password, shown only this once, so pass it on privately:",
    ]);
    expect(lines[2]).toMatch(new RegExp(`^  outcall team connect --url 'postgres://ann_o_hara:[A-Za-z0-9_-]{24}@127\\.0\\.0\\.1:${cluster.port}/outcall\\?sslmode=disable'$`));
    expect(await callers()).toEqual([{ name: "Ann O'Hara", role: 'caller', login: 'ann_o_hara' }]);

    const url = urlIn(lines[2] ?? '');
    const connected = await run('team', 'connect', '--url', url);
    expect(connected).toMatchObject({
      code: 0,
      err: '',
      out: `Connected to ${target} as Ann O'Hara (caller, login ann_o_hara) over a plain connection (sslmode=disable); team schema version ${TEAM_SCHEMA_VERSION}.`,
    });

    // The password is the login's own: another one is refused, and never printed.
    const wrong = new URL(url);
    wrong.password = 'not-the-password';
    const refused = await run('team', 'connect', '--url', wrong.href);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(
      `outcall team connect: ${target} refused the login: password authentication failed for user "ann_o_hara". Check the user name and password you were given.`,
    );
    // The server never saw the password itself: it stores the verifier the desk made.
    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    const { rows } = await db.query<{ rolpassword: string }>("SELECT rolpassword FROM pg_authid WHERE rolname = 'ann_o_hara'");
    await db.end();
    expect(rows[0]?.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
  });

  it('takes a chosen password on standard input, prints it nowhere, and makes a manager a member of the managers role', async () => {
    const password = 'correct horse battery staple';
    const r = spawnCliInput(`${password}\n`, {}, 'team', 'add', 'Meg Ryan', '--role', 'manager', '--login', 'meg', '--password-stdin', '--url', cluster.url, '--json');
    expect(r.err).toContain('for desks elsewhere, run team add with --host');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      name: 'Meg Ryan',
      role: 'manager',
      login: 'meg',
      callerId: expect.any(Number),
      database: target,
      connect: `outcall team connect --url 'postgres://meg@127.0.0.1:${cluster.port}/outcall?sslmode=disable' --password-stdin`,
    });
    expect(r.out).not.toContain('horse');
    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    const { rows } = await db.query("SELECT pg_has_role('meg', 'outcall_manager', 'MEMBER') AS manager, pg_has_role('meg', 'outcall_supervisor', 'MEMBER') AS supervisor");
    await db.end();
    expect(rows[0]).toEqual({ manager: true, supervisor: false });

    const desk = `postgres://meg@127.0.0.1:${cluster.port}/outcall?sslmode=disable`;
    const c = spawnCliInput(`${password}\n`, {}, 'team', 'connect', '--url', desk, '--password-stdin', '--json');
    expect(c.err).toBe('');
    expect(JSON.parse(c.out)).toMatchObject({ name: 'Meg Ryan', role: 'manager', login: 'meg', tls: null });
    // PGPASSWORD works as well, as for every PostgreSQL client.
    const saved = process.env['PGPASSWORD'];
    process.env['PGPASSWORD'] = password;
    try {
      expect((await run('team', 'connect', '--url', desk)).out).toContain('as Meg Ryan (manager, login meg)');
    } finally {
      if (saved === undefined) delete process.env['PGPASSWORD'];
      else process.env['PGPASSWORD'] = saved;
    }
  }, 60_000);

  it('refuses, in words and leaving nothing behind, a login that exists, a bad role or login, a short password, and a person who may not create logins', async () => {
    const before = await callers();
    expect((await run('team', 'add', 'Ann OHara', '--role', 'caller', '--login', 'ann_o_hara', '--url', cluster.url)).err).toBe(
      'outcall team add: There is a login "ann_o_hara" on this server already: choose another with --login.',
    );
    expect((await run('team', 'add', "Ann O'Hara", '--role', 'supervisor', '--login', 'ann2', '--url', cluster.url)).err).toBe(
      `outcall team add: Ann O'Hara logs in as "ann_o_hara" already.`,
    );
    const badRole = await run('team', 'add', 'Bo', '--role', 'boss', '--url', cluster.url);
    expect(badRole.code).toBe(2);
    expect(badRole.err).toContain('--role must be caller, manager, supervisor, not "boss".');
    expect((await run('team', 'add', 'Bo', '--role', 'caller', '--login', 'Bo-1', '--url', cluster.url)).err).toBe(
      'outcall team add: Login "Bo-1": 1 to 63 lower-case letters, digits and _, starting with a letter or _.',
    );
    expect((await run('team', 'add', 'Bo', '--role', 'caller', '--login', 'outcall_manager', '--url', cluster.url)).err).toContain(
      "names starting with pg_ or outcall_ are kept for PostgreSQL and Outcall's own roles.",
    );
    expect((await run('team', 'add', '--role', 'caller', '--url', cluster.url)).code).toBe(2);
    expect((await run('team', 'add', 'Bo', '--role', 'caller', '--host', 'db example', '--url', cluster.url)).err).toBe(
      'outcall team add: --host "db example" is not a host name or address, with :PORT if need be.',
    );
    const short = spawnCliInput('short\n', {}, 'team', 'add', 'Bo', '--role', 'caller', '--password-stdin', '--url', cluster.url);
    expect(short.err.trim()).toBe('outcall team add: A password is 12 to 200 characters, not 5.');

    // A caller who logged calls before having a login keeps their row (and so their calls).
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    const gus = (await admin.query<{ id: string }>("INSERT INTO callers (name) VALUES ('Gus') RETURNING id")).rows[0]?.id;
    await admin.end();
    const gusAdded = await run('team', 'add', 'Gus', '--role', 'caller', '--url', cluster.url, '--json');
    expect(gusAdded.json()).toMatchObject({ callerId: Number(gus), login: 'gus' });

    // The name desks reach the server by, when team add runs on the server itself.
    const far = await run('team', 'add', 'Flo', '--role', 'supervisor', '--host', 'db.example.com:6543', '--url', cluster.url, '--json');
    expect(far.err).toBe('');
    expect((far.json() as { connect: string }).connect).toMatch(/^outcall team connect --url 'postgres:\/\/flo:[A-Za-z0-9_-]{24}@db\.example\.com:6543\/outcall\?sslmode=disable'$/);

    // A caller's own login may not make logins.
    const made = await run('team', 'add', 'Cal', '--role', 'caller', '--url', cluster.url, '--json');
    const cal = urlIn((made.json() as { connect: string }).connect);
    const r = await run('team', 'add', 'Dee', '--role', 'manager', '--url', cal);
    expect(r.code).toBe(1);
    expect(r.err).toBe("outcall team add: permission denied to create role: run team add as the database's owner with CREATEROLE (as team init).");
    expect(await callers()).toEqual([
      ...before,
      { name: 'Gus', role: 'caller', login: 'gus' },
      { name: 'Flo', role: 'supervisor', login: 'flo' },
      { name: 'Cal', role: 'caller', login: 'cal' },
    ]);
  }, 60_000);

  it('says so when a login is nobody in the team, the server turns the login away, or the database was never set up', async () => {
    const r = await run('team', 'connect', '--url', cluster.url);
    expect(r.err).toBe(
      'outcall team connect: Login "postgres" is nobody in this team: a manager adds people with outcall team add NAME --role caller|manager|supervisor.',
    );
    const away = await run('team', 'connect', '--url', cluster.url.replace('postgres@', 'turned_away:pw@'));
    expect(away.err).toBe(
      `outcall team connect: ${target} refused the connection: pg_hba.conf rejects connection for host "127.0.0.1", user "turned_away", database "outcall", no encryption. Its pg_hba.conf must let this login in from here (the README's Team mode says how).`,
    );
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bare');
    await admin.end();
    const bare = cluster.url.replace('/outcall?', '/bare?');
    expect((await run('team', 'add', 'Eve', '--role', 'caller', '--url', bare)).err).toBe(
      'outcall team add: This is no Outcall team database yet: run outcall team init first.',
    );
    expect((await run('team', 'connect', '--url', bare)).err).toBe(
      'outcall team connect: This is no Outcall team database: a manager sets it up with outcall team init.',
    );
  });
});
