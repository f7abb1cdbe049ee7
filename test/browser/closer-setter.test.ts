import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { createCampaign, importList, logCall, type DB } from '../../electron/engine/index.ts';
import { ALL_DAY, fixture } from '../engine/helpers.ts';
import { violations } from './axe.ts';
import { appSuite } from './harness.ts';

/**
 * Seed 001 at the desk: a setter approves a lead on a discovery call and books the strategy
 * call with the next closer in turn; a closer takes the strategy call due and logs a Sale with
 * its deal. Times are typed in the prospect's zone (Los Angeles).
 */
const SETTINGS = { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' };

async function closerCampaign(db: DB, dir: string) {
  const campaignId = createCampaign(db, {
    name: 'High Ticket', region: 'US', timezone: 'America/Los_Angeles', callingWindow: ALL_DAY, schemeId: 'closer-setter', options: { settings: SETTINGS },
  }).id;
  const s = await importList(db, { file: fixture('closer-leads.csv'), campaignId, reportDir: dir });
  expect(s.imported).toBe(2);
  return campaignId;
}

async function startShift(page: () => Page) {
  await page().getByRole('button', { name: 'Start shift' }).click();
  await expect.poll(() => page().getByRole('button', { name: 'End shift' }).isVisible()).toBe(true);
}

async function takeAndHold(page: () => Page, heading: () => Locator, company: string) {
  await startShift(page);
  await page().getByLabel('Campaign').selectOption({ label: 'High Ticket (2 open)' });
  await page().getByRole('button', { name: 'Next record' }).click();
  await expect.poll(() => heading().textContent()).toBe(company);
  await page().getByRole('button', { name: /^Dial / }).first().click();
  await page().getByRole('button', { name: 'Connected' }).click();
  await page().getByRole('button', { name: 'Hung up' }).click();
}

describe('a setter approves a lead and books the strategy call', () => {
  const NOW = new Date('2026-11-23T18:00:00Z'); // Monday 10:00 in Los Angeles
  const { db, page, shot, heading, result } = appSuite(async (db, dir) => {
    await closerCampaign(db, dir);
    return { now: NOW, settings: { callerName: 'Sam' } };
  });

  it('offers only the discovery outcomes, asks for the strategy call in the prospect\'s time, and books it with the next closer', async () => {
    await takeAndHold(page, heading, 'Harbor Fitness');
    expect(await result('Approved').isVisible()).toBe(true);
    expect(await result('Rejected').isVisible()).toBe(true);
    expect(await result('Sale').count()).toBe(0);
    await result('Approved').check();
    await page().getByLabel(/^Strategy call, their time: Los Angeles/).fill('2026-11-25T09:00');
    expect(await page().getByLabel(/^Closer/).inputValue()).toBe('');
    await shot('closer-setter-approved');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => heading().textContent()).toBe('Maple Coaching');
    expect(db().prepare('SELECT at, host FROM appointments').all()).toEqual([{ at: '2026-11-25T17:00:00.000Z', host: 'Cleo' }]);
    expect(db().prepare('SELECT result, contact_level AS level FROM calls').all()).toEqual([{ result: 'approved', level: 'held' }]);
  });
});

/** Maple Coaching approved by Sam on Monday, its strategy call with `closer` on Wednesday 9:00 Los Angeles time. */
async function strategyCallFor(closer: string, db: DB, dir: string, now: Date) {
  await closerCampaign(db, dir);
  const id = db.prepare(`SELECT id FROM records WHERE company = 'Maple Coaching'`).pluck().get() as number;
  logCall(db, {
    recordId: id, caller: 'Sam', events: ['DIAL', 'CONNECTED', 'HUNG_UP'], result: 'approved',
    fields: { strategy_at: '2026-11-25T17:00:00Z', closer }, at: new Date('2026-11-23T18:00:00Z'),
  });
  return { now, settings: { callerName: closer } };
}

describe('a closer logs a Sale with its deal', () => {
  const NOW = new Date('2026-11-25T17:05:00Z'); // Wednesday 9:05 in Los Angeles: the strategy call is due
  const { db, page, shot, heading, result } = appSuite((db, dir) => strategyCallFor('Cleo', db, dir, NOW));

  it('the strategy call due comes first, and the Sale records the objection and the deal', async () => {
    await startShift(page);
    await page().getByLabel('Campaign').selectOption({ label: 'High Ticket (1 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Maple Coaching');
    expect(await page().getByText('Meeting due').isVisible()).toBe(true);
    await page().getByRole('button', { name: /^Dial / }).first().click();
    await page().getByRole('button', { name: 'Connected' }).click();
    await page().getByRole('button', { name: 'Hung up' }).click();
    expect(await result('Approved').count()).toBe(0);
    await result('Sale').check();
    await page().getByLabel(/^Objection/).selectOption({ label: 'Smoke Screen' });
    await page().getByLabel(/^Deal value \(USD\)/).fill('4500');
    await page().getByLabel(/^Deal date/).fill('2026-11-25');
    await page().getByLabel(/^Product/).fill('Coaching');
    await page().getByLabel(/^Payment type/).selectOption({ label: 'Won' });
    await shot('closer-setter-sale');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect.poll(() => db().prepare('SELECT count(*) FROM deals').pluck().get()).toBe(1);
    expect(db().prepare('SELECT value, currency, deal_date AS date, product, payment, closer FROM deals').get()).toEqual({
      value: 4500, currency: 'USD', date: '2026-11-25', product: 'Coaching', payment: 'won', closer: 'Cleo',
    });
    expect(db().prepare(`SELECT json_extract(fields, '$.objection') FROM calls WHERE result = 'sale'`).pluck().get()).toBe('smoke_screen');
  });
});

describe('a closer logs a strategy call cancelled before it started, without dialling', () => {
  const NOW = new Date('2026-11-25T16:50:00Z'); // Wednesday 8:50 in Los Angeles: the 9:00 strategy call is due
  const { db, app, page, shot, heading, result } = appSuite((db, dir) => strategyCallFor('Cleo', db, dir, NOW));

  it('offers Cancelled beside Dial, takes it back with Undo last step, and logs No Sale / Contact Cancelled with the event alone', async () => {
    await startShift(page);
    await page().getByLabel('Campaign').selectOption({ label: 'High Ticket (1 open)' });
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => heading().textContent()).toBe('Maple Coaching');
    // Before the dial the flow takes Cancelled alone; its other events wait for the dial.
    const withoutDial = page().getByRole('group', { name: 'Without dialling' });
    expect(await withoutDial.getByRole('button').allTextContents()).toEqual(['Cancelled X']);
    await shot('closer-setter-before-dial');
    expect(await violations(app())).toEqual([]);
    await withoutDial.getByRole('button', { name: /^Cancelled/ }).click();
    expect(await page().getByRole('list', { name: 'What happened' }).textContent()).toBe('Cancelled');
    // Not dialled, so the step can be taken back; then its key marks it again.
    await page().getByRole('button', { name: 'Undo last step' }).click();
    await expect.poll(() => withoutDial.isVisible()).toBe(true);
    await page().keyboard.press('x');
    await expect.poll(() => page().getByRole('list', { name: 'What happened' }).textContent()).toBe('Cancelled');
    // No Sale is the outcome a meeting that never started may take; Sale needs a meeting held.
    expect(await result('Sale').count()).toBe(0);
    await result('No Sale').check();
    // The next strategy call and its closer are for a follow-up only: shown with Follow Up Scheduled, not otherwise.
    const strategyCall = page().getByLabel(/^Strategy call \(optional\), their time: Los Angeles/);
    const closer = page().getByLabel(/^Closer/);
    await page().getByLabel(/^Reason/).selectOption({ label: 'Follow Up Scheduled' });
    expect(await strategyCall.inputValue()).toBe('');
    expect([await closer.count(), await page().getByLabel(/^Objection/).count()]).toEqual([1, 1]);
    await strategyCall.fill('2026-12-02T09:00');
    await shot('closer-setter-follow-up-fields');
    await page().getByLabel(/^Reason/).selectOption({ label: 'Contact Cancelled' });
    expect([await strategyCall.count(), await closer.count(), await page().getByLabel(/^Objection/).count()]).toEqual([0, 0, 0]);
    await shot('closer-setter-cancelled');
    await page().getByRole('button', { name: /^Log and next/ }).click();
    await expect
      .poll(() => db().prepare(`SELECT events, contact_level AS level, phone, json_extract(fields, '$.reason') AS reason FROM calls WHERE result = 'no_sale'`).all())
      .toEqual([{ events: 'CANCELLED', level: 'meeting_cancelled', phone: null, reason: 'contact_cancelled' }]);
    // The strategy call typed before the reason changed was left out, and booked nothing.
    expect(db().prepare(`SELECT json_extract(fields, '$.strategy_at') FROM calls WHERE result = 'no_sale'`).pluck().get()).toBeNull();
    // Nothing went to the softphone.
    expect(app().opened).toEqual([]);
  });
});
