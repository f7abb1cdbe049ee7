/**
 * One engine, two stores: what the command line (and, in time, the desk) asks of where calls
 * are kept, the same whether that is this machine's SQLite file (sqlite.ts) or the team's
 * PostgreSQL database (postgres.ts). The rules stay in one place: the call is replayed and its
 * result checked by store/plan.ts and the scheme's data, whichever store writes it.
 */
import type { LogCallInput, LoggedCall } from '../calls.ts';
import type { RatesQuery } from './team-reports.ts';
import type { Caller } from '../callers.ts';
import type { Campaign, CampaignPatch, NewCampaign } from '../campaigns.ts';
import type { DncEntry, DncImportSummary, DncLogEntry } from '../dnc.ts';
import type { QueueItem } from '../queue.ts';
import type { RecordLine, RecordQuery } from '../record-list.ts';
import type { Funnel } from '../reports.ts';
import type { OutcomeRow, ShiftTotalsRow, TotalsQuery } from '../totals.ts';
import type { CallerFigures, CallerRates, CallRowView, DayTrend, ListProgress, RatesView, RecordCard, Shift, TaskItem } from '../../../shared/ipc/types.ts';
import type { CallFilter } from '../reports.ts';

export type StoreMode = 'solo' | 'team';

/** A record taken for a caller, held until `leaseUntil` unless logged or let go. */
export interface Lease {
  id: number;
  company: string;
  /** The numbers that may be dialled (off the do-not-call list), E.164. */
  phones: string[];
  /** When the hold runs out: this machine's clock in solo mode, the server's in team mode. */
  leaseUntil: string;
}

/** What a store needs to know of a record before a call to it is logged. */
export interface RecordInfo {
  id: number;
  campaignId: number;
  company: string;
  /** The record's own IANA zone. */
  tz: string;
  /** Its campaign's zone, in which --at without an offset is read. */
  campaignTimezone: string;
}

/** A call to log: what the SQLite engine takes (calls.ts), and in team mode the desk's own id for it. */
export interface StoreCall extends LogCallInput {
  /** Team mode: the desk's own id for the call, so that a re-send is stored once (made when missing). */
  id?: string;
}

/** A logged call as the SQLite engine answers it (calls.ts), with the team store's id and answer. */
export interface StoredCall extends Omit<LoggedCall, 'callId'> {
  /** The SQLite row id, or the desk's id in team mode. */
  callId: number | string;
  /** Team mode: 'late' when another desk held the record by then (kept, but it changed nothing); 'duplicate' for a re-send. */
  stored: 'stored' | 'late' | 'duplicate';
}

export interface DncChangeRequest {
  region?: string;
  reason?: string;
  /** Who makes the change: a caller's name. */
  by: string;
}

/** What `queue` asks: whose queue (nobody's in particular by default), when the calls are made, how many records. */
export interface QueueQuery {
  caller?: string;
  at: Date;
  limit: number;
}

/** The records the queue would offer next, or (when it offers none) why, one reason a line. */
export interface QueueView {
  items: QueueItem[];
  /** Empty when there are items. */
  reasons: string[];
}

export interface Store {
  readonly mode: StoreMode;
  /** Where the store is, for messages: a file, or host:port/database. */
  readonly where: string;
  close(): Promise<void>;

  createCampaign(c: NewCampaign): Promise<Campaign>;
  listCampaigns(): Promise<(Campaign & { records: number; open: number })[]>;
  /** A campaign by name; an unknown name is refused with the names there are. */
  findCampaign(name: string): Promise<Campaign>;
  /** A campaign by id (a record's, a call's). */
  getCampaign(id: number): Promise<Campaign>;
  /**
   * Changes a campaign (patchedCampaign's checks: its scheme stays once calls are logged). Team
   * mode: managers only; anyone else is refused in words naming their role.
   */
  updateCampaign(id: number, patch: CampaignPatch): Promise<Campaign>;

  addCaller(name: string): Promise<Caller>;
  /** A caller by name; an unknown name is refused with the names there are. */
  findCaller(name: string): Promise<Caller>;
  listCallers(): Promise<string[]>;

  startShift(caller: string, at?: Date): Promise<Shift>;
  endShift(caller: string, at?: Date): Promise<Shift>;
  /** A past shift entered afterwards: never overlapping the caller's others; it takes their calls made in it. */
  addShift(caller: string, from: Date, to: Date): Promise<Shift>;

  record(id: number): Promise<RecordInfo>;
  /**
   * Records with their state, last result and numbers, by id; every field of the query narrows.
   * Team mode: what the login may read (a caller: the records they hold or could take).
   */
  listRecords(q: RecordQuery): Promise<{ total: number; records: RecordLine[] }>;
  /** One record's card: details, numbers, follow-up and its calls (team mode: the calls the login may read). */
  recordCard(id: number): Promise<RecordCard>;
  /** The records `next` would give the caller at `q.at`, in that order, none of them taken; or why there are none. */
  queue(campaignId: number, q: QueueQuery): Promise<QueueView>;
  /** Takes (holds) the caller's next record; `at` is when the call is made (calling window, due times). */
  next(campaignId: number, caller: string, at?: Date): Promise<Lease | null>;
  /** Lets the caller's record go; false when they did not hold it. */
  release(recordId: number, caller: string): Promise<boolean>;
  logCall(call: StoreCall): Promise<StoredCall>;

  /** Open follow-up tasks due by `at` (now by default) and after it, of one campaign or all. */
  tasks(at?: Date, campaignId?: number): Promise<{ due: TaskItem[]; upcoming: TaskItem[] }>;

  addDnc(raw: string, c: DncChangeRequest): Promise<{ e164: string; added: boolean }>;
  removeDnc(raw: string, c: DncChangeRequest): Promise<{ e164: string }>;
  /** The listed numbers (100 from `offset`, newest first) whose digits contain the search's, and how many there are. */
  listDnc(search?: string, offset?: number): Promise<{ total: number; entries: DncEntry[] }>;
  /** Every change to one number's listing, oldest first; or the last 500 changes, newest first. Team mode: supervisors and managers. */
  dncLog(e164?: string): Promise<DncLogEntry[]>;
  /** Whether a number, in any formatting, is on the do-not-call list, and its entry. */
  checkDnc(raw: string, region?: string): Promise<{ listed: boolean; e164: string; entry: DncEntry | null }>;
  /** Every number of a file (dnc.ts readDncFile) onto the list, all or nothing. Team mode: managers only. */
  importDnc(file: string, c: DncChangeRequest): Promise<DncImportSummary>;

  shiftTotals(q: TotalsQuery): Promise<ShiftTotalsRow[]>;
  outcomes(campaignId: number | undefined, q: TotalsQuery): Promise<{ total: number; rows: OutcomeRow[] }>;
  /** The calls at each funnel stage the schemes declare (FUNNEL_STAGES), keyed by stage; every field of the filter narrows. */
  funnel(f: CallFilter): Promise<Funnel>;
  /** The rates the campaign's scheme declares, for the campaign and per caller (or product, host). */
  rates(campaignId: number, q: RatesQuery): Promise<RatesView>;
  /** The calls behind a count, newest first, with their notes (at most 500). */
  calls(f: CallFilter): Promise<{ total: number; calls: CallRowView[] }>;
  /** Every list of one campaign (or of all) as it stands now. */
  listProgress(campaignId?: number): Promise<ListProgress[]>;
  /** Per caller: dials, contacts, DM contacts, pitches, leads, appointments, hours. */
  callerFigures(f: CallFilter): Promise<CallerFigures[]>;
  /** Per caller: the rates the schemes of the calls declare for the per-caller figures. */
  callerRates(f: CallFilter): Promise<CallerRates>;
  /** The same counts per day of the range. */
  dayTrend(f: CallFilter): Promise<DayTrend>;
}
