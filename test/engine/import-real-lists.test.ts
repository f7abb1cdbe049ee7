import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/outcall.ts';
import { addDnc, getRecord, guessMapping, importList, queueFor, type DB } from '../../electron/engine/index.ts';
import { readPhoneCell } from '../../electron/engine/import/phone-cells.ts';
import { sniffEncoding } from '../../electron/engine/import/source.ts';
import { campaign, fixture, tempDb, tempDir } from './helpers.ts';

const phones = (db: DB) =>
  db.prepare('SELECT r.list_row AS row, p.label, p.e164, p.on_dnc AS onDnc FROM phones p JOIN records r ON r.id = p.record_id ORDER BY p.id').all() as {
    row: number; label: string; e164: string | null; onDnc: number;
  }[];
const german = (db: DB) => campaign(db, { name: 'Niedersachsen', region: 'DE', timezone: 'Europe/Berlin' });

describe('the area code in a column of its own', () => {
  it('joins Vorwahl and Telefon into one number, unless the number already has its own prefix', async () => {
    const { db } = tempDb();
    const s = await importList(db, { file: fixture('de-schulen-vorwahl.csv'), campaignId: german(db).id });
    expect(s).toMatchObject({ rows: 6, imported: 6, invalidPhone: 0 });
    expect(s.mapping).toMatchObject({ Vorwahl: 'area_code', Telefon: 'phone', 'Name der Einrichtung': 'company', Straße: 'address', PLZ: 'postcode', Ort: 'city', 'E-Mail': 'email' });
    expect(phones(db).map((p) => p.e164)).toEqual([
      '+495119388231', // 0511 + 9388231, not the valid-looking +499388231
      '+4951116844321',
      '+495121301234',
      '+495121765432', // the area code written again in the number
      '+491712345678', // a mobile: a prefix of its own
      '+495113456789', // no area code on the row
    ]);
  });

  it('leaves a number that already holds its area code whole, and joins a local one that starts like it', () => {
    const read = (raw: string, areaCode: string) => readPhoneCell(raw, { header: 'Phone', region: 'US', areaCode }).map((p) => p.e164);
    expect(read('212-555-0142', '212')).toEqual(['+12125550142']);
    expect(read('212-1234', '212')).toEqual(['+12122121234']);
    expect(read('+44 20 7946 0958', '212')).toEqual(['+442079460958']);
  });

  it('is set with --map "Vorwahl=area_code" when the header is not guessed', async () => {
    const db = join(tempDir(), 'o.db');
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['--db', db, 'campaign', 'create', 'DE', '--region', 'DE'])).toBe(0);
    const file = fixture('de-schulen-vorwahl.csv');
    // Without the area code the first school's number reads as another, valid-looking one.
    expect(await main(['--db', db, 'import', file, '--campaign', 'DE', '--map', 'Vorwahl=custom'])).toBe(0);
    expect(await main(['--db', db, 'import', file, '--campaign', 'DE', '--map', 'Vorwahl=area_code', '--name', 'again'])).toBe(0);
    vi.restoreAllMocks();
    const { openDatabase } = await import('../../electron/engine/index.ts');
    const check = openDatabase(db);
    const lists = check.prepare('SELECT l.name, p.e164 FROM phones p JOIN records r ON r.id = p.record_id JOIN lists l ON l.id = r.list_id WHERE r.list_row = 2 ORDER BY l.id').all();
    check.close();
    expect(lists).toEqual([
      { name: 'de-schulen-vorwahl.csv', e164: '+499388231' },
      { name: 'again', e164: '+495119388231' },
    ]);
  });
});

describe('several numbers in one cell', () => {
  it('makes every number a phone of the record, with the label written beside it', async () => {
    const { db } = tempDb();
    const s = await importList(db, { file: fixture('several-numbers.csv'), campaignId: german(db).id });
    expect(s).toMatchObject({ rows: 7, imported: 6, invalidPhone: 0, duplicateInFile: 1 });
    // The last row shares a number with Autohaus Nord: a duplicate, named by that number.
    expect(s.examples).toEqual([{ row: 8, reason: 'duplicate_in_file', detail: '+49307654321 is also on row 3' }]);
    const all = phones(db);
    const byRow = (row: number) => all.filter((p) => p.row === row);
    expect(byRow(2).map((p) => [p.label, p.e164])).toEqual([['Telefon', '+49511123456'], ['Telefon (post office)', '+49511654321']]);
    expect(byRow(3).map((p) => p.e164)).toEqual(['+49301234567', '+49307654321']);
    expect(byRow(4).map((p) => p.e164)).toEqual(['+4989123456', '+4989654321']);
    expect(byRow(5).map((p) => p.e164)).toEqual(['+49221123456', '+49221987654']);
    // A slash between area code and number is one number.
    expect(byRow(6).map((p) => p.e164)).toEqual(['+49511223344']);
    expect(byRow(7).map((p) => p.label)).toEqual(['Telefon (Zentrale)', 'Telefon (Buchhaltung)']);
  });

  it('keeps a record one of whose numbers is on the do-not-call list, and never offers that number', async () => {
    const { db } = tempDb();
    const c = german(db);
    addDnc(db, '0511 654321', { region: 'DE', by: 'Dana' });
    addDnc(db, '089 123456', { region: 'DE', by: 'Dana' });
    addDnc(db, '089 654321', { region: 'DE', by: 'Dana' });
    const s = await importList(db, { file: fixture('several-numbers.csv'), campaignId: c.id });
    expect(s).toMatchObject({ imported: 5, onDoNotCall: 1 });
    expect(s.examples).toContainEqual({ row: 4, reason: 'on_do_not_call', detail: '+4989123456, +4989654321 are on the do-not-call list' });
    const first = phones(db).filter((p) => p.row === 2);
    expect(first.map((p) => [p.e164, p.onDnc])).toEqual([['+49511123456', 0], ['+49511654321', 1]]);
    const queued = queueFor(db, c, { limit: 1 })[0];
    expect(queued?.phones).toEqual(['+49511123456']);
    expect(getRecord(db, queued?.id ?? 0).phones.map((p) => p.onDnc)).toEqual([false, true]);
  });
});

describe('text encodings', () => {
  it('reads UTF-16 text with a byte-order mark, tab-separated, as Excel saves "Unicode Text"', async () => {
    const { db } = tempDb();
    const s = await importList(db, { file: fixture('unicode-text-utf16le.txt'), campaignId: german(db).id });
    expect(s).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: 3, imported: 3, headers: ['Company', 'Contact', 'Phone', 'City', 'Postcode'] });
    const companies = db.prepare('SELECT company, contact_name AS contact FROM records ORDER BY id').all();
    expect(companies[0]).toEqual({ company: 'Müller & Söhne GmbH', contact: 'Jürgen Müller' });
    expect(companies[2]).toEqual({ company: 'Bäckerei Groß', contact: 'Şule Yılmaz' });
  });

  it('tells UTF-16 without a byte-order mark by its NUL bytes', () => {
    expect(sniffEncoding(Buffer.from('Firma\tTelefon\r\nMüller\t030 1234567\r\n', 'utf16le'))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from('Firma\tTelefon\r\nMüller\t030 1234567\r\n', 'utf16le').swap16())).toBe('utf-16be');
  });

  it('leaves a stray NUL byte to the row it is in', () => {
    expect(sniffEncoding(Buffer.from('Firma,Telefon\nMüller\u0000,030 1234567\n'))).toBe('utf-8');
  });

  it('refuses a file it cannot read as text by naming the encoding problem', async () => {
    const { db } = tempDb();
    await expect(importList(db, { file: fixture('utf32.csv'), campaignId: german(db).id })).rejects.toThrow(
      /holds NUL bytes, so it is not text in UTF-8, UTF-16 or Windows-1252 \(it starts like UTF-32\)/,
    );
  });
});

describe('spreadsheet cells that stored a phone as a number', () => {
  it('reads the number as typed where the lost 0 is unambiguous, else reports row and value', async () => {
    const { db } = tempDb();
    const c = campaign(db, { name: 'AU', region: 'AU', timezone: 'Australia/Sydney' });
    const s = await importList(db, { file: fixture('numeric-phones.xlsx'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 6, imported: 5, invalidPhone: 1 });
    expect(phones(db).map((p) => p.e164)).toEqual(['+61298765432', '+61893221234', '+61412345678', '+61893361234', '+390612345678']);
    expect(s.examples).toEqual([
      {
        row: 7,
        reason: 'invalid_phone',
        detail: '"3123456789" is stored as a number in the spreadsheet, so a leading 0 may be lost: it could be +393123456789 or +3903123456789; store the column as text',
      },
    ]);
  });
});

describe('headers in other languages', () => {
  it.each([
    ['de', ['Firma', 'Ansprechpartner', 'Telefonnummer', 'Vorwahl', 'Straße', 'PLZ', 'Ort', 'E-Mail']],
    ['fr', ['Raison sociale', 'Interlocuteur', 'Téléphone', 'Indicatif', 'Adresse', 'Code postal', 'Ville', 'Courriel']],
    ['es', ['Empresa', 'Persona de contacto', 'Teléfono', 'Prefijo', 'Dirección', 'Código postal', 'Ciudad', 'Correo electrónico']],
    ['it', ['Ragione sociale', 'Referente', 'Telefono', 'Prefisso', 'Indirizzo', 'CAP', 'Città', 'Posta elettronica']],
    ['nl', ['Bedrijfsnaam', 'Contactpersoon', 'Telefoonnummer', 'Netnummer', 'Straat', 'Postcode', 'Plaats', 'E-mailadres']],
  ])('guesses the common %s names', (_lang, headers) => {
    const m = guessMapping(headers);
    expect(headers.map((h) => m[h])).toEqual(['company', 'contact_name', 'phone', 'area_code', 'address', 'postcode', 'city', 'email']);
  });

  it('knows the headings school and clinic lists use', () => {
    expect(guessMapping(['Clinic', 'Principal', 'Postal', 'Phone'])).toEqual({ Clinic: 'company', Principal: 'contact_name', Postal: 'postcode', Phone: 'phone' });
    // Another person's area code is not the phone's.
    expect(guessMapping(['Company_Phone_Number', 'Consumer_Area_Code'])).toEqual({ Company_Phone_Number: 'phone', Consumer_Area_Code: 'custom' });
  });
});
