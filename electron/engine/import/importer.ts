import { basename, dirname, join } from 'node:path';
import type { CountryCode } from 'libphonenumber-js/max';
import type { ImportSummaryView } from '../../../shared/ipc/types.ts';
import type { DB } from '../db/open.ts';
import { getCampaign } from '../campaigns.ts';
import { UserError } from '../errors.ts';
import { isRegion, regionFromCountry } from '../phones.ts';
import { zoneForRecord } from '../timezones.ts';
import { finalMapping, headerScore, type Mapping, type RecordField } from './mapping.ts';
import { EncodingChanged, openSource, type Encoding, type OpenedSource, type SourceRow } from './source.ts';
import { importLimits, limitedRows, TooManyRejected, tooManyRejected, type ImportLimits } from './limits.ts';
import { createImportingList, heartbeat, publishList, removeImportingList } from './staging.ts';
import { diskFull, ErrorReport, reportName, type RejectReason } from './report.ts';
import { readPhoneCell, type CellPhone } from './phone-cells.ts';

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

const HEADER_SEARCH_ROWS = 50;
const PROGRESS_EVERY = 5000;
/** Rows written per transaction: some milliseconds of holding the write lock. */
const ROWS_PER_TRANSACTION = 2000;

/** Record columns filled straight from the one cell mapped to the field of the same name. */
const TEXT_FIELDS = [
  'company', 'title', 'email', 'address', 'city', 'state', 'postcode', 'country', 'industry', 'employees', 'website',
] as const;

/** A cell holding a phone number: seven digits or more, with only phone punctuation. */
const PHONE_VALUE = /^\s*\+?[\d\s().\-/]*$/;
const holdsPhone = (cells: readonly string[]) => cells.some((c) => PHONE_VALUE.test(c) && (c.match(/\d/g)?.length ?? 0) >= 7);

/**
 * The header row among the first rows: the one naming the most known fields (the first such on
 * a tie), else the first row with two or more cells. Title rows above it are skipped. A row
 * holding a phone number is data, even when a value reads like a header ("DM" is Dominica).
 */
export function pickHeader(rows: readonly SourceRow[]): number {
  let best = 0;
  let bestScore = -1;
  rows.forEach((r, i) => {
    const score = holdsPhone(r.cells) ? 0 : headerScore(r.cells);
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  });
  if (bestScore >= 1) return best;
  const firstWide = rows.findIndex((r) => r.cells.filter((c) => c.trim()).length >= 2);
  return firstWide < 0 ? 0 : firstWide;
}

async function findHeader(it: AsyncIterator<SourceRow[]>): Promise<{ header: SourceRow; buffered: SourceRow[] }> {
  const seen: SourceRow[] = [];
  while (seen.length < HEADER_SEARCH_ROWS) {
    const next = await it.next();
    if (next.done) break;
    seen.push(...next.value);
  }
  if (seen.length === 0) throw new UserError('The file is empty: it has no header row and no records.');
  const best = pickHeader(seen.slice(0, HEADER_SEARCH_ROWS));
  const header = seen[best];
  if (!header) throw new UserError('The file has no header row.');
  return { header, buffered: seen.slice(best + 1) };
}

/**
 * Imports a record list into a campaign on `db`, which must be a connection of its own (the
 * import awaits the file between writes). Rows are written in short transactions into a list
 * that stays invisible until the last one (see staging.ts), so calls are saved meanwhile. On
 * error or cancel the list is removed; a killed process leaves it to the next start to remove.
 * A dry run writes nothing.
 */
export async function importList(db: DB, opts: ImportOptions): Promise<ImportSummary> {
  try {
    return await importOnce(db, opts);
  } catch (e) {
    if (e instanceof EncodingChanged) return importOnce(db, opts, 'windows-1252');
    throw e;
  }
}

async function importOnce(db: DB, opts: ImportOptions, encoding?: Encoding): Promise<ImportSummary> {
  const now = opts.now ?? new Date();
  const limits = importLimits(opts.limits);
  const campaign = getCampaign(db, opts.campaignId);
  const regionOpt = opts.region?.toUpperCase();
  if (regionOpt !== undefined && !isRegion(regionOpt)) {
    throw new UserError(`"${opts.region}" is not a country code such as US, GB or AU.`);
  }
  const defaultRegion = (regionOpt ?? campaign.region) as CountryCode;

  const source: OpenedSource = await openSource(opts.file, encoding, limits);
  const iterator = limitedRows(source.rows, limits)[Symbol.asyncIterator]();
  let report: ErrorReport | null = null;
  let listId: number | null = null;
  let foreignKeys = false;
  try {
    const { header, buffered } = await findHeader(iterator);
    const headers = header.cells.map((h, i) => h.trim() || `Column ${i + 1}`);
    const mapping = finalMapping(headers, opts.mapping);
    const cols = (field: RecordField) => headers.flatMap((h, i) => (mapping[h] === field ? [i] : []));
    const one = (field: RecordField) => cols(field)[0];
    const phoneCols = cols('phone');
    const customCols = headers.flatMap((h, i) => (mapping[h] === 'custom' ? [i] : []));
    const col = {
      company: one('company'), contact: one('contact_name'), first: one('first_name'), last: one('last_name'),
      title: one('title'), email: one('email'), address: one('address'), city: one('city'), state: one('state'),
      postcode: one('postcode'), country: one('country'), industry: one('industry'), employees: one('employees'),
      website: one('website'), areaCode: one('area_code'),
    };

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
    const fields = TEXT_FIELDS.filter((field) => col[field] !== undefined);
    const hasContact = col.contact !== undefined || col.first !== undefined || col.last !== undefined;
    // A record counts its callable numbers and a phone says if it is listed: the do-not-call list
    // can grow while the import runs (callers keep logging between its transactions).
    const columns = ['list_row', ...fields, ...(hasContact ? ['contact_name'] : []), ...(customCols.length ? ['custom'] : []), 'tz', 'dialable'];
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
    const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());

    type Phones = CellPhone[];
    type Prepared =
      | { row: SourceRow; problem: string }
      | { row: SourceRow; problem: null; phones: Phones; valid: string[]; tz: string; values: (string | number)[] };

    /** Everything about a row that needs no database: read outside the write transaction. */
    const prepare = (row: SourceRow): Prepared => {
      const c = row.cells;
      const rowCountry = regionFromCountry(cell(c, col.country));
      const region = rowCountry ?? defaultRegion;
      const areaCode = col.areaCode === undefined ? '' : cell(c, col.areaCode);
      const phones: Phones = [];
      const valid: string[] = [];
      let firstProblem = '';
      for (const i of phoneCols) {
        const raw = (c[i] ?? '').trim();
        if (!raw) continue;
        for (const p of readPhoneCell(raw, { header: headers[i] ?? '', region, areaCode, numeric: row.numeric?.includes(i) })) {
          phones.push(p);
          if (p.e164 === null) firstProblem ||= p.problem;
          else if (!valid.includes(p.e164)) valid.push(p.e164);
        }
      }
      if (valid.length === 0) return { row, problem: firstProblem || 'no phone number' };
      const tz = zoneForRecord(
        { state: cell(c, col.state), postcode: cell(c, col.postcode), city: cell(c, col.city), country: rowCountry, phones: valid },
        campaign,
      );
      const values: (string | number)[] = [row.row];
      for (const field of fields) values.push(cell(c, col[field]));
      if (hasContact) values.push(cell(c, col.contact) || [cell(c, col.first), cell(c, col.last)].filter(Boolean).join(' '));
      if (customCols.length) {
        // No prototype: a column named "__proto__" or "constructor" is a column like any other.
        const custom: Record<string, string> = Object.create(null);
        for (const i of customCols) {
          const v = cell(c, i);
          if (v) custom[headers[i] ?? `Column ${i + 1}`] = v;
        }
        values.push(JSON.stringify(custom));
      }
      values.push(tz);
      return { row, problem: null, phones, valid, tz, values };
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
        const recordId = insertRecord.run([...p.values, valid.length - listed.length]).lastInsertRowid;
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
    handleAll(buffered);
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      handleAll(next.value);
    }
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
