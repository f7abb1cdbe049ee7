import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { endShift, importList, logCall, shiftTotals, startShift, writeTotals } from '../../electron/engine/index.ts';
import { campaign, fixture, tempDb, tempDir } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z'); // Monday 12:00 in Sydney (the tests' local zone)
const HOSTILE_CALLER = '=HYPERLINK("http://evil.example","x")';

describe('files Outcall writes hold no live spreadsheet formulas from user data', () => {
  it('the import error report neutralises imported cells and keeps row numbers as numbers', async () => {
    const { db } = tempDb();
    const dir = tempDir();
    const s = await importList(db, { file: fixture('formula-cells.csv'), campaignId: campaign(db).id, reportDir: dir });
    expect(s).toMatchObject({ rows: 4, imported: 2, invalidPhone: 2 });
    const lines = readFileSync(s.errorReport ?? '', 'utf8').split('\r\n');
    expect(lines[0]).toBe('row,reason,detail,Company,Phone,Contact,Notes');
    expect(lines[1]).toMatch(/^2,/);
    expect(lines[1]).toContain(`,"'=HYPERLINK(""http://evil.example"",""x"")",not a number,"'@SUM(A1)","'-2+3"`);
    expect(lines[2]).toMatch(/^5,.*,Also Plain,,Cy,"'=1\+1"$/);
  });

  it('shift totals: a caller named like a formula is text in CSV and XLSX, the counts stay numbers', async () => {
    const { db } = tempDb();
    const dir = tempDir();
    const c = campaign(db);
    const s = await importList(db, { file: fixture('formula-cells.csv'), campaignId: c.id, reportDir: dir });
    const recordId = db.prepare('SELECT id FROM records WHERE list_id = ? ORDER BY id LIMIT 1').pluck().get(s.listId) as number;
    startShift(db, HOSTILE_CALLER, T0);
    logCall(db, { recordId, caller: HOSTILE_CALLER, events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date(T0.getTime() + 60_000) });
    endShift(db, HOSTILE_CALLER, new Date(T0.getTime() + 3_600_000));
    const rows = shiftTotals(db, { from: '2026-11-23', to: '2026-11-23' });

    await writeTotals(rows, 'csv', join(dir, 't.csv'));
    const line = readFileSync(join(dir, 't.csv'), 'utf8').split('\r\n')[1] ?? '';
    expect(line).toMatch(/^2026-11-23,"'=HYPERLINK\(""http:\/\/evil\.example"",""x""\)",2026-11-23 12:00,2026-11-23 13:00,ended,Australia\/Sydney,1,1,0,0,0,0,/);

    await writeTotals(rows, 'xlsx', join(dir, 't.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 't.xlsx'));
    const row = wb.worksheets[0]?.getRow(2);
    expect(row?.getCell(2).type).toBe(ExcelJS.ValueType.String);
    expect(row?.getCell(2).value).toBe(HOSTILE_CALLER);
    expect(row?.getCell(7).type).toBe(ExcelJS.ValueType.Number);
    const formulas = wb.worksheets[0]?.getSheetValues().flat().filter((v) => typeof v === 'object' && v !== null && 'formula' in v);
    expect(formulas).toEqual([]);
  });
});
