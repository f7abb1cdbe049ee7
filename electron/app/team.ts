/**
 * The app's link to a team database, without Electron: Settings connect and disconnect it,
 * the status says whether it is connected, and what is announced on the team database (and every
 * change of status) is pushed to the window. Main gives it where the URL and the password are
 * kept; the browser-test harness keeps them in memory.
 *
 * The URL is kept without its password. The password is kept only when the user asks and the
 * computer can encrypt it (Electron's safeStorage: the OS keychain, DPAPI or libsecret);
 * otherwise it is asked for again at the next start.
 */
import type { TeamBoard, TeamStatusView } from '../../shared/ipc/types.ts';
import type { TeamChange } from '../../shared/team/events.ts';
import { UserError } from '../engine/errors.ts';
import type { DB } from '../engine/db/open.ts';
import { OFFLINE_MESSAGE, DeskConnection, Outbox, teamBoard, teamTarget, type DeskConnectionOptions } from '../engine/team/index.ts';
import { deskCallPayload, sendDeskCall, type DeskCall } from '../engine/team/desk-call.ts';
import { TeamDesk, type TeamDeskOptions } from '../engine/team/workspace.ts';

export interface TeamSecrets {
  /** Whether a password can be kept encrypted on this computer. */
  readonly canKeepPassword: boolean;
  /** The URL last connected to (no password) and the password, when one was kept. */
  load(): { url: string; password: string | null } | null;
  save(url: string, password: string | null): void;
  clear(): void;
}

/** Secrets held in memory only (tests; a computer that cannot encrypt keeps the URL the same way). */
export function memorySecrets(canKeepPassword = false): TeamSecrets {
  let kept: { url: string; password: string | null } | null = null;
  return {
    canKeepPassword,
    load: () => kept,
    save: (url, password) => void (kept = { url, password: canKeepPassword ? password : null }),
    clear: () => void (kept = null),
  };
}

export interface TeamLink {
  status(): TeamStatusView;
  connect(req: { url: string; password?: string; remember: boolean }): Promise<TeamStatusView>;
  disconnect(): Promise<TeamStatusView>;
  board(zone: string): Promise<TeamBoard>;
  /** The caller's workspace on the team database while one is set (connected or offline); null on the desk's own file. */
  desk(): TeamDesk | null;
  /** At start: connects to the URL kept last time, when its password is known (or none is needed). */
  resume(): Promise<void>;
  close(): Promise<void>;
}

/** A URL as typed, split into the URL without its password and the password in it, if any. */
export function splitPassword(typed: string): { url: string; password: string | null } {
  teamTarget(typed);
  const parsed = new URL(typed.trim());
  // The driver reads files named in ssl* parameters: the window never names a file.
  const file = [...parsed.searchParams.keys()].find((k) => /^ssl/i.test(k) && k.toLowerCase() !== 'sslmode');
  if (file) throw new UserError(`The team database URL may not name a file (${file}): give the certificate to the system instead.`);
  const password = parsed.password ? decodeURIComponent(parsed.password) : parsed.searchParams.get('password');
  parsed.password = '';
  parsed.searchParams.delete('password');
  return { url: parsed.toString(), password: password || null };
}

function withPassword(url: string, password: string | null): string {
  if (!password) return url;
  const parsed = new URL(url);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export function createTeamLink(deps: {
  secrets: TeamSecrets;
  /** What the window hears: a status change or a team notification. */
  push: (change: TeamChange) => void;
  options?: Omit<DeskConnectionOptions<DeskCall>, 'url' | 'outbox' | 'send'>;
  /** The desk's own database, whose outbox keeps team calls until the team database has them. */
  outboxDb?: () => DB;
  desk?: TeamDeskOptions;
}): TeamLink {
  let connection: DeskConnection<DeskCall> | null = null;
  let desk: TeamDesk | null = null;
  const push = (change: TeamChange) => {
    try {
      deps.push(change);
    } catch (e) {
      // The window is gone (closing): nobody to tell.
      console.error('[outcall] team change not pushed:', e);
    }
  };
  let failed: string | null = null;
  let password: string | null = deps.secrets.load()?.password ?? null;

  const status = (): TeamStatusView => {
    const kept = deps.secrets.load();
    const url = kept?.url ?? '';
    const base = { url, target: url ? teamTarget(url) : null, canKeepPassword: deps.secrets.canKeepPassword, passwordKept: !!kept?.password };
    if (!connection) {
      return { ...base, status: 'not_connected', message: failed ?? 'Not connected to a team database: this desk works on its own file.' };
    }
    if (connection.status === 'offline') {
      return { ...base, status: 'offline', message: `${OFFLINE_MESSAGE} Trying to reach ${connection.target} again (${connection.lastError ?? 'no answer'}).` };
    }
    return { ...base, status: 'connected', message: `Connected to the team database ${connection.target}.` };
  };

  const drop = async () => {
    const c = connection;
    const d = desk;
    connection = null;
    desk = null;
    await d?.close();
    await c?.close();
  };

  const open = async (url: string, pw: string | null) => {
    await drop();
    failed = null;
    try {
      const outbox = deps.outboxDb ? new Outbox<DeskCall>(deps.outboxDb(), deskCallPayload) : undefined;
      const c = await DeskConnection.open<DeskCall>({ ...deps.options, url: withPassword(url, pw), outbox, send: sendDeskCall });
      c.on('status', () => push({ kind: 'status' }));
      c.on('event', push);
      connection = c;
      desk = new TeamDesk(c, deps.desk);
    } catch (e) {
      failed = e instanceof Error ? e.message : String(e);
      throw e;
    } finally {
      push({ kind: 'status' });
    }
  };

  return {
    status,
    async connect(req) {
      const typed = splitPassword(req.url);
      const pw = req.password || typed.password || null;
      await open(typed.url, pw);
      password = pw;
      deps.secrets.save(typed.url, req.remember ? pw : null);
      return status();
    },
    async disconnect() {
      await drop();
      failed = null;
      password = null;
      deps.secrets.clear();
      push({ kind: 'status' });
      return status();
    },
    async board(zone) {
      if (!connection) throw new UserError('Not connected to a team database: connect in Settings, Team database.');
      const c = connection;
      return c.query((db) => teamBoard(db, zone));
    },
    desk: () => desk,
    async resume() {
      const kept = deps.secrets.load();
      if (!kept) return;
      await open(kept.url, password).catch(() => undefined);
    },
    close: drop,
  };
}
