/**
 * The caller's workspace on a team database: what the app's Work view, shift bar and
 * follow-ups ask of the engine, answered from the team's PostgreSQL through the desk's
 * connection. The record on screen is leased (renewed on a timer while it is held, let go on
 * Release, at the shift's end and when the desk closes); every dial is asked of begin_dial
 * first; a call is planned as in solo mode (store/plan.ts) from the record as it was leased,
 * then kept in the desk's outbox and sent. Offline, the call in hand is still logged (it waits
 * in the outbox) but no new record is taken.
 */
import type { LogCallRequest } from '../api.ts';
import { checkCallStart, tooLateToUndo, UNDO_WINDOW_MS } from '../calls.ts';
import type { Campaign } from '../campaigns.ts';
import { inWords, UserError } from '../errors.ts';
import { cleanCallerName } from '../callers.ts';
import type { RecordCorrection } from '../corrections.ts';
import { HOLD_MS } from '../queue.ts';
import { teamStoreOver } from '../store/postgres.ts';
import type { Store } from '../store/types.ts';
import { liveFigures } from '../columns.ts';
import { localDate, summaryLine, writeTotals, type ExportFormat } from '../totals.ts';
import { localZone, timeIn } from '../zone.ts';
import type { CampaignSummary, LiveTotals, LoggedCall, RecordView, SessionState, Shift } from '../../../shared/ipc/types.ts';
import type { Queryable } from './admin.ts';
import type { DeskConnection } from './connection.ts';
import { beginDial, newCallId, renewLease, type TeamLease } from './desk.ts';
import { deskCall, planTeamCall, type DeskCall } from './desk-call.ts';
import { readTeamRecord } from './desk-record.ts';
import { hostedQueue, rowsOf } from './host-queue.ts';
import { correctTeamRecord, markTeamIntroEmailSent, teamIntroEmail, undoTeamCall } from './desk-fixes.ts';
import { teamOffice, type Office } from './office.ts';

/** The record this desk holds, as it was when leased: a call is planned from it, also offline. */
interface Held {
  lease: TeamLease;
  callerId: number;
  callerName: string;
  view: RecordView;
  campaign: Campaign;
  isLead: boolean;
  /** Numbers of the record not on the do-not-call list when it was read. */
  offDnc: string[];
  /** begin_dial let this desk dial it. */
  dialled: boolean;
  renew: NodeJS.Timeout;
}

/** How many of its latest calls a desk remembers (for Undo and the intro email). */
const KEPT_CALLS = 20;

/** A call this desk logged: its own id for it, and the record as it was held when logged. */
interface Logged {
  id: string;
  held: Omit<Held, 'renew'>;
  /** When it was logged, by this desk's clock (the undo window of a call still in the outbox). */
  at: number;
}

export interface TeamDeskOptions {
  clock?: () => Date;
  /** How long a lease lasts unless renewed (the solo hold's 15 minutes by default). */
  leaseSeconds?: number;
  /** How often a held record's lease is renewed (a third of the lease by default). */
  renewEveryMs?: number;
}

export class TeamDesk {
  readonly store: Store;
  /** The manager's and supervisor's screens on the team database, under this desk's login. */
  readonly office: Office;
  private held: Held | null = null;
  /** The desk's calls, by the number the window was given for each. */
  private readonly calls = new Map<number, Logged>();
  private lastCallNumber = 0;
  private readonly clock: () => Date;
  private readonly leaseSeconds: number;
  private readonly renewEveryMs: number;
  private readonly connection: DeskConnection<DeskCall>;
  private readonly db: Queryable;

  constructor(connection: DeskConnection<DeskCall>, options: TeamDeskOptions = {}) {
    this.connection = connection;
    this.clock = options.clock ?? (() => new Date());
    this.leaseSeconds = options.leaseSeconds ?? HOLD_MS / 1000;
    this.renewEveryMs = options.renewEveryMs ?? (this.leaseSeconds * 1000) / 3;
    // Every query goes through the connection: offline, it is refused in the offline message.
    // A refusal the server raises in words reaches the caller in them.
    this.db = {
      query: (sql: string, args?: unknown[]) =>
        connection.query((db) => db.query(sql, args)).catch((e: unknown) => {
          throw inWords(e);
        }),
    } as unknown as Queryable;
    this.store = teamStoreOver(this.db, connection.target, async () => undefined, this.clock);
    this.office = teamOffice(connection, this.db, this.store, this.clock);
  }

  /** host:port/database. */
  get target(): string {
    return this.connection.target;
  }

  /** The record held now, if any. */
  get holding(): number | null {
    return this.held?.lease.id ?? null;
  }

  async listCampaigns(): Promise<CampaignSummary[]> {
    return (await this.store.listCampaigns()).map((c) => ({
      id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone,
      records: c.records, open: c.open, callingWindow: c.callingWindow, schemeId: c.schemeId,
    }));
  }

  async sessionState(caller: string, campaignId?: number): Promise<SessionState> {
    const c = await this.store.findCaller(caller);
    const { rows: open } = await this.db.query<{ id: string; started_at: Date }>('SELECT id, started_at FROM shifts WHERE caller_id = $1 AND ended_at IS NULL', [c.id]);
    const shift = open[0] ? { id: Number(open[0].id), callerId: c.id, caller: c.name, startedAt: open[0].started_at.toISOString(), endedAt: null } : null;
    const { rows: due } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE done_at IS NULL AND due_at <= $1', [this.clock()]);
    return { caller: c.name, shift, totals: await this.liveTotals(shift, campaignId), dueTasks: due[0]?.n ?? 0 };
  }

  startShift = (caller: string): Promise<Shift> => this.store.startShift(caller);

  async endShift(caller: string): Promise<Shift> {
    const shift = await this.store.endShift(caller);
    // The server let go of the caller's records with the shift.
    this.forget();
    return shift;
  }

  async shiftSummary(caller: string): Promise<{ line: string }> {
    const shift = await this.latestShift(caller);
    return { line: summaryLine(await this.latestShiftRow(shift)) };
  }

  async exportShift(caller: string, format: ExportFormat, file: string): Promise<{ path: string }> {
    await writeTotals([await this.latestShiftRow(await this.latestShift(caller))], format, file);
    return { path: file };
  }

  async defaultExportName(caller: string, format: ExportFormat): Promise<string> {
    const shift = await this.latestShift(caller).catch(() => null);
    return `outcall-shift-${caller.replace(/[^\w-]+/g, '_')}-${localDate(shift ? new Date(shift.startedAt) : this.clock())}.${format}`;
  }

  /** The caller's next record, leased to this desk; a record still held is let go first. Refused offline. */
  async nextRecord(campaignId: number, caller: string): Promise<RecordView | null> {
    const c = await this.store.findCaller(caller);
    if (this.held) await this.release(this.held.lease.id, caller);
    const lease = await this.connection.leaseNext({ campaignId, callerId: c.id, leaseSeconds: this.leaseSeconds });
    if (!lease) return null;
    return this.hold(lease, c);
  }

  /** A record opened from the follow-ups: leased to this desk as the queue would. */
  async openRecord(recordId: number, caller: string): Promise<RecordView> {
    const c = await this.store.findCaller(caller);
    if (this.held && this.held.lease.id !== recordId) await this.release(this.held.lease.id, caller);
    if (this.held?.lease.id === recordId) return this.held.view;
    const { rows: held } = await this.db.query<{ token: string | null }>('SELECT hold_record($1, $2, $3) AS token', [recordId, c.id, this.leaseSeconds]);
    const token = held[0]?.token;
    if (!token) throw new UserError(`Record ${recordId} is being worked at another desk right now.`);
    // Read after the hold, in a statement of its own: one statement would not see its own function's update.
    const { rows } = await this.db.query<{ until: Date; company: string }>('SELECT lease_until AS until, company FROM records WHERE id = $1', [recordId]);
    const row = rows[0];
    if (!row) throw new UserError(`There is no record ${recordId} in the team database.`);
    return this.hold({ id: recordId, company: row.company, phones: [], leaseToken: token, leaseUntil: row.until }, c);
  }

  /** The record as the team database has it now; offline, the record in hand as it was leased. */
  async recordView(recordId: number): Promise<RecordView> {
    if (this.connection.status !== 'connected' && this.held?.lease.id === recordId) return this.held.view;
    const { view } = await readTeamRecord(this.db, this.clock(), recordId, this.held?.lease.id === recordId ? this.held.callerId : undefined);
    return this.held?.lease.id === recordId ? { ...view, reason: this.held.view.reason } : view;
  }

  /** Lets the record go back to the team. Offline it is only forgotten here: its lease runs out on the server. */
  async release(recordId: number, caller: string): Promise<{ released: boolean }> {
    const held = this.held;
    if (held?.lease.id === recordId) {
      this.forget();
      const ok = await this.connection.release(held.lease, held.callerId).catch(() => false);
      return { released: ok };
    }
    const c = await this.store.findCaller(caller);
    return { released: await this.store.release(recordId, c.name) };
  }

  /** Asks begin_dial, by the server's clock: the lease, the number, the do-not-call list, the calling window. */
  async dialCheck(recordId: number, e164: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const held = this.held;
    if (held?.lease.id !== recordId) return { ok: false, reason: `Record ${recordId} is not held at this desk: take it with Next record first.` };
    const answer = await this.connection.query((db) => beginDial(db, held.lease, held.callerId, e164, held.campaign.region));
    if (!answer.ok) return { ok: false, reason: answer.message };
    held.dialled = true;
    return { ok: true };
  }

  campaignDial = async (recordId: number): Promise<Campaign['options']['dial']> => this.heldRecord(recordId).campaign.options.dial;

  /**
   * Plans the call from the record as leased (the rulebook's checks, as in solo mode), keeps it
   * in the outbox and sends it. Offline it waits there: `team` says 'queued'.
   */
  async logCall(r: LogCallRequest): Promise<LoggedCall> {
    const held = this.heldRecord(r.recordId);
    // A call the flow takes without a dial (a meeting called off before it started) asks no dial of the server.
    if (!held.dialled && r.events.includes('DIAL')) throw new UserError(`Record ${r.recordId} was not dialled from this desk: press Dial first.`);
    const at = this.clock();
    const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));
    const startedAt = date(r.startedAt) ?? at;
    checkCallStart(startedAt, at);
    if (r.phone !== undefined && !held.view.record.phones.some((p) => p.e164 === r.phone)) {
      throw new UserError(`${r.phone} is not a number of record ${r.recordId}.`, [{ field: 'phone', message: 'Unknown number.' }]);
    }
    const planned = await planTeamCall(this.db, {
      recordId: r.recordId, company: held.view.record.company, tz: held.view.record.tz, campaign: held.campaign, callerId: held.callerId,
      callerName: held.callerName, flowInput: { ...held.view.flowInput, schemeId: held.campaign.schemeId },
      wasOpen: held.view.record.status === 'open', wasLead: held.isLead, numbersOffDnc: held.offDnc, events: r.events,
      choice: { ...r, followUpAt: date(r.followUpAt), appointmentAt: date(r.appointmentAt) }, startedAt, at, phone: r.phone, notes: r.notes,
    });
    const { plan, effects } = planned;
    const call = deskCall({ ...planned, id: newCallId(), leaseToken: held.lease.leaseToken });
    const answer = await this.connection.logCall(call);
    this.forget();
    const logged: Omit<Held, 'renew'> = { ...held };
    delete (logged as Partial<Held>).renew;
    const callId = ++this.lastCallNumber;
    this.calls.set(callId, { id: call.id, held: logged, at: this.clock().getTime() });
    // Undo takes back the last call, the intro email follows the call at once: the last few are enough.
    for (const old of this.calls.keys()) if (old <= callId - KEPT_CALLS) this.calls.delete(old);
    return {
      callId, recordId: r.recordId, status: effects.open ? 'open' : 'closed', contactLevel: plan.level, pitched: plan.pitched,
      newLead: call.plan['new_lead'] === true, appointment: effects.appointment !== null, taskDueAt: effects.taskDueAt?.toISOString() ?? null,
      numbersAddedToDnc: call.doNotCall.length, results: plan.codes.map((c) => c.slug), team: answer,
    };
  }

  /**
   * Takes back the caller's call: from the outbox while it waits there (the record in hand again
   * as it was held), else on the team database (undo_call: only their last call, within the
   * undo window by the server's clock, while nobody called or holds the record since). Either
   * way the record comes back held at this desk, ready to be logged again.
   */
  async undoLog(callId: number, caller: string): Promise<RecordView> {
    const logged = this.calls.get(callId);
    if (!logged) throw new UserError(`There is no call ${callId} to undo.`);
    const c = { id: logged.held.callerId, name: logged.held.callerName };
    if (cleanCallerName(caller) !== c.name) throw new UserError(`Call ${callId} was logged by ${c.name}; only they can undo it.`);
    // The server judges a sent call by its clock (undo_call); one still waiting here, by this desk's.
    if (this.clock().getTime() - logged.at > UNDO_WINDOW_MS && this.connection.waiting(logged.id)) throw tooLateToUndo(callId);
    if (await this.connection.withdraw(logged.id)) {
      this.calls.delete(callId);
      if (this.held) await this.release(this.held.lease.id, caller);
      this.keep({ ...logged.held, dialled: true });
      return logged.held.view;
    }
    const lease = await undoTeamCall(this.db, logged.id, c.id, this.leaseSeconds);
    this.calls.delete(callId);
    const view = await this.hold(lease, c);
    if (this.held) this.held.dialled = true;
    return view;
  }

  /** Corrects the record this desk holds (correct_record checks the lease on the server); the view as it is now. */
  async correctRecord(recordId: number, fix: RecordCorrection): Promise<RecordView> {
    const held = this.heldRecord(recordId);
    await correctTeamRecord(this.db, held.lease, held.callerId, fix, held.campaign);
    const { view, offDnc } = await readTeamRecord(this.db, this.clock(), recordId, held.callerId);
    Object.assign(held, { view: { ...view, reason: held.view.reason }, offDnc });
    return held.view;
  }

  /** The intro email of a call this desk logged, from the team database; refused while the call waits in the outbox. */
  async introEmail(callId: number): Promise<{ url: string }> {
    const logged = this.sentCall(callId);
    return teamIntroEmail(this.db, logged.id, logged.held.callerId, logged.held.campaign);
  }

  markIntroEmailSent = async (callId: number): Promise<void> => {
    const logged = this.sentCall(callId);
    await markTeamIntroEmailSent(this.db, logged.id, logged.held.callerId);
  };

  listTasks = async (caller: string, campaignId?: number) => {
    await this.store.findCaller(caller);
    return this.store.tasks(this.clock(), campaignId);
  };

  addDnc = (number: string, region: string, by: string, reason: string) => this.store.addDnc(number, { region, by, reason });

  /** Lets the held record go (best effort) and stops renewing it. */
  async close(): Promise<void> {
    const held = this.held;
    this.forget();
    if (held) await this.connection.release(held.lease, held.callerId).catch(() => undefined);
  }

  /** A call of this desk's that the team database has. */
  private sentCall(callId: number): Logged {
    const logged = this.calls.get(callId);
    if (!logged) throw new UserError(`There is no call ${callId} logged at this desk.`);
    if (this.connection.waiting(logged.id)) {
      throw new UserError('The intro email waits until this call has reached the team database: the desk is offline, and sends it when the database is back.');
    }
    return logged;
  }

  private heldRecord(recordId: number): Held {
    const held = this.held;
    if (held?.lease.id !== recordId) throw new UserError(`Record ${recordId} is not held at this desk: take it with Next record first.`);
    return held;
  }

  private forget(): void {
    if (this.held) clearInterval(this.held.renew);
    this.held = null;
  }

  private async hold(lease: TeamLease, caller: { id: number; name: string }): Promise<RecordView> {
    const callerId = caller.id;
    const read = await readTeamRecord(this.db, this.clock(), lease.id, callerId);
    const now = this.clock().toISOString();
    // A meeting the caller hosts comes first in the queue, and says so on the card as in solo mode.
    const meeting = (await hostedQueue(rowsOf(this.db), read.campaign.id, callerId, this.clock())).find((m) => m.id === lease.id);
    const reason = meeting?.reason ?? (read.view.record.task && read.view.record.task.dueAt <= now ? 'follow_up_due' : read.view.record.attempts === 0 ? 'fresh' : 'retry');
    const view = { ...read.view, reason } as const;
    this.keep({ lease, callerId, callerName: caller.name, view, campaign: read.campaign, isLead: read.isLead, offDnc: read.offDnc, dialled: false });
    return view;
  }

  /** Holds the record at this desk, its lease renewed on a timer while it is. */
  private keep(held: Omit<Held, 'renew'>): void {
    const { lease, callerId } = held;
    const renew = setInterval(() => {
      void this.connection
        .query((db) => renewLease(db, lease, callerId, this.leaseSeconds))
        .then((until) => {
          if (until) lease.leaseUntil = until;
        })
        .catch(() => undefined);
    }, this.renewEveryMs);
    renew.unref();
    this.forget();
    this.held = { ...held, renew };
  }

  /**
   * The shift bar's figures: the columns of the schemes of the shift's calls and of the campaign
   * being worked, counted as the shift's export counts them (as on the desk's own file).
   */
  private async liveTotals(shift: Shift | null, campaignId?: number): Promise<LiveTotals> {
    return liveFigures(shift === null ? undefined : await this.shiftRow(shift), await this.shiftSchemes(shift?.id ?? null, campaignId));
  }

  /** The schemes of the shift's calls, and that of the campaign `campaignId` if given. */
  private async shiftSchemes(shiftId: number | null, campaignId?: number): Promise<string[]> {
    const { rows } = await this.db.query<{ scheme_id: string }>(
      `SELECT DISTINCT coalesce(c.scheme_id, k.scheme_id) AS scheme_id FROM calls c LEFT JOIN campaigns k ON k.id = c.campaign_id WHERE c.shift_id = $1
       UNION SELECT scheme_id FROM campaigns WHERE id = $2`,
      [shiftId, campaignId ?? null],
    );
    return rows.map((r) => r.scheme_id);
  }

  private async latestShift(caller: string): Promise<Shift> {
    const c = await this.store.findCaller(caller);
    const { rows } = await this.db.query<{ id: string; started_at: Date; ended_at: Date | null }>(
      'SELECT id, started_at, ended_at FROM shifts WHERE caller_id = $1 ORDER BY started_at DESC LIMIT 1',
      [c.id],
    );
    const s = rows[0];
    if (!s) throw new UserError(`${c.name} has no shift yet: start one first.`);
    return { id: Number(s.id), callerId: c.id, caller: c.name, startedAt: s.started_at.toISOString(), endedAt: s.ended_at?.toISOString() ?? null };
  }

  /** The totals row of the caller's latest shift, from the team store (the day it started, this computer's zone). */
  private async latestShiftRow(shift: Shift) {
    const row = await this.shiftRow(shift);
    if (!row) throw new UserError('No totals for the latest shift.');
    return row;
  }

  /** The shift's own row of the totals of the day it started (what Export shift writes). */
  private async shiftRow(shift: Shift) {
    const day = localDate(new Date(shift.startedAt));
    const rows = await this.store.shiftTotals({ from: day, to: day, caller: shift.caller, now: this.clock() });
    return rows.find((r) => r['shift_start'] === timeIn(new Date(shift.startedAt), localZone()));
  }
}
