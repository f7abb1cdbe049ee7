import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../electron/cli/outcall.ts';
import { importList, startImport, type DB } from '../../electron/engine/index.ts';
import { campaign, counts, fixture, tempDb } from './helpers.ts';
import { workbookParts, writeZip } from './xlsx.ts';

const customOf = (db: DB) => db.prepare('SELECT custom FROM records ORDER BY id').pluck().all().map((c) => JSON.parse(c as string));

describe('imports have limits and say so', () => {
  it('refuses a cell longer than the limit, naming the row, the column and the limit, and takes it when the limit is raised', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'long-cell.csv');
    writeFileSync(file, `Company,Phone,Notes\nShort Co,(201) 555-0100,ok\nLong Co,(201) 555-0101,${'x'.repeat(10_001)}\n`);
    const before = counts(db);
    await expect(importList(db, { file, campaignId: c.id })).rejects.toThrow(
      'Row 3, column 3 (C) holds 10,001 characters, more than the limit of 10,000 for one cell (raise it with --max-cell-chars). Nothing was imported.',
    );
    expect(counts(db)).toEqual(before);
    const s = await importList(db, { file, campaignId: c.id, limits: { maxCellChars: 20_000 } });
    expect(s.imported).toBe(2);
  });

  it('refuses a row with more columns than the limit', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'wide.csv');
    writeFileSync(file, `Company,Phone\nAcme,(201) 555-0100\nWide,(201) 555-0101${',x'.repeat(1_000)}\n`);
    await expect(importList(db, { file, campaignId: c.id })).rejects.toThrow(
      'Row 3 has 1,002 columns, more than the limit of 1,000 (raise it with --max-columns). Nothing was imported.',
    );
    expect(counts(db).records).toBe(0);
    await expect(importList(db, { file, campaignId: c.id, limits: { maxColumns: 0 } })).rejects.toThrow(
      'The import limit --max-columns must be a whole number above 0 (not 0).',
    );
  });

  it('removes NUL characters from stored text', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('nul-padded.csv'), campaignId: c.id });
    expect(s).toMatchObject({ rows: 2, imported: 2 });
    const text = db.prepare('SELECT company, contact_name, custom FROM records ORDER BY id').all();
    expect(text).toEqual([
      { company: 'Acme Plumbing', contact_name: 'Dana Reyes', custom: '{"Notes":"call after 3"}' },
      { company: 'Birch Dental', contact_name: 'Lee Park', custom: '{"Notes":"front desk"}' },
    ]);
    expect(db.prepare(`SELECT count(*) FROM phones WHERE instr(raw, char(0)) > 0`).pluck().get()).toBe(0);
  });

  it('refuses a list with more rejected rows than the limit, keeping the capped error report that shows why', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'wrong-column.csv');
    const lines = ['Company,Phone', 'Good Co,(201) 555-0100'];
    for (let i = 0; i < 30; i++) lines.push(`Bad ${i},not a number`);
    writeFileSync(file, lines.join('\n'));
    const errorReportPath = join(dir, 'report.csv');
    await expect(
      importList(db, { file, campaignId: c.id, errorReportPath, limits: { maxRejectedRows: 20, maxReportRows: 5 } }),
    ).rejects.toThrow(
      `Row 23 is rejected row number 21: more than the limit of 20 rejected rows (raise it with --max-rejected). Check the file and its column mapping. Nothing was imported. The first rejected rows are listed in ${errorReportPath}.`,
    );
    expect(counts(db)).toMatchObject({ lists: 0, records: 0, phones: 0 });
    const report = readFileSync(errorReportPath, 'utf8').trim().split('\r\n');
    expect(report).toHaveLength(7);
    expect(report[1]).toBe('3,no valid phone number,"""not a number"" is not a phone number",Bad 0,not a number');
    expect(report[6]).toBe(',not listed,15 more rejected rows are left out: this report lists the first 5');
  });

  it('caps the error report of an import that goes ahead, saying how many rows it left out', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'some-bad.csv');
    const lines = ['Company,Phone', 'Good Co,(201) 555-0100'];
    for (let i = 0; i < 12; i++) lines.push(`Bad ${i},n/a`);
    writeFileSync(file, lines.join('\n'));
    const s = await importList(db, { file, campaignId: c.id, limits: { maxReportRows: 10 } });
    expect(s).toMatchObject({ imported: 1, invalidPhone: 12 });
    const report = readFileSync(s.errorReport ?? '', 'utf8').trim().split('\r\n');
    expect(report).toHaveLength(12);
    expect(report.at(-1)).toBe(',not listed,2 more rejected rows are left out: this report lists the first 10');
  });
});

describe('raising a limit on the command line', () => {
  it('refuses a long cell with exit 1 and the flag to raise, and imports it with the flag', async () => {
    const { db, path, dir } = tempDb();
    campaign(db, { name: 'Notes' });
    const file = join(dir, 'long-notes.csv');
    writeFileSync(file, `Company,Phone,Notes\nLong Co,(201) 555-0101,${'x'.repeat(12_000)}\n`);
    const printed: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void printed.push(a.join(' ')));
    try {
      expect(await main(['import', file, '--campaign', 'Notes', '--db', path])).toBe(1);
      expect(printed.join('\n')).toContain('Row 2, column 3 (C) holds 12,000 characters, more than the limit of 10,000 for one cell (raise it with --max-cell-chars).');
      expect(await main(['import', file, '--campaign', 'Notes', '--db', path, '--max-cell-chars', '12000', '--json'])).toBe(0);
      expect(JSON.parse(printed.at(-1) ?? '{}')).toMatchObject({ imported: 1 });
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('workbooks as they come', () => {
  const rows = [['Company', 'Phone'], ['Acme', '(201) 555-0100'], ['Birch', '(201) 555-0101']];

  it('reads a workbook whose workbook.xml is stored after its sheets, every time', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    // ExcelJS itself stores xl/workbook.xml last; with the relationships and shared strings
    // ahead of the sheet, its reader met the sheet before the workbook it belongs to.
    const parts = await workbookParts(rows);
    const early = (n: string) => n === 'xl/_rels/workbook.xml.rels' || n === 'xl/sharedStrings.xml';
    const file = join(dir, 'workbook-last.xlsx');
    await writeZip(file, [
      ...parts.filter(([n]) => early(n)),
      ...parts.filter(([n]) => !early(n) && n !== 'xl/workbook.xml'),
      ...parts.filter(([n]) => n === 'xl/workbook.xml'),
    ]);
    for (let i = 0; i < 10; i++) {
      const s = await importList(db, { file, campaignId: c.id, dryRun: true });
      expect(s).toMatchObject({ rows: 2, imported: 2 });
    }
    expect((await importList(db, { file, campaignId: c.id })).imported).toBe(2);
  });

  it('refuses a part that inflates beyond the limit, before keeping it in memory', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const parts = await workbookParts(rows);
    const file = join(dir, 'big-part.xlsx');
    const big = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>filler</t></si>'.repeat(100_000)}</sst>`);
    await writeZip(file, parts.map(([n, d]): [string, Buffer] => [n, n === 'xl/sharedStrings.xml' ? big : d]));
    await expect(importList(db, { file, campaignId: c.id, limits: { maxXlsxPartBytes: 1024 * 1024 } })).rejects.toThrow(
      "The workbook's part xl/sharedStrings.xml inflates to more than 1 MB, the limit for one part of an XLSX file (raise it with --max-xlsx-part-mb). Nothing was imported.",
    );
    expect(counts(db).lists).toBe(0);
  });

  it('stops a zip bomb that declares a small part and inflates a huge company name', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const parts = await workbookParts(rows);
    const bomb = Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>${'A'.repeat(8_000_000)}</t></si></sst>`);
    const withBomb = parts.map(([n, d]): [string, Buffer] => [n, n === 'xl/sharedStrings.xml' ? bomb : d]);
    const lying = join(dir, 'bomb.xlsx');
    await writeZip(lying, withBomb, { 'xl/sharedStrings.xml': 300 });
    await expect(importList(db, { file: lying, campaignId: c.id })).rejects.toThrow(
      "The workbook's part xl/sharedStrings.xml inflates to more than the size it declares: the file is damaged or built to fill the memory. Nothing was imported.",
    );
    // Declared honestly, the one long text is stopped at the cell limit.
    const honest = join(dir, 'long-name.xlsx');
    await writeZip(honest, withBomb);
    await expect(importList(db, { file: honest, campaignId: c.id })).rejects.toThrow(
      "The workbook's part xl/sharedStrings.xml holds a text longer than the limit of 10,000 characters for one cell (raise it with --max-cell-chars). Nothing was imported.",
    );
    expect(counts(db).lists).toBe(0);
  });
});

describe('headers named like built-in properties', () => {
  it('keeps columns named constructor, toString, hasOwnProperty, valueOf and __proto__ as ordinary columns, also through the worker', async () => {
    const { db, path } = tempDb();
    const c = campaign(db);
    const running = startImport(path, { file: fixture('prototype-headers.csv'), campaignId: c.id });
    const s = await running.result;
    expect(s).toMatchObject({ rows: 2, imported: 2 });
    expect({ ...s.mapping }).toEqual({
      Company: 'company', Phone: 'phone', constructor: 'custom', toString: 'custom', hasOwnProperty: 'custom', valueOf: 'custom',
      ['__proto__']: 'custom',
    });
    expect(customOf(db)[0]).toEqual({ constructor: 'Main St', toString: 'blue', hasOwnProperty: 'yes', valueOf: '12', ['__proto__']: 'p1' });
    // An override names such a column like any other.
    const again = await importList(db, { file: fixture('prototype-headers.csv'), campaignId: c.id, mapping: { ['constructor']: 'ignore' as const }, dryRun: true });
    expect(again.mapping['constructor']).toBe('ignore');
  });
});

describe('file names and the disk', () => {
  it('imports a list whose file name is 240 characters long; the error report name stays within 255 bytes', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, `${'Leads for the northern region '.repeat(8).slice(0, 236)}.csv`);
    expect(basename(file)).toHaveLength(240);
    writeFileSync(file, 'Company,Phone\nAcme,(201) 555-0100\nBad,none\n');
    const s = await importList(db, { file, campaignId: c.id });
    expect(s).toMatchObject({ imported: 1, invalidPhone: 1 });
    const name = basename(s.errorReport ?? '');
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    expect(name).toMatch(/^Leads for the northern region .*\.errors\.csv$/);
    expect(existsSync(s.errorReport ?? '')).toBe(true);
    expect(db.prepare('SELECT name FROM lists').pluck().get()).toBe(basename(file));
  });

  it('says the disk is full when it is, and leaves nothing behind', async () => {
    const { db, dir } = tempDb();
    const c = campaign(db);
    const file = join(dir, 'many.csv');
    const lines = ['Company,Phone'];
    for (let i = 0; i < 20_000; i++) lines.push(`Co ${i},(201) ${200 + (i % 700)}-${String(i % 10_000).padStart(4, '0')}`);
    writeFileSync(file, lines.join('\n'));
    const before = counts(db);
    // The database may not grow past a few more pages: SQLite answers SQLITE_FULL, as on a full disk.
    const pages = db.pragma('page_count', { simple: true }) as number;
    db.pragma(`max_page_count = ${pages + 40}`);
    await expect(importList(db, { file, campaignId: c.id })).rejects.toThrow(
      'The disk is full: the import stopped and nothing was imported. Free some space on the disk that holds the database and its import reports, then import the list again.',
    );
    expect(db.inTransaction).toBe(false);
    expect(counts(db)).toEqual(before);
  });
});
