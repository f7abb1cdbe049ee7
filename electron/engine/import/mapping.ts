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
  /** An area code (or dialling prefix) in a column of its own, joined to each phone of the row. */
  'area_code',
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
    .replace(/ß/g, 'ss')
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
// English first, then the common German, French, Spanish, Italian and Dutch names.
add('company', 'company|company name|companyname|organisation|organization|organisation name|organization name|org|business|business name|account|account name|employer|firm|client|practice|practice name|school|school name|hospital name|facility name|clinic|clinic name|surgery|agency|institution|hospital|' +
  'firma|firmenname|unternehmen|betrieb|einrichtung|name der einrichtung|schule|schulname|praxis|' +
  'nom etablissement|raison sociale|entreprise|societe|nom de l entreprise|nom entreprise|etablissement|organisme|denomination|' +
  'empresa|nombre de la empresa|nombre empresa|razon social|compania|organizacion|entidad|centro|nombre del centro|' +
  'azienda|ragione sociale|societa|ditta|denominazione|impresa|ente|organizzazione|nome azienda|' +
  'bedrijf|bedrijfsnaam|organisatie|onderneming|instelling|naam bedrijf|naam organisatie');
add('contact_name', 'contact|contact name|contact person|full name|fullname|person|decision maker|dm|dm name|decision maker name|key contact|principal|principal name|head teacher|headteacher|' +
  'ansprechpartner|ansprechperson|kontakt|kontaktperson|' +
  'interlocuteur|nom du contact|nom contact|' +
  'contacto|persona de contacto|interlocutor|' +
  'referente|contatto|persona di contatto|' +
  'contactpersoon|naam contactpersoon');
add('first_name', 'first name|firstname|first|given name|forename|prenom|preferred name|vorname|nombre de pila|voornaam');
add('last_name', 'last name|lastname|last|surname|family name|nom de famille|nachname|familienname|apellido|apellidos|cognome|achternaam');
add('title', 'title|job title|jobtitle|position|role|job|job role|dm title|dm role|decision maker title|decision maker role|designation|function|' +
  'funktion|titel|fonction|poste|cargo|puesto|ruolo|qualifica|functie');
add('email', 'email|e mail|email address|e mail address|mail|courriel|email work|work email|' +
  'e mail adresse|email adresse|adresse mail|adresse e mail|adresse email|mel|correo|correo electronico|posta elettronica|indirizzo email|e mailadres|emailadres');
add('address', 'address|street|street address|address 1|address line 1|address1|addressline1|adresse 1|adresse|street 1|road|postal address|' +
  'strasse|anschrift|strasse und hausnummer|strasse nr|rue|voie|direccion|calle|domicilio|indirizzo|via|adres|straat|straatnaam');
add('city', 'city|town|suburb|locality|commune|nom commune|town city|city town|' +
  'ort|stadt|gemeinde|ortschaft|wohnort|ville|localite|ciudad|localidad|municipio|poblacion|citta|comune|localita|plaats|woonplaats|stad|gemeente|plaatsnaam');
add('state', 'state|province|state province|state code|st|region state|county state|territory|' +
  'bundesland|kanton|departement|provincia|comunidad autonoma|regione|provincie');
add('postcode', 'postcode|post code|postal code|postalcode|zip|zip code|zipcode|code postal|cp|eircode|postal|' +
  'plz|postleitzahl|codigo postal|cod postal|cap|c a p|codice postale');
add('country', 'country|country code|country name|nation|pays|land|pais|paese|nazione');
add('industry', 'industry|sector|vertical|business type|industry type|category|branche|secteur|settore|sector de actividad');
add('employees', 'employees|employee count|staff|staff count|headcount|head count|size|company size|number of employees|no of employees|num employees|' +
  'mitarbeiter|anzahl mitarbeiter|effectif|empleados|dipendenti|medewerkers');
add('website', 'website|web site|web|url|site|homepage|home page|domain|web address|webseite|internet|site web|site internet|sitio web|pagina web|sito web|sito');
add('area_code', 'area code|areacode|std code|std|dialling code|dialing code|phone area code|telephone area code|' +
  'vorwahl|telefonvorwahl|ortsvorwahl|vorwahlnummer|indicatif|indicatif telephonique|prefijo|prefijo telefonico|prefisso|prefisso telefonico|netnummer|kengetal');

const PHONE =
  /\b(phone|phones|telephone|tel|mobile|cell|cellphone|landline|switchboard|direct line|e 164|msisdn|national (significant )?number|telefon|telefonnummer|rufnummer|festnetz|handy|mobil|mobilnummer|telephone fixe|portable|numero de telephone|telefono|movil|celular|cellulare|numero di telefono|telefoon|telefoonnummer|mobiel|mobiele nummer)\b/;
const NOT_PHONE = /\b(fax|facsimile|telefax|telecopie)\b/;
/** An area code column names only that, perhaps after a phone word ("Phone area code"); "Consumer area code" is someone else's. */
const AREA_CODE = /^(?:(?:phone|telephone|tel|telefon|telefono|telefoon|office|business) )?(?:area code|std code|vorwahl|indicatif|prefijo|prefisso|netnummer|kengetal)$/;

/** The target a header suggests by itself, without the rest of the row. */
function guessOne(header: string): ColumnTarget | undefined {
  const h = normHeader(header);
  if (!h) return undefined;
  const exact = EXACT[h];
  if (exact) return exact;
  if (AREA_CODE.test(h)) return 'area_code';
  if (PHONE.test(h) && !NOT_PHONE.test(h)) return 'phone';
  if (/\bemail\b/.test(h)) return 'email';
  if (/\b(company|organisation|organization|business|hospital|school|practice|etablissement)\b.*\bname\b/.test(h)) return 'company';
  if (/\bpost ?code\b|\bzip\b/.test(h)) return 'postcode';
  if (/\baddress\b.*\b1\b|\baddress line 1\b/.test(h)) return 'address';
  if (/\bstate\b/.test(h)) return 'state';
  if (/\bcountry\b/.test(h)) return 'country';
  return undefined;
}

/** "Name" in the languages the guesser knows: a company or a person, decided by the other columns. */
const LONE_NAME = new Set(['name', 'nom', 'nombre', 'nome', 'naam']);

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
  const name = headers.find((h) => LONE_NAME.has(normHeader(h)));
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
