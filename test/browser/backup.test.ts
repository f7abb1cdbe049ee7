import { describe, expect, it } from 'vitest';
import { logCall } from '../../electron/engine/index.ts';
import { campaign, seed, us } from '../engine/helpers.ts';
import { appSuite } from './harness.ts';

const MON = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

/** Settings: the last backup, Back up now, and a restore after confirmation. */
describe('backups in Settings', () => {
  let ids: number[];
  const { app, page, shot, tab } = appSuite(async (db) => {
    ids = await seed(db, campaign(db), [1, 2, 3].map((n) => ({ company: `Co ${n}`, phone: us(n) })));
    return { now: MON, settings: { callerName: 'Dana' } };
  });
  const calls = () => app().db().prepare('SELECT count(*) FROM calls').pluck().get();
  const log = (recordId: number, minutes: number) =>
    logCall(app().db(), { recordId, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date(MON.getTime() + minutes * 60_000) });

  it('takes a backup, and restores it only after confirmation, bringing back the calls it held', async () => {
    log(ids[0] ?? 0, 1);
    log(ids[1] ?? 0, 2);
    await tab('Settings');
    const section = page().getByRole('region', { name: 'Backups' });
    await section.getByText('No backup yet.').waitFor();
    await section.getByRole('button', { name: 'Back up now' }).click();
    await section.getByText(/^Last backup: /).waitFor();

    log(ids[2] ?? 0, 3);
    expect(calls()).toBe(3);
    await section.getByRole('button', { name: 'Restore…' }).click();
    const confirm = section.getByRole('alertdialog', { name: /Replace all of Outcall's data with the backup of/ });
    await confirm.waitFor();
    await shot('settings-restore-confirm');
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await confirm.count()).toBe(0);
    expect(calls()).toBe(3);

    await section.getByRole('button', { name: 'Restore…' }).click();
    await confirm.getByRole('button', { name: 'Restore this backup' }).click();
    await section.getByRole('status').getByText(/Restored the backup of .*: 2 calls\. The data from before the restore is kept as .*before-restore-/).waitFor();
    expect(calls()).toBe(2);
  });
});
