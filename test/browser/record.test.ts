import { describe, expect, it } from 'vitest';
import { createCampaign, getCampaign, getRecord, importList, logCall } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const DAY = 86_400_000;
const LONG_NOTE = 'Spoke to the office manager who said the facilities director, Lee, decides; she is in on Mondays and prefers calls before eleven. '.repeat(3) + 'https://www.northeastern-consolidated.example/a/very/long/path/that/never/breaks/anywhere/on/its/own';

/**
 * What a caller sees before and during the call: the record card of a returning record, the
 * talk track, correcting a record, and follow-ups that open their record.
 */
describe('the record card, the talk track, corrections and follow-ups', () => {
  let campaignId: number;
  let ids: number[];
  const { db, app, page, shot, tab, heading } = appSuite(async (db, dir) => {
    campaignId = createCampaign(db, { name: 'HVAC NY', client: 'CoolCo', region: 'US', timezone: 'America/New_York', options: { script: 'Hi {contact}, this is {caller} calling about {company}.\nDo you look after the cooling plant?' } }).id;
    const s = await importList(db, { file: fixture('long-values.csv'), campaignId, reportDir: dir });
    expect(s.imported).toBe(3);
    ids = db.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
    // Last week: the long-named company was called (a long note), Short Co became a lead due today.
    const lastWeek = new Date(MON.getTime() - 7 * DAY);
    logCall(db, { recordId: ids[0] ?? 0, caller: 'Dana', events: ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], result: 'no_contact', notes: LONG_NOTE, at: lastWeek });
    logCall(db, { recordId: ids[1] ?? 0, caller: 'Dana', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up', followUpAt: new Date(MON.getTime() - 3_600_000), notes: 'Send the brochure, call back next Monday.', at: lastWeek });
    logCall(db, { recordId: ids[2] ?? 0, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date(lastWeek.getTime() + 3_600_000) });
    return { now: MON, settings: { callerName: 'Dana', lastCampaignId: campaignId } };
  });
  const card = () => page().getByRole('article');

  it('follow-ups open a task\'s record in the workspace, ready to call', async () => {
    await tab(/Follow-ups/);
    const due = page().getByRole('table', { name: /Due now \(1\)/ });
    const open = due.getByRole('button', { name: 'Open Short Co to call' });
    // Calls are made inside a shift.
    expect(await open.isDisabled()).toBe(true);
    expect(await open.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Start your shift (top right) to open a record and call it.');
    await page().getByRole('button', { name: 'Start shift' }).click();
    await open.click();
    await expect.poll(() => heading().textContent()).toBe('Short Co');
    expect(await page().getByRole('tab', { name: /Work/ }).getAttribute('aria-selected')).toBe('true');
    expect(await card().getByText('Follow-up due', { exact: true }).isVisible()).toBe(true);
    expect(db().prepare('SELECT locked_by FROM records WHERE id = ?').pluck().get(ids[1])).not.toBeNull();
    // The last call's note comes first on a returning record.
    const last = card().getByRole('region', { name: 'Last call' });
    expect(await last.getByText('Send the brochure, call back next Monday.').isVisible()).toBe(true);
    // When it was made, in the prospect's zone, named (10:00 there, 15:00 UTC).
    expect(await last.getByText(/^Mon, Nov 16, 10:00 AM New York \(EST\) · /).isVisible()).toBe(true);
    await page().getByRole('button', { name: 'Dial (201) 555-0132' }).click();
    await expect.poll(() => app().opened).toEqual(['tel:+12015550132']);
    await page().getByRole('button', { name: /^DM answered/ }).click();
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await page().getByRole('radio', { name: /Follow Up/ }).first().check();
    await page().getByRole('button', { name: '1 week' }).click();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => db().prepare('SELECT count(*) FROM calls WHERE record_id = ?').pluck().get(ids[1])).toBe(2);
  });

  it('the talk track is shown beside the call, filled in, and the long record wraps instead of scrolling sideways', async () => {
    // The queue brings the long-named company back (its retry is due longest).
    await expect.poll(() => heading().textContent()).toMatch(/^Northeastern Consolidated/);
    const track = page().getByRole('region', { name: 'Talk track' });
    expect(await track.textContent()).toBe('Talk trackHi Lee Park, this is Dana calling about Northeastern Consolidated Commercial Refrigeration, Heating, Ventilation and Air Conditioning Maintenance Services Incorporated.\nDo you look after the cooling plant?');
    const last = card().getByRole('region', { name: 'Last call' });
    expect(await last.getByText(/prefers calls before eleven/).isVisible()).toBe(true);
    // Nothing on the card is wider than the card.
    const overflow = await card().evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBe(0);
    expect(await page().evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    // The long card scrolls inside itself: the screen stays put, the call and the talk track in view.
    expect(await card().evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    expect(await page().evaluate(() => { const m = document.querySelector('main'); return !!m && m.scrollHeight <= m.clientHeight + 1; })).toBe(true);
    await shot('work-returning-record');
  });

  it('the caller corrects the record: numbers validated to E.164, the DM added, each change in its history', async () => {
    await card().getByRole('button', { name: 'Correct this record…' }).click();
    const form = page().getByRole('form', { name: 'Correct this record' });
    await form.getByLabel('Add a number').fill('555-01');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Number: "555-01" is not a valid US number (read as a US number unless it starts with +).');
    expect(getRecord(db(), ids[0] ?? 0).changes).toEqual([]);
    await form.getByLabel('Number to fix').selectOption({ label: 'Phone: +12015550131' });
    await form.getByLabel('Correct number').fill('(201) 555-0141');
    await form.getByLabel('Add a number').fill('');
    await form.getByLabel("Decision maker's name").fill('Lee Park');
    await form.getByLabel("Decision maker's role").fill('Facilities Director');
    await form.getByLabel("Decision maker's direct line").fill('201-555-0142 ext 7');
    await shot('record-correction');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    const r = getRecord(db(), ids[0] ?? 0);
    expect(r.phones.map((p) => [p.label, p.e164, p.extension])).toEqual([['Phone', '+12015550141', null], ['DM direct line', '+12015550142', '7']]);
    expect(r.title).toBe('Facilities Director');
    const history = card().getByRole('list', { name: 'History' });
    expect(await history.getByText(/Dana corrected Number: \+12015550131 → \+12015550141/).isVisible()).toBe(true);
    expect(await history.getByText(/Dana corrected Decision maker's role: added Facilities Director/).isVisible()).toBe(true);
    // The new numbers can be dialled at once.
    await page().getByRole('button', { name: 'Dial (201) 555-0142' }).click();
    await expect.poll(() => app().opened.at(-1)).toBe('tel:+12015550142');
    await shot('record-corrected');
    // The line dialled was wrong: corrected during the call, the call in hand is kept and can
    // still be logged (next test).
    await card().getByRole('button', { name: 'Correct this record…' }).click();
    await form.getByLabel("Decision maker's direct line").fill('201-555-0143');
    await form.getByRole('button', { name: 'Save correction' }).click();
    await expect.poll(() => form.isVisible()).toBe(false);
    expect(await page().getByRole('button', { name: /^Hung up/ }).isEnabled()).toBe(true);
  });

  it('the campaign selector\'s open count follows each log', async () => {
    const select = page().getByLabel('Campaign');
    // Short Co's Follow Up above put it back in play: 2 open became 3.
    expect(await select.locator('option:checked').textContent()).toBe('HVAC NY (3 open)');
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await page().getByRole('radio', { name: /Wrong Number/ }).check();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => select.locator('option:checked').textContent()).toBe('HVAC NY (2 open)');
    await expect.poll(() => heading().textContent()).toBe('Third Co');
    // Logged against the record: the number dialled is no longer one of its numbers.
    expect(db().prepare('SELECT record_id AS recordId, phone, result FROM calls ORDER BY id DESC LIMIT 1').get()).toEqual({ recordId: ids[0], phone: null, result: 'wrong_number' });
  });

  it('the talk track is edited in campaign settings', async () => {
    await tab('Campaigns');
    const field = page().getByLabel(/^Talk track/);
    await expect.poll(() => field.inputValue()).toMatch(/^Hi \{contact\}, this is \{caller\}/);
    await field.fill('Good morning {contact}, {caller} from CoolCo.');
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => getCampaign(db(), campaignId).options.script).toBe('Good morning {contact}, {caller} from CoolCo.');
    await shot('campaign-talk-track');
    await field.fill('x'.repeat(10_001));
    expect((await field.inputValue()).length).toBe(10_000);
  });
});
