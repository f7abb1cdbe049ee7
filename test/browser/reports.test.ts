import { describe, expect, it } from 'vitest';
import { addDnc, createCampaign, endShift, importList, localDate, logCall, startShift } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const minutes = (m: number) => new Date(MON.getTime() + m * 60_000);

/**
 * Supervisors and managers see the campaign: list progress, per-caller figures with a chart,
 * the trend by day, and every filter narrowing every figure on the screen.
 */
describe('reports for supervisors', () => {
  const { page, shot, tab } = appSuite(async (db, dir) => {
    const solar = createCampaign(db, { name: 'Solar', region: 'US', timezone: 'America/New_York' });
    const water = createCampaign(db, { name: 'Water', region: 'US', timezone: 'America/New_York' });
    await importList(db, { file: fixture('twenty-records.csv'), campaignId: solar.id, reportDir: dir });
    await importList(db, { file: fixture('long-values.csv'), campaignId: water.id, reportDir: dir });
    const s = db.prepare('SELECT id FROM records WHERE campaign_id = ? ORDER BY id').pluck().all(solar.id) as number[];
    const w = db.prepare('SELECT id FROM records WHERE campaign_id = ? ORDER BY id').pluck().all(water.id) as number[];
    const log = (id: number | undefined, caller: string, events: string, result: string, m: number, extra: object = {}) =>
      logCall(db, { recordId: id ?? 0, caller, events: events.split(' ') as never, result, at: minutes(m), ...extra });
    // Alex: 4 hours, 4 Solar calls and 1 Water call. Bea: 2 hours, 1 Solar call.
    startShift(db, 'Alex', minutes(0));
    log(s[0], 'Alex', 'DIAL NO_ANSWER', 'no_contact', 10);
    log(s[1], 'Alex', 'DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact', 20);
    log(s[2], 'Alex', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_only', 30);
    log(s[3], 'Alex', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'appointment_booked', 40, { appointmentAt: new Date(MON.getTime() + 3 * 86_400_000) });
    log(w[0], 'Alex', 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', 50);
    endShift(db, 'Alex', minutes(240));
    startShift(db, 'Bea', minutes(0));
    log(s[4], 'Bea', 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', 15);
    endShift(db, 'Bea', minutes(120));
    addDnc(db, '(201) 555-0120', { region: 'US', by: 'x', reason: '', now: MON });
    return { now: minutes(300), settings: { callerName: 'Morgan' } };
  });
  const row = (table: string | RegExp, name: RegExp) => page().getByRole('table', { name: table }).getByRole('row', { name });
  const cells = async (table: string | RegExp, name: RegExp) => (await row(table, name).locator('th, td').allTextContents()).map((t) => t.trim());
  const foot = () => page().getByRole('table', { name: 'Shift totals' }).locator('tfoot tr > *').allTextContents();

  it('per-caller figures as a table and a chart, the trend by day, list progress', async () => {
    await tab('Reports');
    const day = localDate(MON, 'America/New_York'); // the window's own day: reports read days in its zone
    await page().getByLabel('From', { exact: true }).fill(day);
    await page().getByLabel('To', { exact: true }).fill(day);
    await page().getByLabel('Campaign').selectOption({ label: 'All campaigns' });
    await expect.poll(() => cells('Figures per caller', /^Alex/)).toEqual(['Alex', '5', '80%', '60%', '66.7%', '1', '1', '4', '1.3']);
    expect(await cells('Figures per caller', /^Bea/)).toEqual(['Bea', '1', '100%', '100%', '0%', '0', '0', '2', '0.5']);
    expect(await page().getByRole('img', { name: /Contact, DM and pitch rate per caller/ }).isVisible()).toBe(true);
    await page().getByText('Trend as a table').click();
    expect(await cells('Trend by day', new RegExp(`^${day}`))).toEqual([day, '6', '5', '4', '2', '1', '1']);
    expect(await page().getByRole('img', { name: /per day/ }).isVisible()).toBe(true);
    expect(await cells(/List progress/, /twenty-records/)).toEqual(['Solar', 'twenty-records.csv', '20', '14', '2', '3', '1', '25%', '0.25']);
    expect(await cells(/List progress/, /long-values/)).toEqual(['Water', 'long-values.csv', '3', '2', '0', '1', '0', '33.3%', '0.33']);
    expect((await foot()).slice(0, 2)).toEqual(['Total', '2 callers']);
    await shot('reports-figures');
  });

  it('the campaign filter narrows every figure, the shift totals too', async () => {
    await page().getByLabel('Campaign').selectOption({ label: 'Water' });
    // Only Alex called Water: one shift, one dial, "1 caller".
    await expect.poll(async () => (await foot()).slice(0, 2)).toEqual(['Total', '1 caller']);
    expect((await foot())[6]).toBe('1'); // date, caller, start, end, shift, hours, dials
    expect(await cells('Funnel', /^Dials/)).toEqual(['Dials', '1', '']);
    expect(await cells('Figures per caller', /^Alex/)).toEqual(['Alex', '1', '100%', '100%', '0%', '0', '0', '4', '0.3']);
    expect(await page().getByRole('table', { name: 'Figures per caller' }).getByRole('row', { name: /^Bea/ }).count()).toBe(0);
    expect(await page().getByRole('heading', { name: /Outcome mix/ }).textContent()).toBe('Outcome mix (1 call)');
    expect(await page().getByRole('table', { name: /List progress/ }).getByRole('row').count()).toBe(2);
    expect((await cells('Trend by day', /^\d{4}-/))[1]).toBe('1');
    await page().getByRole('button', { name: '1 Dials, all shifts: show the calls' }).click();
    await expect.poll(() => page().getByRole('region', { name: /Dials, all shifts/ }).getByRole('heading').textContent()).toBe('Dials, all shifts: 1 call');
    await shot('reports-campaign-filter');
  });

  it('the caller filter narrows every figure', async () => {
    await page().getByLabel('Campaign').selectOption({ label: 'All campaigns' });
    await page().getByRole('combobox', { name: /^Caller/ }).selectOption('Bea');
    await expect.poll(async () => (await foot()).slice(0, 2)).toEqual(['Total', '1 caller']);
    expect(await cells('Funnel', /^Dials/)).toEqual(['Dials', '1', '']);
    expect(await page().getByRole('table', { name: 'Figures per caller' }).getByRole('row').count()).toBe(2);
    expect(await page().getByRole('heading', { name: /Outcome mix/ }).textContent()).toBe('Outcome mix (1 call)');
  });

  it("the campaign's scheme's rates, for the campaign and per caller, each with its definition; a flag's count opens only its calls", async () => {
    await page().getByRole('combobox', { name: /^Caller/ }).selectOption({ label: 'All callers' });
    await page().getByLabel('Campaign').selectOption({ label: 'Solar' });
    // Solar: 5 dials, 4 reached anyone, 3 the DM, 2 pitched, 1 new lead, 1 appointment.
    await expect.poll(() => cells('Rates for the campaign', /^Contact rate/)).toEqual(['Contact rate', '80%', 'Calls that reached anyone (reception or the DM) per dial.']);
    expect(await cells('Rates for the campaign', /^DM rate/)).toEqual(['DM rate', '60%', 'Calls that reached the decision maker per dial.']);
    expect(await cells('Rates for the campaign', /^Pitch rate/)).toEqual(['Pitch rate', '66.7%', 'Pitches per DM contact.']);
    expect((await cells('Rates for the campaign', /^Lead rate/))[1]).toBe('50%');
    const header = page().getByRole('table', { name: 'Rates for the campaign' }).getByRole('rowheader', { name: 'Appointment rate' });
    expect(await header.evaluate((h) => document.getElementById(h.getAttribute('aria-describedby') ?? '')?.textContent)).toBe('Appointments booked per pitch.');
    expect(await cells('Rates by caller', /^Alex/)).toEqual(['Alex', '75%', '50%', '100%', '50%', '50%']);
    expect(await cells('Rates by caller', /^Bea/)).toEqual(['Bea', '100%', '100%', '0%', '–', '–']);
    await shot('reports-rates');
    // Pitches count the calls carrying the pitched flag: the two pitched calls, not all five.
    await page().getByRole('button', { name: '2 Pitches, all shifts: show the calls' }).click();
    await expect.poll(() => page().getByRole('region', { name: /Pitches, all shifts/ }).getByRole('heading').textContent()).toBe('Pitches, all shifts: 2 calls');
    // Each call with the outcomes chosen for it, in its scheme's words.
    const rows = page().getByRole('region', { name: /Pitches, all shifts/ }).getByRole('row');
    expect(await rows.evaluateAll((trs) => trs.slice(1).map((tr) => tr.children[4]?.textContent))).toEqual(['Appointment Booked', 'Email Only']);
  });
});
