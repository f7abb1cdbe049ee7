/**
 * Importing a record list into a team campaign on PostgreSQL. The list is read as the SQLite
 * importer reads it (import/rows.ts: the limits, the header, the mapping, the phone cells, the
 * zones); its rows are streamed with COPY into a temporary table, then checked and written
 * set-based in the same transaction (team/import-sql.ts): a row whose every number is on the
 * shared do-not-call list is refused, and so is a row with a number of a record of the campaign
 * or of an earlier row of the file. Desks see the list only when that transaction commits: an
 * error, a cancel, a dry run or a lost connection leaves nothing behind. One import per
 * campaign at a time.
 */
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { UserError } from '../errors.ts';
import { ImportCancelled, type ImportOptions, type ImportSummary, type RejectExample } from '../import/importer.ts';
import { importLimits, tooManyRejected } from '../import/limits.ts';
import { diskFull, ErrorReport, reportName, type RejectReason } from '../import/report.ts';
import { openList, withEncodingRetry, type ListReader, type ReadRow } from '../import/rows.ts';
import type { Encoding } from '../import/source.ts';
import { IMPORT_SQL, STAGED_COLUMNS } from './import-sql.ts';

export interface TeamImportOptions extends Omit<ImportOptions, 'campaignId' | 'importedBy'> {
  campaignId: number;
  /** The team caller (a manager) who imports the list. */
  importedBy?: number;
  /**
   * Told when the rows are staged in the database ('staged'), checked ('checked') and written,
   * not yet visible ('written'); the import waits for what it returns.
   */
  onStage?: (stage: 'staged' | 'checked' | 'written') => void | Promise<void>;
  /** How long each step took, for the benchmark: reading and COPY, then each statement. */
  onTiming?: (step: string, ms: number) => void;
}

/** What a team record holds at most; a longer cell is refused, naming its row. */
const MAX_NAME = 500;
const MAX_LABEL = 100;
const PROGRESS_EVERY = 5000;
/** Any key of ours, with the campaign as the second: two imports into one campaign take turns. */
const IMPORT_LOCK = 0x1_1157;

/** A value in COPY's text format: backslash, tab and line breaks escaped, \N for none. */
const NEEDS_ESCAPE = /[\\\t\n\r]/;
const ESCAPES = /[\\\t\n\r]/g;
const ESCAPED: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyValue(v: string | null): string {
  if (v === null) return '\\N';
  return NEEDS_ESCAPE.test(v) ? v.replace(ESCAPES, (c) => ESCAPED[c] ?? c) : v;
}

function tooLong(row: number, field: string, value: string): UserError {
  return new UserError(
    `Row ${row}: the ${field} "${value.slice(0, 40)}..." has ${value.length} characters; a team record holds at most ${MAX_NAME}. Nothing was imported.`,
  );
}

/** One row as a line of COPY text, in STAGED_COLUMNS order. */
function stagedLine(list: ListReader, r: ReadRow): string {
  const cells = copyValue(JSON.stringify(r.row.cells));
  if (r.problem !== null) return `${r.row.row}\t${copyValue(r.problem)}\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t${cells}\n`;
  const first = new Map<string, (typeof r.phones)[number]>();
  for (const p of r.phones) if (p.e164 !== null && !first.has(p.e164)) first.set(p.e164, p);
  const phones = JSON.stringify([...first.values()].map((p) => [p.e164, p.label.slice(0, MAX_LABEL), p.raw, p.ext]));
  let company = '';
  const details: Record<string, string> = {};
  list.fields.forEach((field, i) => {
    const v = r.text[i] ?? '';
    if (field === 'company') company = v;
    else if (v) details[field] = v;
  });
  const contact = r.contact ?? '';
  if (company.length > MAX_NAME) throw tooLong(r.row.row, 'company', company);
  if (contact.length > MAX_NAME) throw tooLong(r.row.row, 'contact name', contact);
  let json = JSON.stringify(details);
  if (r.custom !== null) json = `${json.slice(0, -1)}${json.length > 2 ? ',' : ''}"custom":${r.custom}}`;
  return `${r.row.row}\t\\N\t{${r.valid.join(',')}}\t${copyValue(phones)}\t${copyValue(company)}\t${copyValue(contact)}\t${copyValue(r.tz)}\t${copyValue(json)}\t${cells}\n`;
}

/** Imports a list into a team campaign through `db` (a pool: the import takes one connection for its transaction). */
export function importTeamList(db: pg.Pool, opts: TeamImportOptions): Promise<ImportSummary> {
  return withEncodingRetry((encoding) => importOnce(db, opts, encoding));
}

async function importOnce(db: pg.Pool, opts: TeamImportOptions, encoding?: Encoding): Promise<ImportSummary> {
  const now = opts.now ?? new Date();
  const limits = importLimits(opts.limits);
  const listName = (opts.listName ?? basename(opts.file)).trim();
  if (!listName || listName.length > MAX_NAME) throw new UserError(`A list's name is 1 to ${MAX_NAME} characters, not ${listName.length}.`);
  const { rows: found } = await db.query<{ region: string; timezone: string }>('SELECT region, timezone FROM campaigns WHERE id = $1', [
    opts.campaignId,
  ]);
  const campaign = found[0];
  if (!campaign) throw new UserError(`There is no campaign ${opts.campaignId} in the team database.`);
  const list = await openList({ file: opts.file, mapping: opts.mapping, region: opts.region, campaign, limits }, encoding);
  const reportPath =
    opts.errorReportPath ?? join(opts.reportDir ?? join(dirname(opts.file), 'import-reports'), reportName(opts.file, now));
  let report: ErrorReport | null = new ErrorReport(reportPath, list.headers, limits.maxReportRows);
  const client = await db.connect().catch((e: unknown) => {
    list.source.close();
    throw e;
  });
  let keepReport = false;
  let failed = false;
  try {
    await client.query('BEGIN');
    const { rows: lock } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2::int) AS ok', [IMPORT_LOCK, opts.campaignId]);
    if (!lock[0]?.ok) {
      throw new UserError('Another list is being imported into this campaign: wait until it is done, then import this one.');
    }
    await client.query(IMPORT_SQL.stage);
    const timed = async (sql: string, params?: unknown[]) => {
      const t = performance.now();
      await client.query(sql, params);
      opts.onTiming?.(sql.replace(/\s+/g, ' ').slice(0, 70), performance.now() - t);
    };

    // 1. Every row, read and checked on this side, streamed into the staging table.
    let rowsRead = 0;
    let sinceProgress = 0;
    async function* lines(): AsyncGenerator<string> {
      for await (const batch of list.batches()) {
        if (opts.signal?.aborted) throw new ImportCancelled();
        let chunk = '';
        for (const row of batch) chunk += stagedLine(list, list.read(row));
        rowsRead += batch.length;
        sinceProgress += batch.length;
        if (sinceProgress >= PROGRESS_EVERY) {
          sinceProgress = 0;
          opts.onProgress?.({ rowsRead, bytesRead: list.source.bytesRead(), bytesTotal: list.source.info.bytes });
        }
        yield chunk;
      }
    }
    const c0 = performance.now();
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY import_rows (${STAGED_COLUMNS}) FROM STDIN`)));
    opts.onTiming?.('reading the file and COPY into the staging table', performance.now() - c0);
    if (opts.signal?.aborted) throw new ImportCancelled();
    opts.onProgress?.({ rowsRead, bytesRead: list.source.bytesRead(), bytesTotal: list.source.info.bytes });
    await opts.onStage?.('staged');

    // 2. The checks, set-based: no valid number, do-not-call, the campaign, the file. Every
    // step goes over the whole list, for which hashing beats looking rows up one by one, and
    // the hashes and sorts of a million rows stay in memory (the default 4 MB spills them to
    // disk), for this transaction only. Temporary tables have no statistics until they are
    // analysed: without them the planner takes the staged rows for a handful (the staged rows'
    // row and problem are all the plans need; their JSON's statistics cost 0.1 s more). (With loops
    // priced out, each plan looks costly enough to compile: JIT spent 0.5 s a statement on it.)
    await client.query("SET LOCAL enable_nestloop = off; SET LOCAL work_mem = '128MB'; SET LOCAL jit = off");
    const steps: [string, unknown[]?][] = [
      ['ANALYZE import_rows (row, problem)'], [IMPORT_SQL.numbers], ['ANALYZE import_numbers'], [IMPORT_SQL.rejects], [IMPORT_SQL.invalid],
      [IMPORT_SQL.doNotCall], [IMPORT_SQL.inCampaign, [opts.campaignId]], ['ANALYZE import_rejects'], [IMPORT_SQL.inFile],
    ];
    for (const [sql, params] of steps) await timed(sql, params);
    const { rows: counted } = await client.query<{ reason: RejectReason; n: number }>(IMPORT_SQL.counts);
    const count = (reason: RejectReason) => counted.find((c) => c.reason === reason)?.n ?? 0;
    const rejected = counted.reduce((sum, c) => sum + c.n, 0);
    const { rows: listed } = await client.query<{ row: number; reason: RejectReason; detail: string; cells: string }>(IMPORT_SQL.report, [
      limits.maxReportRows,
    ]);
    for (const r of listed) report.add({ row: r.row, cells: JSON.parse(r.cells) as string[] }, r.reason, r.detail);
    report.leaveOut(Math.min(rejected, limits.maxRejectedRows) - listed.length);
    if (rejected > limits.maxRejectedRows) {
      const { rows: over } = await client.query<{ row: number }>(IMPORT_SQL.nthRejected, [limits.maxRejectedRows]);
      keepReport = true;
      throw tooManyRejected(over[0]?.row ?? rowsRead, limits, report.close());
    }
    const { rows: examples } = await client.query<RejectExample>(IMPORT_SQL.examples);
    await opts.onStage?.('checked');

    // 3. The list, its records and their numbers, visible when the transaction commits.
    const imported = rowsRead - rejected;
    let listId: number | null = null;
    if (!opts.dryRun) {
      const { rows: made } = await client.query<{ id: string }>(IMPORT_SQL.list, [
        opts.campaignId, listName, opts.importedBy ?? null, opts.file.slice(-4096), list.region, rowsRead, imported,
      ]);
      listId = Number(made[0]?.id);
      await timed(IMPORT_SQL.records, [opts.campaignId, listId]);
      await opts.onStage?.('written');
    }
    if (opts.signal?.aborted) throw new ImportCancelled();
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    // Fresh statistics, so that lease_next walks the queue's index (skipped, with a warning, for
    // a login that does not own the tables; autovacuum then does it).
    if (!opts.dryRun) await client.query('ANALYZE records, phones').catch(() => undefined);
    const errorReport = report.close();
    report = null;
    return {
      rows: rowsRead, imported, invalidPhone: count('invalid_phone'), duplicateInFile: count('duplicate_in_file'),
      duplicateInCampaign: count('duplicate_in_campaign'), onDoNotCall: count('on_do_not_call'), errorReport, listId,
      dryRun: opts.dryRun ?? false, headerRow: list.header.row, headers: list.headers, mapping: list.mapping,
      encoding: list.source.info.encoding ?? null, delimiter: list.source.info.delimiter ?? null, examples,
    };
  } catch (e) {
    failed = true;
    await client.query('ROLLBACK').catch(() => undefined);
    if (!keepReport) report?.discard();
    throw diskFull(e) ?? e;
  } finally {
    // A connection that failed part-way is closed rather than handed out again.
    client.release(failed);
    list.source.close();
  }
}
