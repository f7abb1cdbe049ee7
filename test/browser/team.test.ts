/**
 * Team mode in the window: Settings connect to a team database (a throwaway PostgreSQL) and
 * say whether the desk is connected; the Team board follows what other desks do, pushed by
 * the team database's notifications.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, beginDial, DeskConnection, Outbox } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { ALL_DAY, tempDb } from '../engine/helpers.ts';
import { callOn } from '../team/calls.ts';
import { startProxy, type Proxy } from '../team/proxy.ts';
import { teamCampaign, teamSuite } from '../team/team.ts';
import { violations } from './axe.ts';
import { appSuite } from './harness.ts';

const team = teamSuite();
const { app, page, shot, tab } = appSuite(() => ({ now: new Date(), settings: { callerName: 'Sam Supervisor' } }));
let proxy: Proxy;
beforeAll(async () => {
  proxy = await startProxy(team.cluster.port);
});
afterAll(() => proxy.stop());

describe('the team database in Settings and the Team board', () => {
  it('connects from Settings without showing the password back, and says so', async () => {
    await tab('Settings');
    const section = page().getByRole('form', { name: 'Team database' });
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Not connected');
    const url = team.cluster.url.replace('postgres@', 'postgres:never-shown@');
    await section.getByLabel('Team database URL').fill(url);
    await section.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Connected');
    await section.getByText(`Connected to the team database 127.0.0.1:${team.cluster.port}/outcall.`).waitFor();
    expect(await section.getByLabel('Team database URL').inputValue()).toBe(team.cluster.url);
    expect(await section.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page().content()).not.toContain('never-shown');
    expect(await violations(app())).toEqual([]);
    await shot('team-settings-connected');
  });

  it('says when the desk is offline, and when it is connected again', async () => {
    const section = page().getByRole('form', { name: 'Team database' });
    const status = () => section.getByText('Status:').textContent();
    // Through a loopback proxy the test can cut, as a network would.
    await section.getByLabel('Team database URL').fill(team.cluster.url.replace(`:${team.cluster.port}/`, `:${proxy.port}/`));
    await section.getByRole('button', { name: 'Connect', exact: true }).click();
    await section.getByText(`Connected to the team database 127.0.0.1:${proxy.port}/outcall.`).waitFor();
    expect(await status()).toBe('Status: Connected');
    const everywhere = page().getByRole('banner').getByRole('status');
    await expect.poll(() => everywhere.textContent()).toBe(`Team: 127.0.0.1:${proxy.port}/outcall, connected`);
    proxy.cut();
    await expect.poll(status).toBe('Status: Offline');
    // Said on every screen, not only in Settings.
    await expect.poll(() => everywhere.textContent()).toBe(`Team: 127.0.0.1:${proxy.port}/outcall, offline`);
    await section.getByText(/^Offline: finish and log the call in hand; no new record until the team database is back\. Trying to reach 127\.0\.0\.1:\d+\/outcall again/).waitFor();
    await shot('team-settings-offline');
    proxy.mend();
    await expect.poll(status).toBe('Status: Connected');
  });

  it("shows each desk's record and today's totals, and follows other desks as they work", async () => {
    const campaignId = await teamCampaign(team.pool, { name: 'Board test' });
    await addTeamRecords(team.pool, campaignId, 'list', [
      { company: 'Alpha Co', phones: ['+1 212 555 0501'] },
      { company: 'Beta Co', phones: ['+1 212 555 0502'] },
    ]);
    const ann = await addTeamCaller(team.pool, 'Ann');
    await team.pool.query('INSERT INTO shifts (caller_id, started_at) VALUES ($1, now())', [ann]);

    await tab('Team board');
    const board = page().getByRole('table', { name: /^Today in New York/ });
    const annRow = board.getByRole('row', { name: /^Ann/ });
    await annRow.getByRole('cell', { name: 'Nothing' }).waitFor();

    // Ann's desk takes a record: the board hears of it without being asked.
    const desk = await DeskConnection.open({ url: team.cluster.url, outbox: new Outbox(tempDb().db) });
    try {
      const alpha = await desk.leaseNext({ campaignId, callerId: ann, leaseSeconds: 600 });
      if (!alpha) throw new Error('no record');
      await annRow.getByRole('cell', { name: 'Alpha Co (Board test)' }).waitFor();

      // She dials and logs a pitched call; the next record comes up on her desk.
      await desk.query((db) => beginDial(db, alpha, ann, alpha.phones[0] ?? '', 'US'));
      expect(await desk.logCall(callOn(alpha, ann, { pitched: true, startedAt: new Date() }))).toBe('stored');
      await annRow.getByRole('cell', { name: 'Nothing' }).waitFor();
      await desk.leaseNext({ campaignId, callerId: ann, leaseSeconds: 600 });
      await annRow.getByRole('cell', { name: 'Beta Co (Board test)' }).waitFor();
    } finally {
      await desk.close();
    }
    const cells = () => annRow.getByRole('cell').allTextContents();
    await expect.poll(cells).toEqual([expect.any(String), 'Beta Co (Board test)', '1', '1', '1', '0']);
    expect(await board.getByRole('row', { name: /^Team/ }).getByRole('cell').allTextContents()).toEqual(['', '', '1', '1', '1', '0']);
    expect(await violations(app())).toEqual([]);
    await shot('team-board');
  });

  it("shows a setter's figures in the closer-setter scheme's columns once a meeting call is logged", async () => {
    const store = await postgresStore(team.cluster.url);
    try {
      const base = { region: 'US' as const, timezone: 'America/New_York', callingWindow: ALL_DAY };
      const coaching = await store.createCampaign({ ...base, name: 'Coaching', schemeId: 'closer-setter', options: { settings: { closers: ['Cleo'], currency: 'USD' } } });
      const [lead] = await addTeamRecords(team.pool, coaching.id, 'leads', [{ company: 'Lead Co', phones: ['+1 212 555 0511'] }]).then(async () =>
        (await team.pool.query<{ id: string }>('SELECT id FROM records WHERE campaign_id = $1', [coaching.id])).rows.map((r) => Number(r.id)));
      await store.addCaller('Setter Sam');
      const strategyAt = new Date(Date.now() + 2 * 86_400_000).toISOString();
      await store.logCall({ recordId: lead ?? 0, caller: 'Setter Sam', events: ['DIAL', 'CONNECTED', 'HUNG_UP'], result: 'approved', fields: { strategy_at: strategyAt, closer: 'Cleo' }, at: new Date() });
    } finally {
      await store.close();
    }
    // Logged straight on the database, announced by no desk: the board reads it when opened again.
    await tab('Settings');
    await tab('Team board');
    const board = page().getByRole('table', { name: /^Today in New York/ });
    await board.getByRole('columnheader', { name: 'Approved' }).waitFor();
    // B2B's Pitches stays for Ann's call above; the setter's row fills the closers' and setters' columns.
    expect((await board.getByRole('columnheader').allTextContents()).slice(3)).toEqual(['Dials', 'Calls', 'Pitches', 'Held', 'Approved', 'Sales', 'Booked', 'Records closed']);
    expect(await board.getByRole('row', { name: /^Setter Sam/ }).getByRole('cell').allTextContents()).toEqual([
      'Not on shift', 'Nothing', '0', '1', '0', '1', '1', '0', '1', '1',
    ]);
    expect(await violations(app())).toEqual([]);
    await shot('team-board-closer-setter');
  });

  it('disconnects from Settings; the board then says how to connect', async () => {
    await tab('Settings');
    const section = page().getByRole('form', { name: 'Team database' });
    await section.getByRole('button', { name: 'Disconnect' }).click();
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Not connected');
    expect(await page().getByRole('banner').getByRole('status').count()).toBe(0);
    await tab('Team board');
    await page().getByText('Connect this desk to the team database in Settings').waitFor();
  });
});
