import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngineApi } from '../../electron/engine/api.ts';
import { appOver } from './harness.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

const NOW = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000).toISOString();

/** Input the contract or the engine refuses with a message naming the field and the value. */
describe('input that makes no sense', () => {
  async function loggingApp() {
    const { db } = tempDb();
    const c = campaign(db);
    await seed(db, c, [{ company: 'First Co', phone: us(1) }]);
    const app = appOver(db, { now: () => NOW, settings: { callerName: 'Dana' } });
    await app.api.startShift({ caller: 'Dana' });
    const next = await app.api.nextRecord({ campaignId: c.id, caller: 'Dana' });
    if (!next.ok || !next.value) throw new Error('no record');
    const log = (startedAt?: string, followUpAt?: string) =>
      app.api.logCall({ recordId: next.value?.record.id ?? 0, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', startedAt, followUpAt });
    return { log };
  }

  it("refuses a call's startedAt after its end, more than a day before it, or in year 1 or 9999", async () => {
    const { log } = await loggingApp();
    expect(await log('0001-01-01T00:00:00Z')).toEqual({ ok: false, error: 'startedAt: must be in the years 2000 to 2099', fields: { startedAt: 'must be in the years 2000 to 2099' } });
    expect(await log('9999-12-31T23:59:59Z')).toMatchObject({ ok: false, error: 'startedAt: must be in the years 2000 to 2099' });
    expect(await log(undefined, '9999-01-01T09:00:00+10:00')).toMatchObject({ ok: false, error: 'followUpAt: must be in the years 2000 to 2099' });
    expect(await log(minutes(5))).toEqual({
      ok: false,
      error: `startedAt: must lie before the call's end (2026-11-23T15:00:00.000Z) and within a day of it; got ${minutes(5)}.`,
    });
    expect(await log(minutes(-24 * 60 - 1))).toMatchObject({ ok: false, error: expect.stringMatching(/^startedAt: must lie before the call's end .* and within a day of it; got 2026-11-22T14:59:00\.000Z\.$/) });
    const logged = await log(minutes(-3));
    expect(logged.ok, logged.ok ? '' : logged.error).toBe(true);
  });

  it('refuses report dates in year 1 or 9999 and dates that are no dates', async () => {
    const { db } = tempDb();
    const { invoke } = appOver(db);
    expect(await invoke('reports:totals', { from: '0001-01-01', to: '2026-11-23' })).toMatchObject({ ok: false, error: 'from: must be in the years 2000 to 2099' });
    expect(await invoke('reports:calls', { from: '2026-11-01', to: '9999-12-31' })).toMatchObject({ ok: false, error: 'to: must be in the years 2000 to 2099' });
    expect(await invoke('reports:totals', { from: '2026-13-45', to: '2026-11-23' })).toMatchObject({ ok: false, error: 'from: must be a date (YYYY-MM-DD)' });
  });

  it('says a folder is not a file when one is given as the list or the do-not-call file', async () => {
    // In the engine, which every way in (window, command line) goes through.
    const { db } = tempDb();
    const folder = join(tempDir(), 'leads.csv');
    mkdirSync(folder);
    const engine = createEngineApi(db, () => NOW);
    const c = campaign(db);
    const message = `${folder} is a folder, not a file: choose a file in it.`;
    await expect(engine.previewList(folder)).rejects.toThrow(message);
    await expect(engine.importDnc(folder, 'US', 'Dana')).rejects.toThrow(message);
    const { jobId } = engine.startImport({ file: folder, campaignId: c.id, mapping: {}, dryRun: true, by: 'Dana' });
    let status = engine.importStatus(jobId);
    for (let i = 0; i < 200 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = engine.importStatus(jobId);
    }
    expect(status).toEqual({ state: 'failed', error: message });
  });
});
