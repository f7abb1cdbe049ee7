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
import { viewOfCampaign } from '../api.ts';
import { checkCallStart } from '../calls.ts';
import type { Campaign } from '../campaigns.ts';
import { takes, type CountedCall } from '../counts.ts';
import { UserError } from '../errors.ts';
import { HOLD_MS } from '../queue.ts';
import { refusalOf } from '../records.ts';
import { teamStoreOver, toCampaign, type CampaignRow } from '../store/postgres.ts';
import { plannedEffects, planCall } from '../store/plan.ts';
import type { Store } from '../store/types.ts';
import { localDate, summaryLine, writeTotals, type ExportFormat } from '../totals.ts';
import { localZone, timeIn } from '../zone.ts';
import { TIMESHEET_COLUMNS } from '../../../shared/schemes/index.ts';
import type { CallHistoryItem, CampaignSummary, LiveTotals, LoggedCall, RecordView, SessionState, Shift } from '../../../shared/ipc/types.ts';
import type { Queryable } from './admin.ts';
import type { DeskConnection } from './connection.ts';
import { beginDial, newCallId, renewLease, type TeamLease } from './desk.ts';
import { deskCall, type DeskCall } from './desk-call.ts';
import { teamOffice, type Office } from './office.ts';

export const UNDO_IN_TEAM_MODE = 'Undo is not available in team mode: the call has gone to the team database (or waits in this desk\'s outbox to go). Log the record again to correct it, or ask a supervisor.';

/** The record this desk holds, as it was when leased: a call is planned from it, also offline. */
interface Held {
  lease: TeamLease;
  callerId: number;
  view: RecordView;
  campaign: Campaign;
  isLead: boolean;
  /** Numbers of the record not on the do-not-call list when it was read. */
  offDnc: string[];
  /** begin_dial let this desk dial it. */
  dialled: boolean;
  renew: NodeJS.Timeout;
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
  /** The desk's own ids of its calls, by the number the window was given for each. */
  private readonly calls = new Map<number, string>();
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
    this.db = { query: (sql: string, args?: unknown[]) => connection.query((db) => db.query(sql, args)) } as unknown as Queryable;
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

  async sessionState(caller: string): Promise<SessionState> {
    const c = await this.store.findCaller(caller);
    const { rows: open } = await this.db.query<{ id: string; started_at: Date }>('SELECT id, started_at FROM shifts WHERE caller_id = $1 AND ended_at IS NULL', [c.id]);
    const shift = open[0] ? { id: Number(open[0].id), callerId: c.id, caller: c.name, startedAt: open[0].started_at.toISOString(), endedAt: null } : null;
    const { rows: due } = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tasks WHERE done_at IS NULL AND due_at <= $1', [this.clock()]);
    return { caller: c.name, shift, totals: await this.liveTotals(shift?.id ?? null), dueTasks: due[0]?.n ?? 0 };
  }

  startShift = (caller: string): Promise<Shift> => this.store.startShift(caller);

  async endShift(caller: string): Promise<Shift> {
    const shift = await this.store.endShift(caller);
    // The server let go of the caller's records with the shift.
    this.forget();
    return shift;
  }

  async shiftSummary(caller: string): Promise<{ line: string }> {
    return { line: summaryLine(await this.latestShiftRow(caller)) };
  }

  async exportShift(caller: string, format: ExportFormat, file: string): Promise<{ path: string }> {
    await writeTotals([await this.latestShiftRow(caller)], format, file);
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
    return this.hold(lease, c.id);
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
    return this.hold({ id: recordId, company: row.company, phones: [], leaseToken: token, leaseUntil: row.until }, c.id);
  }

  /** The record as the team database has it now; offline, the record in hand as it was leased. */
  async recordView(recordId: number): Promise<RecordView> {
    if (this.connection.status !== 'connected' && this.held?.lease.id === recordId) return this.held.view;
    const { view } = await this.read(recordId);
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
    if (!held.dialled) throw new UserError(`Record ${r.recordId} was not dialled from this desk: press Dial first.`);
    const at = this.clock();
    const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));
    const startedAt = date(r.startedAt) ?? at;
    checkCallStart(startedAt, at);
    if (r.phone !== undefined && !held.view.record.phones.some((p) => p.e164 === r.phone)) {
      throw new UserError(`${r.phone} is not a number of record ${r.recordId}.`, [{ field: 'phone', message: 'Unknown number.' }]);
    }
    const plan = planCall({
      flowInput: { ...held.view.flowInput, schemeId: held.campaign.schemeId },
      events: r.events,
      choice: { ...r, followUpAt: date(r.followUpAt), appointmentAt: date(r.appointmentAt) },
      at,
    });
    const effects = plannedEffects(plan.scheme, plan.codes, held.view.record.status === 'open', plan.fields, held.campaign.client);
    const call = deskCall({
      id: newCallId(), recordId: r.recordId, company: held.view.record.company, callerId: held.callerId, leaseToken: held.lease.leaseToken,
      startedAt, endedAt: at, plan, effects, numbersOffDnc: held.offDnc, wasLead: held.isLead, phone: r.phone, notes: r.notes,
    });
    const answer = await this.connection.logCall(call);
    this.forget();
    const callId = this.calls.size + 1;
    this.calls.set(callId, call.id);
    return {
      callId, recordId: r.recordId, status: effects.open ? 'open' : 'closed', contactLevel: plan.level, pitched: plan.pitched,
      newLead: call.plan['new_lead'] === true, appointment: effects.appointment !== null, taskDueAt: effects.taskDueAt?.toISOString() ?? null,
      numbersAddedToDnc: call.doNotCall.length, results: plan.codes.map((c) => c.slug), team: answer,
    };
  }

  undoLog(): never {
    throw new UserError(UNDO_IN_TEAM_MODE);
  }

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

  private heldRecord(recordId: number): Held {
    const held = this.held;
    if (held?.lease.id !== recordId) throw new UserError(`Record ${recordId} is not held at this desk: take it with Next record first.`);
    return held;
  }

  private forget(): void {
    if (this.held) clearInterval(this.held.renew);
    this.held = null;
  }

  private async hold(lease: TeamLease, callerId: number): Promise<RecordView> {
    const read = await this.read(lease.id);
    const now = this.clock().toISOString();
    const reason = read.view.record.task && read.view.record.task.dueAt <= now ? 'follow_up_due' : read.view.record.attempts === 0 ? 'fresh' : 'retry';
    const view = { ...read.view, reason } as const;
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
    this.held = { lease, callerId, view, campaign: read.campaign, isLead: read.isLead, offDnc: read.offDnc, dialled: false, renew };
    return view;
  }

  /** A record's view from the team database (its card has what the team schema keeps). */
  private async read(recordId: number): Promise<{ view: RecordView; campaign: Campaign; isLead: boolean; offDnc: string[] }> {
    const { rows } = await this.db.query<{
      campaign_id: string; list_id: string | null; company: string; contact_name: string; timezone: string; status: 'open' | 'closed';
      attempts: number; blocked_attempts: number; last_level: string | null; last_result: string | null; last_call_at: Date | null;
      is_lead: boolean; existing_lead: boolean; owner: string; leased_by: string | null; task_id: string | null; task_due: Date | null;
    }>(
      `SELECT r.*, t.id AS task_id, t.due_at AS task_due FROM records r
       LEFT JOIN tasks t ON t.record_id = r.id AND t.done_at IS NULL WHERE r.id = $1`,
      [recordId],
    );
    const r = rows[0];
    if (!r) throw new UserError(`There is no record ${recordId} in the team database.`);
    const { rows: campaigns } = await this.db.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [r.campaign_id]);
    const campaign = toCampaign(campaigns[0] as CampaignRow);
    const { rows: phones } = await this.db.query<{ e164: string; label: string; on_dnc: boolean }>(
      'SELECT e164, label, EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) AS on_dnc FROM phones p WHERE record_id = $1 ORDER BY position',
      [recordId],
    );
    const { rows: calls } = await this.db.query<{ name: string; started_at: Date; level: string; pitched: boolean; result: string; notes: string; follow_up_at: Date | null }>(
      `SELECT k.name, c.started_at, c.level, c.pitched, c.result, c.notes, c.follow_up_at FROM calls c JOIN callers k ON k.id = c.caller_id
       WHERE c.record_id = $1 AND NOT c.late ORDER BY c.started_at DESC LIMIT 100`,
      [recordId],
    );
    const now = this.clock();
    const history: CallHistoryItem[] = calls.map((c, i) => ({
      id: calls.length - i, caller: c.name, startedAt: c.started_at.toISOString(), contactLevel: c.level, pitched: c.pitched,
      result: c.result, outcomes: [c.result], notes: c.notes, followUpAt: c.follow_up_at?.toISOString() ?? null,
    }));
    const record = {
      id: recordId, campaignId: campaign.id, listId: Number(r.list_id ?? 0), listRow: 0, company: r.company, contactName: r.contact_name,
      title: '', email: '', address: '', city: '', state: '', postcode: '', country: '', industry: '', employees: '', website: '', custom: {},
      tz: r.timezone, status: r.status, attempts: r.attempts, blockedAttempts: r.blocked_attempts, lastLevel: r.last_level, lastResult: r.last_result,
      lastCalledAt: r.last_call_at?.toISOString() ?? null, isLead: r.is_lead, existingLead: r.existing_lead, owner: r.owner,
      lockedBy: r.leased_by === null ? null : Number(r.leased_by),
      phones: phones.map((p) => ({ label: p.label, raw: p.e164, e164: p.e164, extension: null, onDnc: p.on_dnc })),
      task: r.task_id && r.task_due ? { id: Number(r.task_id), dueAt: r.task_due.toISOString() } : null,
      history,
      changes: [],
    };
    const numbers = phones.map((p) => ({ e164: p.e164, onDnc: p.on_dnc }));
    const dial = phones.map((p) => {
      const refused = refusalOf({ id: recordId, tz: r.timezone }, numbers, p.e164, now, campaign);
      return { e164: p.e164, canDial: refused === null, reason: refused };
    });
    const view: RecordView = { record, reason: null, dial, ...viewOfCampaign(campaign, record, now) };
    return { view, campaign, isLead: r.is_lead, offDnc: phones.filter((p) => !p.on_dnc).map((p) => p.e164) };
  }

  private async liveTotals(shiftId: number | null): Promise<LiveTotals> {
    const totals: LiveTotals = { dials: 0, receptionContacts: 0, dmContacts: 0, pitches: 0, leads: 0, appointments: 0 };
    if (shiftId === null) return totals;
    const { rows } = await this.db.query<{ level: string; pitched: boolean; new_lead: boolean; lead_kind: string | null; appointment: boolean; n: number }>(
      `SELECT level, pitched, new_lead, lead_kind, appointment, count(*)::int AS n FROM calls WHERE shift_id = $1
       GROUP BY level, pitched, new_lead, lead_kind, appointment`,
      [shiftId],
    );
    const column = (name: string) => TIMESHEET_COLUMNS.find((c) => c.column === name);
    for (const g of rows) {
      const call: CountedCall = { level: g.level, flags: { pitched: g.pitched }, outcomes: [], newLead: g.new_lead, leadKind: g.lead_kind, appointment: g.appointment };
      const counts = (name: string) => {
        const c = column(name);
        return c !== undefined && takes(c.counts, call) ? g.n : 0;
      };
      totals.dials += g.n;
      totals.receptionContacts += counts('reception_contacts');
      totals.dmContacts += counts('dm_contacts');
      totals.pitches += g.pitched ? g.n : 0;
      totals.leads += g.new_lead ? g.n : 0;
      totals.appointments += g.appointment ? g.n : 0;
    }
    return totals;
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
  private async latestShiftRow(caller: string) {
    const shift = await this.latestShift(caller);
    const day = localDate(new Date(shift.startedAt));
    const rows = await this.store.shiftTotals({ from: day, to: day, caller: shift.caller, now: this.clock() });
    const row = rows.find((r) => r['shift_start'] === timeIn(new Date(shift.startedAt), localZone()));
    if (!row) throw new UserError('No totals for the latest shift.');
    return row;
  }
}
