import { basename, dirname, join } from 'node:path';
import type { ImportSummaryView } from '../../../shared/ipc/types.ts';
import type { DB } from '../db/open.ts';
import { getCampaign } from '../campaigns.ts';
import type { Mapping } from './mapping.ts';
import type { Encoding, SourceRow } from './source.ts';
import { importLimits, TooManyRejected, tooManyRejected, type ImportLimits } from './limits.ts';
import { createImportingList, heartbeat, publishList, removeImportingList } from './staging.ts';
import { diskFull, ErrorReport, reportName, type RejectReason } from './report.ts';
import type { CellPhone } from './phone-cells.ts';
import { openList, withEncodingRetry, type ReadRow } from './rows.ts';

export { pickHeader } from './rows.ts';
export { REJECT_LABELS, type RejectReason } from './report.ts';

export interface ImportOptions {
  file: string;
  campaignId: number;
  /** Column overrides on top of the guessed mapping. */
  mapping?: Partial<Mapping>;
  /** Region for numbers without a country column; the campaign's by default. */
  region?: string;
  dryRun?: boolean;
  listName?: string;
  importedBy?: string;
  /** Where to write the error report; by default beside the database, in import-reports/. */
  errorReportPath?: string;
  reportDir?: string;
  signal?: AbortSignal;
  onProgress?: (p: ImportProgress) => void;
  now?: Date;
  /** Raise (or lower) the size limits; the defaults are in DEFAULT_LIMITS. */
  limits?: Partial<ImportLimits>;
}

export interface ImportProgress {
  rowsRead: number;
  bytesRead: number;
  bytesTotal: number;
}

export interface RejectExample {
  row: number;
  reason: RejectReason;
  detail: string;
}

/** What the window shows of an import, plus what the engine and command line also need. */
export interface ImportSummary extends ImportSummaryView {
  listId: number | null;
  headerRow: number;
  headers: string[];
  mapping: Mapping;
  encoding: Encoding | null;
  delimiter: string | null;
  /** Up to five example rows per reason, for the wizard and the command line. */
  examples: RejectExample[];
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; nothing was saved.');
    this.name = 'ImportCancelled';
  }
}

const PROGRESS_EVERY = 5000;
/** Rows written per transaction: some milliseconds of holding the write lock. */
const ROWS_PER_TRANSACTION = 2000;

/**
 * Imports a record list into a campaign on `db`, which must be a connection of its own (the
 * import awaits the file between writes). Rows are written in short transactions into a list
 * that stays invisible until the last one (see staging.ts), so calls are saved meanwhile. On
 * error or cancel the list is removed; a killed process leaves it to the next start to remove.
 * A dry run writes nothing.
 */
export function importList(db: DB, opts: ImportOptions): Promise<ImportSummary> {
  return withEncodingRetry((encoding) => importOnce(db, opts, encoding));
}

async function importOnce(db: DB, opts: ImportOptions, encoding?: Encoding): Promise<ImportSummary> {
  const now = opts.now ?? new Date();
  const limits = importLimits(opts.limits);
  const campaign = getCampaign(db, opts.campaignId);
  const list = await openList({ file: opts.file, mapping: opts.mapping, region: opts.region, campaign, limits }, encoding);
  const { source, header, headers, mapping, fields, hasContact, hasCustom } = list;
  const defaultRegion = list.region;
  let report: ErrorReport | null = null;
  let listId: number | null = null;
  let foreignKeys = false;
  try {
    const reportPath =
      opts.errorReportPath ?? join(opts.reportDir ?? join(dirname(db.name), 'import-reports'), reportName(opts.file, now));
    report = new ErrorReport(reportPath, headers, limits.maxReportRows);

    // A larger page cache keeps the (campaign, number) index in memory while it grows.
    db.pragma('cache_size = -32768');
    // Every row written below refers to this campaign, this list or a record written just
    // before it, so the per-row foreign key look-ups are skipped; they are back on afterwards.
    foreignKeys = db.pragma('foreign_keys', { simple: true }) === 1;
    db.pragma('foreign_keys = OFF');
    // A dry run writes nothing: duplicates within the file are found in memory instead.
    const seenInFile = opts.dryRun ? new Map<string, number>() : null;
    if (!opts.dryRun) {
      listId = createImportingList(db, {
        campaignId: campaign.id, name: opts.listName ?? basename(opts.file), sourceFile: opts.file, importedAt: now,
        importedBy: opts.importedBy ?? null, mapping: JSON.stringify(mapping), region: defaultRegion,
      });
    }
    const dncEmpty = db.prepare('SELECT NOT EXISTS (SELECT 1 FROM dnc)').pluck();
    const onDnc = db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').pluck();
    // Two plain lookups: a JOIN here costs several times more per row on a large import.
    const existingPhone = db.prepare(`SELECT record_id FROM phones WHERE campaign_id = ${campaign.id} AND e164 = ? LIMIT 1`).pluck();
    const recordInfo = db.prepare('SELECT id, list_id AS listId, list_row AS listRow, company FROM records WHERE id = ?');
    // Only the columns the file fills are bound (each bound value costs); the rest take their
    // defaults. The campaign and list are integers of ours, written into the statement.
    // A record counts its callable numbers and a phone says if it is listed: the do-not-call list
    // can grow while the import runs (callers keep logging between its transactions).
    const columns = ['list_row', ...fields, ...(hasContact ? ['contact_name'] : []), ...(hasCustom ? ['custom'] : []), 'tz', 'dialable'];
    const insertRecord = db.prepare(
      `INSERT INTO records (campaign_id, list_id, ${columns.join(', ')}) VALUES (${campaign.id}, ${listId ?? 0}, ${columns.map(() => '?').join(', ')})`,
    );
    const insertPhone = db.prepare(
      `INSERT INTO phones (record_id, campaign_id, position, label, raw, e164, extension, on_dnc) VALUES (?, ${campaign.id}, ?, ?, ?, ?, ?, ?)`,
    );

    const s = { rows: 0, imported: 0, invalidPhone: 0, duplicateInFile: 0, duplicateInCampaign: 0, onDoNotCall: 0 };
    const examples: RejectExample[] = [];
    const zones = new Set<string>();
    let rejected = 0;
    const reject = (row: SourceRow, reason: RejectReason, detail: string) => {
      if (++rejected > limits.maxRejectedRows) throw tooManyRejected(row.row, limits, report?.close() ?? null);
      report?.add(row, reason, detail);
      if (examples.filter((e) => e.reason === reason).length < 5) examples.push({ row: row.row, reason, detail });
      if (reason === 'invalid_phone') s.invalidPhone++;
      else if (reason === 'duplicate_in_file') s.duplicateInFile++;
      else if (reason === 'duplicate_in_campaign') s.duplicateInCampaign++;
      else s.onDoNotCall++;
    };
    type Phones = CellPhone[];
    type Prepared = ReadRow & { values?: (string | number)[] };

    /** Everything about a row that needs no database: read outside the write transaction. */
    const prepare = (row: SourceRow): Prepared => {
      const r = list.read(row);
      if (r.problem !== null) return r;
      const values: (string | number)[] = [row.row, ...r.text];
      if (r.contact !== null) values.push(r.contact);
      if (r.custom !== null) values.push(r.custom);
      values.push(r.tz);
      return { ...r, values };
    };

    /** Checks a prepared row against the do-not-call list and the campaign, and writes it. */
    const write = (p: Prepared, dncIsEmpty: boolean) => {
      const row = p.row;
      s.rows++;
      if (p.problem !== null) {
        reject(row, 'invalid_phone', p.problem);
        return;
      }
      const { valid, phones } = p;
      // A listed number stays on the record, marked, and is never offered; a record whose every
      // number is listed is not imported.
      const listed = dncIsEmpty ? [] : valid.filter((e) => onDnc.get(e) !== undefined);
      if (listed.length === valid.length) {
        reject(row, 'on_do_not_call', `${listed.join(', ')} ${listed.length > 1 ? 'are' : 'is'} on the do-not-call list`);
        return;
      }
      for (const e164 of valid) {
        const earlierRow = seenInFile?.get(e164);
        if (earlierRow !== undefined) {
          reject(row, 'duplicate_in_file', `${e164} is also on row ${earlierRow}`);
          return;
        }
        const dupId = existingPhone.get(e164) as number | undefined;
        if (dupId !== undefined) {
          const dup = recordInfo.get(dupId) as { id: number; listId: number; listRow: number; company: string };
          if (dup.listId === listId) reject(row, 'duplicate_in_file', `${e164} is also on row ${dup.listRow}`);
          else reject(row, 'duplicate_in_campaign', `${e164} belongs to record ${dup.id}${dup.company ? ` (${dup.company})` : ''}`);
          return;
        }
      }
      if (seenInFile) {
        for (const e164 of valid) seenInFile.set(e164, row.row);
      } else {
        const recordId = insertRecord.run([...(p.values ?? []), valid.length - listed.length]).lastInsertRowid;
        for (let position = 0; position < phones.length; position++) {
          const ph = phones[position] as Phones[number];
          insertPhone.run(recordId, position, ph.label, ph.raw, ph.e164, ph.ext, ph.e164 !== null && listed.includes(ph.e164) ? 1 : 0);
        }
        zones.add(p.tz);
      }
      s.imported++;
    };

    const progress = () =>
      opts.onProgress?.({ rowsRead: s.rows, bytesRead: source.bytesRead(), bytesTotal: source.info.bytes });
    const checkCancel = () => {
      if (opts.signal?.aborted) throw new ImportCancelled();
    };
    // Rows are read, then written 2,000 at a time in a transaction of their own: the write lock
    // is held for some milliseconds at a time, and calls are saved in between.
    const writeSlice = db.transaction((prepared: Prepared[]) => {
      const dncIsEmpty = dncEmpty.get() === 1;
      for (const p of prepared) write(p, dncIsEmpty);
      if (listId !== null) heartbeat(db, listId);
    });
    let pending: Prepared[] = [];
    const flush = () => {
      const slice = pending;
      pending = [];
      if (slice.length === 0) return;
      if (seenInFile) writeSlice.deferred(slice);
      else writeSlice.immediate(slice);
    };
    let sinceProgress = 0;
    const handleAll = (rows: SourceRow[]) => {
      for (const row of rows) pending.push(prepare(row));
      if (pending.length >= ROWS_PER_TRANSACTION) flush();
      sinceProgress += rows.length;
      if (sinceProgress >= PROGRESS_EVERY) {
        sinceProgress = 0;
        checkCancel();
        progress();
      }
    };
    for await (const rows of list.batches()) handleAll(rows);
    flush();
    checkCancel();
    progress();

    if (listId !== null) {
      const id = listId;
      db.transaction(() => {
        const addZone = db.prepare('INSERT OR IGNORE INTO campaign_zones (campaign_id, tz) VALUES (?, ?)');
        for (const tz of zones) addZone.run(campaign.id, tz);
        publishList(db, id, s.rows, s.imported);
      }).immediate();
    }
    const published = listId;
    listId = null;
    const errorReport = report.close();
    report = null;
    return {
      ...s,
      errorReport,
      listId: published,
      dryRun: opts.dryRun ?? false,
      headerRow: header.row,
      headers,
      mapping,
      encoding: source.info.encoding ?? null,
      delimiter: source.info.delimiter ?? null,
      examples,
    };
  } catch (e) {
    const err = diskFull(e) ?? e;
    if (listId !== null) {
      try {
        removeImportingList(db, listId);
      } catch {
        // Still invisible; the next start removes it (a full disk may refuse even deletes).
      }
    }
    // The report of a list refused for too many rejected rows is kept: it says what was wrong.
    if (!(err instanceof TooManyRejected)) report?.discard();
    throw err;
  } finally {
    if (foreignKeys) db.pragma('foreign_keys = ON');
    source.close();
  }
}
