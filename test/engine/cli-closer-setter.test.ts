import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, run } from './cli-run.ts';
import { fixture, tempDir } from './helpers.ts';

captureConsole();

/** Seed 001 from the command line: a closer-setter campaign, its closers and products, the calls and the closer's queue. */
async function campaign() {
  const db = join(tempDir(), 'o.db');
  const made = await run(
    'campaign', 'create', 'High Ticket', '--scheme', 'closer-setter', '--timezone', 'America/Los_Angeles',
    '--setting', 'closers=Cleo, Max', '--setting', 'products=Coaching, Mastermind', '--setting', 'currency=USD', '--db', db,
  );
  expect(made).toMatchObject({ code: 0 });
  expect(made.out).toContain('Created campaign "High Ticket" (id 1, region US, America/Los_Angeles, Closers and setters).');
  await run('campaign', 'set', 'High Ticket', '--window', 'all 00:00-23:59', '--db', db);
  for (const name of ['Sam', 'Cleo', 'Max']) expect((await run('caller', 'add', name, '--db', db)).code).toBe(0);
  expect((await run('import', fixture('closer-leads.csv'), '--campaign', 'High Ticket', '--db', db)).code).toBe(0);
  return db;
}

describe('outcall with the closer-setter scheme', () => {
  it('creates the campaign with its closers, products and currency, and refuses a setting the scheme does not take', async () => {
    const db = await campaign();
    const list = (await run('campaign', 'list', '--json', '--db', db)).json() as { options: { settings: unknown } }[];
    expect(list[0]?.options.settings).toEqual({ closers: ['Cleo', 'Max'], products: ['Coaching', 'Mastermind'], currency: 'USD' });
    const refused = await run('campaign', 'set', 'High Ticket', '--setting', 'colour=red', '--db', db);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('outcall campaign set: "colour" is not a setting of Closers and setters; its settings are: closers, products, currency.');
    const bad = await run('campaign', 'set', 'High Ticket', '--setting', 'closers', '--db', db);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--setting takes KEY=VALUE, not "closers".');
  });

  it("lists a closer's strategy calls first in their queue, due then waiting for an outcome", async () => {
    const db = await campaign();
    const { logCall, openDatabase } = await import('../../electron/engine/index.ts');
    const d = openDatabase(db);
    try {
      logCall(d, {
        recordId: 2, caller: 'Sam', events: ['DIAL', 'CONNECTED', 'HUNG_UP'], result: 'approved',
        fields: { strategy_at: '2026-11-25T17:00:00Z' }, at: new Date('2026-11-23T18:00:00Z'),
      });
    } finally {
      d.close();
    }
    const due = await run('queue', '--campaign', 'High Ticket', '--caller', 'Cleo', '--at', '2026-11-25T09:05', '--json', '--db', db);
    expect((due.json() as { id: number; reason: string }[]).map((q) => [q.id, q.reason])).toEqual([[2, 'meeting_due'], [1, 'fresh']]);
    const waiting = await run('queue', '--campaign', 'High Ticket', '--caller', 'Cleo', '--at', '2026-11-25T11:00', '--db', db);
    expect(waiting.out).toMatch(/^2 +waiting_for_outcome +Maple Coaching/m);
    const max = await run('queue', '--campaign', 'High Ticket', '--caller', 'Max', '--at', '2026-11-25T09:05', '--json', '--db', db);
    expect((max.json() as { id: number }[]).map((q) => q.id)).toEqual([1]);
  });
});
