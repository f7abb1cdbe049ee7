import { beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, importList, localDate, logCall, startShift } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { violations } from './axe.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

/**
 * Every screen, in the light and the dark theme, with real content on it (a record on a call,
 * follow-ups, an import preview, reports with figures and their calls): axe-core finds nothing.
 */
describe.each(['light', 'dark'] as const)('axe-core on every screen, %s theme', (theme) => {
  const { app, page, shot, tab, heading } = appSuite(async (db, dir) => {
    const c = createCampaign(db, {
      name: 'Solar NY', client: 'Sunny Co', region: 'US', timezone: 'America/New_York',
      options: { qualification: 'Commercial roofs.', script: 'Hi {contact}, {caller} here about {company}.' },
    });
    await importList(db, { file: fixture('twenty-records.csv'), campaignId: c.id, reportDir: dir });
    const ids = db.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
    const at = (m: number) => new Date(MON.getTime() - 3 * 86_400_000 + m * 60_000); // the Friday before, inside calling hours
    startShift(db, 'Alex', at(0));
    logCall(db, { recordId: ids[5] ?? 0, caller: 'Alex', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up', followUpAt: new Date(MON.getTime() + 3 * 86_400_000), notes: 'Send the brochure.', at: at(5) });
    logCall(db, { recordId: ids[6] ?? 0, caller: 'Alex', events: ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], result: 'no_contact', at: at(10) });
    // A follow-up due now (the Follow-ups tab counts it): Hudson Roofing comes back first, with its last call.
    logCall(db, { recordId: ids[0] ?? 0, caller: 'Alex', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up', followUpAt: new Date(MON.getTime() - 3_600_000), notes: 'Call back Monday.', at: new Date(MON.getTime() - 7 * 86_400_000) });
    return { now: MON, settings: { callerName: 'Dana', lastCampaignId: c.id }, colorScheme: theme };
  });
  beforeAll(async () => {
    expect(await page().evaluate(() => document.documentElement.dataset['theme'])).toBe(theme);
  });
  const check = async (screen: string) => {
    await shot(`axe-${screen}-${theme}`);
    expect(await violations(app()), screen).toEqual([]);
  };

  it('Work: no record, a record on the call, the result step', async () => {
    await page().getByRole('tab', { name: /Follow-ups/ }).getByLabel('1 due').waitFor();
    await check('work-empty');
    await page().getByRole('button', { name: 'Start shift' }).click();
    await page().getByRole('button', { name: 'Next record' }).click();
    await heading().waitFor();
    await check('work-record');
    await page().getByRole('button', { name: 'Dial (201) 555-0101' }).click();
    await page().getByRole('button', { name: /^DM answered/ }).click();
    await page().getByRole('button', { name: /^Pitched/ }).click();
    await check('work-on-call');
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await page().getByRole('radio', { name: /Email Follow Up/ }).check();
    await check('work-result');
    await page().getByRole('button', { name: 'Correct this record…' }).click();
    await check('work-correction');
    await page().getByRole('form', { name: 'Correct this record' }).getByRole('button', { name: 'Cancel' }).click();
    // The message strip: the log with its Undo, and the campaign's missing intro email.
    await page().getByRole('button', { name: '1 week' }).click();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await page().getByRole('button', { name: 'Undo', exact: true }).waitFor();
    await page().getByRole('alert').getByText(/no intro email template/).waitFor();
    await check('work-logged');
    // The question before a result that cannot be taken back.
    await page().getByRole('button', { name: /^Dial \(201\) 555-0102/ }).click();
    await page().getByRole('button', { name: /^Reception answered/ }).click();
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await page().getByRole('radio', { name: /Remove From Database/ }).check();
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await page().getByRole('alertdialog', { name: 'Remove From Database?' }).waitFor();
    await check('work-confirm');
    await page().getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
  });

  it('Follow-ups, Import, Campaigns, Do-not-call, Cheat sheet, Settings, Team board', async () => {
    await tab('Follow-ups');
    await page().getByRole('table', { name: /Upcoming/ }).waitFor();
    await check('follow-ups');
    await tab('Import');
    app().pick.next = fixture('us-extensions.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    await check('import');
    await page().getByRole('button', { name: 'Dry run' }).click();
    await page().getByRole('region', { name: 'Dry run result' }).waitFor();
    await check('import-dry-run');
    await tab('Campaigns');
    await expect.poll(() => page().getByLabel('Name', { exact: true }).inputValue()).toBe('Solar NY');
    await check('campaigns');
    await tab('Do-not-call');
    await page().getByLabel('Number', { exact: true }).fill('(212) 555-0147');
    await page().getByRole('button', { name: 'Add number' }).click();
    await page().getByRole('table', { name: /1 listed number/ }).waitFor();
    await page().getByRole('button', { name: 'Remove +12125550147' }).click();
    await check('do-not-call');
    await tab('Cheat sheet');
    await check('cheat-sheet');
    await tab('Settings');
    await check('settings');
    await tab('Team board');
    await page().getByText('Connect this desk to the team database').waitFor();
    await check('team-board');
  });

  it('Reports, with figures and the calls behind one', async () => {
    await tab('Reports');
    const day = localDate(new Date(MON.getTime() - 3 * 86_400_000), 'America/New_York'); // the Friday of the seeded calls, in the window's zone
    await page().getByLabel('From', { exact: true }).fill(day);
    await page().getByRole('table', { name: 'Figures per caller' }).getByRole('row', { name: /Alex/ }).waitFor();
    await check('reports');
    await page().getByRole('button', { name: /Leads, all shifts: show the calls/ }).click();
    await page().getByRole('region', { name: /Leads, all shifts/ }).waitFor();
    await check('reports-drill-down');
  });
});
