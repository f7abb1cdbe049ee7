import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { captureConsole, run } from './cli-run.ts';
import { fixture } from './helpers.ts';

captureConsole();

/** A real-estate campaign worked from the command line: import, log several outcomes per call, report, export. */
describe('outcall with a real-estate campaign', () => {
  // One database for the steps of the story, removed after the last.
  const dir = mkdtempSync(join(tmpdir(), 'outcall-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'o.db');
  const ids: number[] = [];
  const phones: string[] = [];
  const log = (record: number, events: string, ...rest: string[]) =>
    run('log', '--record', String(record), '--caller', 'Rae', '--events', events, '--at', '2026-11-23T16:00:00Z', '--db', db, ...rest);

  it('creates the campaign with --scheme real-estate-sales and imports homeowners', async () => {
    const made = await run('campaign', 'create', 'Homes', '--scheme', 'real-estate-sales', '--region', 'US', '--timezone', 'America/New_York', '--db', db);
    expect(made.code).toBe(0);
    expect(made.out).toContain('Real estate: sales & recruiting');
    expect((await run('import', fixture('homeowners.csv'), '--campaign', 'Homes', '--db', db, '--json')).json()).toMatchObject({ imported: 4 });
    expect((await run('caller', 'add', 'Rae', '--db', db)).code).toBe(0);
    expect((await run('shift', 'start', '--caller', 'Rae', '--at', '2026-11-23T14:00:00Z', '--db', db)).code).toBe(0);
    const queue = (await run('queue', '--campaign', 'Homes', '--at', '2026-11-23T16:00:00Z', '--db', db, '--json')).json() as { id: number; phones: string[] }[];
    ids.push(...queue.map((q) => q.id));
    phones.push(...queue.map((q) => q.phones[0] ?? ''));
    expect(ids).toHaveLength(4);
  });

  it('lists the campaign’s outcomes, fields and events with log --help --campaign', async () => {
    const help = await run('log', '--help', '--campaign', 'Homes', '--db', db);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Homes logs with Real estate: sales & recruiting.');
    expect(help.out).toContain('Events, in the order they happened: DIAL, NO_ANSWER, VOICEMAIL, WRONG_NUMBER, ANSWERED, HUNG_UP.');
    expect(help.out).toMatch(/^Appointment \(at most one\):\n {2}appointment_set +Appointment Set {2}\[appointment_at, appointment_kind\]$/m);
    expect(help.out).toMatch(/^ {2}call_back_requested +Call Back Requested {2}\[follow_up_at\?\]$/m);
    expect(help.out).toMatch(/^ {2}appointment_kind +Appointment kind \(choice: listing_consultation\|showing\|buyer_consultation\|video\)$/m);
    expect(help.out).not.toContain('prohibited_isa_topic');
  });

  it('logs an appointment with the ask and the next step, repeating --result and --field', async () => {
    const r = await log(ids[0] ?? 0, 'DIAL,ANSWERED,HUNG_UP',
      '--result', 'appointment_set', '--result', 'asked_for_appointment', '--result', 'next_step_created',
      '--field', 'appointment_at=2026-11-26T17:00:00Z', '--field', 'appointment_kind=showing', '--json');
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ status: 'closed', contactLevel: 'answered', appointment: true });
    expect(r.out).not.toBe('');
    const shown = (await run('records', 'show', String(ids[0]), '--db', db, '--json')).json() as { history: { result: string }[] };
    expect(shown.history.map((h) => h.result)).toEqual(['appointment_set']);
  });

  it('logs a voicemail left, and Do Not Call puts the numbers on the do-not-call list', async () => {
    expect((await log(ids[1] ?? 0, 'DIAL,VOICEMAIL', '--result', 'left_voicemail')).code).toBe(0);
    const dnc = await log(ids[2] ?? 0, 'DIAL,ANSWERED,HUNG_UP', '--result', 'do_not_call', '--result', 'no_ask_for_appointment', '--result', 'appointment_not_set', '--json');
    expect(dnc.code).toBe(0);
    expect(dnc.json()).toMatchObject({ status: 'closed', numbersAddedToDnc: 1 });
    expect((await run('dnc', 'check', phones[2] ?? '', '--db', db, '--json')).json()).toEqual({ listed: true, e164: phones[2] });
  });

  it('refuses what the scheme forbids in its own words, with a non-zero exit, and writes nothing', async () => {
    const record = String(ids[3] ?? 0);
    const cases: [string[], RegExp][] = [
      [['--events', 'DIAL,ANSWERED,HUNG_UP', '--result', 'appointment_set', '--field', 'appointment_at=2026-11-26T17:00:00Z', '--field', 'appointment_kind=video'],
        /Appointment Set means you asked for the appointment: pick Asked for Appointment as well\./],
      [['--events', 'DIAL,NO_ANSWER', '--result', 'left_voicemail'], /Left Voicemail is only for a call that reached voicemail; this call reached nobody\./],
      [['--events', 'DIAL,ANSWERED,HUNG_UP', '--result', 'appointment_set', '--result', 'asked_for_appointment', '--result', 'call_back_requested',
        '--field', 'appointment_at=2026-11-26T17:00:00Z', '--field', 'appointment_kind=showing'], /A follow-up call is never an appointment/],
      [['--events', 'DIAL,ANSWERED,HUNG_UP', '--result', 'appointment_set', '--result', 'asked_for_appointment', '--field', 'appointment_at=2026-11-26T17:00:00Z',
        '--field', 'appointment_kind=coffee'], /appointment_kind.*must be one of listing_consultation, showing, buyer_consultation, video/],
      [['--events', 'DIAL,ANSWERED,HUNG_UP', '--result', 'prohibited_isa_topic'], /"prohibited_isa_topic" is not a result code of Real estate: sales & recruiting/],
    ];
    for (const [argv, message] of cases) {
      const r = await run('log', '--record', record, '--caller', 'Rae', '--at', '2026-11-23T16:00:00Z', '--db', db, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 1 });
      expect(r.err).toMatch(message);
    }
    const shown = (await run('records', 'show', record, '--db', db, '--json')).json() as { history: unknown[] };
    expect(shown.history).toEqual([]);
  });

  it('reports the scheme’s rates and outcomes, and exports its own shift columns', async () => {
    expect((await log(ids[3] ?? 0, 'DIAL,ANSWERED,HUNG_UP', '--result', 'asked_for_appointment', '--result', 'appointment_not_set', '--result', 'call_back_requested')).code).toBe(0);
    expect((await run('shift', 'end', '--caller', 'Rae', '--at', '2026-11-23T22:00:00Z', '--db', db)).code).toBe(0);

    const day = ['--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--db', db];
    const rates = await run('report', 'rates', '--campaign', 'Homes', ...day, '--json');
    expect(rates.code).toBe(0);
    // 4 dials; 3 reached the prospect (a voicemail is not a contact); 2 asks; 1 appointment.
    const rows = (rates.json() as { rows: { key: string; per: string; who: string; numerator: number; denominator: number; value: number | null }[] }).rows;
    const campaignRows = rows.filter((r) => r.per === 'campaign').map(({ key, numerator, denominator, value }) => ({ key, numerator, denominator, value }));
    expect(campaignRows).toEqual([
      { key: 'contact_rate', numerator: 3, denominator: 4, value: 75 },
      { key: 'ask_rate', numerator: 2, denominator: 3, value: 66.7 },
      { key: 'appointment_rate', numerator: 1, denominator: 3, value: 33.3 },
    ]);
    expect(rows.filter((r) => r.per === 'caller').map((r) => [r.key, r.who, r.value])).toEqual([
      ['contact_rate', 'Rae', 75], ['ask_rate', 'Rae', 66.7], ['appointment_rate', 'Rae', 33.3],
    ]);
    const text = await run('report', 'rates', '--campaign', 'Homes', ...day);
    expect(text.out).toMatch(/^Contact rate +campaign +3 +4 +75\.0%$/m);
    expect(text.out).toContain('Voicemail and wrong numbers are not contacts.');

    const outcomes = await run('report', 'outcomes', '--campaign', 'Homes', ...day);
    expect(outcomes.code).toBe(0);
    expect(outcomes.out).toMatch(/2 .*Asked for Appointment/);
    expect(outcomes.out).toMatch(/1 .*Left Voicemail/);

    const file = join(dir, 'shifts.json');
    const exported = await run('export', 'shifts', ...day, '--format', 'json', '--out', file);
    expect(exported.code).toBe(0);
    // The shift's summary line speaks of its own scheme's columns, not of pitches and DMs.
    expect(exported.out.split('\n')[1]).toBe('2026-11-23 Rae 09:00-17:00 (8.00 h): 4 dials, 3 contacts, 1 voicemail left, 2 asked for an appointment, 1 appointment, 1 next step');
    const [row] = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(row).toMatchObject({ caller: 'Rae', dials: 4, contacts: 3, voicemails_left: 1, asks: 2, appointments: 1, next_steps: 1 });
    expect(row).not.toHaveProperty('pitches');
  });
});

describe('outcall with an ISA campaign', () => {
  const dir = mkdtempSync(join(tmpdir(), 'outcall-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const db = join(dir, 'o.db');

  it('flags a call with the prohibited topics and a note, and counts it per caller in the rates and the shift export', async () => {
    await run('campaign', 'create', 'Buyers', '--scheme', 'real-estate-isa', '--region', 'US', '--timezone', 'America/New_York', '--db', db);
    await run('import', fixture('homeowners.csv'), '--campaign', 'Buyers', '--db', db);
    for (const name of ['Isa', 'Ivo']) await run('caller', 'add', name, '--db', db);
    const [a = 0, b = 0] = ((await run('queue', '--campaign', 'Buyers', '--at', '2026-11-23T16:00:00Z', '--db', db, '--json')).json() as { id: number }[]).map((q) => q.id);
    const talk = ['--events', 'DIAL,ANSWERED,HUNG_UP', '--at', '2026-11-23T16:00:00Z', '--db', db, '--result', 'appointment_not_set', '--result', 'asked_for_appointment'];
    const flagged = await run('log', '--record', String(a), '--caller', 'Isa', ...talk, '--result', 'prohibited_isa_topic',
      '--field', 'topic=financing,property_value', '--field', 'notes=Quoted rates and a price.');
    expect(flagged.code).toBe(0);
    const missing = await run('log', '--record', String(b), '--caller', 'Ivo', ...talk, '--result', 'prohibited_isa_topic');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Prohibited ISA Topic needs Prohibited topic(s) (topic).');
    expect((await run('log', '--record', String(b), '--caller', 'Ivo', ...talk)).code).toBe(0);

    const day = ['--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--db', db];
    const rows = ((await run('report', 'rates', '--campaign', 'Buyers', ...day, '--json')).json() as { rows: { key: string; per: string; who: string; numerator: number }[] }).rows;
    expect(rows.filter((r) => r.key === 'prohibited_topic_rate').map((r) => [r.per, r.who, r.numerator])).toEqual([
      ['campaign', '', 1], ['caller', 'Isa', 1], ['caller', 'Ivo', 0],
    ]);
    const file = join(dir, 'shifts.json');
    expect((await run('export', 'shifts', ...day, '--format', 'json', '--out', file)).code).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>[];
    expect(exported.map((r) => [r['caller'], r['prohibited_topics']])).toEqual([['Isa', 1], ['Ivo', 0]]);
  });
});
