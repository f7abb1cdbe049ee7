import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEAM_SCHEMA_VERSION } from '../../electron/engine/team/index.ts';
import { captureConsole, run, spawnCliWith } from '../engine/cli-run.ts';
import { freePort, startCluster, type Cluster } from './cluster.ts';

captureConsole();

let cluster: Cluster;
const urlOf = (database: string) => cluster.url.replace('/outcall?', `/${database}?`);

beforeAll(async () => {
  cluster = await startCluster();
  const admin = new pg.Client({ connectionString: urlOf('postgres') });
  await admin.connect();
  for (const db of ['fresh', 'spawned', 'other']) await admin.query(`CREATE DATABASE ${db}`);
  await admin.end();
  const other = new pg.Client({ connectionString: urlOf('other') });
  await other.connect();
  await other.query('CREATE TABLE invoices (id int)');
  await other.end();
}, 60_000);
afterAll(() => cluster?.stop(), 60_000);

describe('outcall team init', () => {
  it('sets up an empty database once, then finds nothing to do', async () => {
    const first = await run('team', 'init', '--url', urlOf('fresh'), '--json');
    expect(first.code).toBe(0);
    expect(first.json()).toEqual({
      database: `127.0.0.1:${cluster.port}/fresh`,
      from: 0,
      to: TEAM_SCHEMA_VERSION,
      roles: ['outcall_caller', 'outcall_supervisor', 'outcall_manager'],
    });
    const again = await run('team', 'init', '--url', urlOf('fresh'));
    expect(again).toMatchObject({ code: 0, out: `127.0.0.1:${cluster.port}/fresh is already at team schema version ${TEAM_SCHEMA_VERSION}; nothing to do.` });

    const check = new pg.Client({ connectionString: urlOf('fresh') });
    await check.connect();
    const roles = await check.query("SELECT rolname FROM pg_roles WHERE rolname LIKE 'outcall\\_%' ORDER BY 1");
    const functions = await check.query("SELECT DISTINCT proname FROM pg_proc WHERE proname IN ('lease_next', 'begin_dial', 'log_call') ORDER BY 1");
    await check.end();
    expect(roles.rows.map((r) => r.rolname)).toEqual(['outcall_caller', 'outcall_manager', 'outcall_supervisor']);
    expect(functions.rows.map((r) => r.proname)).toEqual(['begin_dial', 'lease_next', 'log_call']);
  });

  it('works as its own process, with the URL from OUTCALL_TEAM_URL', () => {
    const r = spawnCliWith({ OUTCALL_TEAM_URL: urlOf('spawned') }, 'team', 'init');
    expect(r.err).toBe('');
    expect(r.out.trim()).toBe(
      `Set up 127.0.0.1:${cluster.port}/spawned: team schema version ${TEAM_SCHEMA_VERSION}, roles outcall_caller, outcall_supervisor, outcall_manager.`,
    );
    expect(r.code).toBe(0);
  });

  it('refuses a database that holds other tables and leaves it as it was', async () => {
    const r = await run('team', 'init', '--url', urlOf('other'));
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `outcall team init: 127.0.0.1:${cluster.port}/other already holds 1 table and is no Outcall team database: give an empty database (createdb outcall).`,
    );
    const other = new pg.Client({ connectionString: urlOf('other') });
    await other.connect();
    const tables = await other.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
    await other.end();
    expect(tables.rows).toEqual([{ table_name: 'invoices' }]);
  });

  it('says what is wrong with a missing, malformed or unreachable URL, without a password', async () => {
    const saved = process.env['OUTCALL_TEAM_URL'];
    delete process.env['OUTCALL_TEAM_URL'];
    try {
      expect(await run('team', 'init')).toMatchObject({ code: 2, err: expect.stringContaining('--url (or OUTCALL_TEAM_URL) is required.') });
    } finally {
      if (saved !== undefined) process.env['OUTCALL_TEAM_URL'] = saved;
    }
    expect((await run('team', 'init', '--url', 'mysql://db/outcall')).err).toBe(
      'outcall team init: A team database URL starts with postgres://, not mysql://.',
    );
    const port = await freePort();
    const r = await run('team', 'init', '--url', `postgres://ann:s3cret@127.0.0.1:${port}/outcall`);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(new RegExp(`^outcall team init: Cannot connect to the team database 127\\.0\\.0\\.1:${port}/outcall: .*ECONNREFUSED`));
    expect(r.err).not.toContain('s3cret');
  });

  it('wants TLS unless the URL says sslmode=disable, and says so when the server has none', async () => {
    const r = await run('team', 'init', '--url', `postgres://ann:s3cret@127.0.0.1:${cluster.port}/fresh`);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      `outcall team init: 127.0.0.1:${cluster.port}/fresh does not accept TLS connections, and Outcall connects with TLS unless told otherwise: turn ssl on in the server's postgresql.conf (the README's Team mode says how), or, on a network you trust, add ?sslmode=disable to the URL.`,
    );
  });
});
