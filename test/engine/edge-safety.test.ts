import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { appOver } from './harness.ts';
import { campaign, fixture, seed, tempDb, us } from './helpers.ts';

const NOW = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

type R<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(r: R<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('what leaves Outcall for the mail client and the softphone', () => {
  it.each([
    ['a@x.example,b@evil.example', 'a@x.example'],
    ['a@x.example;b@evil.example', 'a@x.example'],
    ['"x"@y <b@evil.example>', 'b@evil.example'],
    ['no address here', ''],
  ])('the intro email for a record whose email field is %j goes to %j only', async (field, to) => {
    const { db } = tempDb();
    const c = campaign(db, { client: 'Acme', options: { introEmail: { subject: 'Hello', body: 'Hi' } } });
    const [id = 0] = await seed(db, c, [{ company: 'First Co', phone: us(1) }]);
    db.prepare('UPDATE records SET email = ? WHERE id = ?').run(field, id);
    const app = appOver(db, { now: () => NOW, settings: { callerName: 'Dana' } });
    const logged = ok(
      await app.api.logCall({
        recordId: id, caller: 'Dana', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_only', phone: '+12015550101',
      }),
    );
    ok(await app.api.sendIntroEmail({ callId: logged.callId }));
    expect(app.opened).toEqual([`mailto:${to}?subject=Hello&body=Hi`]);
  });

  it('settings and campaigns refuse a dial template with characters a number does not need', async () => {
    const { db } = tempDb();
    const app = appOver(db);
    const settings = ok(await app.api.getSettings({}));
    const refused = await app.api.setSettings({ ...settings, dial: { mode: 'custom', sipDomain: '', template: 'zoiper:{number}&x=|calc' } });
    expect(refused).toMatchObject({ ok: false, fields: { 'dial.template': expect.stringMatching(/may not contain "&"/) } });
    expect(ok(await app.api.getSettings({})).dial).toEqual(settings.dial);
    const c = ok(await app.api.getCampaign({ campaignId: campaign(db).id }));
    const saved = await app.api.saveCampaign({
      id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone, callingWindow: c.callingWindow,
      retryDelayHours: c.retryDelayHours, maxAttempts: c.maxAttempts, notQualifiedReasons: [],
      options: { ...c.options, dial: { mode: 'custom', sipDomain: '', template: 'bria:"{number}"' } },
    });
    expect(saved).toMatchObject({ ok: false, error: expect.stringMatching(/options\.dial\.template: The template may not contain """/) });
  });
});

describe('the renderer never names a file', () => {
  it('preview and import take only a token from the open dialog, never a path', async () => {
    const { db } = tempDb();
    const c = campaign(db, { region: 'AU', timezone: 'Australia/Perth' });
    const app = appOver(db);
    for (const path of ['/etc/shadow', '/proc/self/environ', '/dev/zero', fixture('au-schools.csv')]) {
      expect(await app.api.previewList({ file: path })).toMatchObject({ ok: false, error: expect.stringMatching(/^file: choose a file with Choose file/) });
      expect(await app.api.startImport({ file: path, campaignId: c.id, mapping: {}, dryRun: true })).toMatchObject({ ok: false, error: expect.stringMatching(/^file: /) });
    }
    expect(await app.api.previewList({ file: randomUUID() })).toEqual({ ok: false, error: 'That file is no longer chosen: choose it again with Choose file.' });

    app.pick.next = fixture('au-schools.csv');
    const picked = ok(await app.api.pickListFile({}));
    expect(picked).toEqual({ token: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'au-schools.csv' });
    expect(JSON.stringify(picked)).not.toContain('/');
    const preview = ok(await app.api.previewList({ file: picked?.token ?? '' }));
    expect(preview).toMatchObject({ file: picked?.token, name: 'au-schools.csv', kind: 'csv' });
    const { jobId } = ok(await app.api.startImport({ file: picked?.token ?? '', campaignId: c.id, mapping: preview.mapping, dryRun: false }));
    let status = ok(await app.api.importStatus({ jobId }));
    for (let i = 0; i < 400 && status.state === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 25));
      status = ok(await app.api.importStatus({ jobId }));
    }
    expect(status).toMatchObject({ state: 'done', summary: { imported: 3 } });
  });

  it('the open dialogs (list and do-not-call) accept only regular files, and a cancelled one gives nothing', async () => {
    const { db } = tempDb();
    const app = appOver(db);
    app.pick.next = '/dev/zero';
    expect(await app.api.pickListFile({})).toEqual({ ok: false, error: '/dev/zero is not a regular file: choose a CSV, TXT or XLSX list.' });
    expect(await app.api.importDnc({ region: 'US' })).toEqual({ ok: false, error: '/dev/zero is not a regular file: choose a CSV, TXT or XLSX list.' });
    app.pick.next = fixture('dnc-mixed.txt');
    expect(ok(await app.api.importDnc({ region: 'US' }))?.added).toBeGreaterThan(0);
    app.pick.next = '/proc/self';
    expect(await app.api.pickListFile({})).toMatchObject({ ok: false });
    app.pick.next = null;
    expect(await app.api.pickListFile({})).toEqual({ ok: true, value: null });
  });
});
