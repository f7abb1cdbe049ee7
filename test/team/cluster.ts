/**
 * A throwaway PostgreSQL cluster for the team-mode tests: `initdb` in a temp folder, `pg_ctl`
 * on 127.0.0.1 with a free port (its unix socket inside the folder too), one database. About a
 * second. Stopped and removed by `stop()`, and at process exit when a test run dies first.
 *
 * initdb refuses to run as root: as root, the cluster belongs to an unprivileged user (`postgres`,
 * which Debian's package creates, or OUTCALL_PG_USER) through `runuser`.
 */
import { execFileSync, execFile } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export interface Cluster {
  /**
   * postgres://postgres@127.0.0.1:PORT/outcall?sslmode=disable, a superuser on the test
   * database (plain, said explicitly: Outcall's own connections want TLS unless told otherwise).
   */
  url: string;
  port: number;
  dir: string;
  /** `pg_ctl restart -m fast`: every open connection is cut. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** The folder holding initdb and pg_ctl: OUTCALL_PG_BIN, Debian's newest, pg_config's, or PATH's. */
export function postgresBin(): string {
  const ok = (dir: string) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'));
  const fromEnv = process.env.OUTCALL_PG_BIN;
  if (fromEnv) {
    if (ok(fromEnv)) return fromEnv;
    throw new Error(`OUTCALL_PG_BIN=${fromEnv} has no initdb and pg_ctl.`);
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (ok(join(debian, v, 'bin'))) return join(debian, v, 'bin');
  }
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (ok(dir)) return dir;
  } catch {
    // no pg_config on PATH
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const initdb = join(dir, 'initdb');
    // A symlink (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb): its target's folder.
    if (existsSync(initdb) && ok(dirname(realpathSync(initdb)))) return dirname(realpathSync(initdb));
  }
  throw new Error('PostgreSQL is not installed: no initdb found (apt-get install postgresql, or set OUTCALL_PG_BIN).');
}

/** A port on 127.0.0.1 that nothing listens on just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;
const pgUser = process.env.OUTCALL_PG_USER ?? 'postgres';

/** The command line that runs a PostgreSQL tool as the cluster's owner. */
function as(bin: string, args: string[]): [string, string[]] {
  return asRoot ? ['runuser', ['-u', pgUser, '--', bin, ...args]] : [bin, args];
}

const running = new Set<string>();
process.once('exit', () => {
  // A run that ends without stop(): take the clusters down synchronously.
  for (const dir of running) {
    try {
      const [cmd, args] = as(join(postgresBin(), 'pg_ctl'), ['-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      // already down
    }
    rmSync(dir, { recursive: true, force: true });
  }
});

export interface ClusterOptions {
  maxConnections?: number;
  /** TLS on, with a certificate of its own for 127.0.0.1 (`certificate` in the folder). */
  tls?: boolean;
  /** Every login but postgres gives its password (SCRAM), as on a real server; `turned_away` is let in from nowhere. */
  passwords?: boolean;
}

/** The server's certificate of a cluster started with `tls`: a root certificate a client can trust. */
export const certificate = (cluster: Cluster) => join(cluster.dir, 'server.crt');

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const bin = postgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'outcall-pg-'));
  running.add(dir);
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  try {
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', pgUser], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', pgUser], { encoding: 'utf8' }));
      chownSync(dir, uid, gid);
    }
    const [initCmd, initArgs] = as(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    await run(initCmd, initArgs);
    if (options.passwords) {
      writeFileSync(
        join(data, 'pg_hba.conf'),
        'local all all trust\nhost all postgres 127.0.0.1/32 trust\nhost all turned_away 127.0.0.1/32 reject\nhost all all 127.0.0.1/32 scram-sha-256\n',
      );
    }
    let tls = '';
    if (options.tls) {
      const [cmd, args] = as('openssl', [
        'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
        '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
        '-keyout', join(dir, 'server.key'), '-out', join(dir, 'server.crt'),
      ]);
      await run(cmd, args);
      chmodSync(join(dir, 'server.key'), 0o600);
      tls = ` -c ssl=on -c ssl_cert_file=${join(dir, 'server.crt')} -c ssl_key_file=${join(dir, 'server.key')}`;
    }
    let port = 0;
    const ctl = async (...args: string[]) => {
      const [cmd, full] = as(join(bin, 'pg_ctl'), ['-D', data, '-w', '-t', '30', ...args]);
      await run(cmd, full);
    };
    const options_ = () =>
      `-h 127.0.0.1 -p ${port} -k ${dir} -F -c max_connections=${options.maxConnections ?? 120} -c synchronous_commit=off -c full_page_writes=off${tls}`;
    // A port found free may be taken before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await ctl('-l', log, '-o', options_(), 'start');
        break;
      } catch (e) {
        if (attempt >= 3) throw e;
      }
    }
    const admin = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
    await admin.connect();
    await admin.query('CREATE DATABASE outcall');
    await admin.end();
    return {
      url: `postgres://postgres@127.0.0.1:${port}/outcall?sslmode=disable`,
      port,
      dir,
      restart: () => ctl('-l', log, '-o', options_(), '-m', 'fast', 'restart'),
      async stop() {
        try {
          await ctl('-m', 'immediate', 'stop');
        } finally {
          running.delete(dir);
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    try {
      const [cmd, args] = as(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      execFileSync(cmd, args, { stdio: 'ignore' });
    } catch {
      // never started
    }
    running.delete(dir);
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`A test PostgreSQL did not start: ${(e as Error).message}\n${serverLog}`, { cause: e });
  }
}
