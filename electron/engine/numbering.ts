/**
 * Reading phone numbers in bulk, with libphonenumber-js's own rules and metadata.
 *
 * libphonenumber-js builds a new RegExp from a pattern string on every test, several times per
 * number, which costs about 8 µs a number: most of a large import. This module compiles each
 * numbering plan's patterns once and follows the same steps as libphonenumber-js's
 * `parsePhoneNumberFromString(text, region)` and `isValid()` (parse.js, extractCountryCallingCode,
 * extractNationalNumber, getCountryByCallingCode, getNumberType, isValid in its es6 build), for
 * the plain shapes lists are made of: digits with spaces, brackets, dots, dashes or slashes and an
 * optional leading +. Any other shape (letters, extensions, other digit scripts, non-geographic
 * calling codes) gets `undefined`, and the caller asks libphonenumber-js itself.
 * test/engine/numbering.test.ts compares the two for every country.
 */
import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/metadata.max.json';

/** The part of libphonenumber-js's Metadata class used here (its typings declare less). */
interface PlanApi {
  callingCode(): string;
  IDDPrefix(): string;
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(type: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataApi {
  selectNumberingPlan(countryOrCallingCode: string): MetadataApi;
  numberingPlan: PlanApi;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
  hasCallingCode(callingCode: string): boolean;
}

const TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
const MIN_NSN = 2;
const MAX_NSN = 17;
const MAX_CALLING_CODE = 3;

interface Plan {
  callingCode: string;
  idd: RegExp;
  nationalNumber: RegExp;
  lengths: number[] | undefined;
  prefixForParsing: RegExp | undefined;
  transformRule: string | undefined;
  leadingDigits: RegExp | undefined;
  hasTypes: boolean;
  types: { pattern: RegExp; lengths: number[] | undefined }[];
}

const metadata = new Metadata(metadataJson) as unknown as MetadataApi;
const plans = new Map<string, Plan>();

/** A country's plan (`AU`) or a calling code's main country's plan (`61`), compiled once. */
function plan(countryOrCallingCode: string): Plan {
  let p = plans.get(countryOrCallingCode);
  if (p) return p;
  const np = metadata.selectNumberingPlan(countryOrCallingCode).numberingPlan;
  const prefix = np.nationalPrefixForParsing();
  const leading = np.leadingDigits();
  p = {
    callingCode: np.callingCode(),
    idd: new RegExp(np.IDDPrefix()),
    nationalNumber: new RegExp(`^(?:${np.nationalNumberPattern()})$`),
    lengths: np.possibleLengths(),
    prefixForParsing: prefix ? new RegExp(`^(?:${prefix})`) : undefined,
    transformRule: np.nationalPrefixTransformRule(),
    leadingDigits: leading ? new RegExp(leading) : undefined,
    hasTypes: np.hasTypes(),
    types: TYPES.flatMap((t) => {
      const def = np.hasTypes() ? np.type(t) : undefined;
      return def && def.pattern() ? [{ pattern: new RegExp(`^(?:${def.pattern()})$`), lengths: def.possibleLengths() }] : [];
    }),
  };
  plans.set(countryOrCallingCode, p);
  return p;
}

/** getNumberType(...) !== undefined */
function hasType(nationalNumber: string, p: Plan): boolean {
  if (!p.nationalNumber.test(nationalNumber)) return false;
  for (const t of p.types) {
    if (t.lengths && !t.lengths.includes(nationalNumber.length)) continue;
    if (t.pattern.test(nationalNumber)) return true;
  }
  return false;
}

type Length = 'IS_POSSIBLE' | 'TOO_SHORT' | 'TOO_LONG' | 'INVALID_LENGTH';

function checkLength(nationalNumber: string, p: Plan): Length {
  const lengths = p.lengths;
  if (!lengths) return 'IS_POSSIBLE';
  const n = nationalNumber.length;
  const min = lengths[0] as number;
  if (min === n) return 'IS_POSSIBLE';
  if (min > n) return 'TOO_SHORT';
  if ((lengths[lengths.length - 1] as number) < n) return 'TOO_LONG';
  return lengths.indexOf(n, 1) >= 0 ? 'IS_POSSIBLE' : 'INVALID_LENGTH';
}

function countryByCallingCode(callingCode: string, nationalNumber: string): string | undefined {
  const countries = metadata.getCountryCodesForCallingCode(callingCode);
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  for (const country of countries) {
    const p = plan(country);
    if (p.leadingDigits) {
      if (nationalNumber && nationalNumber.search(p.leadingDigits) === 0) return country;
    } else if (hasType(nationalNumber, p)) {
      return country;
    }
  }
  return undefined;
}

/** extractNationalNumberFromPossiblyIncompleteNumber, national number only. */
function stripNationalPrefix(number: string, p: Plan): string {
  if (!number || !p.prefixForParsing) return number;
  const match = p.prefixForParsing.exec(number);
  if (!match) return number;
  const groups = match.length - 1;
  const captured = groups > 0 && match[groups];
  if (p.transformRule && captured) return number.replace(p.prefixForParsing, p.transformRule);
  return number.slice(match[0].length);
}

/** extractNationalNumber, national number only. */
function nationalNumberOf(number: string, p: Plan): string {
  const nationalNumber = stripNationalPrefix(number, p);
  if (nationalNumber !== number) {
    if (p.nationalNumber.test(number) && !p.nationalNumber.test(nationalNumber)) return number;
    if (p.lengths) {
      const country = countryByCallingCode(p.callingCode, nationalNumber);
      const length = checkLength(nationalNumber, country ? plan(country) : p);
      if (length === 'TOO_SHORT' || length === 'INVALID_LENGTH') return number;
    }
  }
  return nationalNumber;
}

/** Only these characters, with any + before the first digit: the shapes followed here. */
const PLAIN = /^[ ()./-]*\+?[0-9 ()./-]*$/;

export type Reading =
  /** Not a phone number at all (libphonenumber-js parses nothing). */
  | { kind: 'none' }
  | { kind: 'read'; e164: string; country: string | undefined; valid: boolean };

/**
 * What `parsePhoneNumberFromString(text, region)` and `.isValid()` give for `text`, or
 * `undefined` when `text` is not one of the plain shapes this follows.
 */
export function readPlain(text: string, region: string): Reading | undefined {
  if (text.length > 250 || !PLAIN.test(text)) return undefined;
  let plus = false;
  let digits = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits += text[i];
    else if (c === 43) plus = true;
  }
  // Fewer than three digits: libphonenumber-js's viability rules differ; leave those to it.
  if (digits.length < 3) return undefined;
  const home = plan(region);

  let callingCode: string | undefined;
  let rest = digits;
  if (!plus) {
    const idd = home.idd.exec(digits);
    if (idd && idd.index === 0) {
      const after = digits.slice(idd[0].length);
      if (after && after[0] !== '0') {
        plus = true;
        rest = after;
      }
    }
  }
  if (plus) {
    if (rest[0] === '0') return { kind: 'none' };
    for (let i = 1; i <= MAX_CALLING_CODE && i <= rest.length; i++) {
      const code = rest.slice(0, i);
      if (metadata.hasCallingCode(code)) {
        // Non-geographic codes (+800, +882...) are left to libphonenumber-js.
        if (!metadata.getCountryCodesForCallingCode(code)) return undefined;
        callingCode = code;
        rest = rest.slice(i);
        break;
      }
    }
    if (callingCode === undefined) return { kind: 'none' };
  } else if (rest.startsWith(home.callingCode)) {
    // extractCountryCallingCodeFromInternationalNumberWithoutPlusSign
    const shorter = rest.slice(home.callingCode.length);
    const whole = nationalNumberOf(rest, home);
    if (
      (!home.nationalNumber.test(whole) && home.nationalNumber.test(nationalNumberOf(shorter, home))) ||
      checkLength(whole, home) === 'TOO_LONG'
    ) {
      callingCode = home.callingCode;
      rest = shorter;
    }
  }

  let country: string | undefined;
  let p: Plan;
  if (callingCode !== undefined) {
    p = plan(callingCode);
  } else {
    country = region;
    p = home;
    callingCode = home.callingCode;
  }
  if (!rest) return { kind: 'none' };
  const nationalNumber = nationalNumberOf(rest, p);
  const exact = countryByCallingCode(callingCode, nationalNumber);
  if (exact) {
    country = exact;
    p = plan(exact);
  }
  if (nationalNumber.length < MIN_NSN || nationalNumber.length > MAX_NSN) return { kind: 'none' };
  const valid = p.hasTypes ? hasType(nationalNumber, p) : p.nationalNumber.test(nationalNumber);
  return { kind: 'read', e164: `+${callingCode}${nationalNumber}`, country, valid };
}
