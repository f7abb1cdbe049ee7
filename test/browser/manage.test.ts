import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCampaign, endShift, funnel, getCampaign, localDate, logCall, shiftTotals, startShift, updateCampaign } from '../../electron/engine/index.ts';
import { counts, fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const minutes = (m: number) => new Date(MON.getTime() + m * 60_000);

/**
 * Campaign managers and supervisors: the import wizard, campaign settings, the do-not-call
 * screen and the reports, in Chromium over the real handlers and engine.
 */
describe('managers and supervisors', () => {
  let campaignId: number;
  const { db, dir, app, page, shot, tab } = appSuite((db) => {
    campaignId = createCampaign(db, { name: 'Hospitals', client: 'MedCo', region: 'US', timezone: 'America/New_York' }).id;
    return { now: MON, settings: { callerName: 'Morgan' } };
  });
  const cell = (table: string, row: string) => page().getByRole('table', { name: table }).getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell');

  it('the import wizard: preview, mapping, a dry run that writes nothing, then the import', async () => {
    await tab('Import');
    app().pick.next = fixture('us-extensions.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    // The wizard knows the file by its name and main's token, never by its path.
    expect(await page().getByText('us-extensions.csv · CSV').count()).toBe(1);
    expect(await page().getByText(fixture('us-extensions.csv')).count()).toBe(0);
    expect(await page().getByLabel('Map column company_name').inputValue()).toBe('company');
    expect(await page().getByLabel('Map column phone_work').inputValue()).toBe('phone');
    await page().getByLabel('Map column title').selectOption('custom');
    await shot('import-preview');

    const before = counts(db());
    await page().getByRole('button', { name: 'Dry run' }).click();
    const dry = page().getByRole('region', { name: 'Dry run result' });
    await dry.waitFor();
    expect(await dry.getByRole('row', { name: /Would be callable/ }).getByRole('cell').textContent()).toBe('6');
    expect(await dry.getByRole('row', { name: /No valid phone number/ }).getByRole('cell').textContent()).toBe('3');
    expect(await dry.getByText('Row 4: No valid phone number ("1-589-233-6081" is not a valid US number)').isVisible()).toBe(true);
    expect(counts(db())).toEqual(before);
    await shot('import-dry-run');

    await page().getByRole('button', { name: 'Import', exact: true }).click();
    const done = page().getByRole('region', { name: 'Import result' });
    await done.waitFor();
    expect(await done.getByRole('row', { name: /Callable records imported/ }).getByRole('cell').textContent()).toBe('6');
    expect(counts(db()).records).toBe(6);
    expect(db().prepare(`SELECT custom FROM records WHERE company = 'Acme'`).pluck().get()).toBe('{"id":"2","title":"CTO"}');
    await page().getByRole('button', { name: 'Save error report…' }).click();
    await expect.poll(() => app().saved.at(-1) ?? '').toMatch(/import-errors-\d+\.csv$/);
    expect(readFileSync(app().saved.at(-1) ?? '', 'utf8')).toContain('"""1-589-233-6081"" is not a valid US number"');
    await shot('import-done');
  });

  it('a malformed file is refused with its reason and leaves the database unchanged', async () => {
    const before = counts(db());
    // Too broken to preview.
    app().pick.next = fixture('unclosed-quote.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/cannot be read at row 3 \(after 2 rows\): a quoted field is never closed/);
    // Fine at the top, broken further down: the import fails part-way and keeps nothing.
    const late = join(dir(), 'broken-late.csv');
    const rows = ['Company,Phone'];
    for (let i = 0; i < 200; i++) rows.push(`Late Co ${i},(201) 555-${String(1000 + i)}`);
    rows.push('"Unclosed Co,(201) 555-1999', 'After Co,(201) 555-1998');
    writeFileSync(late, rows.join('\n'));
    app().pick.next = late;
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    // The import worker reads 201 rows first: on a loaded machine that takes more than a second.
    await expect.poll(() => page().getByRole('alert').first().textContent(), { timeout: 15_000 }).toMatch(/cannot be read at row 202 \(after 201 rows\): a quoted field is never closed.*Nothing was imported\./);
    expect(counts(db())).toEqual(before);
    // No phone column: the wizard says so and will not import.
    app().pick.next = fixture('no-phone-column.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByText('Map at least one column to Phone.').waitFor();
    expect(await page().getByRole('button', { name: 'Import', exact: true }).isDisabled()).toBe(true);
  });

  it('a cancelled import leaves nothing behind', async () => {
    const big = join(dir(), 'big.csv');
    const lines = ['Company,Phone'];
    for (let i = 0; i < 150_000; i++) lines.push(`Co ${i},(201) ${String(200 + (i % 700))}-${String(i % 10000).padStart(4, '0')}`);
    writeFileSync(big, lines.join('\n'));
    const before = counts(db());
    app().pick.next = big;
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await page().getByRole('progressbar', { name: 'Import progress' }).waitFor();
    await page().getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page().getByText('Import cancelled: nothing was saved.').isVisible(), { timeout: 15_000 }).toBe(true);
    expect(counts(db())).toEqual(before);
  });

  it('campaign settings refuse invalid values with a message and save valid ones', async () => {
    await tab('Campaigns');
    await page().getByLabel('Default time zone').fill('Mars/Olympus');
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/"Mars\/Olympus" is not a time zone/);
    await page().getByLabel('Default time zone').fill('America/Chicago');
    await page().getByLabel('Tuesday until').fill('08:00');
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/tue: ends at 08:00, before it starts at 09:00/);
    await page().getByLabel('Tuesday until').fill('18:00');
    await page().getByLabel('Saturday').check();
    await page().getByLabel('Offer Wants Consultant Follow Up').check();
    await page().getByLabel(/Extra Not Qualified reasons/).fill('No Roof, Renting');
    await page().getByLabel(/Qualification criteria/).fill('Hospitals with 50+ beds.');
    await page().getByLabel('Subject').fill('About {company}');
    await page().getByLabel(/This campaign uses its own hand-off/).check();
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/SIP hand-off needs the SIP domain/);
    await page().getByLabel('SIP domain').fill('pbx.medco.example');
    await page().getByRole('button', { name: 'Save campaign' }).click();
    await expect.poll(() => getCampaign(db(), campaignId).timezone).toBe('America/Chicago');
    const c = getCampaign(db(), campaignId);
    expect(c.callingWindow.tue).toEqual({ start: '09:00', end: '18:00' });
    expect(c.callingWindow.sat).toEqual({ start: '09:00', end: '17:00' });
    expect(c.options).toMatchObject({
      wantsConsultantFollowUp: true,
      qualification: 'Hospitals with 50+ beds.',
      notQualifiedVariants: [
        { slug: 'not_qualified_no_roof', label: 'Not Qualified - No Roof' },
        { slug: 'not_qualified_renting', label: 'Not Qualified - Renting' },
      ],
      dial: { mode: 'sip', sipDomain: 'pbx.medco.example', template: '' },
    });
    await shot('campaign-settings');
  });

  it('the do-not-call screen: add, search, remove with a reason, every change logged with who', async () => {
    await tab('Do-not-call');
    await page().getByLabel('Number', { exact: true }).fill('(212) 555-0147');
    await page().getByLabel('Reason', { exact: true }).fill('asked twice');
    await page().getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => page().getByRole('table', { name: /1 listed number/ }).isVisible()).toBe(true);
    await page().getByLabel('Number', { exact: true }).fill('not a number');
    await page().getByRole('button', { name: 'Add number' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/"not a number" is not a phone number/);
    await page().getByRole('searchbox', { name: 'Search' }).fill('212 555');
    await page().getByRole('button', { name: 'Remove +12125550147' }).click();
    await page().getByRole('button', { name: 'Remove from list' }).click();
    await expect.poll(() => page().getByRole('alert').first().textContent()).toMatch(/reason: Say why the number comes off the list/);
    await page().getByLabel(/Why does \+12125550147 come off the list/).fill('number reassigned');
    await page().getByRole('button', { name: 'Remove from list' }).click();
    await expect.poll(() => page().getByRole('table', { name: /0 listed numbers/ }).isVisible()).toBe(true);
    const changes = page().getByRole('table', { name: 'Changes' });
    expect(await changes.getByRole('row').count()).toBe(3);
    expect(await changes.getByRole('row', { name: /Removed Morgan/ }).textContent()).toContain('number reassigned');
    expect(await changes.getByRole('row', { name: /Added Morgan/ }).textContent()).toContain('asked twice');
    await shot('do-not-call');
  });

  it('reports: totals, funnel and outcome mix match the engine on a seeded database, and open the calls behind them', async () => {
    // Two callers, two shifts, calls logged through the engine. Logging applies the calling
    // window in each record's zone (Los Angeles, Chicago, ...): open it all day for this story.
    const allDay = { start: '00:00', end: '23:59' };
    updateCampaign(db(), campaignId, { callingWindow: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay } });
    const ids = db().prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
    const log = (i: number, caller: string, events: string, result: string, at: Date, extra: object = {}) =>
      logCall(db(), { recordId: ids[i] ?? 0, caller, events: events.split(' ') as never, result, at, notes: `${caller} note ${i}`, ...extra });
    startShift(db(), 'Alex', minutes(0));
    log(0, 'Alex', 'DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact', minutes(5));
    log(1, 'Alex', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_follow_up', minutes(10), { followUpAt: new Date(MON.getTime() + 7 * 86_400_000) });
    log(2, 'Alex', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'appointment_booked', minutes(15), { appointmentAt: new Date(MON.getTime() + 3 * 86_400_000) });
    endShift(db(), 'Alex', minutes(240));
    startShift(db(), 'Bea', minutes(60));
    log(3, 'Bea', 'DIAL NO_ANSWER', 'no_contact', minutes(65));
    log(4, 'Bea', 'DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', minutes(70));
    log(5, 'Bea', 'DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_only', minutes(75));
    endShift(db(), 'Bea', minutes(300));

    await tab('Reports');
    // Days are the window's (New York: the 23rd there), not the engine's (Sydney: the 24th).
    const day = localDate(MON, 'America/New_York');
    expect(day).not.toBe(localDate(MON));
    await page().getByLabel('From', { exact: true }).fill(day);
    await page().getByLabel('To', { exact: true }).fill(day);
    await page().getByLabel('Campaign').selectOption({ label: 'Hospitals' });
    const engineRows = shiftTotals(db(), { from: day, to: day, zone: 'America/New_York' });
    const sum = (k: string) => String(engineRows.reduce((s, r) => s + Number(r[k]), 0));
    const totalsTable = page().getByRole('table', { name: 'Shift totals, times in America/New_York' });
    await expect.poll(() => totalsTable.getByRole('row').count()).toBe(4);
    expect(await totalsTable.getByRole('row', { name: /Alex/ }).textContent()).toMatch(/^2026-11-23Alex2026-11-23 10:002026-11-23 14:00ended4/);
    const footText = await totalsTable.locator('tfoot tr > *').allTextContents();
    // Date, caller, start, end, shift, hours, dials, reception, dm, pitches, leads, ...
    expect(footText.slice(0, 2)).toEqual(['Total', '2 callers']);
    expect(footText.slice(6, 15)).toEqual([sum('dials'), sum('reception_contacts'), sum('dm_contacts'), sum('pitches'), sum('leads'), sum('email_only'), sum('email_follow_up'), sum('nurture'), sum('appointments')]);
    expect(footText.slice(6, 11)).toEqual(['6', '1', '4', '3', '2']);

    const f = funnel(db(), { from: day, to: day, campaignId, zone: 'America/New_York' });
    const stage = async (name: string) => (await cell('Funnel', name).first().textContent()) ?? '';
    expect(await stage('Dials')).toBe(String(f.dials));
    expect(await stage('Decision maker')).toBe(String(f.decisionMaker));
    expect(await stage('Pitched')).toBe(String(f.pitched));
    expect(await stage('Leads')).toBe(String(f.leads));
    expect(await stage('Appointments')).toBe(String(f.appointments));
    expect(await cell('Funnel', 'Pitched').nth(1).textContent()).toBe('75%');

    const mix = page().getByRole('region', { name: /Outcome mix/ });
    expect(await mix.getByRole('heading').textContent()).toBe('Outcome mix (6 calls)');
    expect(await mix.getByRole('row', { name: /No Contact \(Call Back\)/ }).textContent()).toBe('No Contact (Call Back)233.3%neutral');
    expect(await mix.getByRole('img', { name: 'Outcome mix chart' }).isVisible()).toBe(true);
    await shot('reports');

    await page().getByRole('button', { name: '2 Leads, all shifts: show the calls' }).click();
    const drill = page().getByRole('region', { name: /Leads, all shifts/ });
    await drill.waitFor();
    expect(await drill.getByRole('heading').textContent()).toBe('Leads, all shifts: 2 calls');
    expect(await drill.getByText('Alex note 1').isVisible()).toBe(true);
    expect(await drill.getByText('Bea note 5').isVisible()).toBe(true);
    await shot('reports-drill-down');

    await page().getByRole('button', { name: 'Close' }).click();
    await page().getByRole('button', { name: '5 Reception or further: show the calls' }).click();
    await expect.poll(() => page().getByRole('region', { name: /Reception or further/ }).getByRole('heading').textContent()).toBe('Reception or further: 5 calls');
    await page().getByRole('button', { name: '1 Email Only, all shifts: show the calls' }).click();
    await expect.poll(() => page().getByRole('region', { name: /Email Only, all shifts/ }).getByText('Bea note 5').isVisible()).toBe(true);

    await page().getByRole('button', { name: 'Export XLSX' }).click();
    await expect.poll(() => app().saved.at(-1) ?? '').toMatch(/outcall-shifts-2026-11-23-to-2026-11-23\.xlsx$/);
    await page().getByRole('button', { name: 'Save as PDF' }).click();
    await expect.poll(() => app().saved.at(-1) ?? '').toMatch(/\.pdf$/);
    expect(readFileSync(app().saved.at(-1) ?? '').subarray(0, 5).toString()).toBe('%PDF-');
  });
});
