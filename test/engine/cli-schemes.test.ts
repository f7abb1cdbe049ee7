import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/index.ts';
import { captureConsole, run } from './cli-run.ts';
import { campaign, seed, tempDir, us } from './helpers.ts';
import { registerPluginScheme } from './plugin-scheme.ts';

captureConsole();

let unregister: () => void;
beforeAll(() => (unregister = registerPluginScheme()));
afterAll(() => unregister());

const AT = '2026-11-23T10:00'; // Monday, in the campaign's zone (New York)

/** A database with a campaign "Homes" on the tests' plug-in scheme, a B2B campaign "Test", and records in each. */
async function prepared(): Promise<{ path: string; homes: number[]; b2b: number[] }> {
  const path = join(tempDir(), 'o.db');
  const db = openDatabase(path);
  const homes = await seed(db, campaign(db, { name: 'Homes', schemeId: 'plugin-test', options: { settings: { closers: ['Sam', 'Lee'], currency: 'USD' } } }), [
    { company: 'One', phone: us(1) }, { company: 'Two', phone: us(2) }, { company: 'Three', phone: us(3) },
  ]);
  const b2b = await seed(db, campaign(db, { name: 'Test' }), [{ company: 'Acme', phone: us(4) }]);
  db.close();
  await run('caller', 'add', 'Dana', '--db', path);
  await run('caller', 'add', 'Eli', '--db', path);
  return { path, homes, b2b };
}

const TALKED = 'DIAL,DM_ANSWERED,PITCHED,HUNG_UP';

describe('outcall log with several outcomes and fields', () => {
  it('logs one --result per dimension with --field values, and refuses in the scheme\'s words with exit 1', async () => {
    const { path, homes: [a = 0, b = 0] } = await prepared();
    const log = (id: number, caller: string, ...rest: string[]) => run('log', '--record', String(id), '--caller', caller, '--events', TALKED, '--at', AT, '--db', path, ...rest);
    const ok = await log(a, 'Dana', '--result', 'visit_set', '--result', 'asked', '--field', 'visit_at=2026-11-30T10:00', '--field', 'visit_kind=zoom', '--field', 'agent=Sam');
    expect(ok).toMatchObject({ code: 0, err: '' });
    expect(ok.out).toMatch(/^Logged call \d+ on record \d+ \(asked, visit_set\): decision_maker, pitched; record closed; appointment\.$/);
    const bad = await log(b, 'Dana', '--result', 'asked', '--result', 'sold', '--field', 'deal_value=lots', '--field', 'agent=Sam');
    expect(bad).toMatchObject({ code: 1, err: 'outcall log: Deal value (deal_value): must be an amount.' });
    const two = await log(b, 'Dana', '--result', 'asked', '--result', 'not_asked');
    expect(two).toMatchObject({ code: 1, err: 'outcall log: Choose one Ask outcome, not Asked for Appointment and No Ask.' });
    expect((await log(b, 'Dana', '--result', 'asked', '--field', 'agent'))).toMatchObject({ code: 2, err: expect.stringMatching(/^outcall log: --field takes KEY=VALUE, not "agent"\./) });
    expect(await log(b, 'Dana', '--result', 'asked', '--campaign', 'Test')).toMatchObject({ code: 1, err: `outcall log: Record ${b} is in campaign "Homes", not "Test".` });
  });

  it('log --help --campaign NAME lists that campaign\'s events, outcomes by dimension and fields', async () => {
    const { path } = await prepared();
    const h = await run('log', '--help', '--campaign', 'Homes', '--db', path);
    expect(h.code).toBe(0);
    expect(h.out).toContain('Homes logs with Plug-in test scheme.');
    expect(h.out).toContain('Events, in the order they happened: DIAL, NO_ANSWER,');
    expect(h.out).toMatch(/^Ask \(one required\):\n {2}asked +Asked for Appointment\n {2}not_asked +No Ask$/m);
    expect(h.out).toMatch(/^ {2}sold +Sold {2}\[agent, deal_value, product\?, parent_deal\?\]$/m);
    expect(h.out).toMatch(/^ {2}visit_kind +Visit kind \(choice: in_person\|zoom\)$/m);
    expect(h.out).not.toContain('appointment_booked');
    const b2b = await run('log', '--help', '--campaign', 'Test', '--db', path);
    expect(b2b.out).toMatch(/appointment_booked +Appointment Booked {2}\[appointment_at, appointment_kind\?\]/);
    expect(b2b.out).toContain('A campaign\'s own reasons are codes too (not_qualified_...).');
    expect(await run('log', '--help', '--campaign', 'Nope', '--db', path)).toMatchObject({ code: 1, err: expect.stringMatching(/There is no campaign called "Nope"/) });
  });
});

describe('outcall report rates and report outcomes', () => {
  it('prints the scheme\'s rates for the campaign and per caller, sums a field where the rate says, and counts every chosen outcome', async () => {
    const { path, homes: [a = 0, b = 0, c = 0] } = await prepared();
    const log = (id: number, caller: string, ...rest: string[]) => run('log', '--record', String(id), '--caller', caller, '--events', TALKED, '--at', AT, '--db', path, ...rest);
    expect((await log(a, 'Dana', '--result', 'asked', '--result', 'visit_set', '--field', 'visit_at=2026-11-30T10:00', '--field', 'visit_kind=zoom')).code).toBe(0);
    expect((await log(b, 'Dana', '--result', 'asked', '--result', 'sold', '--field', 'deal_value=1500', '--field', 'agent=Lee')).code).toBe(0);
    expect((await log(c, 'Eli', '--result', 'not_asked')).code).toBe(0);
    const r = await run('report', 'rates', '--campaign', 'Homes', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--db', path);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^RATE +FOR +OF +OVER +VALUE$/m);
    expect(r.out).toMatch(/^Ask rate +campaign +2 +3 +66\.7%$/m);
    expect(r.out).toMatch(/^Ask rate +caller: Dana +2 +2 +100\.0%$/m);
    expect(r.out).toMatch(/^Ask rate +caller: Eli +0 +1 +0\.0%$/m);
    expect(r.out).toMatch(/^Zoom share +campaign +1 +1 +100\.0%$/m);
    expect(r.out).toMatch(/^Sales +campaign +1500 +3 +500\.00$/m);
    expect(r.out).toMatch(/^ {2}Ask rate: Asks per conversation\.$/m);
    const json = (await run('report', 'rates', '--campaign', 'Homes', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--json', '--db', path)).json() as {
      schemeId: string; rows: { key: string; per: string; who: string; value: number | null }[];
    };
    expect(json.schemeId).toBe('plugin-test');
    expect(json.rows.filter((x) => x.key === 'sales').map((x) => [x.per, x.who, x.value])).toEqual([['campaign', '', 500], ['caller', 'Dana', 750], ['caller', 'Eli', 0]]);
    const outcomes = await run('report', 'outcomes', '--campaign', 'Homes', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--db', path);
    expect(outcomes.out).toMatch(/: 3 calls\n/);
    expect(outcomes.out).toMatch(/^ +2 +66\.7% +neutral +Asked for Appointment$/m);
    expect(outcomes.out).toMatch(/^ +1 +33\.3% +positive +Visit Set$/m);
    expect(outcomes.out).toMatch(/^ +1 +33\.3% +positive +Sold$/m);
  });

  it('gives the shift export and report the timesheet columns of the scheme of the calls in it', async () => {
    const { path, homes: [a = 0] } = await prepared();
    await run('log', '--record', String(a), '--caller', 'Dana', '--events', TALKED, '--at', AT, '--db', path, '--result', 'asked', '--result', 'off_topic', '--field', 'topics=legal');
    const out = join(tempDir(), 'shifts.json');
    const e = await run('export', 'shifts', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--format', 'json', '--out', out, '--db', path);
    expect(e.code).toBe(0);
    const { readFileSync } = await import('node:fs');
    const [row] = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>[];
    expect(Object.keys(row ?? {})).toEqual([
      'date', 'caller', 'shift_start', 'shift_end', 'shift', 'time_zone', 'hours', 'dials', 'asks', 'visits', 'prohibited',
      'result_asked', 'result_not_asked', 'result_visit_set', 'result_second_visit', 'result_sold', 'result_off_topic',
    ]);
    expect(row).toMatchObject({ dials: 1, asks: 1, visits: 0, prohibited: 1, result_asked: 1, result_off_topic: 1 });
    const shifts = await run('report', 'shifts', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--db', path);
    expect(shifts.out).toMatch(/HOURS +DIALS +ASKS +VISITS +PROHIBITED$/m);
  });
});
