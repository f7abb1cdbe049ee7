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
    const approved = await run(
      'log', '--record', '2', '--caller', 'Sam', '--events', 'DIAL,CONNECTED,HUNG_UP', '--result', 'approved',
      '--field', 'strategy_at=2026-11-25 09:00', '--at', '2026-11-23T10:00', '--db', db,
    );
    expect(approved).toMatchObject({ code: 0 });
    const due = await run('queue', '--campaign', 'High Ticket', '--caller', 'Cleo', '--at', '2026-11-25T09:05', '--json', '--db', db);
    expect((due.json() as { id: number; reason: string }[]).map((q) => [q.id, q.reason])).toEqual([[2, 'meeting_due'], [1, 'fresh']]);
    const waiting = await run('queue', '--campaign', 'High Ticket', '--caller', 'Cleo', '--at', '2026-11-25T11:00', '--db', db);
    expect(waiting.out).toMatch(/^2 +waiting_for_outcome +Maple Coaching/m);
    const max = await run('queue', '--campaign', 'High Ticket', '--caller', 'Max', '--at', '2026-11-25T09:05', '--json', '--db', db);
    expect((max.json() as { id: number }[]).map((q) => q.id)).toEqual([1]);
  });
});

describe('outcall log with the closer-setter scheme', () => {
  const log = (db: string, ...args: string[]) => run('log', '--events', 'DIAL,CONNECTED,HUNG_UP', '--db', db, ...args);
  const SALE = ['--result', 'sale', '--field', 'objection=money', '--field', 'deal_value=4500', '--field', 'product=Coaching', '--field', 'payment=won', '--field', 'deal_date=2026-11-25'];

  it('lists the campaign\'s outcomes, fields and events with log --help --campaign', async () => {
    const db = await campaign();
    const help = await run('log', '--help', '--campaign', 'High Ticket', '--db', db);
    expect(help.code).toBe(0);
    for (const word of ['DIAL, NO_SHOW, CONNECTED, HUNG_UP, CANCELLED', 'approved', 'rejected', 'sale', 'no_sale', 'strategy_at', 'deal_value', 'payment']) expect(help.out).toContain(word);
    expect(help.out).toContain('strategy_at only when Reason (reason) is Follow Up Scheduled');
    expect(help.out).toContain('objection only when Reason (reason) is Unqualified or Follow Up Scheduled');
  });

  it('refuses a strategy call before the discovery call is Approved, in the scheme\'s words, and logs the Sale after it', async () => {
    const db = await campaign();
    const early = await log(db, '--record', '1', '--caller', 'Cleo', ...SALE, '--at', '2026-11-25T09:30');
    expect(early.code).toBe(1);
    expect(early.err).toContain('Sale is a strategy call outcome: this lead has had no discovery call logged, and a strategy call needs an Approved discovery call first.');
    const rejected = await log(db, '--record', '1', '--caller', 'Sam', '--result', 'rejected', '--field', 'reason=other', '--at', '2026-11-23T10:00');
    expect(rejected.code).toBe(1);
    expect(rejected.err).toBe('outcall log: Rejected for another reason needs notes saying what it was.');
    const approved = await log(db, '--record', '1', '--caller', 'Sam', '--result', 'approved', '--field', 'strategy_at=2026-11-25 09:00', '--at', '2026-11-23T10:00', '--json');
    expect(approved.json()).toMatchObject({ status: 'closed', appointment: true, results: ['approved'] });
    const sale = await log(db, '--record', '1', '--caller', 'Cleo', ...SALE, '--at', '2026-11-25T09:50', '--json');
    expect(sale).toMatchObject({ code: 0 });
    expect(sale.json()).toMatchObject({ results: ['sale'], contactLevel: 'held' });
  });

  it('prints the rates with report rates, also as JSON', async () => {
    const db = await campaign();
    await log(db, '--record', '1', '--caller', 'Sam', '--result', 'approved', '--field', 'strategy_at=2026-11-25 09:00', '--at', '2026-11-23T10:00');
    await log(db, '--record', '2', '--caller', 'Sam', '--result', 'approved', '--field', 'strategy_at=2026-11-25 11:00', '--at', '2026-11-23T10:30');
    expect((await log(db, '--record', '1', '--caller', 'Cleo', ...SALE, '--at', '2026-11-25T09:50')).code).toBe(0);
    const noShow = await run('log', '--events', 'DIAL,NO_SHOW', '--record', '2', '--caller', 'Max', '--result', 'no_sale', '--field', 'reason=no_show', '--at', '2026-11-25T11:20', '--db', db);
    expect(noShow.code).toBe(0);
    const range = ['--campaign', 'High Ticket', '--from', '2026-11-23', '--to', '2026-11-25', '--zone', 'America/Los_Angeles', '--db', db];
    const text = await run('report', 'rates', ...range);
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/^Closing rate +campaign +1 +1 +100\.0%$/m);
    expect(text.out).toMatch(/^Show-up rate +campaign +1 +2 +50\.0%$/m);
    expect(text.out).toContain('Closing rate: Sales paid as Won (first-time customers) per strategy call held; Recurring sales count in neither.');
    const json = (await run('report', 'rates', ...range, '--json')).json() as { rows: { key: string; per: string; who: string; numerator: number }[] };
    expect(json.rows.filter((r) => r.key === 'deal_value' && r.per === 'product').map((r) => [r.who, r.numerator])).toEqual([['Coaching', 4500]]);
  });
});
