import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, run } from './cli-run.ts';
import { fixture, tempDir } from './helpers.ts';

captureConsole();

describe('outcall command line', () => {
  it('prints help for every command and exits 0', async () => {
    for (const cmd of [['campaign', 'create'], ['campaign', 'list'], ['campaign', 'set'], ['caller', 'add'], ['caller', 'list'], ['records', 'list'], ['records', 'show'], ['report', 'funnel'], ['report', 'shifts'], ['import'], ['dnc', 'add'], ['dnc', 'import'], ['dnc', 'check'], ['dnc', 'remove'], ['queue'], ['log'], ['shift', 'start'], ['shift', 'end'], ['shift', 'add'], ['export', 'shifts'], ['report', 'outcomes']]) {
      const r = await run(...cmd, '--help');
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.out).toContain(`Usage: outcall ${cmd.join(' ')}`);
    }
    expect((await run('--help')).out).toContain('Commands:');
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "frobnicate"');
  });

  it('takes the common options before the command as well as after it', async () => {
    const db = join(tempDir(), 'o.db');
    expect((await run('--db', db, 'campaign', 'create', 'Campaign', '--region', 'AU', '--timezone', 'Australia/Sydney')).code).toBe(0);
    const listed = await run('--json', '--db', db, 'campaign', 'list');
    expect(listed.code).toBe(0);
    expect(listed.json()).toEqual([expect.objectContaining({ name: 'Campaign', region: 'AU' })]);
    const unknown = await run('--db', db, 'campaing', 'list');
    expect(unknown.err).toContain('unknown command "campaing list"');
  });

  it('works a list from import to exported totals, with JSON output', async () => {
    const dir = tempDir();
    const db = join(dir, 'o.db');
    expect((await run('campaign', 'create', 'Hospitals', '--region', 'US', '--timezone', 'America/New_York', '--db', db)).code).toBe(0);

    const imp = await run('import', fixture('cp1252-quoted.csv'), '--campaign', 'Hospitals', '--db', db, '--json');
    expect(imp.code).toBe(0);
    expect(imp.json()).toMatchObject({ rows: 4, imported: 4, invalidPhone: 0, duplicateInFile: 0, duplicateInCampaign: 0, onDoNotCall: 0, errorReport: null });

    const again = await run('import', fixture('cp1252-quoted.csv'), '--campaign', 'Hospitals', '--db', db, '--json', '--errors', join(dir, 'errors.csv'));
    expect(again.json()).toMatchObject({ rows: 4, imported: 0, duplicateInCampaign: 4, errorReport: join(dir, 'errors.csv') });
    expect(readFileSync(join(dir, 'errors.csv'), 'utf8')).toContain('already in the campaign');

    const dnc = await run('dnc', 'add', '(334) 793-8701', '--db', db, '--by', 'Manager');
    expect(dnc.out).toBe('+13347938701 is now on the do-not-call list.');
    expect((await run('dnc', 'check', '334.793.8701', '--db', db, '--json')).json()).toEqual({ listed: true, e164: '+13347938701' });

    const queue = (await run('queue', '--campaign', 'Hospitals', '--limit', '5', '--at', '2026-11-23T17:00:00Z', '--db', db, '--json')).json() as {
      id: number; company: string; phones: string[];
    }[];
    expect(queue.map((q) => q.company)).toEqual(['MARSHALL MEDICAL CENTER – SOUTH', 'HOSPITAL SAN ANTONIO', 'Ysgol Gynradd Ynys Môn “Caergybi”']);
    expect(queue[0]?.phones).toEqual(['+12565938310']);

    expect((await run('caller', 'add', 'Dana', '--db', db)).out).toBe('Added caller "Dana".');
    expect((await run('shift', 'start', '--caller', 'Dana', '--at', '2026-11-23T16:00:00Z', '--db', db)).code).toBe(0);
    const logged = await run('log', '--record', String(queue[0]?.id), '--caller', 'Dana', '--events', 'DIAL,RECEPTION_ANSWERED,TRANSFERRED,DM_ANSWERED,PITCHED,HUNG_UP',
      '--result', 'email_follow_up', '--follow-up', '2026-12-01T16:00:00Z', '--at', '2026-11-23T17:05:00Z', '--notes', 'send the brochure', '--db', db, '--json');
    expect(logged.json()).toMatchObject({ status: 'closed', contactLevel: 'decision_maker', pitched: true, newLead: true });
    expect((await run('shift', 'end', '--caller', 'Dana', '--at', '2026-11-24T00:00:00Z', '--db', db)).code).toBe(0);

    const file = join(dir, 'totals.json');
    const exp = await run('export', 'shifts', '--from', '2026-11-24', '--to', '2026-11-24', '--format', 'json', '--out', file, '--db', db);
    expect(exp.code).toBe(0);
    expect(exp.out).toContain('Dana 03:00-11:00 (8.00 h): 1 dial, 0 reception, 1 DM, 1 pitch, 1 lead');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([expect.objectContaining({ caller: 'Dana', dials: 1, leads: 1, email_follow_up: 1, result_email_follow_up: 1 })]);
    const report = await run('report', 'outcomes', '--campaign', 'Hospitals', '--from', '2026-11-23', '--to', '2026-11-24', '--db', db);
    expect(report.out).toMatch(/1 +100\.0% +positive +Email Follow Up/);
  });

  it('exits non-zero with a clear message on bad input', async () => {
    const dir = tempDir();
    const db = join(dir, 'o.db');
    await run('campaign', 'create', 'C', '--timezone', 'America/Chicago', '--db', db);
    await run('caller', 'add', 'A', '--db', db);
    const cases: [string[], number, RegExp][] = [
      [['import', fixture('au-schools.csv'), '--campaign', 'Nope', '--db', db], 1, /no campaign called "Nope". Known campaigns: "C"/],
      [['import', fixture('au-schools.csv'), '--campaign', 'C', '--map', 'Telefon=phone', '--db', db], 1, /--map: the file has no column "Telefon"/],
      [['import', fixture('au-schools.csv'), '--campaign', 'C', '--map', 'Phone=fax', '--db', db], 1, /"fax" is not a field/],
      [['import', fixture('no-phone-column.csv'), '--campaign', 'C', '--db', db], 1, /No column holds phone numbers/],
      [['import', '--campaign', 'C', '--db', db], 2, /Give the FILE to import/],
      [['dnc', 'remove', '2015550123', '--db', db], 2, /--reason is required/],
      [['dnc', 'check', 'hello', '--db', db], 1, /"hello" is not a phone number/],
      [['log', '--record', '1', '--caller', 'A', '--events', 'DIAL,FLY', '--result', 'x', '--db', db], 2, /Unknown event "FLY"/],
      [['log', '--record', '99', '--caller', 'A', '--events', 'DIAL,NO_ANSWER', '--result', 'no_contact', '--db', db], 1, /no record 99/],
      [['queue', '--campaign', 'C', '--at', 'tomorrow', '--db', db], 2, /--at "tomorrow" is not a date/],
      [['export', 'shifts', '--from', '2026-11-01', '--to', '2026-11-02', '--format', 'pdf', '--out', join(dir, 'x'), '--db', db], 2, /--format must be csv, xlsx, json, not "pdf"/],
      [['shift', 'end', '--caller', 'A', '--db', db], 1, /A has no shift to end/],
      [['shift', 'start', '--caller', 'Nobody', '--db', db], 1, /no caller called "Nobody". Callers: "A". Add one with: outcall caller add "Nobody"/],
      [['campaign', 'create', 'D', '--region', 'Mars', '--db', db], 1, /"Mars" is not a country code/],
      [['queue', '--campaign', 'C', '--bogus', '--db', db], 2, /Unknown option '--bogus'/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await run(...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code });
      expect(r.err).toMatch(message);
    }
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });
});
