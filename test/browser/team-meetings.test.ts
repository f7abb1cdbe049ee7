/**
 * A setter's desk connected to a team database books the strategy call from the Work view:
 * the closer chosen in the form, or the next one in turn, is stored with the meeting on
 * PostgreSQL (the app's team path plans the call as the command line's store does).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords } from '../../electron/engine/team/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { ALL_DAY, teamSuite } from '../team/team.ts';
import { appSuite } from './harness.ts';

const team = teamSuite();
const { page, tab, heading, result } = appSuite(() => ({ now: new Date(), settings: { callerName: 'Sam' } }));
let harbor = 0;
let maple = 0;
beforeAll(async () => {
  const owner = await postgresStore(team.cluster.url);
  try {
    const { id } = await owner.createCampaign({
      name: 'High Ticket', region: 'US', timezone: 'America/Los_Angeles', callingWindow: ALL_DAY, schemeId: 'closer-setter',
      options: { settings: { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' } },
    });
    [harbor = 0, maple = 0] = await addTeamRecords(team.pool, id, 'leads.csv', [
      { company: 'Harbor Fitness', phones: ['+1 310 555 0101'] },
      { company: 'Maple Coaching', phones: ['+1 310 555 0102'] },
    ]);
  } finally {
    await owner.close();
  }
  await addTeamCaller(team.pool, 'Sam');
});

/** Dials the record on screen, holds the discovery call and approves it with the strategy call at `at` (Los Angeles time). */
async function approve(at: string, closer: string) {
  await page().getByRole('button', { name: /^Dial / }).first().click();
  await page().getByRole('button', { name: 'Connected' }).click();
  await page().getByRole('button', { name: 'Hung up' }).click();
  await result('Approved').check();
  await page().getByLabel(/^Strategy call, their time: Los Angeles/).fill(at);
  await page().getByLabel(/^Closer/).selectOption({ label: closer });
  await page().getByRole('button', { name: /^Log and next/ }).click();
}

describe('the strategy call booked from a team desk', () => {
  it('stores the closer chosen, then the next one in turn, with the meeting on PostgreSQL', async () => {
    await tab('Settings');
    const section = page().getByRole('form', { name: 'Team database' });
    await section.getByLabel('Team database URL').fill(team.cluster.url);
    await section.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Connected');

    await tab('Work');
    await page().getByRole('button', { name: 'Start shift' }).click();
    await page().getByLabel('Campaign').selectOption({ label: 'High Ticket (2 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Harbor Fitness');
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    await approve(`${day}T09:00`, 'Max');
    await expect.poll(() => heading().textContent()).toBe('Maple Coaching');
    // Max, chosen, hosts the first at 9:00; round robin gives the second to the next in turn, Cleo.
    await approve(`${day}T09:30`, 'Round robin');
    const meetings = async () =>
      (await team.pool.query('SELECT record_id::int AS record, host, kind FROM appointments ORDER BY id')).rows;
    await expect.poll(meetings).toEqual([
      { record: harbor, host: 'Max', kind: '' },
      { record: maple, host: 'Cleo', kind: '' },
    ]);
    expect((await team.pool.query('SELECT result, late FROM calls ORDER BY ended_at')).rows).toEqual([
      { result: 'approved', late: false },
      { result: 'approved', late: false },
    ]);
  }, 60_000);
});
