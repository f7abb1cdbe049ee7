import { describe, expect, it } from 'vitest';
import { createCampaign } from '../../electron/engine/index.ts';
import { fixture } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

/** The import wizard sets a column as the area code that goes before each phone of its row. */
describe('import wizard: an area code column', () => {
  const { db, app, page, tab } = appSuite((db) => {
    createCampaign(db, { name: 'Schulen', region: 'DE' });
    return { now: new Date('2026-11-23T09:00:00Z'), settings: { callerName: 'Morgan' } };
  });

  it('joins the column the manager maps to Area code with each number', async () => {
    await tab('Import');
    app().pick.next = fixture('de-vorw-unguessed.csv');
    await page().getByRole('button', { name: 'Choose file…' }).click();
    await page().getByRole('table', { name: 'Columns and the first rows' }).waitFor();
    expect(await page().getByLabel('Map column Vorw.').inputValue()).toBe('custom');
    await page().getByLabel('Map column Vorw.').selectOption({ label: 'Area code (put before each phone)' });
    await page().getByRole('button', { name: 'Import', exact: true }).click();
    await page().getByRole('region', { name: 'Import result' }).waitFor();
    expect(db().prepare('SELECT e164 FROM phones ORDER BY id').pluck().all()).toEqual(['+495119388231', '+495121301234']);
  });
});
