import { describe, expect, it } from 'vitest';
import { createCampaign, importList } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const SCRIPT = Array.from({ length: 40 }, (_, i) => `${i + 1}. Hi {contact}, this is {caller} about {company}: ask who signs off on the roof.`).join('\n');

/**
 * A campaign with a long talk track, at 1280x720: the track takes the room the call panel
 * leaves and scrolls inside (from the keyboard too); the call's buttons and the whole result
 * step stay in view, and the screen itself never scrolls.
 */
describe('a long talk track beside the call', () => {
  const { page, shot } = appSuite(async (db, dir) => {
    const c = createCampaign(db, { name: 'Solar NY', client: 'Sunny Co', region: 'US', timezone: 'America/New_York', options: { script: SCRIPT } });
    await importList(db, { file: fixture('twenty-records.csv'), campaignId: c.id, reportDir: dir });
    return { now: MON, settings: { callerName: 'Dana', lastCampaignId: c.id } };
  });
  const track = () => page().getByRole('region', { name: 'Talk track' });
  const script = () => track().getByText(/^1\. Hi Ana Hudson, this is Dana about Hudson Roofing/);
  /** What a caller sees: does the work screen scroll, and is all of the talk track's box and the given control on screen? */
  const layout = (control: string) =>
    page().evaluate((name) => {
      const main = document.querySelector('main');
      const strip = document.querySelector('footer')?.getBoundingClientRect().top ?? window.innerHeight;
      const inView = (e: Element | null | undefined) => !!e && e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= strip;
      const button = [...document.querySelectorAll('button')].find((b) => b.textContent?.startsWith(name));
      return {
        screenScrolls: !main || main.scrollHeight > main.clientHeight + 1,
        controlInView: inView(button),
        trackInView: document.querySelector('.talk-track') === null ? null : inView(document.querySelector('.talk-track')),
      };
    }, control);

  it('before and during the call the talk track fills the column and scrolls inside it; the result step takes its place', async () => {
    await page().getByRole('button', { name: 'Start shift' }).click();
    await page().getByRole('button', { name: 'Next record' }).click();
    await expect.poll(() => track().isVisible()).toBe(true);
    expect(await layout('Dial')).toEqual({ screenScrolls: false, controlInView: true, trackInView: true });
    // More than a few lines are on screen, and the rest is a scroll away, from the keyboard too.
    const box = await script().evaluate((e) => ({ shown: e.clientHeight, all: e.scrollHeight }));
    expect(box.shown).toBeGreaterThan(200);
    expect(box.all).toBeGreaterThan(box.shown);
    await script().focus();
    await page().keyboard.press('End');
    await expect.poll(() => script().evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
    await shot('talk-track-long-before-dial');

    await page().getByRole('button', { name: /^Dial \(201\) 555-0101/ }).click();
    await page().getByRole('button', { name: /^DM answered/ }).click();
    await page().getByRole('button', { name: /^Pitched/ }).click();
    expect(await layout('Hung up')).toEqual({ screenScrolls: false, controlInView: true, trackInView: true });
    await shot('talk-track-long-on-call');

    // The call is over: the result step needs the room.
    await page().getByRole('button', { name: /^Hung up/ }).click();
    await page().getByRole('radio', { name: /Appointment Booked/ }).check();
    await expect.poll(() => track().count()).toBe(0);
    expect(await layout('Log and next')).toEqual({ screenScrolls: false, controlInView: true, trackInView: null });
    await shot('talk-track-long-result-step');
    // A step taken back puts the caller on the call again, with the talk track.
    await page().getByRole('button', { name: 'Undo last step' }).click();
    await expect.poll(() => track().isVisible()).toBe(true);
  });
});
