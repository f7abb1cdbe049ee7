import { describe, expect, it } from 'vitest';
import { createCampaign, importList } from '../../electron/engine/index.ts';
import { ALL_DAY, fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const NOW = new Date('2026-11-23T18:00:00Z'); // Monday 13:00 for the caller in New York, 10:00 in Los Angeles

/**
 * The result step draws the fields an outcome asks for from the scheme's declarations: B2B's
 * meeting (its date and time in the prospect's zone, named; its kind preset to the first) and
 * Wants Consultant Follow Up's reason; the call panel names the flags the call carries.
 */
describe('the result step asks for the fields the scheme declares', () => {
  const { db, page, shot, heading, result } = appSuite(async (db, dir) => {
    const campaignId = createCampaign(db, {
      name: 'West Coast',
      client: 'Sunny Co',
      region: 'US',
      timezone: 'America/New_York',
      callingWindow: ALL_DAY,
      options: { wantsConsultantFollowUp: true },
    }).id;
    await importList(db, { file: fixture('los-angeles.csv'), campaignId, reportDir: dir });
    return { now: NOW, settings: { callerName: 'Dana', lastCampaignId: campaignId } };
  });
  const status = () => page().getByRole('status').filter({ hasText: 'Last contact' });
  const problem = () => page().getByRole('form', { name: 'Log the call' }).getByRole('alert');
  const pitchedCall = async () => {
    await page().keyboard.press('d');
    await page().getByText(/^On the call/).waitFor();
    await page().keyboard.press('d');
    await page().keyboard.press('p');
    await expect.poll(() => status().textContent()).toMatch(/Last contact: Decision maker.*Marked: Pitched/);
    await page().keyboard.press('h');
  };

  it('books a meeting typed in the prospect\'s time, of the preset kind unless another is chosen', async () => {
    await page().getByRole('button', { name: 'Start shift' }).click();
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Pacific Solar');
    await pitchedCall();
    await result('Appointment Booked').check();
    const form = page().getByRole('form', { name: 'Log the call' });
    expect(await form.getByRole('group', { name: 'Appointment Booked' }).isVisible()).toBe(true);
    const at = form.getByLabel('Meeting date and time, their time: Los Angeles (PST)');
    const kind = form.getByLabel('Meeting kind');
    expect(await kind.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent)).toBe('Face to face');
    // A meeting before now is refused in the scheme's words, and nothing is saved.
    await at.fill('2026-11-20T09:00');
    await expect.poll(() => problem().textContent()).toBe('The meeting must be in the future.');
    expect(await at.getAttribute('aria-invalid')).toBe('true');
    await at.fill('2026-11-25T15:30');
    await kind.selectOption({ label: 'Video' });
    await shot('result-step-appointment');
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Golden Gate Dental');
    // 3:30 pm in Los Angeles is 23:30 UTC; the kind and both fields are kept with the call.
    expect(db().prepare('SELECT at, kind FROM appointments').get()).toEqual({ at: '2026-11-25T23:30:00.000Z', kind: 'video' });
    const call = db().prepare('SELECT result, fields FROM calls').get() as { result: string; fields: string };
    expect(call.result).toBe('appointment_booked');
    expect(JSON.parse(call.fields)).toEqual({ appointment_at: '2026-11-25T23:30:00.000Z', appointment_kind: 'video' });
  });

  it('asks Wants Consultant Follow Up for its reason from the declared options', async () => {
    await pitchedCall();
    await result('Wants Consultant Follow Up').check();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => problem().textContent()).toMatch(/Wants Consultant Follow Up needs a reason: technical questions before a meeting, or an issue or complaint for the client\./);
    expect(await page().getByLabel('Reason').getAttribute('aria-invalid')).toBe('true');
    await page().getByLabel('Reason').selectOption({ label: 'An issue or complaint for the client' });
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Venice Print Co');
    expect(db().prepare(`SELECT reason FROM calls WHERE result = 'wants_consultant_follow_up'`).pluck().get()).toBe('complaint');
  });
});
