import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTeamClient, teamConnection } from '../../electron/engine/team/index.ts';
import { captureConsole, run } from '../engine/cli-run.ts';
import { certificate, startCluster, type Cluster } from './cluster.ts';

captureConsole();

let cluster: Cluster;
/** The test cluster's URL with these query parameters instead of sslmode=disable. */
const urlWith = (query: string) => cluster.url.replace(/\?.*$/, query ? `?${query}` : '');

beforeAll(async () => {
  cluster = await startCluster({ tls: true });
}, 60_000);
afterAll(() => cluster?.stop(), 60_000);

/** Whether the connection the URL makes is encrypted, as the server sees it. */
async function encrypted(url: string): Promise<boolean> {
  const { client } = await openTeamClient(url);
  try {
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0]?.ssl === true;
  } finally {
    await client.end();
  }
}

describe('TLS on team connections', () => {
  it('is on when the URL says nothing, and team init works over it', async () => {
    expect(await encrypted(urlWith(''))).toBe(true);
    expect(await encrypted(urlWith('sslmode=require'))).toBe(true);
    const r = await run('team', 'init', '--url', urlWith(''));
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const added = await run('team', 'add', 'Tess', '--role', 'caller', '--url', urlWith(''), '--json');
    const connect = (added.json() as { connect: string }).connect;
    expect(connect).not.toContain('sslmode');
    const desk = /--url '([^']+)'/.exec(connect)?.[1] ?? '';
    expect((await run('team', 'connect', '--url', desk)).out).toMatch(/ as Tess \(caller, login tess\) over TLSv1\.[23]; team schema version/);
  });

  it('checks the certificate with verify-full and the server certificate as root, and refuses one it cannot trust', async () => {
    expect(await encrypted(urlWith(`sslmode=verify-full&sslrootcert=${certificate(cluster)}`))).toBe(true);
    await expect(openTeamClient(urlWith('sslmode=verify-full'))).rejects.toThrow(
      new RegExp(`^Cannot connect to the team database 127\\.0\\.0\\.1:${cluster.port}/outcall: self-signed certificate`),
    );
  });

  it('goes plain only when the URL says sslmode=disable', async () => {
    expect(await encrypted(urlWith('sslmode=disable'))).toBe(false);
  });

  it('refuses modes that would fall back to plain, and says what to write', () => {
    for (const mode of ['prefer', 'allow']) {
      expect(() => teamConnection(`postgres://ann@db.example.com/outcall?sslmode=${mode}`)).toThrow(
        `sslmode=${mode} is not one Outcall takes: leave it out (TLS required), or write verify-full, verify-ca, or, on a network you trust, disable.`,
      );
    }
    expect(() => teamConnection('postgres://ann@db.example.com/outcall?sslmode=verify-ca')).toThrow(/sslmode=verify-ca needs sslrootcert=PATH/);
    expect(() => teamConnection('postgres://ann@db.example.com/outcall?ssl=true')).toThrow('Write sslmode=... in a team database URL, not ssl= or uselibpqcompat=.');
    expect(() => teamConnection('postgres://ann@db.example.com/outcall?sslmode=verify-full&sslrootcert=/nonexistent/root.crt')).toThrow(
      'sslrootcert=/nonexistent/root.crt: cannot read it (ENOENT).',
    );
    expect(teamConnection('postgres://ann@db.example.com/outcall').tls).toBe('require');
    // A unix socket on the server itself carries no TLS, as with libpq.
    const socket = teamConnection('postgres://outcall_admin@localhost/outcall?host=/var/run/postgresql');
    expect([socket.tls, socket.config.ssl]).toEqual(['disable', false]);
  });
});
