import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callerFigures, correctRecord, endShift, getRecord, logCall, startShift } from '../../electron/engine/index.ts';
import { firstRows, openSource, sniffEncoding } from '../../electron/engine/import/source.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

const T0 = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

/** Another program holds the database's write lock for `ms`; resolves once it holds it. */
function holdWriteLock(path: string, ms: number): Promise<Promise<void>> {
  const child = spawn(process.execPath, ['-e', `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(path)});
    db.exec('BEGIN IMMEDIATE');
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ${ms});
    db.exec('COMMIT');
    db.close();
  `], { cwd: new URL('../..', import.meta.url).pathname, stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve) => child.stdout.once('data', () => resolve(done)));
}

describe('what the review of the merged branches found', () => {
  it('a correction made while an import holds the write lock waits for it instead of failing', async () => {
    const { db, path } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'Hudson Roofing', phone: us(1) }]);
    const released = await holdWriteLock(path, 300);
    correctRecord(db, id, { dmRole: 'Owner' }, 'Dana', T0);
    await released;
    expect(getRecord(db, id).title).toBe('Owner');
  });

  it('a preview reads headers padded with NUL bytes as the import does', async () => {
    const file = join(tempDir(), 'nul-headers.csv');
    writeFileSync(file, 'Company\0\0,Direct\0\0\0\0\nAcme,(201) 555-0100\n');
    const [header] = await firstRows(await openSource(file), 5);
    expect(header?.cells).toEqual(['Company', 'Direct']);
  });

  it('reads UTF-16 without a byte-order mark also when most of the text is not Latin', () => {
    const text = 'Компания,Телефон,Город\r\nООО Ромашка,+7 495 123 45 00,Москва\r\n'.repeat(40);
    expect(sniffEncoding(Buffer.from(text, 'utf16le'))).toBe('utf-16le');
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(sniffEncoding(be)).toBe('utf-16be');
  });

  it("counts a caller's hours outside a shift by the days of the report's zone", async () => {
    const { db } = tempDb();
    const [a = 0, b = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    startShift(db, 'Al', new Date('2026-11-20T12:00:00Z'));
    endShift(db, 'Al', new Date('2026-11-20T13:00:00Z'));
    // Two calls outside any shift, two hours apart on one UTC day (which is two days in Sydney).
    logCall(db, { recordId: a, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-23T12:30:00Z') });
    logCall(db, { recordId: b, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-23T14:30:00Z') });
    expect(callerFigures(db, { from: '2026-11-23', to: '2026-11-23', zone: 'UTC' })).toMatchObject([{ caller: 'Al', dials: 2, hours: 2, dialsPerHour: 1 }]);
  });
});
