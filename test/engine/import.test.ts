import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addDnc,
  getRecord,
  importList,
  ImportCancelled,
  loadTemplate,
  saveTemplate,
  startImport,
  type DB,
} from '../../electron/engine/index.ts';
import { campaign, counts, fixture, tempDb } from './helpers.ts';

const records = (db: DB) =>
  db.prepare('SELECT id, list_row AS row, company, contact_name AS contact, state, tz, custom FROM records ORDER BY id').all() as {
    id: number; row: number; company: string; contact: string; state: string; tz: string; custom: string;
  }[];

describe('reading lists as people write them', () => {
  it('reads US numbers with extensions and rejects impossible ones, naming row and value', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('us-extensions.csv'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 9, imported: 6, invalidPhone: 3, duplicateInFile: 0 });
    const phones = db.prepare('SELECT raw, e164, extension FROM phones WHERE e164 IS NOT NULL ORDER BY id').all();
    expect(phones).toEqual([
      { raw: '510.863.7227 x152', e164: '+15108637227', extension: '152' },
      { raw: '(484) 491-4638 x417', e164: '+14844914638', extension: '417' },
      { raw: '8005078317;222', e164: '+18005078317', extension: '222' },
      { raw: '15012902256#1', e164: '+15012902256', extension: '1' },
      { raw: '18883722468ex1', e164: '+18883722468', extension: '1' },
      { raw: '+1 (201) 555-0123', e164: '+12015550123', extension: null },
    ]);
    expect(s.examples).toEqual([
      { row: 4, reason: 'invalid_phone', detail: '"1-589-233-6081" is not a valid US number' },
      { row: 5, reason: 'invalid_phone', detail: '"(911) 555-0134" is not a valid US number' },
      { row: 9, reason: 'invalid_phone', detail: '"na" is not a phone number' },
    ]);
    // A company name with a comma inside quotes stays whole; first and last name make the contact.
    expect(records(db)[0]).toMatchObject({ company: 'Gottlieb, Sons and Daughters', contact: 'Shelley Kerluke' });
  });

  it('writes an error report with the row number, the reason and the original row', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('us-extensions.csv'), campaignId: c.id });
    expect(s.errorReport).toMatch(new RegExp(`^${dir}/import-reports/us-extensions\\.csv-.*\\.errors\\.csv$`));
    const lines = readFileSync(s.errorReport ?? '', 'utf8').trim().split('\r\n');
    expect(lines[0]).toBe('row,reason,detail,id,first_name,last_name,company_name,title,email_work,phone_work,phone_home,phone_other');
    expect(lines[1]).toBe('4,no valid phone number,"""1-589-233-6081"" is not a valid US number",3,Ana,Impossible,"Bad Area, Inc",CEO,a@example.com,1-589-233-6081,,');
    expect(lines).toHaveLength(4);
  });

  it('reads Windows-1252 text with every field quoted and a non-breaking space inside a number', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('cp1252-quoted.csv'), campaignId: c.id });
    expect(s).toMatchObject({ encoding: 'windows-1252', rows: 4, imported: 4 });
    const r = records(db);
    expect(r[1]?.company).toBe('MARSHALL MEDICAL CENTER – SOUTH');
    expect(r[3]?.company).toBe('Ysgol Gynradd Ynys Môn “Caergybi”');
    expect(db.prepare('SELECT e164 FROM phones WHERE record_id = ?').pluck().get(r[3]?.id)).toBe('+13347938702');
    // +1 territories keep their own zone: Puerto Rico is not New York.
    expect(r[2]?.tz).toBe('America/Puerto_Rico');
    expect(r[0]?.tz).toBe('America/Chicago');
  });

  it('reads UTF-8 with a byte-order mark, CRLF and semicolons, in the row country', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'FR', timezone: 'Europe/Paris' });
    const s = await importList(db, { file: fixture('fr-bom-semicolon.csv'), campaignId: c.id });
    expect(s).toMatchObject({ encoding: 'utf-8', delimiter: ';', rows: 3, imported: 2, duplicateInFile: 1 });
    expect(s.headers[0]).toBe('Identifiant');
    expect(records(db).map((r) => r.company)).toEqual(['Lycée Chateaubriand', 'Collège des Hautes-Ourmes']);
    expect(s.examples[0]).toEqual({ row: 3, reason: 'duplicate_in_file', detail: '+33299853802 is also on row 2' });
  });

  it('keeps quoted commas and line breaks (also a bare CR) inside one field', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Sydney' });
    const s = await importList(db, { file: fixture('quoted-multiline.csv'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 3, imported: 3 });
    const r = records(db);
    expect(r.map((x) => x.row)).toEqual([2, 3, 4]);
    // Line ends inside a cell are kept as line breaks, written \n whatever the file used.
    expect(JSON.parse(r[0]?.custom ?? '{}')).toEqual({ Notes: 'Line one\nline two' });
    expect(db.prepare('SELECT e164 FROM phones WHERE record_id = ?').pluck().get(r[1]?.id)).toBe('+61893900180');
    expect(JSON.parse(r[1]?.custom ?? '{}')).toEqual({ Notes: '“curly” – dash' });
    expect(r.map((x) => x.tz)).toEqual(['Australia/Sydney', 'Australia/Perth', 'Australia/Melbourne']);
  });

  it('reads a file whose lines end in CRLF, LF and CR alike, also when a CRLF falls between two reads', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'mixed-endings.csv');
    // Files are read 256 KiB at a time: pad the first rows so that a quoted cell's CR is the
    // last byte of the first read and its LF the first byte of the second.
    const head = 'Company,Phone,Notes\r\n';
    const filler = (i: number) => `Filler ${i},(201) ${200 + Math.floor(i / 10_000)}-${String(i % 10_000).padStart(4, '0')},\r\n`;
    let text = head;
    let i = 0;
    while (text.length + filler(i).length < 262_144 - 40) text += filler(i++);
    const split = `Split Co,(202) 555-0100,"a`;
    text += `${'x'.repeat(262_144 - 1 - text.length - split.length)}${split}\r\nb"\nLF Co,(203) 555-0100,\rCR Co,(204) 555-0100,\n`;
    writeFileSync(file, text);
    expect(Buffer.from(text).subarray(262_143, 262_145).toString()).toBe('\r\n');
    const s = await importList(db, { file, campaignId: c.id, mapping: { Notes: 'custom' } });
    expect(s).toMatchObject({ rows: i + 3, imported: i + 3, invalidPhone: 0 });
    const last = records(db).slice(-3);
    expect(last.map((r) => r.company)).toEqual([expect.stringMatching(/Split Co$/), 'LF Co', 'CR Co']);
    expect(JSON.parse(last[0]?.custom ?? '{}')).toEqual({ Notes: 'a\nb' });
  });

  it('reads Australian formats, skips UNKNOWN and a junk footer row, and finds duplicates by E.164', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Sydney' });
    const s = await importList(db, { file: fixture('au-schools.csv'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 6, imported: 3, invalidPhone: 2, duplicateInFile: 1 });
    expect(s.examples.map((e) => `${e.row} ${e.detail}`)).toEqual([
      '4 "UNKNOWN" is not a phone number',
      '6 +61897963000 is also on row 2',
      '7 no phone number',
    ]);
    expect(db.prepare('SELECT e164 FROM phones ORDER BY id').pluck().all()).toEqual(['+61897963000', '+611300388905', '+61412345678']);
  });

  it('reads a workbook whose header sits below title rows, with numbers stored as numbers', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Sydney' });
    const s = await importList(db, { file: fixture('title-rows.xlsx'), campaignId: c.id });
    expect(s).toMatchObject({ headerRow: 6, rows: 4, imported: 4, encoding: null });
    expect(records(db).map((r) => r.company)).toEqual(['ADAM ROAD PRIMARY SCHOOL', 'NUMERIC PHONE SCHOOL', 'LINKED SCHOOL', 'FORMULA SCHOOL']);
    expect(db.prepare('SELECT e164 FROM phones ORDER BY id').pluck().all()).toEqual(['+61897963000', '+61892961234', '+61892931234', '+61893412000']);
  });

  it('finds the header of a list whose data holds a header word ("DM" is Dominica) and reads E.164 columns', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('example-numbers.csv'), campaignId: c.id });
    expect(s).toMatchObject({ headerRow: 1, rows: 10, imported: 10, invalidPhone: 0 });
    expect(s.mapping).toMatchObject({ national_significant_number: 'phone', e164: 'phone', region: 'custom' });
    const dominica = db.prepare(`SELECT DISTINCT e164 FROM phones WHERE raw LIKE '%7672251234'`).pluck().all();
    expect(dominica).toEqual(['+17672251234']);
  });

  it('reads the first sheet of a template, ignoring styled empty rows and the instructions sheet', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'US' });
    const s = await importList(db, { file: fixture('styled-empty-rows.xlsx'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 2, imported: 2 });
    // Each row's country column decides how its number is read, and its zone.
    expect(db.prepare('SELECT e164 FROM phones WHERE e164 IS NOT NULL ORDER BY id').pluck().all()).toEqual(['+442079460958', '+33612345678']);
    expect(records(db).map((r) => [r.company, r.contact, r.tz])).toEqual([
      ['Roe Ltd', 'Jane Roe', 'Europe/London'],
      ['Martin SARL', 'Luc Martin', 'Europe/Paris'],
    ]);
  });
});

describe('column mapping', () => {
  it('guesses from header names and lets the user override, keeping the rest as custom fields', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const s = await importList(db, {
      file: fixture('us-extensions.csv'),
      campaignId: c.id,
      mapping: { title: 'custom', id: 'ignore' },
    });
    expect(s.mapping).toMatchObject({
      first_name: 'first_name', last_name: 'last_name', company_name: 'company', email_work: 'email',
      phone_work: 'phone', phone_home: 'phone', phone_other: 'phone', title: 'custom', id: 'ignore',
    });
    const r = getRecord(db, records(db)[0]?.id ?? 0);
    expect(r.title).toBe('');
    expect(r.custom).toEqual({ title: 'Owner' });
  });

  it('saves a mapping as a named template and uses it again', async () => {
    const { db } = tempDb();
    saveTemplate(db, 'CRM export', { title: 'custom' });
    expect(loadTemplate(db, 'crm export')).toEqual({ title: 'custom' });
    expect(() => loadTemplate(db, 'Other')).toThrow(/no import template called "Other". Saved templates: CRM export/);
  });
});

describe('bad input leaves nothing behind', () => {
  it.each([
    ['no-phone-column.csv', /No column holds phone numbers.*"Company", "Contact", "Email"/],
    ['unclosed-quote.csv', /cannot be read at row 3 \(after 2 rows\): a quoted field is never closed/],
    ['does-not-exist.csv', /no such file/],
  ])('%s is refused with a clear message', async (file, message) => {
    const { db } = tempDb();
    const c = campaign(db);
    const before = counts(db);
    await expect(importList(db, { file: fixture(file), campaignId: c.id })).rejects.toThrow(message);
    expect(counts(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
  });

  it('refuses an unknown region and a mapping that gives one field two columns', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    await expect(importList(db, { file: fixture('au-schools.csv'), campaignId: c.id, region: 'XX' })).rejects.toThrow(
      '"XX" is not a country code such as US, GB or AU.',
    );
    await expect(
      importList(db, { file: fixture('au-schools.csv'), campaignId: c.id, mapping: { Suburb: 'company' } }),
    ).resolves.toMatchObject({ mapping: { Suburb: 'company', 'School Name': 'custom' } });
    const { db: db2 } = tempDb();
    const c2 = campaign(db2);
    await expect(
      importList(db2, { file: fixture('au-schools.csv'), campaignId: c2.id, mapping: { Suburb: 'state', State: 'state' } }),
    ).rejects.toThrow('Columns "Suburb" and "State" are both mapped to state; a record has one state.');
    expect(counts(db2).records).toBe(0);
  });

  it('a dry run reports what would happen and writes nothing', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Sydney' });
    const s = await importList(db, { file: fixture('au-schools.csv'), campaignId: c.id, dryRun: true });
    expect(s).toMatchObject({ dryRun: true, rows: 6, imported: 3, listId: null });
    expect(counts(db)).toEqual({ lists: 0, records: 0, phones: 0, zones: 0, dnc: 0 });
  });

  it('a cancelled import in the worker leaves the database as it was', async () => {
    const { db, path, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'big.csv');
    const { writeFileSync } = await import('node:fs');
    const lines = ['Company,Phone'];
    for (let i = 0; i < 60_000; i++) lines.push(`Co ${i},(201) ${String(200 + (i % 700)).padStart(3, '0')}-${String(i % 10000).padStart(4, '0')}`);
    writeFileSync(file, lines.join('\n'));
    const before = counts(db);
    let cancelled = false;
    const running = startImport(path, { file, campaignId: c.id }, (p) => {
      if (!cancelled && p.rowsRead >= 5000) {
        cancelled = true;
        running.cancel();
      }
    });
    await expect(running.result).rejects.toBeInstanceOf(ImportCancelled);
    expect(cancelled).toBe(true);
    expect(counts(db)).toEqual(before);
  });
});

describe('duplicates and do-not-call on import', () => {
  it('rejects a number already in the campaign and one on the do-not-call list, in any formatting', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Sydney' });
    await importList(db, { file: fixture('title-rows.xlsx'), campaignId: c.id });
    addDnc(db, '+61 412 345 678', { by: 'Manager', region: 'AU' });
    const s = await importList(db, { file: fixture('au-schools.csv'), campaignId: c.id });
    // Rows 2 and 6 both hold record 1's number, written two ways.
    expect(s).toMatchObject({ imported: 1, duplicateInCampaign: 2, onDoNotCall: 1, duplicateInFile: 0 });
    expect(s.examples.find((e) => e.reason === 'duplicate_in_campaign')?.detail).toBe('+61897963000 belongs to record 1 (ADAM ROAD PRIMARY SCHOOL)');
    expect(s.examples.find((e) => e.reason === 'on_do_not_call')).toEqual({ row: 5, reason: 'on_do_not_call', detail: '+61412345678 is on the do-not-call list' });
  });
});
