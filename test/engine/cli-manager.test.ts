import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addDnc, logCall, openDatabase, startShift, takeNext, type DB } from '../../electron/engine/index.ts';
import { DEFAULT_CALLING_WINDOW } from '../../shared/calling-window.ts';
import { describeError } from '../../electron/cli/db.ts';
import { captureConsole, run, spawnCli, spawnCliWith } from './cli-run.ts';
import { campaign, seed, tempDir, us } from './helpers.ts';

captureConsole();

const MON_NOON_NY = '2026-11-23T17:00:00Z';

/** A database file with one campaign ("Test", New York, 09:00-17:00 weekdays) and three records. */
async function prepared(window = DEFAULT_CALLING_WINDOW): Promise<{ dir: string; path: string; ids: number[]; with: <T>(f: (db: DB) => T) => T }> {
  const dir = tempDir();
  const path = join(dir, 'o.db');
  const db = openDatabase(path);
  const ids = await seed(db, campaign(db, { callingWindow: window }), [
    { company: 'Alpha', phone: us(1), state: 'NY' },
    { company: 'Beta', phone: us(2), state: 'NY' },
    { company: 'Gamma', phone: us(3), state: 'NY' },
  ]);
  db.close();
  const withDb = <T,>(f: (d: DB) => T): T => {
    const d = openDatabase(path);
    try {
      return f(d);
    } finally {
      d.close();
    }
  };
  return { dir, path, ids, with: withDb };
}

describe('log applies the app\'s checks and names what it refuses', () => {
  it('refuses a call at 03:00 in the record\'s zone and a record with every number on do-not-call, with or without --phone', async () => {
    const { path, ids, with: withDb } = await prepared();
    await run('caller', 'add', 'Dana', '--db', path);
    const log = (id: number, ...extra: string[]) =>
      run('log', '--record', String(id), '--caller', 'Dana', '--events', 'DIAL,NO_ANSWER', '--result', 'no_contact', '--db', path, ...extra);
    const night = await log(ids[0] ?? 0, '--at', '2026-11-24T03:00'); // read in the campaign's zone, New York
    expect(night.code).toBe(1);
    expect(night.err).toBe(`outcall log: Record ${ids[0]} was outside its calling hours then: Tue 03:00 in America/New_York (calling hours that day are 09:00-17:00).`);
    withDb((db) => addDnc(db, us(2), { by: 'M' }));
    const listed = await log(ids[1] ?? 0, '--at', '2026-11-24T10:00');
    expect(listed.err).toBe(`outcall log: Record ${ids[1]} has no number off the do-not-call list: it cannot have been called.`);
    expect((await log(ids[1] ?? 0, '--at', '2026-11-24T10:00', '--phone', '+12015550102')).err).toMatch(/\+12015550102 is on the do-not-call list/);
    const ok = await log(ids[0] ?? 0, '--at', '2026-11-24T10:00');
    expect(ok.code).toBe(0);
    expect(withDb((db) => db.prepare('SELECT started_at FROM calls').pluck().all())).toEqual(['2026-11-24T15:00:00.000Z']);
  });

  it('refuses an unknown caller with the names that exist, and creates none', async () => {
    const { path, ids, with: withDb } = await prepared();
    await run('caller', 'add', 'Dana', '--db', path);
    const r = await run('log', '--record', String(ids[0]), '--caller', 'Dnaa', '--events', 'DIAL,NO_ANSWER', '--result', 'no_contact', '--db', path);
    expect(r.code).toBe(1);
    expect(r.err).toBe('outcall log: There is no caller called "Dnaa". Callers: "Dana". Add one with: outcall caller add "Dnaa"');
    expect((await run('caller', 'add', 'dana', '--db', path)).err).toMatch(/already a caller called "Dana"/);
    expect((await run('caller', 'list', '--db', path)).out).toBe('CALLER\nDana');
    expect(withDb((db) => db.prepare('SELECT count(*) FROM callers').pluck().get())).toBe(1);
    expect((await run('shift', 'add', '--caller', 'Dana', '--from', '2026-11-23T09:00', '--to', '2026-11-23T17:30', '--db', path)).out).toBe(
      "Dana's shift from 2026-11-23 09:00 Australia/Sydney to 2026-11-23 17:30 Australia/Sydney is entered.",
    );
    expect(withDb((db) => db.prepare('SELECT count(*) FROM calls').pluck().get())).toBe(0);
  });

  it('lists the legal codes for an unknown --result, and log --help lists events and codes', async () => {
    const { path, ids } = await prepared();
    await run('caller', 'add', 'Dana', '--db', path);
    const r = await run('log', '--record', String(ids[0]), '--caller', 'Dana', '--events', 'DIAL,NO_ANSWER', '--result', 'callback', '--at', '2026-11-24T10:00', '--db', path);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/"callback" is not a result code of .*Legal for this call: no_contact, wrong_number, duplicate\. Codes of the scheme: no_contact, follow_up,/);
    const long = await run('log', '--record', String(ids[0]), '--caller', 'Dana', '--events', 'DIAL,NO_ANSWER', '--result', 'no_contact', '--notes', 'x'.repeat(5001), '--db', path);
    expect(long).toMatchObject({ code: 1, err: 'outcall log: notes: Notes: at most 5000 characters.' });
    const h = await run('log', '--help');
    expect(h.out).toContain('Events, in the order they happened: DIAL, NO_ANSWER, VOICEMAIL,');
    expect(h.out).toMatch(/appointment_booked +Appointment Booked/);
  });
});

describe('the database file and output files', () => {
  it('refuses a --db in a folder that does not exist, a folder, and a damaged file: one line, exit 1, no stack', async () => {
    const dir = tempDir();
    const missing = await run('campaign', 'list', '--db', join(dir, 'nope', 'o.db'));
    expect(missing).toMatchObject({ code: 1, err: `outcall campaign list: The folder ${join(dir, 'nope')} does not exist: create it first, or point --db (or OUTCALL_DB) at another file.` });
    expect(existsSync(join(dir, 'nope'))).toBe(false);
    mkdirSync(join(dir, 'folder.db'));
    expect((await run('campaign', 'list', '--db', join(dir, 'folder.db'))).err).toMatch(/folder\.db is a folder, not a database file/);
    writeFileSync(join(dir, 'notes.db'), 'my notes, not a database. '.repeat(100));
    const damaged = spawnCli('campaign', 'list', '--db', join(dir, 'notes.db'));
    expect(damaged.code).toBe(1);
    expect(damaged.err.trim().split('\n')).toEqual([expect.stringMatching(/notes\.db is not an Outcall database, or it is damaged/)]);
  });

  it('has one line for each way a file cannot be opened or written (read-only, locked, full, missing)', () => {
    const coded = (code: string, path?: string) => Object.assign(new Error(`raw ${code}`), { code, ...(path ? { path } : {}) });
    expect(describeError(coded('SQLITE_READONLY'), '/data/o.db')).toBe('/data/o.db is read-only: Outcall needs to write to the database file and its folder.');
    expect(describeError(coded('SQLITE_BUSY'), '/data/o.db')).toMatch(/^\/data\/o\.db is busy in another program/);
    expect(describeError(coded('EACCES', '/ro/a.csv'))).toBe('/ro/a.csv: permission denied (read-only, or not yours to write).');
    expect(describeError(coded('ENOSPC', '/d/a.xlsx'))).toBe('The disk is full: /d/a.xlsx could not be written.');
    expect(describeError(new TypeError('a bug'))).toBeNull();
  });

  it('makes the app\'s own data folder when no --db is given, and says so', () => {
    const home = tempDir();
    const r = spawnCliWith({ XDG_CONFIG_HOME: home, APPDATA: home, OUTCALL_DB: undefined }, 'caller', 'list');
    expect(r.code).toBe(0);
    expect(r.err).toContain(`outcall: Created the data folder ${join(home, 'Outcall')}.`);
    expect(existsSync(join(home, 'Outcall', 'outcall.db'))).toBe(true);
  });

  it('says on stderr when it creates a new database file', async () => {
    const dir = tempDir();
    const r = await run('campaign', 'list', '--db', join(dir, 'new.db'));
    expect(r).toMatchObject({ code: 0, out: 'No campaigns yet: create one with "outcall campaign create NAME".' });
    expect(r.err).toBe(`outcall: Created a new database at ${join(dir, 'new.db')}.`);
    expect((await run('campaign', 'list', '--db', join(dir, 'new.db'))).err).toBe('');
  });

  it('refuses a list or do-not-call file that is missing or a folder', async () => {
    const { path, dir } = await prepared();
    expect(await run('import', join(dir, 'nope.csv'), '--campaign', 'Test', '--db', path)).toMatchObject({ code: 1, err: `outcall import: Cannot read ${join(dir, 'nope.csv')}: no such file.` });
    expect(await run('dnc', 'import', dir, '--db', path)).toMatchObject({ code: 1, err: `outcall dnc import: Cannot read ${dir}: it is a folder, not a file.` });
  });

  it('refuses an export into a missing folder before writing anything; usage errors exit 2', async () => {
    const { path, dir } = await prepared();
    const out = join(dir, 'missing', 'a.csv');
    const r = spawnCli('export', 'shifts', '--format', 'csv', '--out', out, '--db', path);
    expect(r.code).toBe(1);
    expect(r.err.trim()).toBe(`outcall export shifts: Cannot write ${out}: the folder ${join(dir, 'missing')} does not exist.`);
    expect(spawnCli('export', 'shifts', '--out', out, '--db', path).code).toBe(2);
    expect(spawnCli('--help').out).toContain('Exit codes: 0 done; 1 refused');
  });
});

describe('queue says why it offers nothing', () => {
  it('outside calling hours, until when; --at without an offset is in the campaign\'s zone', async () => {
    const { path } = await prepared();
    const r = await run('queue', '--campaign', 'Test', '--at', '2026-11-28T10:00', '--db', path); // Saturday in New York
    expect(r.out).toBe(
      'Nothing to call in Test at 2026-11-28 10:00 America/New_York:\n' +
        '  Outside calling hours for every record; calling hours next open 2026-11-30 09:00 America/New_York.',
    );
    const open = await run('queue', '--campaign', 'Test', '--at', '2026-11-30T09:00', '--db', path);
    expect(open.out.split('\n')[0]).toMatch(/^ID +WHY +COMPANY +NUMBERS +TIME ZONE +LOCAL TIME$/);
    expect(open.out.split('\n')[1]).toMatch(/^\d+ +fresh +Alpha +\+12015550101 +America\/New_York +Mon 09:00$/);
  });

  it('every number on do-not-call, every record held by another caller, every record closed', async () => {
    const { path, ids, with: withDb } = await prepared();
    withDb((db) => addDnc(db, us(1), { by: 'M' }));
    for (const name of ['Bo', 'Cy', 'Di']) await run('caller', 'add', name, '--db', path);
    withDb((db) => {
      takeNext(db, 1, 1, new Date(MON_NOON_NY)); // Bo
      takeNext(db, 1, 3, new Date(MON_NOON_NY)); // Di
    });
    const held = await run('queue', '--campaign', 'Test', '--caller', 'Cy', '--at', '2026-11-23T12:00', '--db', path);
    expect(held.out.split('\n').slice(1)).toEqual(['  1 open record has every number on the do-not-call list.', '  1 open record is held by Bo.', '  1 open record is held by Di.']);
    withDb((db) => {
      const wrong = (id: number, caller: string) =>
        logCall(db, { recordId: id, caller, events: 'DIAL WRONG_NUMBER'.split(' ') as never, result: 'wrong_number', at: new Date(MON_NOON_NY) });
      wrong(ids[1] ?? 0, 'Bo');
      wrong(ids[2] ?? 0, 'Di');
      db.prepare(`UPDATE records SET status = 'closed' WHERE id = ?`).run(ids[0]);
    });
    const closed = await run('queue', '--campaign', 'Test', '--at', '2026-11-23T12:00', '--db', path);
    expect(closed.out.split('\n')[1]).toBe('  Every record is closed (3 records).');
  });
});

describe('commands a manager needs', () => {
  it('campaign set changes the window, retry delay, attempts, zone and options, and refuses bad values by name', async () => {
    const { path } = await prepared();
    const r = await run('campaign', 'set', 'Test', '--window', 'mon-fri 08:30-18:00, sat 10:00-14:00', '--retry-delay', '24', '--max-attempts', '5',
      '--timezone', 'America/Chicago', '--email-only-hns', 'on', '--not-qualified', 'No Roof; Too Small', '--db', path);
    expect(r.code).toBe(0);
    expect(r.out).toContain('calling window (each record\'s own zone): mon 08:30-18:00, tue 08:30-18:00, wed 08:30-18:00, thu 08:30-18:00, fri 08:30-18:00, sat 10:00-14:00, sun closed');
    expect(r.out).toContain('retry delay 24 h, maximum attempts 5');
    expect(r.out).toContain('default time zone America/Chicago');
    expect(r.out).toContain('Email Only - HNS on');
    expect(r.out).toContain('Not Qualified reasons: Not Qualified - No Roof, Not Qualified - Too Small');
    expect((await run('campaign', 'set', 'Test', '--window', 'sat 14:00-10:00', '--db', path))).toMatchObject({ code: 1, err: expect.stringMatching(/sat: ends at 10:00, before it starts at 14:00/) });
    expect((await run('campaign', 'set', 'Test', '--window', 'someday 9-5', '--db', path)).code).toBe(2);
    expect((await run('campaign', 'set', 'Test', '--max-attempts', 'none', '--db', path)).out).toContain('maximum attempts none');
    expect((await run('campaign', 'set', 'Test', '--db', path)).code).toBe(2);
  });

  it('records list filters by open or closed, result and list; records show gives the calls in the record\'s zone', async () => {
    const { path, ids, with: withDb } = await prepared();
    withDb((db) => logCall(db, { recordId: ids[1] ?? 0, caller: 'Bo', events: 'DIAL WRONG_NUMBER'.split(' ') as never, result: 'wrong_number', at: new Date(MON_NOON_NY), notes: 'a bakery' }));
    const all = await run('records', 'list', '--db', path);
    expect(all.out.split('\n')[0]).toMatch(/^ID +CAMPAIGN +LIST +COMPANY +STATUS +ATTEMPTS +LAST RESULT +NUMBERS$/);
    expect(all.out).toContain('1-3 of 3 records.');
    const closed = (await run('records', 'list', '--closed', '--json', '--db', path)).json() as { total: number; records: { company: string }[] };
    expect(closed.records.map((r) => r.company)).toEqual(['Beta']);
    expect(((await run('records', 'list', '--open', '--campaign', 'Test', '--json', '--db', path)).json() as { total: number }).total).toBe(2);
    expect(((await run('records', 'list', '--result', 'wrong_number', '--list', '1', '--json', '--db', path)).json() as { total: number }).total).toBe(1);
    expect((await run('records', 'list', '--list', 'nope', '--db', path)).err).toMatch(/There is no list "nope". Lists: 1 /);
    const show = await run('records', 'show', String(ids[1]), '--db', path);
    expect(show.out).toContain('time zone America/New_York');
    expect(show.out).toMatch(/2026-11-23 12:00 America\/New_York +Bo +no_contact +wrong_number +a bakery/);
  });

  it('report funnel, report shifts and report outcomes cover the last 7 days by default', async () => {
    const { path, ids, with: withDb } = await prepared({ ...DEFAULT_CALLING_WINDOW, mon: { start: '00:00', end: '23:59' }, tue: { start: '00:00', end: '23:59' }, wed: { start: '00:00', end: '23:59' }, thu: { start: '00:00', end: '23:59' }, fri: { start: '00:00', end: '23:59' }, sat: { start: '00:00', end: '23:59' }, sun: { start: '00:00', end: '23:59' } });
    const now = new Date();
    withDb((db) => {
      startShift(db, 'Bo', new Date(now.getTime() - 3_600_000));
      logCall(db, { recordId: ids[0] ?? 0, caller: 'Bo', events: 'DIAL DM_ANSWERED PITCHED HUNG_UP'.split(' ') as never, result: 'pitched_not_interested', at: now });
      logCall(db, { recordId: ids[1] ?? 0, caller: 'Bo', events: 'DIAL NO_ANSWER'.split(' ') as never, result: 'no_contact', at: new Date(now.getTime() - 10 * 86_400_000) });
    });
    const funnel = await run('report', 'funnel', '--db', path);
    expect(funnel.out).toMatch(/^STAGE +CALLS +RATE$/m);
    expect(funnel.out).toMatch(/^Dials +1 *$/m);
    expect(funnel.out).toMatch(/^Pitched +1 +100\.0%$/m);
    const shifts = await run('report', 'shifts', '--db', path);
    expect(shifts.out).toMatch(/times in Australia\/Sydney:/);
    expect(shifts.out).toMatch(/Bo +\d\d:\d\d +- +open \(hours so far\) +1\.00 +1 /);
    const outcomes = await run('report', 'outcomes', '--campaign', 'Test', '--db', path);
    expect(outcomes.out).toMatch(/: 1 call\n/);
    expect(outcomes.out).toMatch(/1 +100\.0% +negative +Pitched - Not Interested/);
    const json = (await run('report', 'shifts', '--json', '--zone', 'America/New_York', '--db', path)).json() as { zone: string; rows: unknown[] };
    expect(json.zone).toBe('America/New_York');
  });
});
