import {
  getCountries,
  getCountryCallingCode,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js/max';
import { readPlain } from './numbering.ts';

export type NormalizeResult =
  | { ok: true; e164: string; country: CountryCode | undefined; extension: string | undefined }
  | { ok: false; reason: string };

const COUNTRIES = new Set<string>(getCountries());

export function isRegion(value: string): value is CountryCode {
  return COUNTRIES.has(value);
}

/** Country names as lists write them, mapped to ISO 3166 codes (built from Intl, plus aliases). */
const COUNTRY_NAMES: Map<string, CountryCode> = (() => {
  const names = new Map<string, CountryCode>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  for (const code of getCountries()) {
    const name = display.of(code);
    if (name) names.set(fold(name), code);
    names.set(code.toLowerCase(), code);
  }
  const aliases: Record<string, CountryCode> = {
    usa: 'US',
    'united states of america': 'US',
    america: 'US',
    uk: 'GB',
    'great britain': 'GB',
    england: 'GB',
    scotland: 'GB',
    wales: 'GB',
    'northern ireland': 'GB',
    'republic of ireland': 'IE',
    holland: 'NL',
    'south korea': 'KR',
    'hong kong sar': 'HK',
    uae: 'AE',
  };
  for (const [alias, code] of Object.entries(aliases)) names.set(alias, code);
  return names;
})();

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The region a country cell names: an ISO code (`AU`), a name (`Australia`, `Royaume-Uni` is
 * not covered), an Odoo-style id (`base.us`) or a calling code (`+61`). `undefined` when unknown.
 */
export function regionFromCountry(cell: string | undefined): CountryCode | undefined {
  if (!cell) return undefined;
  const trimmed = cell.trim();
  if (!trimmed) return undefined;
  const odoo = /^base\.([a-z]{2})$/i.exec(trimmed);
  if (odoo?.[1]) {
    const code = odoo[1].toUpperCase();
    return isRegion(code) ? code : undefined;
  }
  const upper = trimmed.toUpperCase();
  if (upper.length === 2 && isRegion(upper)) return upper;
  return COUNTRY_NAMES.get(fold(trimmed));
}

/** The country calling code of a region, e.g. `61` for AU. */
export function callingCode(region: CountryCode): string {
  return getCountryCallingCode(region);
}

// Extension markers people type: "x152", "ext. 12", "ext12", "ex1", "#1", ";222", "extn 4".
const EXTENSION = /\s*(?:;|#|,|(?:ext(?:ension|n)?|ex|x)\.?\s*(?=\d))\s*(\d{1,7})\s*$/i;

/**
 * A phone number as typed into a list, in E.164, judged by the full libphonenumber metadata.
 * `region` is the country to read national numbers in (the row's country, else the campaign's).
 */
export function normalizePhone(raw: string, region: CountryCode): NormalizeResult {
  let text = raw.replace(/[\u00a0\u2007\u202f\t]/g, ' ').trim();
  if (!text) return { ok: false, reason: 'no number' };
  if (!/\d/.test(text)) return { ok: false, reason: `"${raw.trim()}" is not a phone number` };
  let extension: string | undefined;
  const ext = EXTENSION.exec(text);
  if (ext && ext.index > 0) {
    extension = ext[1];
    text = text.slice(0, ext.index);
  }
  // Leftovers of empty formatting, such as "() (08) 9390 0180".
  text = text.replace(/\(\s*\)/g, ' ').trim();
  // "00" international prefix, common in Europe, read as "+".
  if (/^00[1-9]/.test(text.replace(/[\s().-]/g, ''))) text = `+${text.replace(/^[\s(]*00/, '')}`;
  // Plain shapes are read with compiled patterns; the same answer, several times faster.
  const plain = readPlain(text, region);
  if (plain) {
    if (plain.kind === 'none') return { ok: false, reason: `"${raw.trim()}" is not a phone number` };
    if (!plain.valid) return { ok: false, reason: `"${raw.trim()}" is not a valid ${plain.country ?? region} number` };
    return { ok: true, e164: plain.e164, country: plain.country as CountryCode | undefined, extension };
  }
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed) return { ok: false, reason: `"${raw.trim()}" is not a phone number` };
  if (!parsed.isValid()) {
    return { ok: false, reason: `"${raw.trim()}" is not a valid ${parsed.country ?? region} number` };
  }
  return { ok: true, e164: parsed.number, country: parsed.country, extension: extension ?? parsed.ext };
}
