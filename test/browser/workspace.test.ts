import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCampaign, importList, queueFor } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const DAY = 86_400_000;

/**
 * A caller works a 20-record list through the seed's scenarios, in Debian's Chromium, against
 * the built renderer and the real engine. One app for the whole story, as a shift would be.
 */
describe('a caller works a 20-record list', () => {
  let campaignId: number;
  const { db, dir, app, page, shot, tab, heading, result } = appSuite(async (db, dir) => {
    const c = createCampaign(db, {
      name: 'Solar NY',
      client: 'Sunny Co',
      region: 'US',
      timezone: 'America/New_York',
      options: {
        qualification: 'Owner-occupied commercial roof, 10 to 200 staff.',
        introEmail: { subject: 'Solar for {company}', body: 'Hi {contact}, as promised. {caller}, for {client}' },
      },
    });
    campaignId = c.id;
    const s = await importList(db, { file: fixture('twenty-records.csv'), campaignId: c.id, reportDir: dir });
    expect(s.imported).toBe(20);
    return { now: MON, settings: { callerName: 'Dana' } };
  });

  /** Dial by keyboard and wait until the call is on. */
  const dialKey = async () => {
    await page().keyboard.press('d');
    await page().getByText(/^On the call/).waitFor();
  };

  it('starts a shift, picks the campaign and gets the first record', async () => {
    // No records before the shift starts: the timesheet must hold every call.
    expect(await page().getByRole('button', { name: 'Next record' }).isDisabled()).toBe(true);
    expect(await page().getByText('Start your shift (top right) to take records.').isVisible()).toBe(true);
    await page().getByRole('button', { name: 'Start shift' }).click();
    await expect.poll(() => page().getByText('On shift since').isVisible()).toBe(true);
    await page().getByLabel('Campaign').selectOption({ label: 'Solar NY (20 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Hudson Roofing');
    expect(await page().getByText('Owner-occupied commercial roof').isVisible()).toBe(true);
    expect(await page().getByText('Their time Mon 10:00').isVisible()).toBe(true);
    await shot('work-record');
  });

  it('reception blocks: the whole call by keyboard, logged No Contact', async () => {
    await dialKey();
    await expect.poll(() => app().opened).toEqual(['tel:+12015550101']);
    await page().keyboard.press('r');
    expect(await page().getByRole('status').filter({ hasText: 'Last contact' }).textContent()).toContain('Reception');
    await page().keyboard.press('h');
    // Only a DM can be not interested: reception gets no such choice.
    expect(await result('Not Interested - No Pitch').count()).toBe(0);
    expect(await result('Pitched - Not Interested').count()).toBe(0);
    await page().keyboard.press('n');
    expect(await result('No Contact').isChecked()).toBe(true);
    await shot('result-picker-reception');
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Bronx Bakery Supply');
    expect(db().prepare(`SELECT result, contact_level FROM calls`).all()).toEqual([{ result: 'no_contact', contact_level: 'reception' }]);
  });

  it('DM pitched: Email Follow Up with a two-week task, and the intro email opened', async () => {
    await page().getByRole('button', { name: 'Dial (201) 555-0102' }).click();
    await page().getByRole('button', { name: /^Reception answered/ }).click();
    await page().getByRole('button', { name: /^Put through/ }).click();
    await page().getByRole('button', { name: /^DM answered/ }).click();
    await page().getByRole('button', { name: /^Pitched/ }).click();
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await result('Email Follow Up').check();
    // Quick picks outside the 3-28 day window are not offered.
    expect(await page().getByRole('button', { name: '1 month' }).isDisabled()).toBe(true);
    await page().getByRole('button', { name: '2 weeks' }).click();
    await page().getByLabel('Notes').fill('Wants a quote for the warehouse roof.');
    await shot('result-picker-email-follow-up');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => heading().textContent()).toBe('Queens Dental Group');
    const task = db().prepare(`SELECT t.due_at AS dueAt FROM tasks t JOIN records r ON r.id = t.record_id WHERE r.company = 'Bronx Bakery Supply'`).get() as { dueAt: string };
    expect(task.dueAt).toBe(new Date(MON.getTime() + 14 * DAY).toISOString());
    expect(app().opened.at(-1)).toBe('mailto:ben@bronx.example?subject=Solar%20for%20Bronx%20Bakery%20Supply&body=Hi%20Ben%20Bronx%2C%20as%20promised.%20Dana%2C%20for%20Sunny%20Co');
  });

  it('refuses a follow-up date outside the window with the rulebook message', async () => {
    // Queens Dental: pitched, then a six-week call back typed as Email Follow Up.
    await dialKey();
    await page().keyboard.press('d');
    await page().keyboard.press('p');
    await page().keyboard.press('h');
    await result('Email Follow Up').check();
    await page().getByLabel('Call back on').fill('2027-01-04T10:00');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => page().getByRole('alert').filter({ hasText: 'use Nurture' }).first().textContent()).toMatch(/42 days out: use Nurture - Email Sent/);
    expect(await heading().textContent()).toBe('Queens Dental Group');
    await result('Nurture - Email Sent').check();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => heading().textContent()).toBe('Albany Print Works');
  });

  it('Remove From Database: the numbers go on do-not-call and never come up again, also after re-importing', async () => {
    await dialKey();
    await page().keyboard.press('r');
    await page().keyboard.press('h');
    // R was Reception answered a moment ago: after the call it picks nothing final.
    await page().keyboard.press('r');
    expect(await result('Remove From Database').isChecked()).toBe(false);
    await result('Remove From Database').check();
    await page().keyboard.press('Control+Enter');
    // It cannot be taken back by calling again: it asks first, naming the numbers.
    const ask = page().getByRole('alertdialog', { name: 'Remove From Database?' });
    await expect.poll(() => ask.textContent()).toMatch(/on the do-not-call list: \(201\) 555-0104\./);
    await shot('confirm-remove');
    await ask.getByRole('button', { name: 'Yes, Remove From Database' }).click();
    await expect.poll(() => heading().textContent()).toBe('Buffalo Freight');
    expect(db().prepare('SELECT e164 FROM dnc').pluck().all()).toEqual(['+12015550104']);
    // A later list with the same company, its number written another way.
    const again = join(dir(), 'again.csv');
    writeFileSync(again, 'Company,Phone\nAlbany Print Works,+1 201-555-0104\nNew Co,(201) 555-0150\n');
    const s = await importList(db(), { file: again, campaignId, reportDir: dir() });
    expect(s).toMatchObject({ imported: 1, onDoNotCall: 1 });
    const all = queueFor(db(), campaignId, { at: new Date(MON.getTime() + 30 * DAY), limit: 100 });
    expect(all.flatMap((q) => q.phones)).not.toContain('+12015550104');
  });

  it('shows the shift totals on screen and in the exported file', async () => {
    const totals = page().getByRole('region', { name: 'Shift' }).locator('dl[aria-label="Shift totals"]');
    const value = (name: string) => totals.locator('div', { has: page().getByText(name, { exact: true }) }).getByRole('definition').textContent();
    await expect.poll(() => value('Dials')).toBe('4');
    expect(await value('DM contacts')).toBe('2');
    expect(await value('Pitches')).toBe('2');
    expect(await value('Leads')).toBe('2');
    expect(await value('Appointments')).toBe('0');
    await shot('shift-bar');
    await page().getByRole('button', { name: 'Export shift CSV' }).click();
    await expect.poll(() => app().saved.length).toBe(1);
    const csv = readFileSync(app().saved[0] ?? '', 'utf8').trim().split('\r\n');
    const header = csv[0]?.split(',') ?? [];
    const row = Object.fromEntries((csv[1]?.split(',') ?? []).map((v, i) => [header[i], v]));
    expect(row).toMatchObject({ caller: 'Dana', dials: '4', reception_contacts: '2', dm_contacts: '2', pitches: '2', leads: '2', email_follow_up: '1', nurture: '1', appointments: '0', result_no_contact: '1', result_remove_from_database: '1' });
    await page().getByRole('button', { name: 'Copy summary' }).click();
    await expect.poll(() => app().copied.at(-1)).toMatch(/Dana .*: 4 dials, 2 reception, 2 DM, 2 pitches, 2 leads \(Email Only 0, Email Follow Up 1, Nurture 1\), 0 appointments/);
    await page().getByRole('button', { name: 'Let go of this record' }).click();
    await page().getByRole('button', { name: 'End shift' }).click();
    await expect.poll(() => page().getByText('Not on shift').isVisible()).toBe(true);
  });

  it('two weeks on, the due follow-up comes back first and must be logged Follow Up', async () => {
    await app().setNow(new Date(MON.getTime() + 14 * DAY + 3_600_000)); // Monday two weeks on, 11:00
    await page().getByRole('button', { name: 'Start shift' }).click();
    await tab(/Follow-ups/);
    await expect.poll(() => page().getByRole('table').first().textContent()).toContain('Bronx Bakery Supply');
    // The due time is the prospect's, with their zone named.
    expect(await page().getByRole('table').first().getByRole('row', { name: /Bronx Bakery Supply/ }).textContent()).toMatch(/New York \((EST|GMT-5)\)/);
    await shot('follow-ups');
    await tab(/Work/);
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Bronx Bakery Supply');
    expect(await page().getByText('Follow-up due', { exact: true }).isVisible()).toBe(true);
    expect(await page().getByText('Existing lead').isVisible()).toBe(true);
    await dialKey();
    await page().keyboard.press('r');
    await page().keyboard.press('h');
    expect(await result('No Contact').count()).toBe(0);
    expect(await result('Follow Up').isVisible()).toBe(true);
    await result('Follow Up').check();
    await page().getByRole('button', { name: '1 week' }).click();
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Buffalo Freight');
    const calls = db().prepare(`SELECT c.result, c.new_lead AS newLead FROM calls c JOIN records r ON r.id = c.record_id WHERE r.company = 'Bronx Bakery Supply' ORDER BY c.id`).all();
    expect(calls).toEqual([{ result: 'email_follow_up', newLead: 1 }, { result: 'follow_up', newLead: 0 }]);
  });

  it('outside calling hours nothing is offered, and a held record cannot be dialled, saying why', async () => {
    // Buffalo Freight is on screen since 11:00; at 17:05 in New York its hours are over.
    await app().setNow(new Date(MON.getTime() + 14 * DAY + 7 * 3_600_000 + 5 * 60_000));
    await page().keyboard.press('d');
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/Outside calling hours for this record \(America\/New_York\)/);
    const dial = page().getByRole('button', { name: 'Dial (201) 555-0105' });
    // The refusal comes back first; the card's hours check follows it.
    await expect.poll(() => dial.isDisabled()).toBe(true);
    // The disabled button says why, as its accessible description.
    const why = await dial.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(why).toBe('Outside calling hours for this record (America/New_York).');
    await shot('work-cannot-dial');
    await page().getByRole('button', { name: 'Let go of this record' }).click();
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => page().getByText('Nothing to call right now').isVisible()).toBe(true);
  });

  it('the cheat sheet, settings and the dark theme', async () => {
    await tab('Cheat sheet');
    expect(await page().getByRole('rowheader', { name: 'Email Follow Up' }).isVisible()).toBe(true);
    await shot('cheat-sheet');
    await page().keyboard.press('Alt+8');
    await page().getByLabel('Softphone').selectOption({ label: 'SIP address (sip:number@domain)' });
    await page().getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/SIP hand-off needs the SIP domain/);
    await page().getByLabel('SIP domain').fill('pbx.example.com');
    await page().getByLabel('Theme').selectOption('dark');
    await page().getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page().evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await shot('settings-dark');
    await page().keyboard.press('Alt+1');
    await app().setNow(new Date(MON.getTime() + 15 * DAY)); // Tuesday 10:00
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Buffalo Freight');
    await page().keyboard.press('d');
    await expect.poll(() => app().opened.at(-1)).toBe('sip:+12015550105@pbx.example.com');
    await shot('work-dark');
  });
});
