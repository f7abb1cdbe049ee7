import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HOLD_MS, openDatabase } from '../../electron/engine/index.ts';
import { captureConsole, run } from './cli-run.ts';
import { campaign, seed, tempDir, us } from './helpers.ts';

captureConsole();

/** A file with campaign "Test" (New York, 09:00-17:00 weekdays) and two records; Ann, Ben and Cy call. */
async function prepared() {
  const path = join(tempDir(), 'o.db');
  const db = openDatabase(path);
  const ids = await seed(db, campaign(db, { callingWindow: undefined }), [
    { company: 'Alpha', phone: us(1), state: 'NY' },
    { company: 'Beta', phone: us(2), state: 'NY' },
  ]);
  db.close();
  for (const name of ['Ann', 'Ben', 'Cy']) await run('caller', 'add', name, '--db', path);
  return { path, ids };
}

const MONDAY = '2026-11-23T10:00';

describe('outcall next and release on the local file', () => {
  it('takes the next record with its hold, gives a caller their own back, lets it go', async () => {
    const { path, ids } = await prepared();
    const before = Date.now();
    const ann = await run('next', '--campaign', 'Test', '--caller', 'Ann', '--at', MONDAY, '--json', '--db', path);
    expect(ann.code).toBe(0);
    const lease = ann.json() as { id: number; company: string; phones: string[]; leaseUntil: string };
    expect(lease).toEqual({ id: ids[0], company: 'Alpha', phones: ['+12015550101'], leaseUntil: expect.any(String) });
    // The hold runs on this machine's clock from when the record was taken, whatever --at says.
    expect(Date.parse(lease.leaseUntil)).toBeGreaterThanOrEqual(before + HOLD_MS);
    expect(Date.parse(lease.leaseUntil)).toBeLessThanOrEqual(Date.now() + HOLD_MS);
    expect((await run('next', '--campaign', 'Test', '--caller', 'Ann', '--at', MONDAY, '--json', '--db', path)).json()).toMatchObject({ id: ids[0] });
    const ben = await run('next', '--campaign', 'Test', '--caller', 'Ben', '--at', MONDAY, '--db', path);
    expect(ben.out).toMatch(new RegExp(`^Ben holds record ${ids[1]} \\(Beta\\) until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\S+; numbers: \\+12015550102\\.$`));
    const cy = await run('next', '--campaign', 'Test', '--caller', 'Cy', '--at', MONDAY, '--db', path);
    expect(cy.out).toBe('Nothing for Cy to call in Test at 2026-11-23 10:00 America/New_York. outcall queue --campaign "Test" says why.');

    expect(await run('release', '--record', String(ids[0]), '--caller', 'Ann', '--db', path)).toMatchObject({ code: 0, out: `Record ${ids[0]} is back in the queue.` });
    expect(await run('release', '--record', String(ids[0]), '--caller', 'Ann', '--db', path)).toMatchObject({ code: 1, err: `outcall release: Ann does not hold record ${ids[0]}.` });
    expect((await run('next', '--campaign', 'Test', '--caller', 'Cy', '--at', MONDAY, '--json', '--db', path)).json()).toMatchObject({ id: ids[0] });
  });

  it('--at is when the call is made: Saturday has no calling hours', async () => {
    const { path } = await prepared();
    const r = await run('next', '--campaign', 'Test', '--caller', 'Ann', '--at', '2026-11-28T10:00', '--json', '--db', path);
    expect(r).toMatchObject({ code: 0, out: 'null' });
  });

  it('a hold that ran out is offered to the next caller', async () => {
    const { path, ids } = await prepared();
    await run('next', '--campaign', 'Test', '--caller', 'Ann', '--at', MONDAY, '--db', path);
    await run('next', '--campaign', 'Test', '--caller', 'Ben', '--at', MONDAY, '--db', path);
    const db = openDatabase(path);
    db.prepare('UPDATE records SET locked_at = ? WHERE id = ?').run(new Date(Date.now() - HOLD_MS - 1000).toISOString(), ids[0]);
    db.close();
    expect((await run('next', '--campaign', 'Test', '--caller', 'Cy', '--at', MONDAY, '--json', '--db', path)).json()).toMatchObject({ id: ids[0], company: 'Alpha' });
  });

  it('names what is missing or unknown', async () => {
    const { path } = await prepared();
    expect(await run('next', '--caller', 'Ann', '--db', path)).toMatchObject({ code: 2, err: expect.stringContaining('--campaign is required.') });
    expect(await run('next', '--campaign', 'Test', '--caller', 'Zed', '--db', path)).toMatchObject({ code: 1, err: expect.stringContaining('There is no caller called "Zed".') });
    expect(await run('release', '--record', '999', '--caller', 'Ann', '--db', path)).toMatchObject({ code: 1, err: 'outcall release: There is no record 999.' });
    expect(await run('release', '--caller', 'Ann', '--db', path)).toMatchObject({ code: 2, err: expect.stringContaining('--record is required.') });
  });
});
