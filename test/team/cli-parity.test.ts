/**
 * The commands that came to team mode last (queue, shift add, records list/show, dnc
 * import/check, campaign set, report funnel, log --help --campaign), scripted once and run on a
 * temp SQLite file and on a throwaway PostgreSQL: each prints the same for the same data.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { captureConsole, run } from '../engine/cli-run.ts';
import { tempDir } from '../engine/helpers.ts';
import { teamSuite } from './team.ts';

captureConsole();
const team = teamSuite();

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/team/${name}`, import.meta.url));
const C = 'Parity CLI';
const DAY = ['--from', '2026-11-23', '--to', '2026-11-23', '--zone', 'America/New_York'];

/** The script: every command's exit code and what it printed (stdout, else stderr); a team call's id is the desk's own. */
async function script(where: string[]): Promise<string[]> {
  const said: string[] = [];
  const t = async (...argv: string[]) => {
    const r = await run(...argv, ...where);
    said.push(`${argv.slice(0, 2).join(' ')} -> ${r.code}: ${(r.out || r.err).replace(/Logged call \S+/, 'Logged call #')}`);
    return r;
  };
  const log = (record: number, caller: string, events: string, ...rest: string[]) =>
    t('log', '--record', String(record), '--caller', caller, '--events', events, ...rest);

  await t('campaign', 'create', C, '--region', 'US', '--timezone', 'America/New_York');
  expect((await run('import', fixture('cli-list.csv'), '--campaign', C, ...where)).code).toBe(0);
  await t('caller', 'add', 'Ann');
  await t('caller', 'add', 'Ben');
  await t('campaign', 'set', C, '--window', 'mon-fri 09:00-17:00, sat closed, sun closed', '--retry-delay', '2', '--max-attempts', '3');
  await t('campaign', 'set', 'Nope', '--retry-delay', '1');
  await t('queue', '--campaign', C, '--at', '2026-11-23T10:00', '--limit', '3');
  await t('queue', '--campaign', C, '--at', '2026-11-28T10:00');

  await log(1, 'Ann', 'DIAL,NO_ANSWER', '--result', 'no_contact', '--at', '2026-11-23T10:05');
  await log(2, 'Ann', 'DIAL,DM_ANSWERED,PITCHED,HUNG_UP', '--result', 'email_follow_up', '--follow-up', '2026-11-30T10:00', '--notes', 'send the brochure', '--at', '2026-11-23T10:10');
  await log(3, 'Ben', 'DIAL,DM_ANSWERED,HUNG_UP', '--result', 'remove_from_database', '--at', '2026-11-23T10:20');
  await log(5, 'Ben', 'DIAL,DM_ANSWERED,PITCHED,HUNG_UP', '--result', 'appointment_booked', '--appointment', '2026-11-26T14:00', '--at', '2026-11-23T10:40');
  await t('queue', '--campaign', C, '--caller', 'Ann', '--at', '2026-11-23T11:00');
  await t('queue', '--campaign', C, '--caller', 'Ann', '--at', '2026-11-30T10:30', '--json');

  await t('shift', 'add', '--caller', 'Ann', '--from', '2026-11-23T09:00-05:00', '--to', '2026-11-23T12:00-05:00');
  await t('shift', 'add', '--caller', 'Ann', '--from', '2026-11-23T11:00-05:00', '--to', '2026-11-23T13:00-05:00');
  await t('shift', 'add', '--caller', 'Ben', '--from', '2026-11-23T09:00-05:00', '--to', '2026-11-23T10:30-05:00');
  await t('report', 'shifts', ...DAY);

  await t('records', 'list', '--campaign', C);
  await t('records', 'list', '--closed', '--limit', '1', '--offset', '1');
  await t('records', 'list', '--campaign', C, '--list', 'nope');
  await t('records', 'show', '2');
  await t('records', 'show', '4');
  await t('records', 'show', '99');

  await t('dnc', 'check', '212.555.0147');
  await t('dnc', 'import', fixture('cli-dnc.txt'), '--by', 'Ben');
  await t('dnc', 'check', '(212) 555-0147', '--json');
  await t('queue', '--campaign', C, '--at', '2026-11-23T13:00', '--limit', '10');
  await t('report', 'funnel', '--campaign', C, ...DAY);
  await t('report', 'funnel', '--caller', 'Ben', ...DAY, '--json');
  await t('log', '--help', '--campaign', C);
  return said;
}

describe('the last local-only commands, on the SQLite file and on the team database', () => {
  it('print the same for the same data', async () => {
    const solo = await script(['--db', join(tempDir(), 'solo.db')]);
    const teamSaid = await script(['--team', team.cluster.url]);
    expect(teamSaid).toEqual(solo);

    // What the script did, read once (both stores agree, above).
    const said = (start: string) => solo.filter((s) => s.startsWith(start));
    expect(said('campaign set')[0]).toContain('calling window (each record\'s own zone): mon 09:00-17:00, tue 09:00-17:00');
    expect(said('campaign set')[1]).toBe('campaign set -> 1: outcall campaign set: There is no campaign called "Nope". Known campaigns: "Parity CLI".');
    const [fresh, saturday, soon, later, lastQueue] = said('queue');
    expect(fresh?.split('\n').slice(1).map((l) => l.split(/ {2,}/).slice(0, 3))).toEqual([
      ['1', 'fresh', 'Alpha Roofing'],
      ['2', 'fresh', 'Bravo Solar'],
      ['3', 'fresh', 'Charlie Glass'],
    ]);
    expect(saturday).toContain('Outside calling hours for every record; calling hours next open 2026-11-30 09:00 America/New_York.');
    expect(soon?.split('\n').slice(1).map((l) => l.split(/ {2,}/).slice(0, 2))).toEqual([['4', 'fresh'], ['6', 'fresh']]);
    expect(JSON.parse(later?.replace(/^queue --campaign -> 0: /, '') ?? '[]')).toMatchObject([
      { id: 2, reason: 'follow_up_due' },
      { id: 4, reason: 'fresh' },
      { id: 6, reason: 'fresh' },
      { id: 1, reason: 'retry' },
    ]);
    // Foxtrot's only number went on the list with the file; Charlie's with Remove From Database.
    expect(lastQueue?.split('\n').slice(1).map((l) => l.split(/ {2,}/)[0])).toEqual(['4', '1']);
    expect(said('shift add')).toEqual([
      expect.stringMatching(/^shift add -> 0: Ann's shift from 2026-11-24 01:00 Australia\/Sydney to 2026-11-24 04:00 Australia\/Sydney is entered\.$/),
      expect.stringMatching(/^shift add -> 1: outcall shift add: That shift would overlap Ann's shift from 2026-11-23T14:00:00.000Z to 2026-11-23T17:00:00.000Z\.$/),
      expect.stringMatching(/^shift add -> 0: Ben's shift from /),
    ]);
    // Each shift took its caller's calls made in it: Ben's Appointment Booked at 10:40 stays outside.
    expect(said('report shifts')[0]).toMatch(/\n2026-11-23 +Ann +09:00 +12:00 +ended +3\.00 +2 .*\n2026-11-23 +Ben +09:00 +10:30 +ended +1\.50 +1 .*\n2026-11-23 +Ben +calls outside any shift +0\.00 +1 /);
    expect(said('records list')[0]).toContain('1-6 of 6 records.');
    expect(said('records list')[1]).toMatch(/^records list -> 0: ID .*\n3 +Parity CLI +cli-list\.csv +Charlie Glass +closed +1 +remove_from_database +\+12125550143\n2-2 of 3 records\.$/);
    expect(said('records list')[2]).toBe('records list -> 1: outcall records list: There is no list "nope". Lists: 1 cli-list.csv.');
    expect(said('records show')[0]).toContain('Record 2 in Parity CLI (list 1, row 3); time zone America/New_York');
    expect(said('records show')[0]).toMatch(/Status closed, 1 attempts, last result email_follow_up, lead\n {2}Company: Bravo Solar\n {2}Contact: Bob Ray\n {2}Title: CFO\n {2}Email: bob@bravo\.example/);
    expect(said('records show')[0]).toMatch(/Follow-up due 2026-11-30 10:00 America\/New_York\nCalls:\n.*\n2026-11-23 10:10 America\/New_York +Ann +decision_maker, pitched +email_follow_up +send the brochure$/);
    expect(said('records show')[1]).toContain('  +12125550144 [Phone]\n  +12125550145 [Phone (mobile)]');
    expect(said('records show')[2]).toBe('records show -> 1: outcall records show: There is no record 99.');
    expect(said('dnc')).toEqual([
      'dnc check -> 0: +12125550147 is not on the do-not-call list.',
      'dnc import -> 0: Read 4 numbers: 2 added, 1 already listed, 1 unreadable.\n  line 5: nope ("nope" is not a phone number)',
      expect.stringMatching(/"listed": true/),
    ]);
    expect(said('report funnel')[0]?.split('\n').slice(2).map((l) => l.split(/ {2,}/).slice(0, 2))).toEqual([
      ['Dials', '4'], ['Reception or further', '3'], ['Decision maker', '3'], ['Pitched', '2'], ['Leads', '1'], ['Appointments', '1'],
    ]);
    expect(said('log --help')[0]).toContain('Parity CLI logs with B2B appointment setting.');
  });
});
