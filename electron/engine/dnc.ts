import { createReadStream } from 'node:fs';
import { mustBeFile } from './files.ts';
import { createInterface } from 'node:readline';
import type { Statement } from 'better-sqlite3';
import type { CountryCode } from 'libphonenumber-js/max';
import type { DncEntryView, DncLogView } from '../../shared/ipc/types.ts';
import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import type { Journal } from './journal.ts';
import { isRegion, normalizePhone } from './phones.ts';

/**
 * The do-not-call list. Numbers are kept in E.164, so any formatting of a listed number
 * matches. Every change is logged with who, when, where from and why. Listing a number marks
 * it on every record that has it, and a record with no number left to call is never offered.
 */

export type DncEntry = DncEntryView;

export interface DncChange {
  by: string;
  source?: string;
  reason?: string;
  region?: string;
  now?: Date;
}

function region(value: string | undefined): CountryCode {
  const r = (value ?? 'US').toUpperCase();
  if (!isRegion(r)) throw new UserError(`"${value}" is not a country code such as US, GB or AU.`);
  return r;
}

/** A number as the do-not-call list keeps it (E.164), read with `regionCode` (US by default); refused in words. */
export const dncNumber = (raw: string, regionCode?: string): string => toE164(raw, region(regionCode));

function toE164(raw: string, r: CountryCode): string {
  const n = normalizePhone(raw, r);
  if (!n.ok) throw new UserError(`Cannot use ${JSON.stringify(raw)}: ${n.reason}.`, [{ field: 'number', message: n.reason }]);
  return n.e164;
}

// Phones are indexed by (campaign, number): look the number up in every campaign.
const IN_ANY_CAMPAIGN = 'campaign_id IN (SELECT id FROM campaigns) AND e164 = ?';
const SQL = {
  mark: `UPDATE phones SET on_dnc = ? WHERE ${IN_ANY_CAMPAIGN}`,
  recount: `UPDATE records SET dialable =
       (SELECT count(*) FROM phones p WHERE p.record_id = records.id AND p.e164 IS NOT NULL AND p.on_dnc = 0)
     WHERE id IN (SELECT record_id FROM phones WHERE ${IN_ANY_CAMPAIGN})`,
  add: 'INSERT OR IGNORE INTO dnc (e164, raw, source, added_at, added_by, reason) VALUES (?, ?, ?, ?, ?, ?)',
  log: 'INSERT INTO dnc_log (e164, action, at, by, source, reason) VALUES (?, ?, ?, ?, ?, ?)',
};
/**
 * Each connection's statements, prepared once: preparing four per number made loading a
 * 100,000-number list take 18 s and 2.7 GB.
 */
const prepared = new WeakMap<DB, Record<keyof typeof SQL, Statement>>();
function st(db: DB): Record<keyof typeof SQL, Statement> {
  let s = prepared.get(db);
  if (!s) {
    s = { mark: db.prepare(SQL.mark), recount: db.prepare(SQL.recount), add: db.prepare(SQL.add), log: db.prepare(SQL.log) };
    prepared.set(db, s);
  }
  return s;
}

/** Marks (or unmarks) a number on every record that has it and recounts their callable numbers. */
function markPhones(db: DB, e164: string, listed: boolean, journal?: Journal): void {
  if (journal) {
    // Phones are indexed by (campaign, number): look the number up in every campaign.
    journal.updating('phones', db.prepare(`SELECT id FROM phones WHERE ${IN_ANY_CAMPAIGN}`).pluck().all(e164) as number[], ['on_dnc']);
    journal.updating('records', db.prepare(`SELECT DISTINCT record_id FROM phones WHERE ${IN_ANY_CAMPAIGN}`).pluck().all(e164) as number[], ['dialable']);
  }
  st(db).mark.run(listed ? 1 : 0, e164);
  st(db).recount.run(e164);
}

function addOne(db: DB, e164: string, raw: string, c: Required<Omit<DncChange, 'region'>>, journal?: Journal): boolean {
  const at = iso(c.now);
  const info = st(db).add.run(e164, raw, c.source, at, c.by, c.reason);
  if (info.changes === 0) return false;
  journal?.inserted('dnc', e164);
  const log = st(db).log.run(e164, 'add', at, c.by, c.source, c.reason);
  journal?.inserted('dnc_log', Number(log.lastInsertRowid));
  markPhones(db, e164, true, journal);
  return true;
}

function full(c: DncChange): Required<Omit<DncChange, 'region'>> {
  return { by: c.by, source: c.source ?? 'manual', reason: c.reason ?? '', now: c.now ?? new Date() };
}

export function addDnc(db: DB, raw: string, c: DncChange): { e164: string; added: boolean } {
  const e164 = toE164(raw, region(c.region));
  const added = db.transaction(() => addOne(db, e164, raw.trim(), full(c)))();
  return { e164, added };
}

/** Puts E.164 numbers already known valid (a record's numbers) on the list, in the caller's transaction. */
export function addNumbersToDnc(db: DB, numbers: readonly string[], c: DncChange, journal?: Journal): number {
  let added = 0;
  for (const e164 of numbers) if (addOne(db, e164, e164, full(c), journal)) added++;
  return added;
}

export function removeDnc(db: DB, raw: string, c: DncChange): { e164: string } {
  const reason = c.reason?.trim();
  if (!reason) throw new UserError('Say why the number comes off the do-not-call list (--reason).', [{ field: 'reason', message: 'A reason is required.' }]);
  const e164 = toE164(raw, region(c.region));
  db.transaction(() => {
    const info = db.prepare('DELETE FROM dnc WHERE e164 = ?').run(e164);
    if (info.changes === 0) throw new UserError(`${e164} is not on the do-not-call list.`);
    db.prepare('INSERT INTO dnc_log (e164, action, at, by, source, reason) VALUES (?, ?, ?, ?, ?, ?)').run(
      e164, 'remove', iso(c.now ?? new Date()), c.by, c.source ?? 'manual', reason,
    );
    markPhones(db, e164, false);
  })();
  return { e164 };
}

export function checkDnc(db: DB, raw: string, regionCode?: string): { listed: boolean; e164: string; entry: DncEntry | null } {
  const e164 = toE164(raw, region(regionCode));
  const row = db
    .prepare('SELECT e164, raw, source, added_at AS addedAt, added_by AS addedBy, reason FROM dnc WHERE e164 = ?')
    .get(e164) as DncEntry | undefined;
  return { listed: row !== undefined, e164, entry: row ?? null };
}

export function isListed(db: DB, e164: string): boolean {
  return db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').get(e164) !== undefined;
}

export function listDnc(db: DB, opts: { search?: string; limit?: number; offset?: number } = {}): { total: number; entries: DncEntry[] } {
  const digits = (opts.search ?? '').replace(/\D/g, '');
  const where = digits ? `WHERE e164 LIKE '%' || ? || '%'` : '';
  const args = digits ? [digits] : [];
  const total = db.prepare(`SELECT count(*) FROM dnc ${where}`).pluck().get(...args) as number;
  const entries = db
    .prepare(
      `SELECT e164, raw, source, added_at AS addedAt, added_by AS addedBy, reason FROM dnc ${where}
       ORDER BY added_at DESC, e164 LIMIT ? OFFSET ?`,
    )
    .all(...args, opts.limit ?? 100, opts.offset ?? 0) as DncEntry[];
  return { total, entries };
}

export interface DncImportSummary {
  lines: number;
  added: number;
  alreadyListed: number;
  invalid: number;
  /** Up to 20 lines that could not be read, with their line number. */
  problems: { line: number; value: string; reason: string }[];
}

/** A do-not-call file read: its summary so far (nothing added yet) and its numbers in E.164. */
export interface DncFile {
  summary: DncImportSummary;
  numbers: { e164: string; raw: string }[];
}

/**
 * Reads a number per line, in any formatting, also the US registry's `area code,number` lines
 * and `number,date` lines. A first line without digits is taken as a header. Either store then
 * adds the numbers all or nothing.
 */
export async function readDncFile(file: string, regionCode?: string): Promise<DncFile> {
  mustBeFile(file);
  const r = region(regionCode);
  const summary: DncImportSummary = { lines: 0, added: 0, alreadyListed: 0, invalid: 0, problems: [] };
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  // Collect first (E.164 strings are small), then write in one transaction.
  const numbers: { e164: string; raw: string }[] = [];
  let n = 0;
  try {
    for await (const lineRaw of lines) {
      n++;
      const line = lineRaw.replace(/^\uFEFF/, '').trim();
      if (!line) continue;
      // A first line without digits is a header ("phone", "number").
      if (summary.lines === 0 && !/\d/.test(line)) continue;
      summary.lines++;
      const fields = line.split(/[,;\t]/).map((f) => f.trim().replace(/^"|"$/g, ''));
      let candidate = fields[0] ?? '';
      if (fields.length >= 2 && /^\d{3}$/.test(fields[0] ?? '') && /^\d{3}-?\d{4}$/.test(fields[1] ?? '')) {
        candidate = `${fields[0]}${fields[1]}`;
      }
      const norm = normalizePhone(candidate, r);
      if (!norm.ok) {
        summary.invalid++;
        if (summary.problems.length < 20) summary.problems.push({ line: n, value: line, reason: norm.reason });
        continue;
      }
      numbers.push({ e164: norm.e164, raw: candidate });
    }
  } catch (e) {
    throw new UserError(`Cannot read ${file}: ${(e as Error).message}`);
  }
  return { summary, numbers };
}

/** Adds every number of a do-not-call file (readDncFile), all or nothing. */
export async function importDnc(db: DB, file: string, c: DncChange): Promise<DncImportSummary> {
  const { summary, numbers } = await readDncFile(file, c.region);
  const change = { ...full(c), source: c.source ?? `file:${file}` };
  db.transaction(() => {
    for (const { e164, raw } of numbers) {
      if (addOne(db, e164, raw, change)) summary.added++;
      else summary.alreadyListed++;
    }
  })();
  return summary;
}

/** One change to the do-not-call list (as the Do-not-call screen shows it). */
export type DncLogEntry = DncLogView;

export function dncLog(db: DB, e164?: string): DncLogEntry[] {
  return (
    e164
      ? db.prepare('SELECT e164, action, at, by, source, reason FROM dnc_log WHERE e164 = ? ORDER BY id').all(e164)
      : db.prepare('SELECT e164, action, at, by, source, reason FROM dnc_log ORDER BY id DESC LIMIT 500').all()
  ) as DncLogEntry[];
}
