/**
 * The command line under each person's own login: what a caller may list and change on the
 * team database, as row-level security and the managers' grants allow (team migrations 3, 4, 14).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { addTeamLogin, addTeamRecords, teamCampaignId, type TeamRole } from '../../electron/engine/team/index.ts';
import { captureConsole, run } from '../engine/cli-run.ts';
import { teamSuite } from './team.ts';

captureConsole();
const team = teamSuite();
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/team/${name}`, import.meta.url));

/** A person's own login, as `outcall team add` makes it, and the URL they connect with. */
async function loginOf(name: string, role: TeamRole): Promise<{ login: string; url: string }> {
  const admin = await team.pool.connect();
  try {
    const { login } = await addTeamLogin(admin, { name, role });
    const url = new URL(team.cluster.url);
    url.username = login;
    return { login, url: url.href };
  } finally {
    admin.release();
  }
}

describe('outcall --team under a person\'s own login', () => {
  it('refuses campaign set and dnc import to a caller and a supervisor, in words naming their role; a manager does both', async () => {
    expect((await run('campaign', 'create', 'Roles', '--region', 'US', '--timezone', 'America/New_York', '--team', team.cluster.url)).code).toBe(0);
    const [ann, sue, meg] = await Promise.all([loginOf('Ann', 'caller'), loginOf('Sue', 'supervisor'), loginOf('Meg', 'manager')]);
    const set = (url: string) => run('campaign', 'set', 'Roles', '--retry-delay', '5', '--team', url);
    expect(await set(ann.url)).toMatchObject({ code: 1, err: `outcall campaign set: Only a manager changes a campaign on the team database: login ${ann.login} is a caller.` });
    expect(await set(sue.url)).toMatchObject({ code: 1, err: `outcall campaign set: Only a manager changes a campaign on the team database: login ${sue.login} is a supervisor.` });
    const delay = async () => (await team.pool.query<{ h: number }>("SELECT retry_delay_hours AS h FROM campaigns WHERE name = 'Roles'")).rows[0]?.h;
    expect(await delay()).toBe(48);
    expect(await set(meg.url)).toMatchObject({ code: 0, out: expect.stringContaining('retry delay 5 h') });
    expect(await delay()).toBe(5);

    const listed = async () => (await team.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dnc')).rows[0]?.n;
    const before = await listed();
    expect(await run('dnc', 'import', fixture('cli-dnc.txt'), '--by', 'Ann', '--team', ann.url)).toMatchObject({
      code: 1,
      err: `outcall dnc import: Only a manager imports a do-not-call file on the team database: login ${ann.login} is a caller.`,
    });
    expect(await listed()).toBe(before);
    expect(await run('dnc', 'import', fixture('cli-dnc.txt'), '--by', 'Meg', '--team', meg.url)).toMatchObject({
      code: 0,
      out: 'Read 4 numbers: 3 added, 0 already listed, 1 unreadable.\n  line 5: nope ("nope" is not a phone number)',
    });
    // Anyone may ask whether a number is listed.
    expect((await run('dnc', 'check', '212 555 0150', '--team', ann.url)).out).toMatch(/^\+12125550150 is on the do-not-call list \(added .* by Meg, team\)\.$/);
  });

  it("lists and shows a caller the records they hold or could take; a supervisor every record; the queue names who holds the rest", async () => {
    expect((await run('campaign', 'create', 'Rows', '--region', 'US', '--timezone', 'America/New_York', '--team', team.cluster.url)).code).toBe(0);
    const campaignId = await teamCampaignId(team.pool, 'Rows');
    const [mine, theirs, closed, free] = await addTeamRecords(team.pool, campaignId, 'rows.csv', [
      { company: 'Mine', phones: ['212 555 0310'] },
      { company: 'Theirs', phones: ['212 555 0311'] },
      { company: 'Closed', phones: ['212 555 0312'] },
      { company: 'Free', phones: ['212 555 0313'] },
    ]);
    await team.pool.query("UPDATE records SET status = 'closed', attempts = 1 WHERE id = $1", [closed]);
    const [cal, bo, sid] = await Promise.all([loginOf('Cal', 'caller'), loginOf('Bo', 'caller'), loginOf('Sid', 'supervisor')]);
    const at = ['--at', '2026-11-23T10:00'];
    expect((await run('next', '--campaign', 'Rows', '--caller', 'Cal', ...at, '--json', '--team', cal.url)).json()).toMatchObject({ id: mine });
    expect((await run('next', '--campaign', 'Rows', '--caller', 'Bo', ...at, '--json', '--team', bo.url)).json()).toMatchObject({ id: theirs });

    const ids = async (url: string) => ((await run('records', 'list', '--campaign', 'Rows', '--json', '--team', url)).json() as { total: number; records: { id: number }[] });
    expect(await ids(cal.url)).toMatchObject({ total: 2, records: [{ id: mine }, { id: free }] });
    expect(await ids(bo.url)).toMatchObject({ total: 2, records: [{ id: theirs }, { id: free }] });
    expect(await ids(sid.url)).toMatchObject({ total: 4, records: [{ id: mine }, { id: theirs }, { id: closed }, { id: free }] });
    expect(await run('records', 'show', String(theirs), '--team', cal.url)).toMatchObject({ code: 1, err: `outcall records show: There is no record ${theirs}.` });
    expect((await run('records', 'show', String(theirs), '--team', sid.url)).out).toMatch(new RegExp(`^Record ${theirs} in Rows `));

    // The queue reads as lease_next does, past what a caller may list: Cal's own record, then the free one.
    const queue = await run('queue', '--campaign', 'Rows', '--caller', 'Cal', ...at, '--json', '--team', cal.url);
    expect((queue.json() as { id: number; reason: string }[]).map((i) => [i.id, i.reason])).toEqual([[mine, 'fresh'], [free, 'fresh']]);
    expect((await run('next', '--campaign', 'Rows', '--caller', 'Sid', ...at, '--json', '--team', sid.url)).json()).toMatchObject({ id: free });
    expect((await run('caller', 'add', 'Dee', '--team', team.cluster.url)).code).toBe(0);
    expect((await run('queue', '--campaign', 'Rows', '--caller', 'Dee', ...at, '--team', cal.url)).out.split('\n')).toEqual([
      'Nothing to call in Rows at 2026-11-23 10:00 America/New_York:',
      '  1 open record is held by Bo.',
      '  1 open record is held by Cal.',
      '  1 open record is held by Sid.',
      '  1 record closed.',
    ]);
  });
});
