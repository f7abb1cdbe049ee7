/**
 * The manager's and supervisor's screens on a desk whose Settings connect a team database:
 * campaign settings, list import, the do-not-call list and its log, the callers and the reports
 * go to PostgreSQL under the connected person's login, never to the desk's own SQLite file; what
 * a login's role may not do is refused by the server, in words naming the role that may.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../electron/engine/db/open.ts';
import type { CampaignDetail } from '../../shared/ipc/types.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { addTeamLogin, addTeamRecords, leaseNext, type TeamRole } from '../../electron/engine/team/index.ts';
import { appOver } from '../engine/harness.ts';
import { tempDb, tempDir } from '../engine/helpers.ts';
import { teamCampaign, teamSuite } from './team.ts';

const team = teamSuite();
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

/** The URL of a new person's own login (the test cluster trusts loopback). */
async function loginUrl(name: string, role: TeamRole): Promise<{ url: string; id: number }> {
  const admin = await team.pool.connect();
  try {
    const { login, callerId } = await addTeamLogin(admin, { name, role });
    const url = new URL(team.cluster.url);
    url.username = login;
    return { url: url.href, id: callerId };
  } finally {
    admin.release();
  }
}

const value = async <T>(p: Promise<{ ok: true; value: T } | { ok: false; error: string }>): Promise<T> => {
  const r = await p;
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const refusal = async (p: Promise<{ ok: boolean; error?: string }>) => {
  const r = await p;
  return r.ok ? 'done' : r.error;
};

/** A desk app whose Settings connect the team database as `url`, its own file beside. */
async function deskAs(url: string, name: string, saveTo?: (file: string) => string | null) {
  const { db } = tempDb();
  const app = appOver(db, { settings: { callerName: name }, saveTo });
  expect((await value(app.api.connectTeam({ url, remember: false }))).status).toBe('connected');
  return { app, db, api: app.api };
}

/** What the desk's own file holds of the team's data: nothing, while connected. */
const local = (db: DB) =>
  db
    .prepare(
      `SELECT (SELECT count(*) FROM campaigns) AS campaigns, (SELECT count(*) FROM lists) AS lists, (SELECT count(*) FROM records) AS records,
              (SELECT count(*) FROM dnc) AS dnc, (SELECT count(*) FROM dnc_log) AS dncLog, (SELECT count(*) FROM calls) AS calls`,
    )
    .get();
/** What the Campaigns screen sends back of a campaign it read. */
const inputOf = (c: CampaignDetail) => ({
  id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone, callingWindow: c.callingWindow,
  retryDelayHours: c.retryDelayHours, maxAttempts: c.maxAttempts, schemeId: c.schemeId, options: c.options,
});
const NOTHING = { campaigns: 0, lists: 0, records: 0, dnc: 0, dncLog: 0, calls: 0 };

describe('the manager\'s and supervisor\'s screens on a team database', () => {
  it('a manager sets a campaign, imports a list that a caller then leases, and keeps the do-not-call list, all on PostgreSQL', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Office manager' });
    await teamCampaign(team.pool, { name: 'Office other' });
    await team.pool.query("SELECT add_dnc('+12125550199', 'asked on a call', NULL)");
    const mia = await loginUrl('Mia Manager', 'manager');
    const caller = await loginUrl('Cal Caller', 'caller');
    const { app, db, api } = await deskAs(mia.url, 'Mia Manager');
    try {
      // Campaign settings: read and saved on the team database.
      const detail = await value(api.getCampaign({ campaignId }));
      expect(detail).toMatchObject({ id: campaignId, name: 'Office manager', records: 0, calls: 0, schemeId: 'b2b-appointment-setting' });
      const { options, ...rest } = inputOf(detail);
      const saved = await value(
        api.saveCampaign({ ...rest, maxAttempts: 4, notQualifiedReasons: ['No Roof'], options: { ...options, script: 'Hello {contact}, {caller} here.' } }),
      );
      expect(saved).toMatchObject({ maxAttempts: 4, options: { script: 'Hello {contact}, {caller} here.', notQualifiedVariants: [{ label: 'Not Qualified - No Roof' }] } });
      const { rows: stored } = await team.pool.query("SELECT max_attempts, options->>'script' AS script FROM campaigns WHERE id = $1", [campaignId]);
      expect(stored).toEqual([{ max_attempts: 4, script: 'Hello {contact}, {caller} here.' }]);
      expect(await refusal(api.saveCampaign({ ...rest, name: 'Office other', maxAttempts: 4, notQualifiedReasons: [], options }))).toBe(
        'A campaign called "Office other" already exists.',
      );

      // The list: previewed from the file, imported with COPY as a job the window polls.
      app.pick.next = join(FIXTURES, 'team', 'list.csv');
      const chosen = await value(api.pickListFile({}));
      const preview = await value(api.previewList({ file: chosen?.token ?? '' }));
      // A dry run counts on the server and writes nothing.
      const dry = await value(api.startImport({ file: chosen?.token ?? '', campaignId, mapping: preview.mapping, dryRun: true }));
      await expect.poll(async () => (await value(api.importStatus({ jobId: dry.jobId }))).state, { timeout: 20_000 }).toBe('done');
      expect(await value(api.importStatus({ jobId: dry.jobId }))).toMatchObject({ summary: { rows: 8, onDoNotCall: 1, dryRun: true, listId: null } });
      expect((await team.pool.query('SELECT count(*)::int AS n FROM lists WHERE campaign_id = $1', [campaignId])).rows).toEqual([{ n: 0 }]);
      const { jobId } = await value(api.startImport({ file: chosen?.token ?? '', campaignId, mapping: preview.mapping, dryRun: false }));
      await expect.poll(async () => (await value(api.importStatus({ jobId }))).state, { timeout: 20_000 }).toBe('done');
      const job = await value(api.importStatus({ jobId }));
      const summary = job.state === 'done' ? job.summary : null;
      expect(summary).toMatchObject({ rows: 8, onDoNotCall: 1, dryRun: false });
      const { rows: records } = await team.pool.query<{ n: number; by: string }>(
        'SELECT count(*)::int AS n, min(l.imported_by)::text AS by FROM records r JOIN lists l ON l.id = r.list_id WHERE r.campaign_id = $1',
        [campaignId],
      );
      expect(records).toEqual([{ n: summary?.imported, by: String(mia.id) }]);
      expect((await value(api.getCampaign({ campaignId }))).records).toBe(summary?.imported);
      // A caller's desk leases one of the imported records.
      const lease = await leaseNext(team.pool, { campaignId, callerId: caller.id, leaseSeconds: 60 });
      expect(lease?.company).toBe('Acme Roofing');
      expect((await value(api.listProgress({ campaignId }))).map((l) => [l.list, l.records, l.fresh])).toEqual([['list.csv', summary?.imported, summary?.imported]]);

      // The do-not-call list: a file imported, searched, a number taken off with a reason, every change logged.
      app.pick.next = join(FIXTURES, 'dnc-mixed.txt');
      expect(await value(api.importDnc({ region: 'US' }))).toMatchObject({ added: 4, alreadyListed: 0 });
      expect(await value(api.listDnc({ search: '2015550126', offset: 0 }))).toMatchObject({ total: 1, entries: [{ e164: '+12015550126', addedBy: 'Mia Manager' }] });
      expect((await value(api.listDnc({ search: '', offset: 0 }))).total).toBe(5);
      await value(api.removeDnc({ number: '+12015550126', region: 'US', reason: 'number reassigned' }));
      expect(await value(api.dncLog({ e164: '+12015550126' }))).toEqual([
        expect.objectContaining({ action: 'add', by: 'Mia Manager' }),
        expect.objectContaining({ action: 'remove', by: 'Mia Manager', reason: 'number reassigned' }),
      ]);
      expect(await value(api.listCallers({}))).toEqual(expect.arrayContaining(['Cal Caller', 'Mia Manager']));

      // The desk's own file has none of it; its backups are not the team's.
      expect(local(db)).toEqual(NOTHING);
      expect(await refusal(api.listBackups({}))).toMatch(/^The team database is backed up on its server, with PostgreSQL's own tools \(pg_dump, pg_restore\)/);
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);

  it('a manager\'s team import cancelled from the window leaves nothing behind', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Office cancel' });
    const { url } = await loginUrl('Max Manager', 'manager');
    const { app, db, api } = await deskAs(url, 'Max Manager');
    try {
      const file = join(tempDir(), 'big.csv');
      writeFileSync(file, `Company,Phone\n${Array.from({ length: 20_000 }, (_, i) => `Firm ${i},+1 212 ${String(2000000 + i).replace(/^(\d{3})/, '$1 ')}`).join('\n')}\n`);
      app.pick.next = file;
      const chosen = await value(api.pickListFile({}));
      const preview = await value(api.previewList({ file: chosen?.token ?? '' }));
      const { jobId } = await value(api.startImport({ file: chosen?.token ?? '', campaignId, mapping: preview.mapping, dryRun: false }));
      expect(await value(api.cancelImport({ jobId }))).toEqual({ cancelling: true });
      await expect.poll(async () => (await value(api.importStatus({ jobId }))).state, { timeout: 20_000 }).toBe('cancelled');
      const { rows } = await team.pool.query<{ lists: number; records: number }>(
        'SELECT (SELECT count(*)::int FROM lists WHERE campaign_id = $1) AS lists, (SELECT count(*)::int FROM records WHERE campaign_id = $1) AS records',
        [campaignId],
      );
      expect(rows).toEqual([{ lists: 0, records: 0 }]);
      expect(local(db)).toEqual(NOTHING);
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);

  it('a caller who opens the manager\'s screens gets the server\'s refusal, naming the role that may', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Office refusals' });
    await team.pool.query("SELECT add_dnc('+12125550188', 'asked on a call', NULL)");
    const { url } = await loginUrl('Rita Caller', 'caller');
    const { app, db, api } = await deskAs(url, 'Rita Caller');
    try {
      const rest = inputOf(await value(api.getCampaign({ campaignId })));
      expect(await refusal(api.saveCampaign({ ...rest, notQualifiedReasons: [] }))).toMatch(/^Only a manager changes a campaign on the team database: login \S+ is a caller\.$/);
      app.pick.next = join(FIXTURES, 'team', 'list.csv');
      const chosen = await value(api.pickListFile({}));
      expect(await refusal(api.startImport({ file: chosen?.token ?? '', campaignId, mapping: {}, dryRun: true }))).toMatch(/^Only a manager imports a list on the team database: login \S+ is a caller\.$/);
      expect(await refusal(api.removeDnc({ number: '+12125550188', region: 'US', reason: 'mine' }))).toMatch(/^Only a manager takes a number off the do-not-call list on the team database: login \S+ is a caller\.$/);
      expect(await refusal(api.dncLog({}))).toMatch(/^Only a supervisor or a manager reads the do-not-call log on the team database: login \S+ is a caller\.$/);
      // What a caller may read, they read from the team database.
      expect((await value(api.listDnc({ search: '2125550188', offset: 0 }))).total).toBe(1);
      const { rows } = await team.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM dnc WHERE e164 = '+12125550188'");
      expect(rows[0]?.n).toBe(1);
      expect(local(db)).toEqual(NOTHING);
    } finally {
      await app.close();
      db.close();
    }
  }, 60_000);

  it('a supervisor\'s reports are the team\'s: two callers\' calls, totals, funnel, figures, trend, calls behind and the export', async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Office reports' });
    await addTeamRecords(team.pool, campaignId, 'reports.csv', [
      { company: 'One Co', phones: ['+1 212 555 0701'] },
      { company: 'Two Co', phones: ['+1 212 555 0702'] },
      { company: 'Three Co', phones: ['+1 212 555 0703'] },
    ]);
    const ann = await loginUrl('Ann Reports', 'caller');
    await loginUrl('Ben Reports', 'caller');
    const sue = await loginUrl('Sue Supervisor', 'supervisor');
    // Two callers' calls, logged through the team store as their desks would.
    const store = await postgresStore(team.cluster.url);
    try {
      const log = async (caller: string, events: string[], result: string) => {
        const lease = await store.next(campaignId, caller);
        await store.logCall({ recordId: lease?.id ?? 0, caller, events, result, notes: `${caller}'s call` });
      };
      await store.startShift('Ann Reports');
      await log('Ann Reports', ['DIAL', 'NO_ANSWER'], 'no_contact');
      await log('Ann Reports', ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], 'pitched_not_interested');
      await log('Ben Reports', ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], 'no_contact');
    } finally {
      await store.close();
    }
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const range = { from: day(-1), to: day(1), zone: 'UTC', campaignId };
    const dir = tempDir();
    const { app, db, api } = await deskAs(sue.url, 'Sue Supervisor', (name) => join(dir, name));
    try {
      const totals = await value(api.shiftTotals(range));
      expect(totals.rows.map((r) => [r['caller'], r['dials'], r['dm_contacts']])).toEqual([
        ['Ann Reports', 2, 1],
        ['Ben Reports', 1, 0],
      ]);
      expect(totals.totals).toMatchObject({ caller: '2 callers', dials: 3, pitches: 1 });
      expect(await value(api.funnel(range))).toMatchObject({ dials: 3, reception: 2, decisionMaker: 1, pitched: 1 });
      expect((await value(api.callerFigures(range))).map((c) => [c.caller, c.dials, c.contacts, c.dmContacts])).toEqual([
        ['Ann Reports', 2, 1, 1],
        ['Ben Reports', 1, 1, 0],
      ]);
      expect((await value(api.dayTrend(range))).days.reduce((n, d) => n + (d.counts['dials'] ?? 0), 0)).toBe(3);
      const behind = await value(api.callsBehind({ ...range, pitched: true }));
      expect(behind).toMatchObject({ total: 1, calls: [{ caller: 'Ann Reports', result: 'pitched_not_interested', notes: "Ann Reports's call", campaign: 'Office reports' }] });
      expect((await value(api.outcomeMix(range))).total).toBe(3);
      expect((await value(api.rates(range))).rows.length).toBeGreaterThan(0);
      const exported = await value(api.exportTotals({ ...range, format: 'csv' }));
      const csv = readFileSync(exported?.path ?? '', 'utf8');
      expect(csv).toContain('Ann Reports');
      expect(csv).toContain('Ben Reports');
      expect(local(db)).toEqual(NOTHING);
    } finally {
      await app.close();
      db.close();
    }
    // A caller's own desk sees only their own calls in the same report (row-level security).
    const mine = await deskAs(ann.url, 'Ann Reports');
    try {
      expect((await value(mine.api.shiftTotals(range))).rows.map((r) => r['caller'])).toEqual(['Ann Reports']);
    } finally {
      await mine.app.close();
      mine.db.close();
    }
  }, 60_000);
});
