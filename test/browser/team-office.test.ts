/**
 * The manager's and supervisor's screens on a desk connected to a team database (a throwaway
 * PostgreSQL): a supervisor's Reports show the team's totals from two callers' calls; a manager
 * imports a list that a caller's desk then leases; a caller who tries a manager's change is told
 * so. Nothing of it lands in the desk's own file.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { addTeamCaller, addTeamLogin, addTeamRecords, type TeamRole } from '../../electron/engine/team/index.ts';
import { teamCampaign, teamSuite } from '../team/team.ts';
import { violations } from './axe.ts';
import { appSuite } from './harness.ts';

const team = teamSuite();
const { app, page, tab } = appSuite(() => ({ now: new Date(), settings: { callerName: 'Sue' } }));
const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
let campaignId = 0;
const urls: Partial<Record<TeamRole, string>> = {};

beforeAll(async () => {
  campaignId = await teamCampaign(team.pool, { name: 'Team office' });
  await addTeamRecords(team.pool, campaignId, 'first.csv', [
    { company: 'One Co', phones: ['+1 212 555 0801'] },
    { company: 'Two Co', phones: ['+1 212 555 0802'] },
    { company: 'Three Co', phones: ['+1 212 555 0803'] },
  ]);
  const admin = await team.pool.connect();
  try {
    for (const [name, role] of [['Sue', 'supervisor'], ['Mia', 'manager'], ['Cal', 'caller']] as const) {
      const { login } = await addTeamLogin(admin, { name, role });
      const url = new URL(team.cluster.url);
      url.username = login;
      urls[role] = url.href;
    }
  } finally {
    admin.release();
  }
  // Two callers' calls, logged through the team store as their desks would.
  await addTeamCaller(team.pool, 'Ann');
  await addTeamCaller(team.pool, 'Ben');
  const store = await postgresStore(team.cluster.url);
  try {
    for (const [caller, events, result] of [
      ['Ann', ['DIAL', 'NO_ANSWER'], 'no_contact'],
      ['Ann', ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], 'pitched_not_interested'],
      ['Ben', ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], 'no_contact'],
    ] as const) {
      const lease = await store.next(campaignId, caller);
      await store.logCall({ recordId: lease?.id ?? 0, caller, events: [...events], result });
    }
  } finally {
    await store.close();
  }
});

/** Settings connect the team database as the login of `role`. */
async function connectAs(role: TeamRole) {
  await tab('Settings');
  const section = page().getByRole('form', { name: 'Team database' });
  const disconnect = section.getByRole('button', { name: 'Disconnect' });
  if (await disconnect.isEnabled()) {
    await disconnect.click();
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Not connected');
  }
  await section.getByLabel('Team database URL').fill(urls[role] ?? '');
  await section.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Connected');
}

const local = () => app().db().prepare('SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM records) AS records, (SELECT count(*) FROM campaigns) AS campaigns').get();

describe('the manager\'s and supervisor\'s screens on a team database', () => {
  it('a supervisor opens Reports and sees the team\'s totals from two callers\' calls', async () => {
    await connectAs('supervisor');
    await tab('Reports');
    await page().getByLabel('Campaign').selectOption({ label: 'Team office' });
    const totals = page().getByRole('table', { name: /^Shift totals/ });
    await expect.poll(() => totals.getByRole('row', { name: /Ann/ }).count()).toBe(1);
    expect(await totals.getByRole('row', { name: /Ben/ }).count()).toBe(1);
    // The totals row: two callers, three dials.
    await expect.poll(() => totals.locator('tfoot tr > *').allTextContents()).toEqual(expect.arrayContaining(['2 callers', '3']));
    const figures = page().getByRole('table', { name: 'Figures per caller' });
    expect(await figures.getByRole('row', { name: /^Ann/ }).getByRole('cell').first().textContent()).toBe('2');
    expect(local()).toEqual({ calls: 0, records: 0, campaigns: 0 });
  }, 60_000);

  it('a manager imports a small list that a caller\'s desk then leases', async () => {
    await connectAs('manager');
    await tab('Import');
    await page().getByLabel('Into campaign').selectOption({ label: 'Team office' });
    app().pick.next = join(FIXTURES, 'team', 'list.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    const done = page().getByRole('region', { name: 'Import result' });
    await done.waitFor({ timeout: 20_000 });
    const imported = Number(await done.getByRole('row', { name: /Callable records imported/ }).getByRole('cell').textContent());
    const { rows } = await team.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM records r JOIN lists l ON l.id = r.list_id WHERE l.name = 'list.csv' AND r.campaign_id = $1", [campaignId]);
    expect(rows[0]?.n).toBe(imported);
    expect(imported).toBeGreaterThan(0);
    // A caller's desk takes the next record: the first of the new list (the earlier list's are called).
    const store = await postgresStore(team.cluster.url);
    try {
      expect((await store.next(campaignId, 'Cal'))?.company).toBe('Acme Roofing');
    } finally {
      await store.close();
    }
    expect(local()).toEqual({ calls: 0, records: 0, campaigns: 0 });
  }, 60_000);

  it('a caller who saves a campaign is told only a manager changes one', async () => {
    await connectAs('caller');
    await tab('Campaigns');
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/^Only a manager changes a campaign on the team database: login \S+ is a caller\.$/);
    expect(await violations(app())).toEqual([]);
  }, 60_000);
});
