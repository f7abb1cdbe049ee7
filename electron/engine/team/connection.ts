/**
 * A desk's connection to the team database. It knows whether it is connected: one connection
 * of its own LISTENs for the team's notifications and is asked `SELECT 1` now and then, so a
 * cut is noticed even while the desk is idle. When the connection is lost the desk is offline:
 * it tries again with growing pauses (bounded), takes no new record meanwhile, and keeps the
 * calls logged meanwhile in its outbox; once back it sends them, oldest first.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import { UserError } from '../errors.ts';
import type { Queryable } from './admin.ts';
import { leaseNext, logTeamCall, releaseLease, type LeaseRequest, type LogAnswer, type TeamCall, type TeamLease } from './desk.ts';
import { teamConnection, teamTarget } from './connect.ts';
import { announce, parseTeamEvent, TEAM_CHANNEL, type TeamEvent } from './notify.ts';
import { isConnectionError, type Outbox } from './outbox.ts';

export type TeamStatus = 'connected' | 'offline' | 'not_connected';

export const OFFLINE_MESSAGE = 'Offline: finish and log the call in hand; no new record until the team database is back.';

export interface DeskConnectionOptions<T extends { id: string } = TeamCall> {
  /** postgres://USER:PASSWORD@HOST:PORT/DATABASE */
  url: string;
  /** Where calls wait until the team database has them; logCall needs one. */
  outbox?: Outbox<T>;
  /** How a waiting call is sent: log_call (logTeamCall, for TeamCalls) unless the desk's store says otherwise. */
  send?: (db: Queryable, call: T) => Promise<LogAnswer>;
  /** Pauses between tries to reconnect: the first, doubled after each failed try, at most the last. */
  backoff?: { firstMs: number; maxMs: number };
  /** How often the listening connection is checked while idle. */
  heartbeatMs?: number;
  /** How long a connection attempt or a query may take before the desk counts itself offline. */
  timeoutMs?: number;
}

interface Events {
  status: [TeamStatus];
  event: [TeamEvent];
  /** An outbox entry the server answered. */
  sent: [{ id: string; answer: LogAnswer }];
}

/** How long a desk keeps a connection nobody uses: a long break, not a long call. */
export const DESK_IDLE_MS = 30 * 60_000;

export class DeskConnection<T extends { id: string } = TeamCall> extends EventEmitter<Events> {
  /** host:port/database, never the password: what the desk may show. */
  readonly target: string;
  private current: TeamStatus = 'not_connected';
  private pool: pg.Pool;
  private listener: pg.Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private tries = 0;
  private beating = false;
  private closed = false;
  private draining: Promise<void> = Promise.resolve();
  /** Why the desk went offline last, in the driver's words. */
  lastError: string | null = null;

  private readonly options: DeskConnectionOptions<T>;

  private constructor(options: DeskConnectionOptions<T>) {
    super();
    this.options = options;
    this.target = teamTarget(options.url);
    this.pool = this.newPool();
  }

  private newPool(): pg.Pool {
    const timeout = this.options.timeoutMs ?? 10_000;
    // Its connections stay open while the caller is on the phone (the driver closes one idle for
    // 10 s): a call logged minutes after its lease would otherwise open a new connection (TLS,
    // password check, a fresh server process) and compile and plan the desk's functions again.
    const pool = new pg.Pool({ ...this.clientConfig(), max: 3, query_timeout: timeout * 3, idleTimeoutMillis: DESK_IDLE_MS });
    // An idle connection the server or the network cut: the pool drops it; the listener notices.
    pool.on('error', () => undefined);
    return pool;
  }

  /** Connects (refused in words naming host:port/database when it cannot) and starts listening. */
  static async open<T extends { id: string } = TeamCall>(options: DeskConnectionOptions<T>): Promise<DeskConnection<T>> {
    const connection = new DeskConnection<T>(options);
    try {
      await connection.listen();
    } catch (e) {
      await connection.close();
      const error = new UserError(`Cannot connect to the team database ${connection.target}: ${describe(e)}.`);
      error.cause = e;
      throw error;
    }
    connection.setStatus('connected');
    void connection.flush();
    return connection;
  }

  get status(): TeamStatus {
    return this.current;
  }

  /**
   * The next record for the caller, held for them; refused while offline. Calls waiting in the
   * outbox go first, so a record just logged is not offered again.
   */
  async leaseNext(req: LeaseRequest): Promise<TeamLease | null> {
    await this.flush();
    const lease = await this.query((db) => leaseNext(db, req));
    if (lease) this.tell([{ kind: 'lease', record: lease.id, caller: req.callerId, before: null }]);
    return lease;
  }

  /** Lets the record go back to the team; false when it was no longer held under this lease. */
  async release(lease: TeamLease, callerId: number): Promise<boolean> {
    const released = await this.query((db) => releaseLease(db, lease, callerId));
    if (released) this.tell([{ kind: 'lease', record: lease.id, caller: null, before: callerId }]);
    return released;
  }

  /** Runs `f` on the team database; offline (or cut meanwhile) it is refused with OFFLINE_MESSAGE. */
  async query<R>(f: (db: Queryable) => Promise<R>): Promise<R> {
    if (this.current !== 'connected') throw new UserError(OFFLINE_MESSAGE);
    try {
      return await f(this.pool);
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      this.lost(e);
      const error = new UserError(OFFLINE_MESSAGE);
      error.cause = e;
      throw error;
    }
  }

  /**
   * Runs `f` over a pool of its own whose statements have no time limit (a long import), while
   * the desk's own pool stays free; refused while offline. The pool is closed when `f` ends.
   */
  async longRun<R>(f: (pool: pg.Pool) => Promise<R>): Promise<R> {
    if (this.current !== 'connected') throw new UserError(OFFLINE_MESSAGE);
    const pool = new pg.Pool({ ...this.clientConfig(), max: 1 });
    pool.on('error', () => undefined);
    try {
      return await f(pool);
    } finally {
      await pool.end().catch(() => undefined);
    }
  }

  /**
   * Logs a finished call: kept in the outbox first (so nothing is lost), then sent when
   * connected. 'queued' when it waits for the team database to come back.
   */
  async logCall(call: T): Promise<LogAnswer | 'queued'> {
    const outbox = this.options.outbox;
    if (!outbox) throw new Error('This desk has no outbox to log team calls through.');
    outbox.enqueue(call);
    let answer: LogAnswer | null = null;
    const hear = (s: { id: string; answer: LogAnswer }) => {
      if (s.id === call.id) answer = s.answer;
    };
    this.on('sent', hear);
    try {
      await this.flush();
    } finally {
      this.off('sent', hear);
    }
    return answer ?? 'queued';
  }

  /** Whether the call waits in the outbox, not sent yet. */
  waiting(id: string): boolean {
    return this.options.outbox?.holds(id) ?? false;
  }

  /**
   * Takes a call back from the outbox if it has not been sent: between drains, so it is never
   * taken back while on its way. False when the team database has it (or may have it) already.
   */
  withdraw(id: string): Promise<boolean> {
    const outbox = this.options.outbox;
    if (!outbox) return Promise.resolve(false);
    const done = this.draining.then(() => outbox.withdraw(id));
    this.draining = done.then(() => undefined, () => undefined);
    return done;
  }

  /** Sends what waits in the outbox, one drain at a time; nothing while offline. */
  flush(): Promise<void> {
    const outbox = this.options.outbox;
    if (!outbox) return Promise.resolve();
    this.draining = this.draining
      .then(async () => {
        if (this.current !== 'connected') return;
        const send = this.options.send ?? (logTeamCall as unknown as (db: Queryable, call: T) => Promise<LogAnswer>);
        const result = await outbox.drain((call) => send(this.pool, call));
        for (const { id, answer } of result.sent) this.emit('sent', { id, answer });
        this.tell(result.sent.flatMap((s) => storedEvents(s.call, s.answer)));
        if (result.cut) this.lost(result.cut);
      })
      // The desk's own file failing (closed, full disk) must not stop later drains: said, and tried again next time.
      .catch((e: unknown) => void (this.lastError = describe(e)));
    return this.draining;
  }

  /** Stops listening and reconnecting; what waits in the outbox stays there for the next time. */
  async close(): Promise<void> {
    this.closed = true;
    this.stopTimers();
    await this.draining.catch(() => undefined);
    const listener = this.listener;
    this.listener = null;
    await Promise.allSettled([listener?.end(), this.pool.ended ? undefined : this.pool.end()]);
    this.setStatus('not_connected');
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ ...this.clientConfig(), query_timeout: this.options.timeoutMs ?? 10_000 });
    const cut = (e?: Error) => {
      if (this.listener === client) this.lost(e ?? new Error('the connection ended'));
    };
    client.on('error', cut);
    client.on('end', () => cut());
    client.on('notification', (n) => {
      if (n.channel !== TEAM_CHANNEL) return;
      const event = parseTeamEvent(n.payload);
      if (event) this.emit('event', event);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${TEAM_CHANNEL}`);
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    this.listener = client;
    this.heartbeat ??= setInterval(() => {
      const listener = this.listener;
      // One check at a time: a check still waiting ends in its own timeout.
      if (this.current !== 'connected' || !listener || this.beating) return;
      this.beating = true;
      listener
        .query('SELECT 1')
        .catch((e: Error) => {
          if (this.listener === listener) this.lost(e);
        })
        .finally(() => (this.beating = false));
    }, this.options.heartbeatMs ?? 5_000);
  }

  /** Announces what this desk changed, in the background: a lost announcement only leaves a board behind until the next. */
  private tell(events: TeamEvent[]): void {
    if (events.length) announce(this.pool, events).catch(() => undefined);
  }

  /** The driver's settings for the URL, shared by the listening connection and the pool. */
  private clientConfig(): pg.ClientConfig {
    // TLS as every team connection has it (connect.ts): required unless the URL says sslmode=disable.
    // TCP keepalives from half a minute idle, so that a router between desk and server keeps an idle connection open.
    return teamConnection(this.options.url, { connectionTimeoutMillis: this.options.timeoutMs ?? 10_000, keepAlive: true, keepAliveInitialDelayMillis: 30_000 }).config;
  }

  private lost(e: unknown): void {
    if (this.closed || this.current === 'offline') return;
    this.lastError = describe(e);
    const listener = this.listener;
    this.listener = null;
    void listener?.end().catch(() => undefined);
    // The connections the pool keeps may be dead without knowing it (a link gone silent): back
    // online, the desk works over new ones instead of waiting out a dead one's timeout.
    const pool = this.pool;
    this.pool = this.newPool();
    void pool.end().catch(() => undefined);
    this.setStatus('offline');
    this.tries = 0;
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed) return;
    const { firstMs, maxMs } = this.options.backoff ?? { firstMs: 250, maxMs: 10_000 };
    const pause = Math.min(firstMs * 2 ** Math.min(this.tries, 20), maxMs);
    this.retry = setTimeout(() => void this.reconnect(), pause);
  }

  private async reconnect(): Promise<void> {
    this.retry = null;
    if (this.closed) return;
    try {
      await this.listen();
    } catch (e) {
      this.lastError = describe(e);
      this.tries += 1;
      this.scheduleReconnect();
      return;
    }
    if (this.closed) {
      // Closed while this try was under way: its connection and timers go too.
      this.stopTimers();
      await this.listener?.end().catch(() => undefined);
      return;
    }
    this.setStatus('connected');
    await this.flush();
  }

  private setStatus(status: TeamStatus): void {
    if (this.current === status) return;
    this.current = status;
    this.emit('status', status);
  }

  private stopTimers(): void {
    if (this.retry) clearTimeout(this.retry);
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.retry = null;
    this.heartbeat = null;
  }
}

/** What a stored call tells the others: the call, and that its record was let go (unless it was late). */
function storedEvents(call: unknown, answer: LogAnswer): TeamEvent[] {
  const { recordId: record, callerId: caller } = call as { recordId?: unknown; callerId?: unknown };
  if (answer === 'duplicate' || typeof record !== 'number' || typeof caller !== 'number') return [];
  const stored: TeamEvent = { kind: 'call', caller, record };
  return answer === 'late' ? [stored] : [stored, { kind: 'lease', record, caller: null, before: caller }];
}

/** The driver's error in a few words (a socket error has a code and no message at times). */
function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.message || (e as { code?: string }).code || e.name;
}
