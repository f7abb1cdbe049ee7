import { basename } from 'node:path';
import { isInsideWindow, localClock } from '../../shared/calling-window.ts';
import { firstEmail, mailtoUrl } from '../../shared/email.ts';
import type {
  CampaignDetail,
  CampaignSummary,
  ImportPreview,
  TotalsRow,
  LiveTotals,
  LoggedCall,
  RecordView,
  SessionState,
  Shift,
  TaskItem,
} from '../../shared/ipc/types.ts';
import type { DB } from './db/open.ts';
import { callerByName, listCallers } from './callers.ts';
import { logCall, markIntroEmailSent, priorResults, undoLog } from './calls.ts';
import {
  createCampaign,
  flowCampaignInput,
  getCampaign,
  listCampaigns,
  notQualifiedVariant,
  updateCampaign,
  type Campaign,
  type NewCampaign,
} from './campaigns.ts';
import { backupDir, backupToday, dailyBackup, listBackups } from './backup.ts';
import { addDnc, dncLog, importDnc, listDnc, removeDnc } from './dnc.ts';
import { finalMapping, guessMapping, type Mapping } from './import/mapping.ts';
import { firstRows, openSource } from './import/source.ts';
import { pickHeader } from './import/importer.ts';
import { createImportJobs, type ImportJobState } from './jobs.ts';
import { IMPORTING_LISTS } from './import/staging.ts';
import { callsBehind, funnel, type CallFilter, type Funnel } from './reports.ts';
import { campaignRates } from './rates.ts';
import { listTemplates, saveTemplate } from './templates.ts';
import { listTasks } from './tasks.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { localZone, timeIn } from './zone.ts';
import { holdLasts, release, takeNext, type QueueReason } from './queue.ts';
import { dialCheck, getRecord, getRecordRow } from './records.ts';
import { correctRecord, type RecordCorrection } from './corrections.ts';
import { callerFigures, callerRates, listProgress } from './progress.ts';
import { dailyTrend } from './trend.ts';
import { fillPlaceholders } from '../../shared/placeholders.ts';
import { endShift, openShift, startShift } from './shifts.ts';
import { liveFigures } from './columns.ts';
import { localDate, outcomeMix, rowSchemes, shiftTotals, summaryLine, TEXT_COLUMNS, totalsColumns, writeTotals, type ExportFormat } from './totals.ts';

/**
 * What the desktop app asks of the engine, as plain data in and out, so that it can run in a
 * worker thread (the app) or in-process (tests, the browser-test harness). Times are ISO strings.
 */
export interface LogCallRequest {
  recordId: number;
  caller: string;
  events: string[];
  result?: string;
  results?: string[];
  fields?: Record<string, string | number | string[]>;
  notes?: string;
  followUpAt?: string;
  appointmentAt?: string;
  appointmentKind?: string;
  reason?: string;
  phone?: string;
  startedAt?: string;
}

export interface CampaignInput extends Omit<NewCampaign, 'options'> {
  id?: number;
  options: Omit<NonNullable<NewCampaign['options']>, 'notQualifiedVariants'>;
  /** Extra Not Qualified reasons, e.g. "No Roof". */
  notQualifiedReasons: string[];
}

const WEEKDAY_LABEL = { mon: 'Mon', tue: 'Tue', wed: 'Wed', thu: 'Thu', fri: 'Fri', sat: 'Sat', sun: 'Sun' } as const;

export interface EngineOptions {
  /** The import worker's file in a bundled app; the source worker otherwise. */
  importWorker?: URL | string;
}

/** What a record's view takes from its campaign and the clock: the campaign's card, the record's local time, the flow's input. */
export function viewOfCampaign(
  campaign: Campaign,
  record: { tz: string; existingLead: boolean; blockedAttempts: number },
  now: Date,
  /** The outcomes of the record's earlier calls, oldest first, for the scheme's rules. */
  priorResults: readonly string[] = [],
): Pick<RecordView, 'campaign' | 'local' | 'flowInput'> {
  const { weekday, minutes } = localClock(record.tz, now);
  return {
    campaign: {
      id: campaign.id,
      name: campaign.name,
      client: campaign.client,
      qualification: campaign.options.qualification,
      schemeId: campaign.schemeId,
      hasIntroEmail: campaign.options.introEmail.body.trim() !== '' || campaign.options.introEmail.subject.trim() !== '',
      script: campaign.options.script,
    },
    local: {
      time: `${WEEKDAY_LABEL[weekday]} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      insideWindow: isInsideWindow(campaign.callingWindow, record.tz, now),
    },
    flowInput: {
      record: { isExistingLead: record.existingLead, blockedAttempts: record.blockedAttempts, priorResults: [...priorResults] },
      campaign: flowCampaignInput(campaign),
      schemeId: campaign.schemeId,
    },
  };
}

/** The campaign's intro email for a record, filled in, to the record's first valid address (both stores). */
export function introEmailUrl(record: { contactName: string; company: string; email: string }, campaign: Campaign, caller: string): string {
  const fill = (t: string) => fillPlaceholders(t, { contact: record.contactName || 'there', company: record.company, caller, client: campaign.client });
  const { subject, body } = campaign.options.introEmail;
  return mailtoUrl(firstEmail(record.email), fill(subject), fill(body));
}

/**
 * The Reports screen's shift totals: the rows, the columns they have (with none, those of the
 * schemes `schemeIds`: the report's campaign's) and a totals row (both stores' rows).
 */
export type TotalsView = { columns: string[]; rows: TotalsRow[]; totals: TotalsRow; zone: string };
export function totalsView(rows: TotalsRow[], zone: string, schemeIds: readonly string[] = []): TotalsView {
  const columns = totalsColumns(rows, schemeIds);
  const people = new Set(rows.map((r) => r['caller'])).size;
  const totals: TotalsRow = { date: 'Total', caller: `${people} caller${people === 1 ? '' : 's'}`, shift_start: '', shift_end: '', shift: '', time_zone: zone };
  for (const c of columns.filter((c) => !TEXT_COLUMNS.includes(c))) totals[c] = Math.round(rows.reduce((s, r) => s + Number(r[c] ?? 0), 0) * 100) / 100;
  return { columns, rows, totals, zone };
}

/** What the Campaigns screen saves, as a campaign's values: the extra Not Qualified reasons become variants of its scheme. */
export function campaignValues(input: CampaignInput, currentSchemeId?: string): { id?: number; values: NewCampaign } {
  const { id, notQualifiedReasons, ...rest } = input;
  const schemeId = rest.schemeId ?? currentSchemeId;
  const options = { ...rest.options, notQualifiedVariants: notQualifiedReasons.filter((r) => r.trim()).map((r) => notQualifiedVariant(r, schemeId)) };
  return { id, values: { ...rest, options } };
}

export function createEngineApi(db: DB, clock: () => Date = () => new Date(), options: EngineOptions = {}) {
  const jobs = createImportJobs(db.name, options.importWorker);
  const campaignDetail = (id: number): CampaignDetail => {
    const c = getCampaign(db, id);
    const counts = db
      .prepare(
        `SELECT count(*) AS records, coalesce(sum(status = 'open'), 0) AS open, (SELECT count(*) FROM calls WHERE campaign_id = ?) AS calls
         FROM records WHERE campaign_id = ? AND list_id NOT IN ${IMPORTING_LISTS}`,
      )
      .get(id, id) as { records: number; open: number; calls: number };
    return {
      id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone, callingWindow: c.callingWindow,
      ...counts, schemeId: c.schemeId, retryDelayHours: c.retryDelayHours, maxAttempts: c.maxAttempts, options: c.options,
    };
  };
  const recordView = (recordId: number, reason: QueueReason | null = null): RecordView => {
    const record = getRecord(db, recordId);
    const campaign = getCampaign(db, record.campaignId);
    const now = clock();
    const dial = record.phones.flatMap((p) => {
      if (!p.e164) return [];
      const check = dialCheck(db, record.id, p.e164, now, campaign);
      return [{ e164: p.e164, canDial: check.ok, reason: check.ok ? null : check.reason }];
    });
    return { record, reason, dial, ...viewOfCampaign(campaign, record, now, priorResults(db, record.id)) };
  };

  const latestShift = (caller: string): Shift | null => {
    const c = callerByName(db, caller);
    return (
      (db
        .prepare(
          `SELECT s.id, s.caller_id AS callerId, k.name AS caller, s.started_at AS startedAt, s.ended_at AS endedAt
           FROM shifts s JOIN callers k ON k.id = s.caller_id WHERE s.caller_id = ? ORDER BY s.started_at DESC LIMIT 1`,
        )
        .get(c.id) as Shift | undefined) ?? null
    );
  };

  /** The rows of the day the caller's latest shift started on, in this machine's zone. */
  const latestShiftRows = (shift: Shift) => {
    const day = localDate(new Date(shift.startedAt));
    return shiftTotals(db, { from: day, to: day, caller: shift.caller, now: clock() });
  };
  /** The shift's own row of those (what Export shift writes). */
  const shiftRow = (shift: Shift) => latestShiftRows(shift).find((r) => r['shift_start'] === timeIn(new Date(shift.startedAt), localZone()));

  /**
   * The shift bar's figures: the columns of the schemes of the shift's calls and of the campaign
   * being worked (an id no campaign has adds none), counted as the shift's export counts them.
   */
  const liveTotals = (shift: Shift | null, campaignId?: number): LiveTotals => {
    const row = shift === null ? undefined : shiftRow(shift);
    const schemeIds = row ? rowSchemes(row) : [];
    const worked = campaignId === undefined ? undefined : (db.prepare('SELECT scheme_id FROM campaigns WHERE id = ?').pluck().get(campaignId) as string | undefined);
    return liveFigures(row, worked === undefined ? schemeIds : [...schemeIds, worked]);
  };

  return {
    // --- campaign managers -------------------------------------------------------------
    campaign: (id: number): CampaignDetail => campaignDetail(id),

    saveCampaign(input: CampaignInput): CampaignDetail {
      const { id, values } = campaignValues(input, input.id === undefined ? undefined : getCampaign(db, input.id).schemeId);
      const saved = id === undefined ? createCampaign(db, values, clock()) : updateCampaign(db, id, values);
      return campaignDetail(saved.id);
    },

    async previewList(file: string, overrides: Partial<Mapping> = {}): Promise<ImportPreview> {
      const source = await openSource(file);
      const seen = await firstRows(source, 60);
      if (seen.length === 0) throw new UserError(`${file} is empty.`);
      const best = pickHeader(seen);
      const header = seen[best] as { row: number; cells: string[] };
      const headers = header.cells.map((h, i) => h.trim() || `Column ${i + 1}`);
      let mapping: Mapping;
      try {
        mapping = finalMapping(headers, overrides);
      } catch {
        mapping = { ...guessMapping(headers), ...overrides } as Mapping;
      }
      return {
        file, name: basename(file), kind: source.info.kind, encoding: source.info.encoding ?? null, delimiter: source.info.delimiter ?? null,
        headerRow: header.row, headers, rows: seen.slice(best + 1, best + 9).map((r) => r.cells), mapping,
      };
    },

    listTemplates: () => listTemplates(db),
    saveTemplate: (name: string, mapping: Mapping) => {
      saveTemplate(db, name, mapping, clock());
      return listTemplates(db);
    },

    startImport(req: { file: string; campaignId: number; mapping: Partial<Mapping>; region?: string; dryRun: boolean; by: string }) {
      getCampaign(db, req.campaignId);
      return jobs.start({ file: req.file, campaignId: req.campaignId, mapping: req.mapping, region: req.region, dryRun: req.dryRun, importedBy: req.by });
    },
    importStatus: (jobId: number): ImportJobState => jobs.status(jobId),
    cancelImport: (jobId: number) => jobs.cancel(jobId),
    saveImportReport: (jobId: number, dest: string) => jobs.saveReport(jobId, dest),

    listDnc: (search: string, offset: number) => listDnc(db, { search, offset, limit: 100 }),
    addDnc: (number: string, region: string, by: string, reason: string) => addDnc(db, number, { region, by, reason, now: clock() }),
    removeDnc: (number: string, region: string, by: string, reason: string) => removeDnc(db, number, { region, by, reason, now: clock() }),
    importDnc: (file: string, region: string, by: string) => importDnc(db, file, { region, by, now: clock() }),
    dncLog: (e164?: string) => dncLog(db, e164),

    // --- supervisors ------------------------------------------------------------------
    callers: (): string[] => listCallers(db),
    totals: (from: string, to: string, caller?: string, campaignId?: number, zone = localZone()): TotalsView =>
      totalsView(shiftTotals(db, { from, to, caller, campaignId, zone, now: clock() }), zone, campaignId === undefined ? [] : [getCampaign(db, campaignId).schemeId]),
    async exportTotals(from: string, to: string, caller: string | undefined, format: ExportFormat, file: string, campaignId?: number, zone?: string) {
      await writeTotals(shiftTotals(db, { from, to, caller, campaignId, zone, now: clock() }), format, file);
      return { path: file };
    },
    outcomes: (campaignId: number | undefined, from: string, to: string, caller?: string, zone?: string) => outcomeMix(db, campaignId, { from, to, caller, zone }),
    rates: (campaignId: number, from: string, to: string, caller?: string, zone?: string) => campaignRates(db, campaignId, { from, to, caller, zone }),
    listProgress: (campaignId?: number) => listProgress(db, campaignId),
    callerFigures: (filter: CallFilter) => callerFigures(db, filter),
    callerRates: (filter: CallFilter) => callerRates(db, filter),
    dayTrend: (filter: CallFilter) => dailyTrend(db, filter),
    funnel: (filter: CallFilter): Funnel => funnel(db, filter),
    calls: (filter: CallFilter) => callsBehind(db, filter),
    campaignDial: (recordId: number) => getCampaign(db, getRecord(db, recordId).campaignId).options.dial,

    // --- backups ----------------------------------------------------------------------
    backups: () => ({ folder: backupDir(db.name), backups: listBackups(db.name) }),
    /** Today's copy now, replacing an earlier one of today. */
    backupNow: () => backupToday(db, clock()),
    /** Today's copy unless there is one: the app asks every hour it runs. */
    dailyBackup: () => dailyBackup(db, clock()),

    // --- callers ----------------------------------------------------------------------
    listCampaigns(): CampaignSummary[] {
      return listCampaigns(db).map((c) => ({
        id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone,
        records: c.records, open: c.open, callingWindow: c.callingWindow, schemeId: c.schemeId,
      }));
    },

    sessionState(caller: string, campaignId?: number): SessionState {
      const c = callerByName(db, caller);
      const shift = openShift(db, c.id);
      const dueTasks = db.prepare('SELECT count(*) FROM tasks WHERE done_at IS NULL AND due_at <= ?').pluck().get(iso(clock())) as number;
      return { caller: c.name, shift, totals: liveTotals(shift, campaignId), dueTasks };
    },

    startShift: (caller: string): Shift => startShift(db, caller, clock()),
    endShift: (caller: string): Shift => endShift(db, caller, clock()),

    shiftSummary(caller: string): { line: string } {
      const shift = latestShift(caller);
      if (!shift) throw new UserError(`${caller} has no shift yet: start one first.`);
      const row = shiftRow(shift);
      if (!row) throw new UserError('No totals for the latest shift.');
      return { line: summaryLine(row) };
    },

    async exportShift(caller: string, format: ExportFormat, file: string): Promise<{ path: string }> {
      const shift = latestShift(caller);
      if (!shift) throw new UserError(`${caller} has no shift yet: start one first.`);
      await writeTotals(latestShiftRows(shift), format, file);
      return { path: file };
    },

    defaultExportName(caller: string, format: ExportFormat): string {
      const shift = latestShift(caller);
      const day = shift ? localDate(new Date(shift.startedAt)) : localDate(clock());
      return `outcall-shift-${caller.replace(/[^\w-]+/g, '_')}-${day}.${format}`;
    },

    nextRecord(campaignId: number, caller: string): RecordView | null {
      const c = callerByName(db, caller);
      const next = takeNext(db, campaignId, c.id, clock());
      return next ? recordView(next.id, next.reason) : null;
    },

    recordView: (recordId: number): RecordView => recordView(recordId),

    /**
     * A record opened from the follow-ups: held for this caller, as the queue would hold it; any
     * other record the caller held goes back to the queue (one record at a time).
     */
    openRecord(recordId: number, caller: string): RecordView {
      const c = callerByName(db, caller);
      const row = getRecordRow(db, recordId);
      if (row.locked_by !== null && row.locked_by !== c.id && holdLasts(row.locked_at, clock())) {
        const other = db.prepare('SELECT name FROM callers WHERE id = ?').pluck().get(row.locked_by) as string;
        throw new UserError(`${other} is working this record right now.`);
      }
      db.transaction(() => {
        db.prepare('UPDATE records SET locked_by = NULL, locked_at = NULL WHERE locked_by = ? AND id <> ?').run(c.id, recordId);
        db.prepare('UPDATE records SET locked_by = ?, locked_at = ? WHERE id = ?').run(c.id, iso(clock()), recordId);
      })();
      const view = recordView(recordId);
      const due = view.record.task !== null && view.record.task.dueAt <= iso(clock());
      return { ...view, reason: due ? 'follow_up_due' : view.record.attempts === 0 ? 'fresh' : 'retry' };
    },

    correctRecord(recordId: number, fix: RecordCorrection, caller: string): RecordView {
      correctRecord(db, recordId, fix, callerByName(db, caller).name, clock());
      return recordView(recordId);
    },

    release(recordId: number, caller: string): { released: boolean } {
      return { released: release(db, recordId, callerByName(db, caller).id) };
    },

    logCall(r: LogCallRequest): LoggedCall {
      const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));
      return logCall(db, {
        recordId: r.recordId, caller: r.caller, events: r.events, result: r.result, results: r.results, fields: r.fields, notes: r.notes,
        followUpAt: date(r.followUpAt), appointmentAt: date(r.appointmentAt), appointmentKind: r.appointmentKind,
        reason: r.reason, phone: r.phone, startedAt: date(r.startedAt), at: clock(),
      });
    },

    /** Undoes the caller's last log; the record comes back as it was before, held by the caller. */
    undoLog(callId: number, caller: string): RecordView {
      const { recordId } = undoLog(db, { callId, caller, at: clock() });
      return recordView(recordId);
    },

    /** The mailto: URL of the campaign's intro email for a logged call, to the record's first valid address. */
    introEmail(callId: number): { url: string } {
      const call = db.prepare('SELECT record_id AS recordId, caller_id AS callerId FROM calls WHERE id = ?').get(callId) as
        | { recordId: number; callerId: number }
        | undefined;
      if (!call) throw new UserError(`There is no call ${callId}.`);
      const record = getRecord(db, call.recordId);
      const caller = db.prepare('SELECT name FROM callers WHERE id = ?').pluck().get(call.callerId) as string;
      return { url: introEmailUrl(record, getCampaign(db, record.campaignId), caller) };
    },

    markIntroEmailSent: (callId: number): void => markIntroEmailSent(db, callId, clock()),

    dialCheck: (recordId: number, e164: string) => dialCheck(db, recordId, e164, clock()),

    listTasks(caller: string, campaignId?: number): { due: TaskItem[]; upcoming: TaskItem[] } {
      callerByName(db, caller);
      return listTasks(db, clock(), campaignId);
    },
  };
}

export type EngineApi = ReturnType<typeof createEngineApi>;
/** The same API seen from another thread: every method returns a promise. */
export type AsyncEngineApi = { [K in keyof EngineApi]: (...args: Parameters<EngineApi[K]>) => Promise<Awaited<ReturnType<EngineApi[K]>>> };
