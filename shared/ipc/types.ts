/**
 * Shapes that cross the IPC boundary: what the engine returns and the renderer shows. The
 * engine builds them; the renderer only reads them.
 */
import type { FlowInput } from '../callflow/index.ts';
import type { CallingWindow } from '../calling-window.ts';

export interface Phone {
  label: string;
  raw: string;
  e164: string | null;
  extension: string | null;
  onDnc: boolean;
}

export interface CallHistoryItem {
  id: number;
  caller: string;
  startedAt: string;
  contactLevel: string;
  pitched: boolean;
  result: string;
  /** Every outcome chosen for the call (one per dimension in a scheme with dimensions; `result` among them). */
  outcomes: string[];
  notes: string;
  followUpAt: string | null;
}

/** A correction a caller made to a record (a number, the DM's name, role or direct line). */
export interface RecordChange {
  id: number;
  at: string;
  by: string;
  /** `phone`, `direct_line`, `contact_name` or `title`. */
  field: string;
  oldValue: string;
  newValue: string;
}

export interface RecordCard {
  id: number;
  campaignId: number;
  listId: number;
  listRow: number;
  company: string;
  contactName: string;
  title: string;
  email: string;
  address: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  industry: string;
  employees: string;
  website: string;
  custom: Record<string, string>;
  tz: string;
  status: 'open' | 'closed';
  attempts: number;
  blockedAttempts: number;
  lastLevel: string | null;
  lastResult: string | null;
  lastCalledAt: string | null;
  isLead: boolean;
  existingLead: boolean;
  owner: string;
  lockedBy: number | null;
  phones: Phone[];
  task: { id: number; dueAt: string } | null;
  history: CallHistoryItem[];
  /** Corrections made by callers, newest first. */
  changes: RecordChange[];
}

export type QueueReason = 'meeting_due' | 'waiting_for_outcome' | 'follow_up_due' | 'fresh' | 'retry';

/** A record as the caller's workspace shows it. */
export interface RecordView {
  record: RecordCard;
  reason: QueueReason | null;
  campaign: { id: number; name: string; client: string; qualification: string; schemeId: string; hasIntroEmail: boolean; script: string };
  /** Whether each number can be dialled now, and if not, why. */
  dial: { e164: string; canDial: boolean; reason: string | null }[];
  /** Local time at the record and whether it is inside calling hours. */
  local: { time: string; insideWindow: boolean };
  /** Input for the call-flow machine: lead state, blocked attempts, campaign switches. */
  flowInput: FlowInput;
}

export interface LoggedCall {
  callId: number;
  recordId: number;
  status: 'open' | 'closed';
  contactLevel: string;
  pitched: boolean;
  newLead: boolean;
  appointment: boolean;
  taskDueAt: string | null;
  numbersAddedToDnc: number;
  /** Every outcome chosen, in scheme order (the first is the call's result). */
  results: string[];
  /**
   * Team mode: what became of the call: stored; late (another desk held the record by then: kept,
   * it changed nothing); duplicate (sent before); queued (offline: it waits on this desk).
   */
  team?: 'stored' | 'late' | 'duplicate' | 'queued';
}

export interface Shift {
  id: number;
  callerId: number;
  caller: string;
  startedAt: string;
  endedAt: string | null;
}

/** A figure of the shift bar: a timesheet column of a scheme, counted over the shift so far. */
export interface LiveFigure {
  /** The timesheet column (`dials`, `dm_contacts`, ...), as in the shift export. */
  column: string;
  /** Its name on the shift bar, the scheme's. */
  label: string;
  count: number;
}

/**
 * The shift bar's figures: the bar columns of the schemes of the shift's calls and of the
 * campaign being worked (the default scheme's when neither), in scheme order.
 */
export type LiveTotals = LiveFigure[];

export interface SessionState {
  caller: string;
  shift: Shift | null;
  totals: LiveTotals;
  dueTasks: number;
}

export interface CampaignSummary {
  id: number;
  name: string;
  client: string;
  region: string;
  timezone: string;
  records: number;
  open: number;
  callingWindow: CallingWindow;
  /** The campaign's outcome scheme (an id in shared/schemes' registry). */
  schemeId: string;
}

export interface TaskItem {
  taskId: number;
  recordId: number;
  campaignId: number;
  campaign: string;
  company: string;
  contactName: string;
  dueAt: string;
  /** The prospect's time zone: the due time is shown in it. */
  tz: string;
  lastResult: string | null;
  /** The campaign's outcome scheme, which names `lastResult`. */
  schemeId: string;
}

/** A campaign's own options (switches, variants, texts, dial override). */
export interface CampaignOptions {
  /** Email Only - HNS may be used (permission granted by management). */
  allowEmailOnlyHns: boolean;
  /** Wants Consultant Follow Up is offered on this campaign. */
  wantsConsultantFollowUp: boolean;
  /** The campaign's own Not Qualified reasons, e.g. "No Roof". */
  notQualifiedVariants: { slug: string; label: string }[];
  /** Shown on the record card: who qualifies for this client. */
  qualification: string;
  /** The talk track shown beside the call; {contact}, {company}, {caller} are filled in. */
  script: string;
  /** The intro email callers send; {contact}, {company}, {caller}, {client} are filled in. */
  introEmail: { subject: string; body: string };
  /** This campaign's own dial hand-off, overriding the caller's setting (e.g. a client's PBX). */
  dial: { mode: 'tel' | 'sip' | 'callto' | 'custom'; sipDomain: string; template: string } | null;
  /** The settings the campaign's scheme declares (`OutcomeScheme.settings`, e.g. closers, products, currency), by key. */
  settings?: Readonly<Record<string, string | number | readonly string[]>>;
}

export interface CampaignDetail extends CampaignSummary {
  /** Calls logged on the campaign: once there are any, its scheme stays. */
  calls: number;
  retryDelayHours: number;
  maxAttempts: number | null;
  options: CampaignOptions;
}

export type ColumnTarget =
  | 'company' | 'contact_name' | 'first_name' | 'last_name' | 'title' | 'email' | 'phone' | 'area_code' | 'address' | 'city'
  | 'state' | 'postcode' | 'country' | 'industry' | 'employees' | 'website' | 'custom' | 'ignore';

export interface ImportPreview {
  /** The file: its path in the engine, the token main gave for it over IPC. */
  file: string;
  /** The file's name, to show. */
  name: string;
  kind: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  headerRow: number;
  headers: string[];
  rows: string[][];
  mapping: Record<string, ColumnTarget>;
}

export interface ImportSummaryView {
  rows: number;
  imported: number;
  invalidPhone: number;
  duplicateInFile: number;
  duplicateInCampaign: number;
  onDoNotCall: number;
  errorReport: string | null;
  dryRun: boolean;
  examples: { row: number; reason: string; detail: string }[];
}

export type ImportJobView =
  | { state: 'running'; progress: { rowsRead: number; bytesRead: number; bytesTotal: number } | null }
  | { state: 'done'; summary: ImportSummaryView }
  | { state: 'failed'; error: string }
  | { state: 'cancelled' };

export interface DncEntryView {
  e164: string;
  raw: string;
  source: string;
  addedAt: string;
  addedBy: string;
  reason: string;
}

export interface DncLogView {
  e164: string;
  action: string;
  at: string;
  by: string;
  source: string;
  reason: string;
}

export type TotalsRow = Record<string, string | number>;

/** Calls at each funnel stage the schemes declare, by the stage's key (B2B: dials, reception, decisionMaker, pitched, leads, appointments). */
export type FunnelView = Record<string, number>;

export interface OutcomeMixView {
  total: number;
  rows: { result: string; label: string; weight: string; calls: number; share: number }[];
}

export interface CallRowView {
  id: number;
  startedAt: string;
  caller: string;
  campaign: string;
  recordId: number;
  company: string;
  contactName: string;
  contactLevel: string;
  pitched: boolean;
  result: string;
  /** Every outcome chosen for the call (`result` among them). */
  outcomes: string[];
  notes: string;
  /** The outcome scheme that names `result` and `contactLevel`. */
  schemeId: string;
}

/** A daily copy of the database in backups/ beside it. */
export interface BackupView {
  name: string;
  /** The local day it was taken (YYYY-MM-DD). */
  day: string;
  takenAt: string;
  bytes: number;
}

/** One list's progress as it stands now; each record is in one of fresh, in play, closed, on do-not-call. */
export interface ListProgress {
  listId: number;
  list: string;
  campaignId: number;
  campaign: string;
  records: number;
  fresh: number;
  inPlay: number;
  closed: number;
  /** Records with no number off the do-not-call list. */
  onDnc: number;
  /** Records attempted at least once. */
  attempted: number;
  attempts: number;
  /** Attempted records as a percentage of all. */
  penetration: number;
  attemptsPerRecord: number;
}

/** The supervisors' counts of a set of calls (a caller's, a day's). */
export interface CallCounts {
  dials: number;
  contacts: number;
  dmContacts: number;
  pitches: number;
  leads: number;
  appointments: number;
}

/** A caller's figures over a date range (and the other report filters). */
export interface CallerFigures extends CallCounts {
  caller: string;
  hours: number;
  dialsPerHour: number | null;
}

/** A rate column of the per-caller figures: a rate the schemes of the calls shown declare (one column per key). */
export interface CallerRateColumn {
  key: string;
  label: string;
  definition: string;
}

/**
 * The rates per caller over the report's filter: the columns of the schemes of its calls (of
 * the filter's campaign when it has none), and each caller's value of each (a percentage with
 * one decimal, null when nothing to divide by), each scheme's rate counted over its own calls.
 */
export interface CallerRates {
  columns: CallerRateColumn[];
  callers: { caller: string; rates: Record<string, number | null> }[];
}

/** A column of the trend by day: a count the schemes of the calls declare (`chart`: drawn on the chart too). */
export interface TrendColumnView {
  column: string;
  label: string;
  chart: boolean;
}

/**
 * The trend by day over the report's filter: the columns of the schemes of its calls (of the
 * filter's campaign when it has none), and every day of the range with each column's count.
 */
export interface DayTrend {
  columns: TrendColumnView[];
  days: { day: string; counts: Record<string, number> }[];
}

/** One figure of a rate a scheme declares: for the campaign, or for one caller, product or host. */
export interface RateRowView {
  key: string;
  label: string;
  definition: string;
  /** What the row is for: 'campaign', or 'caller', 'product' or 'host' with `who`. */
  per: 'campaign' | 'caller' | 'product' | 'host';
  who: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator as a percentage with one decimal (or, for a sum, the sum per denominator call); null when nothing to divide by. */
  value: number | null;
  /** The rate sums this field (e.g. deal_value) instead of counting calls. */
  sum?: string;
}

export interface RatesView {
  schemeId: string;
  from: string;
  to: string;
  rows: RateRowView[];
}

/**
 * Team mode, the supervisor's board (electron/engine/team/board.ts): a desk's (or the team's) figures today: `dials` the server allowed (begin_dial), `calls`
 * logged, `closed` records the calls closed, and a count per column of `TeamBoard.columns`.
 */
export type BoardTotals = Record<string, number>;

export interface BoardDesk {
  callerId: number;
  name: string;
  /** ISO; null when the caller has no open shift. */
  shiftStartedAt: string | null;
  /** The record the desk holds now, if any. */
  holding: { recordId: number; company: string; campaign: string; leaseUntil: string } | null;
  totals: BoardTotals;
}

export interface TeamBoard {
  /** The server's time the board was read at, ISO. */
  at: string;
  /** The zone "today" is counted in. */
  zone: string;
  /** The schemes' columns (of today's calls and the records held), between calls and records closed. */
  columns: { key: string; label: string }[];
  desks: BoardDesk[];
  team: BoardTotals;
}

/** Whether this desk is connected to a team database, and to which (never the password). */
export interface TeamStatusView {
  status: 'connected' | 'offline' | 'not_connected';
  /** The URL kept (without its password); empty when none. */
  url: string;
  /** host:port/database */
  target: string | null;
  /** What the status means, in words. */
  message: string;
  canKeepPassword: boolean;
  passwordKept: boolean;
}
