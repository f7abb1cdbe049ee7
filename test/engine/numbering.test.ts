import { describe, expect, it } from 'vitest';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/examples.mobile.json';
import { readPlain, type Reading } from '../../electron/engine/numbering.ts';
import { normalizePhone } from '../../electron/engine/phones.ts';

/** What libphonenumber-js itself makes of a text, in readPlain's terms. */
function library(text: string, region: CountryCode): Reading {
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed) return { kind: 'none' };
  return { kind: 'read', e164: parsed.number, country: parsed.country, valid: parsed.isValid() };
}

// A deterministic generator, so that a failure can be replayed.
let seed = 7;
const rand = (n: number) => {
  seed = (seed * 1_103_515_245 + 12_345) & 0x7fffffff;
  return seed % n;
};

/** Ways lists write a national number `n` of a country with calling code `cc`. */
function shapes(n: string, cc: string): string[] {
  const a = n.slice(0, 3);
  const b = n.slice(3);
  return [
    n, `0${n}`, `1${n}`, `8${n}`, `${cc}${n}`, `+${cc}${n}`, `+${cc} (0) ${n}`, `00${cc}${n}`, `011${cc}${n}`, `+${cc}0${n}`,
    `(${a}) ${b}`, `${a}.${b.slice(0, 3)}.${b.slice(3)}`, `${a}-${b}`, `+${cc} ${a} ${b}`, `${a}/${b}`, ` ${n} `,
    // Mistyped: a digit short, a digit over, the first or last digit changed.
    n.slice(0, -1), `${n}${rand(10)}`, `${rand(10)}${n.slice(1)}`, `${n.slice(0, -1)}${rand(10)}`, `+${cc}${n.slice(0, -2)}`,
  ];
}

const REGIONS: CountryCode[] = ['US', 'CA', 'GB', 'AU', 'NZ', 'IE', 'DE', 'FR', 'IT', 'ES', 'NL', 'IN', 'BR', 'AR', 'MX', 'RU', 'KZ', 'JP', 'CN', 'ZA'];

describe('readPlain reads plain numbers exactly as libphonenumber-js does', () => {
  it('for example numbers of every country, written many ways, read in its own and twenty other regions', () => {
    let compared = 0;
    let handled = 0;
    const mismatches: string[] = [];
    for (const country of getCountries()) {
      const n = examples[country];
      if (!n) continue;
      const cc = getCountryCallingCode(country);
      for (const text of shapes(n, cc)) {
        for (const region of [country, ...REGIONS]) {
          compared++;
          const fast = readPlain(text, region);
          if (fast === undefined) continue;
          handled++;
          const slow = library(text, region);
          if (JSON.stringify(fast) !== JSON.stringify(slow)) {
            mismatches.push(`${JSON.stringify(text)} in ${region}: ${JSON.stringify(fast)} but libphonenumber-js ${JSON.stringify(slow)}`);
          }
        }
      }
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
    // The comparison means something only if the fast reading covers the plain shapes.
    expect(compared).toBeGreaterThan(100_000);
    expect(handled / compared).toBeGreaterThan(0.95);
  });

  it('for random digit strings, with and without +, in every country', () => {
    const mismatches: string[] = [];
    const countries = getCountries();
    for (let i = 0; i < 40_000; i++) {
      const region = countries[rand(countries.length)] as CountryCode;
      let digits = '';
      const length = 3 + rand(14);
      for (let d = 0; d < length; d++) digits += String(rand(10));
      const text = rand(3) === 0 ? `+${digits}` : digits;
      const fast = readPlain(text, region);
      if (fast === undefined) continue;
      const slow = library(text, region);
      if (JSON.stringify(fast) !== JSON.stringify(slow)) mismatches.push(`${text} in ${region}: ${JSON.stringify(fast)} vs ${JSON.stringify(slow)}`);
    }
    expect(mismatches.slice(0, 10)).toEqual([]);
  });

  it('leaves every other shape to libphonenumber-js', () => {
    for (const text of ['212 555 1234 ext 5', 'tel:+12125551234', '1-800-FLOWERS', '２１２５５５１２３４', '12', '212+5551234', '#212']) {
      expect(readPlain(text, 'US')).toBeUndefined();
    }
  });

  it('normalizePhone gives the same answers by either road', () => {
    expect(normalizePhone('(02) 9876 5432', 'AU')).toEqual({ ok: true, e164: '+61298765432', country: 'AU', extension: undefined });
    expect(normalizePhone('+44 (0) 20 7946 0018', 'US')).toMatchObject({ ok: true, e164: '+442079460018' });
    expect(normalizePhone('1-212-555-0123 x45', 'US')).toMatchObject({ ok: true, e164: '+12125550123', extension: '45' });
    expect(normalizePhone('555 0123', 'US')).toEqual({ ok: false, reason: '"555 0123" is not a valid US number' });
    expect(normalizePhone('+0 12 3456', 'US')).toEqual({ ok: false, reason: '"+0 12 3456" is not a phone number' });
  });
});
