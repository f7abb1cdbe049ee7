import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, type DB } from '../../electron/engine/index.ts';
import { fixture, suiteDb } from '../engine/helpers.ts';
import { startApp, type AppUnderTest } from './harness.ts';

/** The import wizard sets a column as the area code that goes before each phone of its row. */
describe('import wizard: an area code column', () => {
  let db: DB;
  let app: AppUnderTest;
  let dispose: () => void;

  beforeAll(async () => {
    let dir: string;
    ({ db, dir, dispose } = suiteDb());
    createCampaign(db, { name: 'Schulen', region: 'DE' });
    app = await startApp(db, { now: new Date('2026-11-23T09:00:00Z'), settings: { callerName: 'Morgan' }, saveDir: dir });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    dispose();
  });

  it('joins the column the manager maps to Area code with each number', async () => {
    const page = app.page;
    await page.getByRole('tab', { name: 'Import' }).click();
    app.pick.next = fixture('de-vorw-unguessed.csv');
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    expect(await page.getByLabel('Map column Vorw.').inputValue()).toBe('custom');
    await page.getByLabel('Map column Vorw.').selectOption({ label: 'Area code (put before each phone)' });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('region', { name: 'Import result' }).waitFor();
    expect(db.prepare('SELECT e164 FROM phones ORDER BY id').pluck().all()).toEqual(['+495119388231', '+495121301234']);
  });
});
