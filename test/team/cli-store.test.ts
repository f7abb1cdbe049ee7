/** The command line with --team: the same commands and words on the team's PostgreSQL database. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { HOLD_MS } from '../../electron/engine/index.ts';
import { addTeamRecords, teamCampaignId } from '../../electron/engine/team/index.ts';
import { captureConsole, run } from '../engine/cli-run.ts';
import { tempDir, us } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

captureConsole();
const team = teamSuite();

const MONDAY = '2026-11-23T10:00';

describe('outcall --team URL', () => {
  it('sets up, takes, holds, lets go, logs and reports on the team database', async () => {
    const t = (...argv: string[]) => run(...argv, '--team', team.cluster.url);
    expect(await t('campaign', 'create', 'Team CLI', '--region', 'US', '--timezone', 'America/New_York')).toMatchObject({
      code: 0,
      out: expect.stringMatching(/^Created campaign "Team CLI" \(id \d+, region US, America\/New_York, /),
    });
    expect((await t('campaign', 'create', 'Team CLI', '--timezone', 'America/Chicago')).err).toBe('outcall campaign create: A campaign called "Team CLI" already exists.');
    const campaignId = await teamCampaignId(team.pool, 'Team CLI');
    const [a, b] = await addTeamRecords(team.pool, campaignId, 'list.csv', [
      { company: 'Alpha', phones: [us(1)] },
      { company: 'Beta', phones: [us(2)] },
    ]);
    for (const name of ['Ann', 'Ben', 'Cy']) expect((await t('caller', 'add', name)).code).toBe(0);
    expect((await t('caller', 'add', 'Ann')).err).toBe('outcall caller add: There is already a caller called "Ann".');

    const before = Date.now();
    const ann = await t('next', '--campaign', 'Team CLI', '--caller', 'Ann', '--at', MONDAY, '--json');
    const lease = ann.json() as { id: number; leaseUntil: string };
    expect(lease).toEqual({ id: a, company: 'Alpha', phones: ['+12015550101'], leaseUntil: expect.any(String) });
    // The lease runs on the server's clock (this machine's here), not on --at.
    expect(Date.parse(lease.leaseUntil)).toBeGreaterThan(before + HOLD_MS - 60_000);
    expect((await t('next', '--campaign', 'Team CLI', '--caller', 'Ben', '--at', MONDAY, '--json')).json()).toMatchObject({ id: b });
    expect((await t('next', '--campaign', 'Team CLI', '--caller', 'Cy', '--at', MONDAY)).out).toBe(
      'Nothing for Cy to call in Team CLI at 2026-11-23 10:00 America/New_York. outcall queue --campaign "Team CLI" says why.',
    );
    expect((await t('queue', '--campaign', 'Team CLI', '--caller', 'Cy', '--at', MONDAY)).out.split('\n')).toEqual([
      'Nothing to call in Team CLI at 2026-11-23 10:00 America/New_York:',
      '  1 open record is held by Ann.',
      '  1 open record is held by Ben.',
    ]);
    expect(await t('release', '--record', String(a), '--caller', 'Ann')).toMatchObject({ code: 0, out: `Record ${a} is back in the queue.` });
    expect(await t('release', '--record', String(a), '--caller', 'Ann')).toMatchObject({ code: 1, err: `outcall release: Ann does not hold record ${a}.` });
    // --at is when the call is made: on Saturday the campaign's window is shut.
    expect((await t('next', '--campaign', 'Team CLI', '--caller', 'Cy', '--at', '2026-11-28T10:00', '--json')).out).toBe('null');
    expect((await t('next', '--campaign', 'Team CLI', '--caller', 'Cy', '--at', MONDAY, '--json')).json()).toMatchObject({ id: a });

    expect(await t('shift', 'start', '--caller', 'Ben', '--at', '2026-11-23T09:00-05:00')).toMatchObject({ code: 0 });
    const log = (caller: string, record: number, events: string, result: string, ...extra: string[]) =>
      t('log', '--record', String(record), '--caller', caller, '--events', events, '--result', result, '--at', '2026-11-23T10:15', ...extra);
    expect((await log('Ann', b ?? 0, 'DIAL,NO_ANSWER', 'no_contact')).err).toBe(`outcall log: Record ${b} is being worked by Ben.`);
    expect((await log('Cy', a ?? 0, 'DIAL,RECEPTION_ANSWERED,HUNG_UP', 'not_interested_no_pitch')).err).toMatch(/^outcall log: .*Only a decision maker/);
    expect((await log('Cy', a ?? 0, 'DIAL,RECEPTION_ANSWERED,HUNG_UP', 'no_contact')).out).toMatch(new RegExp(`^Logged call [0-9a-f-]{36} on record ${a}: reception; record open\\.$`));
    const lead = await log('Ben', b ?? 0, 'DIAL,DM_ANSWERED,PITCHED,HUNG_UP', 'email_follow_up', '--follow-up', '2026-11-30T10:00', '--json');
    expect(lead.json()).toMatchObject({ recordId: b, status: 'closed', newLead: true, taskDueAt: '2026-11-30T15:00:00.000Z', stored: 'stored', callId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(await t('shift', 'end', '--caller', 'Ben', '--at', '2026-11-23T17:00-05:00')).toMatchObject({ code: 0 });
    expect((await t('tasks', '--campaign', 'Team CLI', '--at', '2026-11-24T10:00')).out.split('\n')).toEqual([
      'Nothing due.',
      'To come:',
      expect.stringMatching(/^DUE +RECORD +COMPANY +CAMPAIGN +LAST RESULT$/),
      expect.stringMatching(new RegExp(`^2026-11-30 10:00 America/New_York +${b} +Beta +Team CLI +email_follow_up$`)),
    ]);
    expect((await t('tasks', '--at', '2026-11-30T10:00-05:00', '--json')).json()).toMatchObject({ due: [{ recordId: b, company: 'Beta' }], upcoming: [] });

    const outcomes = await t('report', 'outcomes', '--campaign', 'Team CLI', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York');
    expect(outcomes.out.split('\n')).toEqual([
      'Team CLI, 2026-11-23 to 2026-11-23: 2 calls',
      expect.stringMatching(/^CALLS +SHARE +WEIGHT +RESULT$/),
      expect.stringMatching(/^ +1 +50\.0% +positive +Email Follow Up$/),
      expect.stringMatching(/^ +1 +50\.0% +neutral +No Contact/),
    ]);
    const file = join(tempDir(), 'shifts.csv');
    const exported = await t('export', 'shifts', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--format', 'csv', '--out', file);
    expect(exported.code).toBe(0);
    const [header, ...rows] = readFileSync(file, 'utf8').trim().split(/\r?\n/).map((l) => l.split(','));
    const row = (caller: string) => Object.fromEntries((rows.find((r) => r[1] === caller) ?? []).map((v, i) => [header?.[i], v]));
    expect(row('Ben')).toMatchObject({ shift_start: '2026-11-23 09:00', shift_end: '2026-11-23 17:00', shift: 'ended', dials: '1', leads: '1', email_follow_up: '1' });
    expect(row('Cy')).toMatchObject({ shift: 'calls outside any shift', dials: '1', reception_contacts: '1', result_no_contact: '1' });
    expect((await t('report', 'shifts', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York')).out).toMatch(/\nTotal +2 callers +8\.00 +2 +1 +1 +1 +1 +0 +1 +0 +0$/);

    expect((await t('dnc', 'add', '(201) 555-0101', '--reason', 'asked', '--by', 'Ann')).out).toBe('+12015550101 is now on the do-not-call list.');
    expect(await t('dnc', 'remove', '(201) 555-0101', '--by', 'Ann')).toMatchObject({ code: 2, err: expect.stringContaining('--reason is required.') });
    expect((await t('dnc', 'remove', '(201) 555-0101', '--by', 'Ann', '--reason', 'typo')).out).toBe('+12015550101 is off the do-not-call list.');
  });

  it("logs several outcomes with their fields and reports the scheme's rates with --team", async () => {
    const t = (...argv: string[]) => run(...argv, '--team', team.cluster.url);
    expect((await t('campaign', 'create', 'Team Homes', '--region', 'US', '--timezone', 'America/New_York', '--scheme', 'real-estate-sales')).code).toBe(0);
    const campaignId = await teamCampaignId(team.pool, 'Team Homes');
    const [a, b] = await addTeamRecords(team.pool, campaignId, 'homes.csv', [
      { company: 'Oak House', phones: [us(21)] },
      { company: 'Elm House', phones: [us(22)] },
    ]);
    expect((await t('caller', 'add', 'Rae')).code).toBe(0);
    const log = (record: number, events: string, ...extra: string[]) =>
      t('log', '--record', String(record), '--caller', 'Rae', '--events', events, '--at', '2026-11-23T10:15', ...extra);
    const set = await log(a ?? 0, 'DIAL,ANSWERED,HUNG_UP', '--result', 'appointment_set', '--result', 'asked_for_appointment',
      '--field', 'appointment_at=2026-11-26T10:00', '--field', 'appointment_kind=showing', '--json');
    expect(set.json()).toMatchObject({ results: ['appointment_set', 'asked_for_appointment'], appointment: true, stored: 'stored' });
    expect((await log(b ?? 0, 'DIAL,ANSWERED,HUNG_UP', '--result', 'appointment_not_set', '--result', 'no_ask_for_appointment')).code).toBe(0);
    const { rows } = await team.pool.query('SELECT outcomes, fields FROM calls WHERE record_id = $1', [a]);
    expect(rows).toEqual([{ outcomes: ['appointment_set', 'asked_for_appointment'], fields: { appointment_at: '2026-11-26T15:00:00.000Z', appointment_kind: 'showing' } }]);

    const rates = await t('report', 'rates', '--campaign', 'Team Homes', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--json');
    expect(rates.code).toBe(0);
    const of = (key: string, per = 'campaign') => (rates.json() as { rows: { key: string; per: string }[] }).rows.find((r) => r.key === key && r.per === per);
    expect(of('contact_rate')).toMatchObject({ numerator: 2, denominator: 2, value: 100 });
    expect(of('ask_rate', 'caller')).toMatchObject({ who: 'Rae', numerator: 1, denominator: 2, value: 50 });
    expect(of('appointment_rate')).toMatchObject({ numerator: 1, denominator: 2, value: 50 });
    const outcomes = await t('report', 'outcomes', '--campaign', 'Team Homes', '--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York', '--json');
    expect((outcomes.json() as { total: number; rows: { result: string; calls: number }[] })).toMatchObject({ total: 2 });
    expect((outcomes.json() as { rows: { calls: number }[] }).rows.reduce((n, r) => n + r.calls, 0)).toBe(4);
  });

  it('takes the URL from OUTCALL_TEAM_URL, and --db over it; refuses a backup of the team database in words', async () => {
    const saved = process.env['OUTCALL_TEAM_URL'];
    process.env['OUTCALL_TEAM_URL'] = team.cluster.url;
    try {
      await run('caller', 'add', 'Env');
      expect((await run('caller', 'list', '--json')).json()).toContain('Env');
      expect(await run('backup', join(tempDir(), 'b.db'))).toMatchObject({
        code: 1,
        err: "outcall backup: The team database is backed up on its server, with PostgreSQL's own tools (pg_dump, pg_restore); outcall backup and restore work on a desk's own file (without --team and OUTCALL_TEAM_URL).",
      });
      // The schemes are this build's: listed in team mode as on the desk.
      expect((await run('schemes', '--json')).json()).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'b2b-appointment-setting' })]));
      const local = join(tempDir(), 'o.db');
      expect((await run('caller', 'list', '--json', '--db', local)).json()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env['OUTCALL_TEAM_URL'];
      else process.env['OUTCALL_TEAM_URL'] = saved;
    }
    expect(await run('caller', 'list', '--db', 'x.db', '--team', team.cluster.url)).toMatchObject({ code: 2, err: expect.stringContaining('Give --team or --db, not both.') });
  });

  it('says so when the database is not a team database, without the password', async () => {
    const admin = new pg.Client({ connectionString: team.cluster.url });
    await admin.connect();
    await admin.query('CREATE DATABASE bare');
    await admin.end();
    const bare = team.cluster.url.replace('/outcall?', '/bare?').replace('postgres@', 'postgres:s3cret@');
    const r = await run('caller', 'list', '--team', bare);
    expect(r).toMatchObject({
      code: 1,
      err: `outcall caller list: Cannot use the team database 127.0.0.1:${team.cluster.port}/bare: it is not set up: run outcall team init --url on it first.`,
    });
  });
});
