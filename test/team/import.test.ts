/**
 * Importing a list into a team campaign: read as the SQLite importer reads it, written with
 * COPY and set-based checks, refused numbers counted and listed, the list visible only when
 * it is complete.
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamDnc, importTeamList, leaseNext, type TeamImportOptions } from '../../electron/engine/team/index.ts';
import { captureConsole, run } from '../engine/cli-run.ts';
import { freePort } from './cluster.ts';
import { teamCampaign, teamSuite } from './team.ts';

captureConsole();

const team = teamSuite();
const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'team', name);
const reports = mkdtempSync(join(tmpdir(), 'outcall-team-import-'));
const importInto = (campaignId: number, file: string, o: Partial<TeamImportOptions> = {}) =>
  importTeamList(team.pool, { file: fixture(file), campaignId, reportDir: reports, ...o });

const recordsOf = async (campaignId: number) =>
  (
    await team.pool.query<{ company: string; list_row: number; timezone: string; details: object; phones: string[]; labels: string[] }>(
      `SELECT r.company, r.list_row, r.timezone, r.details,
              ARRAY(SELECT e164 FROM phones p WHERE p.record_id = r.id ORDER BY position) AS phones,
              ARRAY(SELECT label FROM phones p WHERE p.record_id = r.id ORDER BY position) AS labels
       FROM records r WHERE r.campaign_id = $1 ORDER BY r.id`,
      [campaignId],
    )
  ).rows;

describe('outcall import --team', () => {
  it('cleans numbers written every way, refuses a do-not-call number listed on a desk, and counts and lists what it refused', async () => {
    const campaignId = await teamCampaign(team.pool);
    const manager = await addTeamCaller(team.pool, 'Importing manager', 'manager');
    // Listed on a desk, written another way than in the file.
    expect(await addTeamDnc(team.pool, '(212) 555 0199', 'US', 'asked on the phone', manager)).toBe(true);

    const s = await importInto(campaignId, 'list.csv', { importedBy: manager });
    expect(s).toMatchObject({ rows: 8, imported: 5, invalidPhone: 1, duplicateInFile: 1, duplicateInCampaign: 0, onDoNotCall: 1, dryRun: false });
    expect(s.examples).toEqual([
      { row: 5, reason: 'invalid_phone', detail: expect.any(String) },
      { row: 6, reason: 'duplicate_in_file', detail: '+12125550101 is also on row 2' },
      { row: 7, reason: 'on_do_not_call', detail: '+12125550199 is on the do-not-call list' },
    ]);
    const report = readFileSync(s.errorReport ?? '', 'utf8').trim().split('\r\n');
    expect(report[0]).toBe('row,reason,detail,Company,Contact,Phone,State,Title,Notes');
    expect(report.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      '5,no valid phone number',
      '6,duplicate within the file',
      '7,on the do-not-call list',
    ]);
    expect(report[3]).toContain('Fox Foods,Fay Cole,1-212-555-0199');

    const records = await recordsOf(campaignId);
    expect(records.map((r) => [r.company, r.list_row, r.phones])).toEqual([
      ['Acme Roofing', 2, ['+12125550101']],
      ['Beta Solar', 3, ['+12125550102']],
      ['Gamma Glass', 4, ['+12125550103']],
      ['Golf Gear', 8, ['+12125550104', '+12125550105']],
      // The listed number stays on the record beside the other one, and is never offered.
      ['Hotel Hub', 9, ['+12125550106', '+12125550199']],
    ]);
    expect(records[0]?.details).toMatchObject({ title: 'Owner' });
    expect(records[3]?.labels).toEqual(['Phone', 'Phone (mobile)']);
    expect(records[4]?.timezone).toBe('America/Los_Angeles');
    const { rows: lists } = await team.pool.query('SELECT name, row_count, imported_count, imported_by FROM lists WHERE campaign_id = $1', [campaignId]);
    expect(lists).toEqual([{ name: 'list.csv', row_count: 8, imported_count: 5, imported_by: String(manager) }]);

    // Desks get the records in the list's order; the listed number is not offered.
    const desk = await team.desk();
    const caller = await addTeamCaller(team.pool, 'Import desk');
    const held: string[][] = [];
    for (let i = 0; i < 5; i++) {
      const lease = await leaseNext(desk, { campaignId, callerId: caller, leaseSeconds: 60 });
      held.push([lease?.company ?? '', ...(lease?.phones ?? [])]);
      // As a logged call leaves it: closed, and let go.
      await desk.query('UPDATE records SET status = $2, lease_until = now() WHERE id = $1', [lease?.id, 'closed']);
    }
    expect(held.at(-1)).toEqual(['Hotel Hub', '+12125550106']);
    expect(held.map((h) => h[0])).toEqual(['Acme Roofing', 'Beta Solar', 'Gamma Glass', 'Golf Gear', 'Hotel Hub']);

    // The next list into the campaign: a number a record has is refused, naming the record.
    const more = await importInto(campaignId, 'more.csv');
    expect(more).toMatchObject({ rows: 2, imported: 1, duplicateInCampaign: 1 });
    expect(more.examples).toEqual([{ row: 3, reason: 'duplicate_in_campaign', detail: expect.stringMatching(/^\+12125550102 belongs to record \d+ \(Beta Solar\)$/) }]);
  });

  it('keeps the list out of every desk until it is complete, and takes one import per campaign at a time', async () => {
    const campaignId = await teamCampaign(team.pool);
    const caller = await addTeamCaller(team.pool, 'Waiting desk');
    const desk = await team.desk();
    const seen: { stage: string; lease: unknown; records: number; second: string }[] = [];
    const s = await importInto(campaignId, 'list.csv', {
      onStage: async (stage) => {
        const lease = await leaseNext(desk, { campaignId, callerId: caller, leaseSeconds: 60 });
        const { rows } = await team.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM records WHERE campaign_id = $1', [campaignId]);
        const second = await importInto(campaignId, 'more.csv').then(
          () => 'imported',
          (e: Error) => e.message,
        );
        seen.push({ stage, lease, records: rows[0]?.n ?? -1, second });
      },
    });
    const busy = 'Another list is being imported into this campaign: wait until it is done, then import this one.';
    expect(seen).toEqual(['staged', 'checked', 'written'].map((stage) => ({ stage, lease: null, records: 0, second: busy })));
    expect(s.imported).toBe(5);
    expect(await leaseNext(desk, { campaignId, callerId: caller, leaseSeconds: 60 })).toMatchObject({ company: 'Acme Roofing' });
  });

  it('leaves nothing behind when cancelled after its rows were written', async () => {
    const campaignId = await teamCampaign(team.pool);
    const cancel = new AbortController();
    await expect(
      importInto(campaignId, 'list.csv', { signal: cancel.signal, onStage: (stage) => (stage === 'written' ? cancel.abort() : undefined) }),
    ).rejects.toThrow('The import was cancelled; nothing was saved.');
    expect(await recordsOf(campaignId)).toEqual([]);
    const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM lists WHERE campaign_id = $1', [campaignId]);
    expect(rows[0]?.n).toBe(0);
  });

  it('writes nothing on a dry run, and refuses a row with an over-long company by its row, leaving nothing behind', async () => {
    const campaignId = await teamCampaign(team.pool);
    const dry = await importInto(campaignId, 'list.csv', { dryRun: true });
    expect(dry).toMatchObject({ rows: 8, imported: 5, dryRun: true, listId: null });
    expect(await recordsOf(campaignId)).toEqual([]);

    const file = join(reports, 'long.csv');
    writeFileSync(file, `Company,Phone\nFine,212 555 0110\n${'X'.repeat(501)},212 555 0111\n`);
    await expect(importTeamList(team.pool, { file, campaignId, reportDir: reports })).rejects.toThrow(
      /^Row 3: the company "X{40}\.\.\." has 501 characters; a team record holds at most 500\. Nothing was imported\.$/,
    );
    expect(await recordsOf(campaignId)).toEqual([]);
    const { rows } = await team.pool.query('SELECT count(*)::int AS n FROM lists WHERE campaign_id = $1', [campaignId]);
    expect(rows[0]?.n).toBe(0);
  });

  it('refuses a row whose every number is listed, naming them all, a number written twice counting once, and keeps a row with one unlisted', async () => {
    const campaignId = await teamCampaign(team.pool);
    const manager = await addTeamCaller(team.pool, 'Listing manager', 'manager');
    for (const n of ['212 555 0130', '212 555 0131', '212 555 0132']) expect(await addTeamDnc(team.pool, n, 'US', 'asked', manager)).toBe(true);
    const file = join(reports, 'listed.csv');
    writeFileSync(
      file,
      'Company,Phone,Mobile\nBoth Listed,212 555 0130,212 555 0131\nTwice Listed,212 555 0132,(212) 555-0132\nOne Free,212 555 0132,212 555 0133\n',
    );
    const s = await importTeamList(team.pool, { file, campaignId, reportDir: reports });
    expect(s).toMatchObject({ rows: 3, imported: 1, onDoNotCall: 2 });
    expect(s.examples).toEqual([
      { row: 2, reason: 'on_do_not_call', detail: '+12125550130, +12125550131 are on the do-not-call list' },
      { row: 3, reason: 'on_do_not_call', detail: '+12125550132 is on the do-not-call list' },
    ]);
    expect((await recordsOf(campaignId)).map((r) => [r.company, r.phones])).toEqual([['One Free', ['+12125550132', '+12125550133']]]);
  });

  it('runs from the command line with --team, and names an unreachable database without its password', async () => {
    await teamCampaign(team.pool, { name: 'Command line list' });
    const errors = join(reports, 'cli.errors.csv');
    const r = await run('import', fixture('list.csv'), '--campaign', 'Command line list', '--team', team.cluster.url, '--errors', errors);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/^Imported 5 of 8 rows \(header on row 1, utf-8, delimiter ","\)\.\n {2}no valid phone number: +1\n {2}duplicate in the file: +1\n/);
    expect(r.out).toContain(`Error report: ${errors}`);
    expect(r.code).toBe(0);

    const port = await freePort();
    const down = await run('import', fixture('list.csv'), '--campaign', 'Command line list', '--team', `postgres://ann:s3cret@127.0.0.1:${port}/outcall`);
    expect(down.code).toBe(1);
    expect(down.err).toMatch(new RegExp(`^outcall import: Cannot connect to the team database 127\\.0\\.0\\.1:${port}/outcall: .*ECONNREFUSED`));
    expect(down.err).not.toContain('s3cret');
    expect((await run('import', fixture('list.csv'), '--campaign', 'Nope', '--team', team.cluster.url)).err).toBe(
      'outcall import: There is no campaign "Nope" in the team database.',
    );
  });

  it('refuses a list past the rejected-row limit, naming the row, and keeps its report', async () => {
    const campaignId = await teamCampaign(team.pool);
    await expect(importInto(campaignId, 'list.csv', { limits: { maxRejectedRows: 2 } })).rejects.toThrow(
      /^Row 7 is rejected row number 3: more than the limit of 2 rejected rows .* The first rejected rows are listed in .*list\.csv-.*\.errors\.csv\.$/,
    );
    expect(await recordsOf(campaignId)).toEqual([]);
  });
});
