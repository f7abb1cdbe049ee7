import { describe, expect, it } from 'vitest';
import { createCampaign, importList } from '../../electron/engine/index.ts';
import { ALL_DAY, fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const NOW = new Date('2026-11-23T16:00:00Z'); // Monday 11:00 in New York, the homeowners' zone

/**
 * A real-estate caller logs several outcomes of one call together, one per dimension: an
 * appointment with the ask and the next step, a voicemail left, a Do Not Call; an ISA sees the
 * prohibited topics beside the record and flags a call with the topic that came up.
 */
describe('a real-estate caller', () => {
  const { db, app, page, shot, heading, tab } = appSuite(async (db, dir) => {
    for (const [name, schemeId] of [['Homes', 'real-estate-sales'], ['Homes ISA', 'real-estate-isa']] as const) {
      const c = createCampaign(db, { name, region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, schemeId });
      expect((await importList(db, { file: fixture('homeowners.csv'), campaignId: c.id, reportDir: dir })).imported).toBe(4);
    }
    return { now: NOW, settings: { callerName: 'Rae' } };
  });
  const group = (name: string) => page().getByRole('radiogroup', { name });
  const pick = (dimension: string, outcome: string) => group(dimension).getByRole('radio', { name: new RegExp(`^([A-Z] )?${outcome}$`) }).check();
  const callNext = async (campaign: RegExp, events: string) => {
    await page().getByLabel('Campaign').selectOption({ label: (await page().getByLabel('Campaign').locator('option').allTextContents()).find((t) => campaign.test(t)) ?? '' });
    const text = async () => ((await heading().count()) > 0 ? await heading().textContent() : null);
    const before = await text();
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(async () => { const now = await text(); return now !== null && now !== before; }).toBe(true);
    await page().getByRole('button', { name: /^Dial/ }).click();
    for (const label of events.split(', ')) await page().getByRole('button', { name: new RegExp(`^${label}`) }).click();
  };
  const logged = () => db().prepare('SELECT c.id, c.contact_level AS level, group_concat(o.slug) AS outcomes FROM calls c JOIN call_outcomes o ON o.call_id = c.id GROUP BY c.id ORDER BY c.id').all();
  const logAndNext = () => page().getByRole('button', { name: /^Log and next/ }).click();
  /** A figure of the shift bar: the count (definition) beside the term that names it (terms take no accessible name of their own). */
  const figure = (name: string) =>
    page().getByRole('region', { name: 'Shift' }).locator('div', { has: page().getByRole('term').getByText(name, { exact: true }) }).getByRole('definition');

  it('logs Appointment Set with Asked for Appointment and Next Step Created, the meeting in the prospect’s time', async () => {
    await page().getByRole('button', { name: 'Start shift' }).click();
    await callNext(/^Homes \(/, 'Answered');
    // The shift bar counts the scheme's own timesheet columns, nothing of B2B's DM contacts.
    await expect.poll(() => figure('Contacts').textContent()).toBe('0');
    expect(await page().getByRole('region', { name: 'Shift' }).getByRole('term').allTextContents()).toEqual(['Dials', 'Contacts', 'Asks', 'Appointments', 'Next steps']);
    // The consumer flow's buttons, nothing of B2B's reception or pitch; the ISA's topics are not for this campaign.
    const buttons = await page().getByRole('group', { name: 'What happened on the call' }).getByRole('button').allTextContents();
    expect(buttons.map((b) => b.replace(/[A-Z]$/, '').trim())).toEqual(['No answer', 'Voicemail', 'Wrong number', 'Answered', 'Hung up']);
    await page().getByRole('button', { name: /^Hung up/ }).click();
    expect(await page().getByRole('list', { name: 'What happened' }).textContent()).toBe('DialledAnsweredHung up');
    expect(await page().getByRole('region', { name: 'Prohibited topics for ISAs' }).count()).toBe(0);
    expect(await group('Next step').getByRole('radio', { name: /Left Voicemail/ }).isDisabled()).toBe(true);
    await pick('Appointment', 'Appointment Set');
    await pick('Next step', 'Next Step Created');
    await page().getByLabel(/^Appointment date and time/).fill('2026-11-26T12:00');
    await page().getByLabel(/^Appointment kind/).selectOption({ label: 'Showing' });
    await logAndNext();
    await expect.poll(() => page().getByRole('form', { name: 'Log the call' }).getByRole('alert').textContent()).toContain('Appointment Set means you asked for the appointment: pick Asked for Appointment as well.');
    expect(logged()).toEqual([]);
    await pick('Ask', 'Asked for Appointment');
    await shot('real-estate-appointment');
    await logAndNext();
    await expect.poll(() => logged()).toEqual([{ id: 1, level: 'answered', outcomes: expect.stringMatching(/^(?=.*appointment_set)(?=.*asked_for_appointment)(?=.*next_step_created)/) }]);
    // 12:00 in New York is 17:00 UTC.
    expect(db().prepare('SELECT at, kind FROM appointments').get()).toEqual({ at: '2026-11-26T17:00:00.000Z', kind: 'showing' });
    // The caller's own figures moved.
    await expect.poll(() => figure('Contacts').textContent()).toBe('1');
    for (const name of ['Dials', 'Asks', 'Appointments', 'Next steps']) expect(await figure(name).textContent()).toBe('1');
    await shot('real-estate-shift-bar');
    await page().getByRole('button', { name: 'Copy summary' }).click();
    await expect.poll(() => app().copied.at(-1)).toMatch(/Rae .*: 1 dial, 1 contact, 0 voicemails left, 1 asked for an appointment, 1 appointment, 1 next step$/);
  });

  it('logs Left Voicemail after voicemail picked up', async () => {
    await callNext(/^Homes \(/, 'Voicemail');
    expect(await group('Appointment').getByRole('radio', { name: /Appointment Set/ }).isDisabled()).toBe(true);
    await pick('Next step', 'Left Voicemail');
    await logAndNext();
    await expect.poll(() => logged().at(-1)).toEqual({ id: 2, level: 'voicemail', outcomes: 'left_voicemail' });
  });

  it('logs Do Not Call only once the caller confirms, and the number goes on the do-not-call list', async () => {
    await callNext(/^Homes \(/, 'Answered, Hung up');
    await pick('Appointment', 'Appointment Not Set');
    await pick('Ask', 'No Ask for Appointment');
    await pick('Prospect response', 'Do Not Call');
    await logAndNext();
    const confirm = page().getByRole('button', { name: 'Yes, Do Not Call' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await confirm.click();
    await expect.poll(() => logged().at(-1)).toMatchObject({ id: 3, level: 'answered' });
    expect(db().prepare('SELECT count(*) FROM dnc').pluck().get()).toBe(1);
  });

  it('shows an ISA the fifteen prohibited topics and the safe alternatives, and flags a call with the topic that came up', async () => {
    await callNext(/^Homes ISA \(/, 'Answered, Hung up');
    const guidance = page().getByRole('region', { name: 'Prohibited topics for ISAs' });
    await guidance.getByRole('button', { name: /Show all 15/ }).click();
    expect(await guidance.getByRole('list', { name: 'Prohibited topics for ISAs' }).getByRole('listitem').count()).toBe(15);
    expect(await guidance.getByText(/Financing advice/).isVisible()).toBe(true);
    expect(await guidance.getByText(/connect the prospect to a licensed agent or lender/).isVisible()).toBe(true);
    await pick('Appointment', 'Appointment Not Set');
    await pick('Ask', 'Asked for Appointment');
    await pick('Compliance', 'Prohibited ISA Topic');
    await page().getByRole('group', { name: /^Prohibited topic\(s\)/ }).getByRole('checkbox', { name: 'Financing advice' }).check();
    await page().getByLabel(/^What was said/).fill('Told them rates are 6% today.');
    await shot('real-estate-isa-topic');
    await logAndNext();
    await expect.poll(() => logged().at(-1)).toMatchObject({ id: 4, level: 'answered' });
    const call = db().prepare('SELECT fields, flags FROM calls WHERE id = 4').get() as { fields: string; flags: string };
    expect(JSON.parse(call.fields)).toEqual({ topic: ['financing'], notes: 'Told them rates are 6% today.' });
    expect(JSON.parse(call.flags)).toMatchObject({ prohibited_isa_topic: true });
  });

  it('the supervisor’s per-caller figures have the campaign’s own rates: contact, ask and appointment, no DM or pitch rate', async () => {
    await tab('Reports');
    await page().getByLabel('Campaign').selectOption({ label: 'Homes' });
    const figures = page().getByRole('table', { name: 'Figures per caller' });
    await expect.poll(async () => (await figures.getByRole('row', { name: /^Rae/ }).count()) === 1).toBe(true);
    expect((await figures.getByRole('columnheader').allTextContents()).map((t) => t.trim())).toEqual([
      'Caller', 'Dials', 'Contact rate', 'Ask rate', 'Appointment rate', 'Leads', 'Appointments', 'Hours', 'Dials per hour',
    ]);
    expect(await page().getByRole('img', { name: /^Contact, ask and appointment rate per caller/ }).isVisible()).toBe(true);
    await shot('real-estate-caller-figures');
    // With every campaign, the ISA's prohibited topic rate joins the columns.
    await page().getByLabel('Campaign').selectOption({ label: 'All campaigns' });
    await expect.poll(() => figures.getByRole('columnheader', { name: 'Prohibited topic rate' }).count()).toBe(1);
    expect(await figures.getByRole('columnheader', { name: /DM rate|Pitch rate/ }).count()).toBe(0);
  });

  it('the trend by day and the shift totals have the campaign’s own columns, none of B2B’s, with calls and without', async () => {
    await page().getByLabel('Campaign').selectOption({ label: 'Homes' });
    const headers = async (name: string | RegExp) => (await page().getByRole('table', { name }).getByRole('columnheader').allTextContents()).map((t) => t.trim());
    await page().getByText('Trend as a table').click();
    const trend = page().getByRole('table', { name: 'Trend by day' });
    await expect.poll(() => trend.getByRole('row', { name: /^2026-11-23/ }).count()).toBe(1);
    expect(await headers('Trend by day')).toEqual(['Day', 'Dials', 'Contacts', 'Asks', 'Appointments', 'Next steps']);
    expect(await page().getByRole('img', { name: 'Dials, contacts, asks and appointments per day (the table below holds the figures)' }).count()).toBe(1);
    await expect.poll(async () => (await headers(/^Shift totals/)).includes('Asks')).toBe(true);
    expect((await headers(/^Shift totals/)).filter((h) => /Reception|DM|Pitches/.test(h))).toEqual([]);
    // A day without calls: the campaign's scheme still names the columns.
    await page().getByLabel('From', { exact: true }).fill('2026-11-02');
    await page().getByLabel('To', { exact: true }).fill('2026-11-02');
    await expect.poll(() => trend.getByRole('row', { name: /^2026-11-02/ }).count()).toBe(1);
    expect(await headers('Trend by day')).toEqual(['Day', 'Dials', 'Contacts', 'Asks', 'Appointments', 'Next steps']);
    await expect.poll(() => page().getByRole('table', { name: /^Shift totals/ }).locator('tbody tr').count()).toBe(0);
    expect(await headers(/^Shift totals/)).toEqual(['Date', 'Caller', 'Start', 'End', 'Shift', 'Hours', 'Dials', 'Contacts', 'Voicemails', 'Asks', 'Appts', 'Next steps']);
  });
});
