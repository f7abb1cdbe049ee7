/**
 * A caller's desk connected to a team database (a throwaway PostgreSQL): the Work view takes
 * the team's records, leased to this desk, dials through begin_dial and logs through the
 * outbox; another desk cannot take the record meanwhile; the header says where the desk works.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { addTeamCaller, addTeamRecords, leaseNext } from '../../electron/engine/team/index.ts';
import { teamCampaign, teamSuite } from '../team/team.ts';
import { violations } from './axe.ts';
import { appSuite } from './harness.ts';

const team = teamSuite();
const { app, page, shot, tab, heading, result } = appSuite(() => ({ now: new Date(), settings: { callerName: 'Dana' } }));
let campaignId = 0;
let alpha = 0;
let beta = 0;
let omar = 0;
beforeAll(async () => {
  campaignId = await teamCampaign(team.pool, { name: 'Team desk' });
  [alpha = 0, beta = 0] = await addTeamRecords(team.pool, campaignId, 'list', [
    { company: 'Alpha Co', phones: ['+1 212 555 0701'] },
    { company: 'Beta Co', phones: ['+1 212 555 0702'] },
  ]);
  await addTeamCaller(team.pool, 'Dana');
  omar = await addTeamCaller(team.pool, 'Omar');
});

describe('the Work view on a team database', () => {
  it('takes a team record held for this desk, dials it and logs the call to the team database', async () => {
    await tab('Settings');
    const section = page().getByRole('form', { name: 'Team database' });
    await section.getByLabel('Team database URL').fill(team.cluster.url);
    await section.getByRole('button', { name: 'Connect', exact: true }).click();
    await expect.poll(() => section.getByText('Status:').textContent()).toBe('Status: Connected');
    // Said on every screen: where the desk works.
    const where = page().getByRole('banner').getByRole('status');
    await expect.poll(() => where.textContent()).toBe(`Team: 127.0.0.1:${team.cluster.port}/outcall, connected`);

    await tab('Work');
    await page().getByRole('button', { name: 'Start shift' }).click();
    await page().getByLabel('Campaign').selectOption({ label: 'Team desk (2 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Alpha Co');

    // Meanwhile another desk asks for a record: it is given the next one, never Alpha Co.
    const elsewhere = await leaseNext(team.pool, { campaignId, callerId: omar, leaseSeconds: 600 });
    expect(elsewhere?.id).toBe(beta);

    await page().keyboard.press('d');
    await expect.poll(() => app().opened).toEqual(['tel:+12125550701']);
    // The call panel is live before the next key.
    await expect.poll(() => page().getByLabel('Call time').isVisible()).toBe(true);
    await page().keyboard.press('n');
    await result('No Contact (Call Back)').check();
    await page().getByLabel('Notes').fill('Rang out, try after lunch.');
    await shot('team-desk-call');
    await page().getByRole('button', { name: /^Log and next/ }).click();

    const message = page().getByRole('status').filter({ hasText: 'Logged Alpha Co: No Contact (Call Back). Sent to the team database.' });
    await message.waitFor();
    // Undo takes the call back from the team database: the record is Dana's again, the result step as it was.
    await message.getByRole('button', { name: 'Undo' }).click();
    await page().getByText('Undone: Alpha Co is back as it was before the log.').waitFor();
    expect(await heading().textContent()).toBe('Alpha Co');
    const calls = async () => (await team.pool.query('SELECT count(*)::int AS n FROM calls WHERE record_id = $1', [alpha])).rows[0]?.n;
    expect(await calls()).toBe(0);
    expect((await team.pool.query('SELECT k.name FROM records r JOIN callers k ON k.id = r.leased_by WHERE r.id = $1', [alpha])).rows).toEqual([{ name: 'Dana' }]);
    expect(await page().getByLabel('Notes').inputValue()).toBe('Rang out, try after lunch.');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await message.waitFor();
    expect(await calls()).toBe(1);
    const { rows } = await team.pool.query(
      'SELECT k.name AS caller, c.result, c.notes, c.late FROM calls c JOIN callers k ON k.id = c.caller_id WHERE c.record_id = $1',
      [alpha],
    );
    expect(rows).toEqual([{ caller: 'Dana', result: 'no_contact', notes: 'Rang out, try after lunch.', late: false }]);
    // Nothing of it on the desk's own file but the outbox entries they were sent from (the undone one's too).
    expect(app().db().prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
    expect(app().db().prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get()).toBe(2);
    // The team's only other record is Omar's: nothing more for Dana now, and her shift counts the dial.
    await page().getByText(/^Nothing to call right now/).waitFor();
    const dials = page().getByRole('region', { name: 'Shift' }).locator('dl div', { has: page().getByText('Dials', { exact: true }) }).getByRole('definition');
    await expect.poll(() => dials.textContent()).toBe('1');
    expect(await violations(app())).toEqual([]);
    await shot('team-desk-logged');
  }, 60_000);
});
