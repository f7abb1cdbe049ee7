/**
 * How a desk reaches the team database: the URL a person is given, read with TLS on by default.
 *
 * - No `sslmode` (or `sslmode=require`): the connection is encrypted, and refused when the
 *   server offers no TLS; the certificate is checked against `sslrootcert` when the URL names
 *   one (as libpq's require does).
 * - `sslmode=verify-ca` (with `sslrootcert`) or `sslmode=verify-full`: the certificate is
 *   checked, with verify-full also the host name (against `sslrootcert`, or the system's CAs).
 * - `sslmode=disable`: a plain connection, only when the URL says so (a loopback test cluster,
 *   a network you trust). `prefer` and `allow` are refused: Outcall never quietly falls back.
 * - A unix socket (`?host=/var/run/postgresql`, on the server itself) is local and never TLS.
 *
 * Messages name host:port/database, never the password.
 */
import { readFileSync, statSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import pg from 'pg';
import { UserError } from '../errors.ts';

type TeamUrl = { url: URL; target: string };

/** The URL, checked; refused in words when it is not a postgres:// URL naming a host and database. */
function readUrl(url: string): TeamUrl {
  if (url.length > 2000) throw new UserError('A team database URL is at most 2,000 characters.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Named from after its last @: what comes before may hold the password.
    const shown = url.slice(url.lastIndexOf('@') + 1).slice(0, 80);
    throw new UserError(`The team database URL (…${shown}) is not a URL: write postgres://USER@HOST:PORT/DATABASE.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new UserError(`A team database URL starts with postgres://, not ${parsed.protocol}//.`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname || !database) throw new UserError('A team database URL names the host and the database: postgres://USER@HOST:PORT/DATABASE.');
  return { url: parsed, target: `${parsed.hostname}:${parsed.port || '5432'}/${database}` };
}

/** host:port/database of a team URL, never its password; refused in words when it is not one. */
export const teamTarget = (url: string): string => readUrl(url).target;

/** The URL's TLS parameters; pg is given them as options, never in the connection string. */
const TLS_PARAMS = ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl', 'uselibpqcompat'] as const;
const TLS_MODES = ['require', 'verify-ca', 'verify-full', 'disable'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

function pemFile(path: string, param: string): string {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    throw new UserError(`${param}=${path}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}).`);
  }
  if (size > 1_000_000) throw new UserError(`${param}=${path} is over 1 MB: not a certificate file.`);
  return readFileSync(path, 'utf8');
}

export interface TeamConnection {
  config: pg.ClientConfig;
  target: string;
  tls: TlsMode;
}

/** The pg client settings for a team URL, TLS decided as above; refused in words when the URL asks for what is not allowed. */
export function teamConnection(url: string, extra: Omit<pg.ClientConfig, 'connectionString' | 'ssl'> = {}): TeamConnection {
  const { url: parsed, target } = readUrl(url);
  const param = (name: string) => parsed.searchParams.get(name) ?? undefined;
  const mode = param('sslmode') ?? 'require';
  if (!(TLS_MODES as readonly string[]).includes(mode)) {
    throw new UserError(
      `sslmode=${mode.slice(0, 40)} is not one Outcall takes: leave it out (TLS required), or write verify-full, verify-ca, or, on a network you trust, disable.`,
    );
  }
  if (param('ssl') !== undefined || param('uselibpqcompat') !== undefined) {
    throw new UserError('Write sslmode=... in a team database URL, not ssl= or uselibpqcompat=.');
  }
  const rootcert = param('sslrootcert');
  // A unix socket (host=/var/run/postgresql) never carries TLS, as with libpq.
  const tls: TlsMode = param('host')?.startsWith('/') ? 'disable' : (mode as TlsMode);
  let ssl: false | ConnectionOptions = false;
  if (tls !== 'disable') {
    if (tls === 'verify-ca' && !rootcert) throw new UserError('sslmode=verify-ca needs sslrootcert=PATH, the certificate of the CA that signed the server.');
    ssl = {};
    if (rootcert) ssl.ca = pemFile(rootcert, 'sslrootcert');
    const cert = param('sslcert');
    const key = param('sslkey');
    if (cert) ssl.cert = pemFile(cert, 'sslcert');
    if (key) ssl.key = pemFile(key, 'sslkey');
    // require without a root certificate: encrypted, the certificate not checked (libpq's require).
    if (tls === 'require' && !rootcert) ssl.rejectUnauthorized = false;
    // verify-ca, and require with a root certificate: the chain is checked, not the host name.
    if (tls === 'verify-ca' || (tls === 'require' && rootcert)) ssl.checkServerIdentity = () => undefined;
  }
  const plain = new URL(parsed.href);
  for (const p of TLS_PARAMS) plain.searchParams.delete(p);
  return { config: { ...extra, connectionString: plain.href, ssl }, target, tls };
}

/** A UserError that keeps the driver's error as its cause. */
export function refused(message: string, cause: unknown): UserError {
  const e = new UserError(message);
  e.cause = cause;
  return e;
}

/** What went wrong connecting, in words, naming the database and never the password. */
export function connectProblem(target: string, e: unknown): UserError {
  const message = (e as Error).message || (e as { code?: string }).code || String(e);
  const code = (e as { code?: string }).code;
  if (/does not support SSL/i.test(message)) {
    return refused(
      `${target} does not accept TLS connections, and Outcall connects with TLS unless told otherwise: turn ssl on in the server's postgresql.conf (the README's Team mode says how), or, on a network you trust, add ?sslmode=disable to the URL.`,
      e,
    );
  }
  if (code === '28P01') return refused(`${target} refused the login: ${message}. Check the user name and password you were given.`, e);
  // 28000: no pg_hba.conf line lets this login in from here (or not without TLS).
  if (code === '28000') return refused(`${target} refused the connection: ${message}. Its pg_hba.conf must let this login in from here (the README's Team mode says how).`, e);
  if (code === '3D000') return refused(`${target}: ${message}. Create it first (createdb), or check the URL.`, e);
  return refused(`Cannot connect to the team database ${target}: ${message}.`, e);
}

/** A connected client for a team URL (TLS as above); refused in words when it cannot connect. */
export async function openTeamClient(url: string): Promise<{ client: pg.Client; target: string; tls: TlsMode }> {
  const { config, target, tls } = teamConnection(url, { connectionTimeoutMillis: 15_000 });
  const client = new pg.Client(config);
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => undefined);
    throw connectProblem(target, e);
  }
  return { client, target, tls };
}
