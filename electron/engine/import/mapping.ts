import { UserError } from '../errors.ts';

/** Where a list column goes on the record. */
export const RECORD_FIELDS = [
  'company',
  'contact_name',
  'first_name',
  'last_name',
  'title',
  'email',
  'phone',
  'address',
  'city',
  'state',
  'postcode',
  'country',
  'industry',
  'employees',
  'website',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];
export type ColumnTarget = RecordField | 'custom' | 'ignore';

/** Column header -> target. Headers not named are kept as custom fields. */
export type Mapping = Record<string, ColumnTarget>;

export function normHeader(h: string): string {
  return h
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Lookup tables and mappings have no prototype: a header named "constructor", "toString" or
// "__proto__" is a column like any other, never an inherited property.
const EXACT: Record<string, RecordField> = Object.create(null);
const add = (field: RecordField, names: string) => {
  for (const n of names.split('|')) EXACT[n] = field;
};
add('company', 'company|company name|companyname|organisation|organization|organisation name|organization name|org|business|business name|account|account name|employer|firm|client|practice|practice name|school|school name|hospital name|facility name|nom etablissement|raison sociale|entreprise|societe');
add('contact_name', 'contact|contact name|contact person|full name|fullname|person|decision maker|dm|dm name|decision maker name|key contact');
add('first_name', 'first name|firstname|first|given name|forename|prenom|preferred name');
add('last_name', 'last name|lastname|last|surname|family name|nom de famille');
add('title', 'title|job title|jobtitle|position|role|job|job role|dm title|dm role|decision maker title|decision maker role|designation|function');
add('email', 'email|e mail|email address|e mail address|mail|courriel|email work|work email');
add('address', 'address|street|street address|address 1|address line 1|address1|addressline1|adresse 1|adresse|street 1|road');
add('city', 'city|town|suburb|locality|commune|nom commune|town city|city town');
add('state', 'state|province|state province|state code|st|region state|county state|territory');
add('postcode', 'postcode|post code|postal code|postalcode|zip|zip code|zipcode|code postal|cp|eircode');
add('country', 'country|country code|country name|nation|pays');
add('industry', 'industry|sector|vertical|business type|industry type|category');
add('employees', 'employees|employee count|staff|staff count|headcount|head count|size|company size|number of employees|no of employees|num employees');
add('website', 'website|web site|web|url|site|homepage|home page|domain|web address');

const PHONE = /\b(phone|phones|telephone|tel|mobile|cell|cellphone|landline|switchboard|telefon|telefono|portable|direct line|e 164|msisdn|national (significant )?number)\b/;
const NOT_PHONE = /\b(fax|facsimile)\b/;

/** The target a header suggests by itself, without the rest of the row. */
function guessOne(header: string): ColumnTarget | undefined {
  const h = normHeader(header);
  if (!h) return undefined;
  const exact = EXACT[h];
  if (exact) return exact;
  if (PHONE.test(h) && !NOT_PHONE.test(h)) return 'phone';
  if (/\bemail\b/.test(h)) return 'email';
  if (/\b(company|organisation|organization|business|hospital|school|practice|etablissement)\b.*\bname\b/.test(h)) return 'company';
  if (/\bpost ?code\b|\bzip\b/.test(h)) return 'postcode';
  if (/\baddress\b.*\b1\b|\baddress line 1\b/.test(h)) return 'address';
  if (/\bstate\b/.test(h)) return 'state';
  if (/\bcountry\b/.test(h)) return 'country';
  return undefined;
}

/**
 * A mapping guessed from the header names: the first column that names a single field takes
 * it; every column that looks like a phone number is a phone. A lone "Name" column is the
 * company when no other column is, else the contact.
 */
export function guessMapping(headers: readonly string[]): Mapping {
  const mapping: Mapping = Object.create(null);
  const taken = new Set<RecordField>();
  for (const header of headers) {
    if (Object.hasOwn(mapping, header)) continue;
    const target = guessOne(header);
    if (target === 'phone') mapping[header] = 'phone';
    else if (target && target !== 'custom' && target !== 'ignore' && !taken.has(target)) {
      mapping[header] = target;
      taken.add(target);
    } else mapping[header] = header.trim() ? 'custom' : 'ignore';
  }
  const name = headers.find((h) => normHeader(h) === 'name');
  if (name !== undefined && mapping[name] === 'custom') {
    const field: RecordField = taken.has('company') ? 'contact_name' : 'company';
    if (!taken.has(field)) mapping[name] = field;
  }
  return mapping;
}

/** How well a row reads as a header row: the number of cells that name a known field. */
export function headerScore(cells: readonly string[]): number {
  let score = 0;
  for (const c of cells) if (c.trim() && guessOne(c)) score++;
  return score;
}

/**
 * Parses `--map "Header=field,Other Header=custom"`. Unknown targets are refused with the list
 * of fields; headers that the file does not have are refused with the file's headers.
 */
export function parseMapOption(spec: string, headers: readonly string[]): Partial<Mapping> {
  const out: Partial<Mapping> = Object.create(null);
  for (const part of spec.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.lastIndexOf('=');
    if (eq <= 0) throw new UserError(`--map entry "${part}" should look like "Header=field".`);
    const header = part.slice(0, eq).trim();
    const target = part.slice(eq + 1).trim().toLowerCase() as ColumnTarget;
    if (!(RECORD_FIELDS as readonly string[]).includes(target) && target !== 'custom' && target !== 'ignore') {
      throw new UserError(`--map: "${target}" is not a field. Fields: ${RECORD_FIELDS.join(', ')}, custom, ignore.`);
    }
    const match = headers.find((h) => h.trim().toLowerCase() === header.toLowerCase());
    if (match === undefined) {
      throw new UserError(`--map: the file has no column "${header}". Its columns: ${headers.map((h) => `"${h}"`).join(', ')}.`);
    }
    out[match] = target;
  }
  return out;
}

/** A guessed mapping with the user's overrides on top; a single field may have one column. */
export function finalMapping(headers: readonly string[], overrides: Partial<Mapping> = {}): Mapping {
  const guessed = guessMapping(headers);
  const overridden = new Set(Object.values(overrides));
  const result: Mapping = Object.create(null);
  for (const h of headers) {
    const own = Object.hasOwn(overrides, h) ? overrides[h] : undefined;
    if (own) result[h] = own;
    else {
      const g = guessed[h] ?? 'custom';
      // A field the user gave to another column is no longer guessed here.
      result[h] = g !== 'phone' && g !== 'custom' && g !== 'ignore' && overridden.has(g) ? 'custom' : g;
    }
  }
  const counts = new Map<ColumnTarget, number>();
  for (const t of Object.values(result)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [t, n] of counts) {
    if (n > 1 && t !== 'phone' && t !== 'custom' && t !== 'ignore') {
      const cols = headers.filter((h) => result[h] === t).map((h) => `"${h}"`).join(' and ');
      throw new UserError(`Columns ${cols} are both mapped to ${t}; a record has one ${t}.`);
    }
  }
  if (!Object.values(result).includes('phone')) {
    throw new UserError(
      `No column holds phone numbers. Map one with --map "Header=phone". Columns: ${headers.map((h) => `"${h}"`).join(', ')}.`,
    );
  }
  return result;
}
