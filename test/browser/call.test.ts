import { describe, expect, it } from 'vitest';
import { getSimplePaths } from 'xstate/graph';
import { createEngineApi } from '../../electron/engine/api.ts';
import { createCampaign, importList } from '../../electron/engine/index.ts';
import { CALL_EVENTS, callFlowMachine, contactLevel, legalResults, type CallEventType, type CallFlowSnapshot } from '../../shared/callflow/index.ts';
import { ALL_DAY, fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const NOW = new Date('2026-11-23T18:00:00Z'); // Monday 13:00 for the caller in New York, 10:00 in Los Angeles

/** The call panel's buttons for each event, as a caller reads them. */
const EVENT_LABEL: Record<CallEventType, string> = {
  DIAL: 'Dial', NO_ANSWER: 'No answer', VOICEMAIL: 'Voicemail', WRONG_NUMBER: 'Wrong number', RECEPTION_ANSWERED: 'Reception answered',
  TRANSFERRED: 'Put through', DM_ANSWERED: 'DM answered', DM_CUT_SHORT: 'Cut short', PITCHED: 'Pitched', HUNG_UP: 'Hung up',
};

/**
 * A New York caller works Los Angeles prospects: the call lives above the views, notes are
 * typed during the call, call-backs are typed in the prospect's time, the last log can be
 * undone, and the result step fits a 1280x720 screen in every end state of the call flow.
 */
describe('the call is never lost, and its times are the prospect\'s', () => {
  const { db, app, page, shot, heading, result } = appSuite(async (db, dir) => {
    const campaignId = createCampaign(db, {
      name: 'West Coast',
      client: 'Sunny Co',
      region: 'US',
      timezone: 'America/New_York',
      callingWindow: ALL_DAY,
      options: { allowEmailOnlyHns: true, wantsConsultantFollowUp: true },
    }).id;
    const s = await importList(db, { file: fixture('los-angeles.csv'), campaignId, reportDir: dir });
    expect(s.imported).toBe(3);
    return { now: NOW, settings: { callerName: 'Dana' } };
  });
  /** What has the cursor: the focused control's text, or '' when nothing has it. */
  const focused = () => page().evaluate(() => (document.activeElement && document.activeElement !== document.body ? (document.activeElement.textContent ?? '') : ''));
  const value = (name: string) =>
    page().getByRole('region', { name: 'Shift' }).locator('dl div', { has: page().getByText(name, { exact: true }) }).getByRole('definition').textContent();

  it('Start shift does not keep the cursor: a stray Space ends nothing', async () => {
    await page().getByRole('button', { name: 'Start shift' }).click();
    await expect.poll(() => page().getByText('On shift since Mon 1:00 PM').isVisible()).toBe(true);
    expect(await focused()).not.toMatch(/shift/);
    await page().keyboard.press(' ');
    expect(await page().getByRole('button', { name: 'End shift' }).isVisible()).toBe(true);
  });

  it('a call survives a switch to the cheat sheet and back, with one hand-off, and its notes are saved', async () => {
    await page().getByLabel('Campaign').selectOption({ label: 'West Coast (3 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Pacific Solar');
    // The cursor is on the Dial button, and the card shows their clock with the zone named.
    await expect.poll(focused).toMatch(/^Dial \(213\) 555-0142/);
    expect(await page().getByRole('article').textContent()).toMatch(/Their time Mon 10:00\sAM Los Angeles \(PST\)/);
    await page().keyboard.press('d');
    await expect.poll(() => app().opened).toEqual(['tel:+12135550142']);
    await expect.poll(() => page().getByLabel('Call time').isVisible()).toBe(true);
    await page().keyboard.press('r');
    await expect.poll(() => page().getByRole('list', { name: 'What happened' }).textContent()).toBe('DialledReception answered');
    await page().keyboard.press('Alt+n');
    await page().keyboard.type('Reception says Pat is in at 2.');

    await page().keyboard.press('Alt+7');
    await expect.poll(() => page().getByRole('rowheader', { name: 'Email Follow Up' }).isVisible()).toBe(true);
    await page().keyboard.press('Alt+1');
    await expect.poll(() => heading().textContent()).toBe('Pacific Solar');
    expect(await page().getByRole('list', { name: 'What happened' }).textContent()).toBe('DialledReception answered');
    expect(await page().getByLabel('Notes').inputValue()).toBe('Reception says Pat is in at 2.');
    expect(await page().getByText('Attempts 0').isVisible()).toBe(true);
    expect(await page().getByRole('button', { name: 'Next record' }).isDisabled()).toBe(true);
    await shot('call-after-view-switch');

    // Reception puts Pat through (D is DM answered now: never a second hand-off).
    await page().keyboard.press('d');
    await page().keyboard.press('p');
    await page().keyboard.press('h');
    expect(app().opened).toEqual(['tel:+12135550142']);
  });

  it('a call-back typed as 2 pm for the Los Angeles prospect falls due at 2 pm Los Angeles time', async () => {
    await result('Email Follow Up').check();
    const callBack = page().getByLabel('Call back on');
    expect(await page().getByText('Call back on, their time: Los Angeles (PST)').isVisible()).toBe(true);
    await callBack.fill('2026-11-30T14:00');
    await shot('result-step-email-follow-up');
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Golden Gate Dental');
    const call = db().prepare(`SELECT c.notes, t.due_at AS dueAt FROM calls c JOIN tasks t ON t.created_by_call = c.id`).get();
    expect(call).toEqual({ notes: 'Reception says Pat is in at 2.', dueAt: '2026-11-30T22:00:00.000Z' });
    // The message names the company and the result, beside the record, not over it.
    const message = page().getByRole('status').filter({ hasText: 'Logged Pacific Solar: Email Follow Up (new lead).' });
    expect(await message.isVisible()).toBe(true);
    const card = await page().getByRole('article').boundingBox();
    const box = await message.boundingBox();
    expect(box && card && box.y >= card.y + card.height).toBe(true);
    expect(await value('Leads')).toBe('1');
    // The next record got the cursor.
    await expect.poll(focused).toMatch(/^Dial \(415\) 555-0143/);
    await shot('logged-with-undo');
  });

  it('Undo brings back the record, its call and notes, and takes back the task, the lead and the totals', async () => {
    await page().getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => heading().textContent()).toBe('Pacific Solar');
    expect(await page().getByText('Attempts 0').isVisible()).toBe(true);
    expect(await result('Email Follow Up').isChecked()).toBe(true);
    expect(await page().getByLabel('Notes').inputValue()).toBe('Reception says Pat is in at 2.');
    await expect.poll(() => value('Leads')).toBe('0');
    expect(await value('Dials')).toBe('0');
    expect(db().prepare('SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM tasks) AS tasks').get()).toEqual({ calls: 0, tasks: 0 });
    // The record taken meanwhile went back to the queue.
    expect(db().prepare(`SELECT locked_by FROM records WHERE company = 'Golden Gate Dental'`).pluck().get()).toBeNull();
    await shot('undo-restored');
    // The fix: the DM was not interested after all. Still one hand-off for the call.
    await result('Pitched - Not Interested').check();
    await page().keyboard.press('Control+Enter');
    await expect.poll(() => heading().textContent()).toBe('Golden Gate Dental');
    expect(db().prepare('SELECT result, notes FROM calls').all()).toEqual([{ result: 'pitched_not_interested', notes: 'Reception says Pat is in at 2.' }]);
    expect(app().opened).toEqual(['tel:+12135550142']);
  });

  it('the result step shows every legal result and Log and next at 1280x720, in every end state of the call flow', async () => {
    await page().keyboard.press('d');
    await expect.poll(() => app().opened.length).toBe(2);
    // Only when the caller asks is the number handed over again, and the call goes on.
    await page().getByRole('button', { name: 'Dial (415) 555-0143 again' }).click();
    await expect.poll(() => app().opened).toEqual(['tel:+12135550142', 'tel:+14155550143', 'tel:+14155550143']);
    const view = createEngineApi(db(), () => NOW).recordView(db().prepare(`SELECT id FROM records WHERE company = 'Golden Gate Dental'`).pluck().get() as number);
    const ends = getSimplePaths(callFlowMachine, {
      input: view.flowInput,
      events: CALL_EVENTS.map((type) => ({ type })),
      serializeState: (s) => JSON.stringify({ v: s.value, l: s.context.level, p: s.context.pitched, c: s.context.dmCutShort, t: s.context.transferred }),
    }).filter((p) => p.state.status === 'done');
    expect(ends.length).toBeGreaterThan(5);
    const fits = () =>
      page().evaluate(() => {
        const panel = document.querySelector('.call-panel');
        const main = document.querySelector('main');
        const log = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith('Log and next'));
        const r = log?.getBoundingClientRect();
        return {
          panelScrolls: !panel || panel.scrollHeight > panel.clientHeight + 1,
          mainScrolls: !main || main.scrollHeight > main.clientHeight + 1,
          logVisible: !!r && r.top >= 0 && r.bottom <= window.innerHeight,
        };
      });
    const ok = { panelScrolls: false, mainScrolls: false, logVisible: true };
    let first = true;
    for (const end of ends) {
      // The steps start with the machine's own start and Dial: the call is dialled once, above.
      const events = end.steps.map((s) => s.event.type as CallEventType).filter((t) => t !== 'DIAL' && (CALL_EVENTS as readonly string[]).includes(t));
      const undo = page().getByRole('button', { name: 'Undo last step' });
      while (await undo.isEnabled()) await undo.click();
      for (const type of events) await page().getByRole('group', { name: 'What happened on the call' }).getByRole('button', { name: new RegExp(`^${EVENT_LABEL[type]}`) }).click({ timeout: 3000 });
      const legal = legalResults(end.state as CallFlowSnapshot);
      await expect.poll(() => page().getByRole('radio').count()).toBe(legal.length);
      const label = `${contactLevel(end.state as CallFlowSnapshot)}: ${events.join(' ')}`;
      if (first && legal.length > 1) {
        // Nothing chosen: Ctrl+Enter says so, in view.
        first = false;
        await page().keyboard.press('Control+Enter');
        const pick = page().getByRole('alert').filter({ hasText: 'Pick the result of the call.' });
        expect(await pick.isVisible(), label).toBe(true);
        expect(await pick.evaluate((e) => e.getBoundingClientRect().bottom <= window.innerHeight), label).toBe(true);
      }
      for (const radio of await page().getByRole('radio').all()) {
        await radio.check();
        expect(await fits(), `${label}, ${await radio.getAttribute('value')}`).toEqual(ok);
      }
      await shot(`result-step-${events.join('-').toLowerCase()}`);
    }
    await page().emulateMedia({ colorScheme: 'dark' });
    await result('Appointment Booked').check().catch(() => undefined);
    await shot('result-step-dark');
    await page().emulateMedia({ colorScheme: 'light' });
  }, 180_000);

  it('ending the shift or closing the window mid-call asks first', async () => {
    await page().getByRole('button', { name: 'End shift' }).click();
    const ask = page().getByRole('alertdialog', { name: 'End the shift?' });
    await expect.poll(() => ask.textContent()).toMatch(/The call to Golden Gate Dental is not logged yet/);
    await shot('end-shift-asks');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    expect(await page().getByText('On shift since').isVisible()).toBe(true);
    expect(await focused()).not.toMatch(/shift/);

    const asked: string[] = [];
    page().once('dialog', (d) => {
      asked.push(d.type());
      void d.dismiss();
    });
    await page().close({ runBeforeUnload: true });
    await expect.poll(() => asked).toEqual(['beforeunload']);
    expect(page().isClosed()).toBe(false);
  });

  it('their clock moves on, and a shift open over 12 hours is pointed out', async () => {
    await app().setNow(new Date(NOW.getTime() + 13 * 3_600_000));
    await page().keyboard.press('Alt+7');
    await page().keyboard.press('Alt+1');
    await expect.poll(() => page().getByRole('article').textContent()).toMatch(/Their time Mon 11:00\sPM Los Angeles \(PST\)/);
    expect(await page().getByRole('region', { name: 'Shift' }).textContent()).toMatch(/On shift since Mon 1:00\sPM\s*Open 13 h: end it if left open\./);
    await shot('shift-open-13-hours');
  });
});
