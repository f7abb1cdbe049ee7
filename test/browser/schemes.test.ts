import { describe, expect, it } from 'vitest';
import { createCampaign, findCampaign, logCall } from '../../electron/engine/index.ts';
import { SCHEMES } from '../../shared/schemes/index.ts';
import { seed, us } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

/** A manager chooses a campaign's outcome scheme in its settings; once calls are logged it stays. */
describe('the outcome scheme of a campaign', () => {
  const { db, page, shot, tab } = appSuite(async (db) => {
    const called = createCampaign(db, { name: 'Called', region: 'US', timezone: 'America/New_York', callingWindow: { mon: { start: '00:00', end: '23:59' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } });
    const [id = 0] = await seed(db, called, [{ company: 'A', phone: us(1) }]);
    logCall(db, { recordId: id, caller: 'Morgan', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: MON });
    return { now: MON, settings: { callerName: 'Morgan' } };
  });

  it('is chosen from the schemes when a campaign is created, B2B by default', async () => {
    await tab('Campaigns');
    await page().getByRole('combobox', { name: 'Campaign', exact: true }).selectOption({ label: 'New campaign…' });
    const scheme = page().getByRole('combobox', { name: 'Outcome scheme' });
    expect(await scheme.isEnabled()).toBe(true);
    expect(await scheme.locator('option').allTextContents()).toEqual(SCHEMES.map((s) => s.name));
    expect(await scheme.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('B2B appointment setting');
    expect(await page().getByText('Seed 003: how to log call results').isVisible()).toBe(true);
    await page().getByLabel('Name', { exact: true }).fill('Fresh');
    await page().getByRole('button', { name: 'Create campaign' }).click();
    await expect.poll(() => db().prepare(`SELECT scheme_id FROM campaigns WHERE name = 'Fresh'`).pluck().get()).toBe('b2b-appointment-setting');
    await shot('campaign-scheme');
  });

  it('cannot change once calls are logged, and says why', async () => {
    await page().getByRole('combobox', { name: 'Campaign', exact: true }).selectOption({ label: 'Called' });
    await expect.poll(() => page().getByText('1 call is logged with this scheme: it stays.').isVisible()).toBe(true);
    expect(await page().getByRole('combobox', { name: 'Outcome scheme' }).isDisabled()).toBe(true);
    expect(findCampaign(db(), 'Called').schemeId).toBe('b2b-appointment-setting');
  });
});
