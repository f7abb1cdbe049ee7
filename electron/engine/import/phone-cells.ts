/**
 * Reading the phone cells of a list as people fill them: several numbers in one cell with
 * labels ("0511 123456 / 0511 654321 (post office)"), the area code in a column of its own
 * (`Vorwahl` + `Telefon`), and spreadsheet cells that stored the number as a number and so lost
 * its leading zero.
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/metadata.max.json';
import { normalizePhone } from '../phones.ts';

export interface CellPhone {
  /** The column's header, with the cell's own label for this number: "Telefon (post office)". */
  label: string;
  raw: string;
  e164: string | null;
  ext: string | null;
  /** Why this number cannot be used; empty when it can. */
  problem: string;
}

export interface CellContext {
  header: string;
  region: CountryCode;
  /** The row's area code column, when the list has one. */
  areaCode?: string;
  /** The cell was a number in a spreadsheet, not text. */
  numeric?: boolean;
}

/** Anything that may split a cell into several numbers or label one; most cells have none. */
const MAYBE_SEVERAL = /[;,/|\n]|\s(?:or|oder|ou|o|of|and|und|et|y|e|en)\s|\([^()]*\p{L}/iu;
const SEPARATOR = /(\s*(?:[;,|\n/]|\s(?:or|oder|ou|o|of|and|und|et|y|e|en)\s)\s*)/iu;
const LABEL = /\(([^()]*\p{L}[^()]*)\)/u;
/** Fewer digits than this is not a number of its own: an extension (";222") or an area code ("0511/"). */
const MIN_DIGITS = 6;

const digitCount = (s: string) => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
  }
  return n;
};

/**
 * The numbers a cell holds, each with its label: split where a separator stands between two
 * runs of at least six digits, so that "8005078317;222" (an extension) and "0511/123456" (area
 * code and number) stay whole.
 */
export function splitCell(text: string): { text: string; label: string }[] {
  if (!MAYBE_SEVERAL.test(text)) return [{ text, label: '' }];
  const parts = text.split(SEPARATOR);
  const pieces: string[] = [];
  let current = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const sep = parts[i] ?? '';
    const part = parts[i + 1] ?? '';
    if (digitCount(current) >= MIN_DIGITS && digitCount(part) >= MIN_DIGITS) {
      pieces.push(current);
      current = part;
    } else current += sep + part;
  }
  pieces.push(current);
  return pieces
    .map((p) => {
      const label = LABEL.exec(p);
      return label ? { text: p.replace(LABEL, ' ').trim(), label: (label[1] ?? '').trim() } : { text: p.trim(), label: '' };
    })
    .filter((p) => p.text !== '');
}

const metadata = new Metadata(metadataJson) as unknown as {
  selectNumberingPlan(country: string): { numberingPlan: { nationalPrefix(): string | undefined } };
};
const prefixes = new Map<string, string>();
/** The trunk prefix a national number starts with in a region ("0" in DE, "1" in US, none in IT). */
function nationalPrefix(region: CountryCode): string {
  let p = prefixes.get(region);
  if (p === undefined) {
    p = metadata.selectNumberingPlan(region).numberingPlan.nationalPrefix() ?? '';
    prefixes.set(region, p);
  }
  return p;
}

/**
 * A number with the row's area code in front, unless it is written internationally or starts
 * with the region's trunk prefix ("0171 ...": a number of its own). The caller falls back to the
 * number alone when this is not a valid number ("212-555-0142" beside "212").
 */
export function withAreaCode(number: string, areaCode: string, region: CountryCode): string {
  const t = number.trim();
  if (!/\d/.test(areaCode) || t.startsWith('+') || t.startsWith('00')) return t;
  const trunk = nationalPrefix(region);
  if (trunk && t.replace(/\D/g, '').startsWith(trunk)) return t;
  return `${areaCode.trim()} ${t}`;
}

/**
 * A spreadsheet number that may have lost its leading zero (298765432 for 02 9876 5432): read
 * with and without the zero; taken when only one reading is valid or both are the same number,
 * else reported with both.
 */
function readNumeric(digits: string, region: CountryCode): { e164: string | null; problem: string } {
  const plain = normalizePhone(digits, region);
  const zero = normalizePhone(`0${digits}`, region);
  if (plain.ok && zero.ok && plain.e164 !== zero.e164) {
    return {
      e164: null,
      problem: `"${digits}" is stored as a number in the spreadsheet, so a leading 0 may be lost: it could be ${plain.e164} or ${zero.e164}; store the column as text`,
    };
  }
  const n = plain.ok ? plain : zero.ok ? zero : plain;
  return n.ok ? { e164: n.e164, problem: '' } : { e164: null, problem: n.reason };
}

/** Every number of one phone cell, valid or not, in the order written. */
export function readPhoneCell(raw: string, ctx: CellContext): CellPhone[] {
  const out: CellPhone[] = [];
  for (const piece of splitCell(raw)) {
    const label = piece.label ? `${ctx.header} (${piece.label})` : ctx.header;
    const text = ctx.areaCode ? withAreaCode(piece.text, ctx.areaCode, ctx.region) : piece.text;
    if (ctx.numeric && /^\d+$/.test(text)) {
      const n = readNumeric(text, ctx.region);
      out.push({ label, raw: piece.text, e164: n.e164, ext: null, problem: n.problem });
      continue;
    }
    let n = normalizePhone(text, ctx.region);
    // A complete number beside an area code that does not belong to it: the number alone.
    if (!n.ok && text !== piece.text) {
      const alone = normalizePhone(piece.text, ctx.region);
      if (alone.ok) n = alone;
    }
    if (n.ok) out.push({ label, raw: piece.text, e164: n.e164, ext: n.extension ?? null, problem: '' });
    else out.push({ label, raw: piece.text, e164: null, ext: null, problem: n.reason });
  }
  return out;
}
