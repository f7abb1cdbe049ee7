/**
 * Reading a record list the same way whichever store it goes into (the SQLite file or the
 * team's PostgreSQL): the file opened within the limits, the header row found, the columns
 * mapped, and each row's numbers, time zone and fields read before anything is written.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { UserError } from '../errors.ts';
import { isRegion, regionFromCountry } from '../phones.ts';
import { zoneForRecord } from '../timezones.ts';
import { finalMapping, headerScore, type Mapping, type RecordField } from './mapping.ts';
import { EncodingChanged, openSource, type Encoding, type OpenedSource, type SourceRow } from './source.ts';
import { limitedRows, type ImportLimits } from './limits.ts';
import { readPhoneCell, type CellPhone } from './phone-cells.ts';

const HEADER_SEARCH_ROWS = 50;

/** Record columns filled straight from the one cell mapped to the field of the same name. */
export const TEXT_FIELDS = [
  'company', 'title', 'email', 'address', 'city', 'state', 'postcode', 'country', 'industry', 'employees', 'website',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

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

/** A row read and checked: why it cannot be imported, or its numbers, zone and fields. */
export type ReadRow =
  | { row: SourceRow; problem: string }
  | {
      row: SourceRow;
      problem: null;
      /** Every number of the row's phone cells, valid or not, in the order written. */
      phones: CellPhone[];
      /** The valid numbers, each once. */
      valid: string[];
      tz: string;
      /** The cells of `ListReader.fields`, in that order. */
      text: string[];
      /** The contact's name when the list has one (a column, or first and last names). */
      contact: string | null;
      /** The custom columns as JSON, when the list has any. */
      custom: string | null;
    };

export interface ListReader {
  source: OpenedSource;
  header: SourceRow;
  headers: string[];
  mapping: Mapping;
  /** The text fields the file fills. */
  fields: TextField[];
  hasContact: boolean;
  hasCustom: boolean;
  region: CountryCode;
  /** Every row after the header, in batches, within the limits. */
  batches(): AsyncGenerator<SourceRow[]>;
  read(row: SourceRow): ReadRow;
}

export interface ReadOptions {
  file: string;
  /** Column overrides on top of the guessed mapping. */
  mapping?: Partial<Mapping>;
  /** Region for numbers without a country column; the campaign's by default. */
  region?: string;
  campaign: { region: string; timezone: string };
  limits: ImportLimits;
}

/** The default region of an import: `--region`, else the campaign's; refused in words when it is none. */
function importRegion(given: string | undefined, campaignRegion: string): CountryCode {
  const region = given?.toUpperCase();
  if (region !== undefined && !isRegion(region)) throw new UserError(`"${given}" is not a country code such as US, GB or AU.`);
  return (region ?? campaignRegion) as CountryCode;
}

/** Opens the list and finds its header; the caller closes `source`. */
export async function openList(opts: ReadOptions, encoding?: Encoding): Promise<ListReader> {
  const region = importRegion(opts.region, opts.campaign.region);
  const campaign = { region: opts.campaign.region as CountryCode, timezone: opts.campaign.timezone };
  const source = await openSource(opts.file, encoding, opts.limits);
  try {
    const iterator = limitedRows(source.rows, opts.limits)[Symbol.asyncIterator]();
    const { header, buffered } = await findHeader(iterator);
    const headers = header.cells.map((h, i) => h.trim() || `Column ${i + 1}`);
    const mapping = finalMapping(headers, opts.mapping);
    const cols = (field: RecordField) => headers.flatMap((h, i) => (mapping[h] === field ? [i] : []));
    const one = (field: RecordField) => cols(field)[0];
    const phoneCols = cols('phone');
    const customCols = headers.flatMap((h, i) => (mapping[h] === 'custom' ? [i] : []));
    const col: Record<TextField, number | undefined> & Record<'contact' | 'first' | 'last' | 'areaCode', number | undefined> = {
      company: one('company'), contact: one('contact_name'), first: one('first_name'), last: one('last_name'),
      title: one('title'), email: one('email'), address: one('address'), city: one('city'), state: one('state'),
      postcode: one('postcode'), country: one('country'), industry: one('industry'), employees: one('employees'),
      website: one('website'), areaCode: one('area_code'),
    };
    const fields = TEXT_FIELDS.filter((field) => col[field] !== undefined);
    const hasContact = col.contact !== undefined || col.first !== undefined || col.last !== undefined;
    const cell = (cells: string[], i: number | undefined) => (i === undefined ? '' : (cells[i] ?? '').trim());

    const read = (row: SourceRow): ReadRow => {
      const c = row.cells;
      const rowCountry = regionFromCountry(cell(c, col.country));
      const rowRegion = rowCountry ?? region;
      const areaCode = col.areaCode === undefined ? '' : cell(c, col.areaCode);
      const phones: CellPhone[] = [];
      const valid: string[] = [];
      let firstProblem = '';
      for (const i of phoneCols) {
        const raw = (c[i] ?? '').trim();
        if (!raw) continue;
        for (const p of readPhoneCell(raw, { header: headers[i] ?? '', region: rowRegion, areaCode, numeric: row.numeric?.includes(i) })) {
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
      const text = fields.map((field) => cell(c, col[field]));
      const contact = hasContact ? cell(c, col.contact) || [cell(c, col.first), cell(c, col.last)].filter(Boolean).join(' ') : null;
      let custom: string | null = null;
      if (customCols.length) {
        // No prototype: a column named "__proto__" or "constructor" is a column like any other.
        const values: Record<string, string> = Object.create(null);
        for (const i of customCols) {
          const v = cell(c, i);
          if (v) values[headers[i] ?? `Column ${i + 1}`] = v;
        }
        custom = JSON.stringify(values);
      }
      return { row, problem: null, phones, valid, tz, text, contact, custom };
    };

    async function* batches(): AsyncGenerator<SourceRow[]> {
      if (buffered.length) yield buffered;
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield next.value;
      }
    }
    return { source, header, headers, mapping, fields, hasContact, hasCustom: customCols.length > 0, region, batches, read };
  } catch (e) {
    source.close();
    throw e;
  }
}

/** Runs an import, and once more read as Windows-1252 when the file turned out not to be UTF-8. */
export async function withEncodingRetry<T>(run: (encoding?: Encoding) => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof EncodingChanged) return run('windows-1252');
    throw e;
  }
}
