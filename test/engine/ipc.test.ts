import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract.ts';
import { CHANNELS } from '../../shared/ipc/channels.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';
import { appOver, fakeEdge, memorySettings } from './harness.ts';
import { createHandlers, dispatch } from '../../electron/app/handlers.ts';
import { createEngineApi } from '../../electron/engine/api.ts';

const NOW = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York

describe('the IPC contract', () => {
  it('names one preload function per channel, and main registers every channel', () => {
    const { db } = tempDb();
    const { channels } = appOver(db);
    expect(new Set(Object.values(CHANNELS))).toEqual(new Set(Object.keys(contract)));
    expect(new Set(channels())).toEqual(new Set(Object.keys(contract)));
  });

  const BAD: Record<keyof typeof contract, [unknown, RegExp]> = {
    'campaigns:list': [null, /input: /],
    'session:state': [{ caller: '' }, /caller: Enter your name in Settings/],
    'shift:start': [{ caller: 42 }, /caller: /],
    'shift:end': [{}, /caller: /],
    'shift:summary': [{ caller: 'x'.repeat(101) }, /caller: /],
    'shift:export': [{ caller: 'Al', format: 'pdf' }, /format: /],
    'queue:next': [{ campaignId: -1, caller: 'Al' }, /campaignId: /],
    'record:get': [{ recordId: '7' }, /recordId: /],
    'record:release': [{ recordId: 1.5, caller: 'Al' }, /recordId: /],
    'record:open': [{ recordId: 1 }, /caller: /],
    'record:correct': [{ recordId: 1, caller: 'Al', addPhone: { number: '1'.repeat(41) } }, /addPhone\.number: a phone number has at most 40 characters/],
    'call:log': [{ recordId: 1, caller: 'Al', events: ['DIAL', 'TELEPORT'], result: 'no_contact' }, /events\.1: /],
    'call:undo': [{ callId: 'last', caller: 'Al' }, /callId: /],
    'call:introEmail': [{ callId: 0 }, /callId: /],
    'dial:open': [{ recordId: 1, e164: 'javascript:alert(1)' }, /e164: must be an E.164 number/],
    'clipboard:write': [{ text: 5 }, /text: /],
    'tasks:list': [{ caller: 'Al', campaignId: 'all' }, /campaignId: /],
    'settings:get': ['x', /input: /],
    'settings:set': [{ callerName: 'Al', defaultRegion: 'Mars', dial: { mode: 'tel', sipDomain: '', template: '' }, theme: 'dark', lastCampaignId: null }, /defaultRegion: Default region must be a two-letter/],
    'campaigns:get': [{ campaignId: null }, /campaignId: /],
    'campaigns:save': [{ name: '', client: '', region: 'US', timezone: 'UTC', callingWindow: {}, retryDelayHours: 48, maxAttempts: null, notQualifiedReasons: [], options: {} }, /name: A campaign needs a name/],
    'import:pickFile': [[], /input: /],
    'import:preview': [{ file: '' }, /file: choose a file/],
    'import:start': [{ file: 'a.csv', campaignId: 1, mapping: { Phone: 'telephone' }, dryRun: false }, /mapping\.Phone: /],
    'import:status': [{ jobId: 'x' }, /jobId: /],
    'import:cancel': [{}, /jobId: /],
    'import:saveReport': [{ jobId: -3 }, /jobId: /],
    'templates:list': [0, /input: /],
    'templates:save': [{ name: ' ', mapping: {} }, /name: A template needs a name/],
    'dnc:list': [{ search: 'x', offset: -1 }, /offset: /],
    'dnc:add': [{ number: '', region: 'US', reason: '' }, /number: enter a phone number/],
    'dnc:remove': [{ number: '2015550123', region: 'US', reason: '' }, /reason: Say why/],
    'dnc:import': [{ region: 'usa' }, /region: must be a two-letter country code/],
    'dnc:log': [{ e164: '555' }, /e164: /],
    'callers:list': ['all', /input: /],
    'reports:totals': [{ from: '23/11/2026', to: '2026-11-23' }, /from: must be a date \(YYYY-MM-DD\)/],
    'reports:export': [{ from: '2026-11-01', to: '2026-11-02', format: 'docx' }, /format: /],
    'reports:outcomes': [{ from: '2026-11-01', to: '2026-11-02', campaignId: 'all' }, /campaignId: /],
    'reports:rates': [{ from: '2026-11-01', to: '2026-11-02' }, /campaignId: /],
    'reports:funnel': [{ from: '2026-11-01', to: '2026-11-02', level: 'ceo' }, /level: /],
    'reports:calls': [{ from: '2026-11-01', to: 'tomorrow' }, /to: must be a date/],
    'backup:list': [[], /input: /],
    'backup:now': ['today', /input: /],
    'backup:restore': [{ name: '../outcall.db' }, /name: choose a backup from the list/],
    'reports:lists': [{ campaignId: 0 }, /campaignId: /],
    'reports:callers': [{ from: '2026-11-01' }, /to: /],
    'reports:callerRates': [{ from: '2026-11-01', to: '2026-11-02', campaignId: -1 }, /campaignId: /],
    'reports:trend': [{ from: '2026-13-01', to: '2026-11-02', caller: '' }, /caller: /],
    'team:status': [null, /input: /],
    'team:connect': [{ url: 'mysql://db.example.com/outcall', remember: false }, /url: must start with postgres:\/\//],
    'team:disconnect': ['now', /input: /],
    'team:board': [{ zone: 'Europe/London; DROP' }, /zone: must be a time zone/],
  };

  it.each(Object.entries(BAD))('%s rejects bad input with a message naming the field', async (channel, [input, message]) => {
    const { db } = tempDb();
    const { invoke } = appOver(db);
    const r = (await invoke(channel, input)) as { ok: boolean; error: string };
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(message);
  });

  it('refuses a report zone that is malformed (in main) or unknown (in the engine)', async () => {
    const { db } = tempDb();
    const { invoke } = appOver(db);
    const malformed = (await invoke('reports:totals', { from: '2026-11-01', to: '2026-11-02', zone: '../etc' })) as { ok: boolean; error: string };
    expect(malformed).toMatchObject({ ok: false, error: expect.stringMatching(/zone: must be a time zone/) });
    const unknown = (await invoke('reports:totals', { from: '2026-11-01', to: '2026-11-02', zone: 'Mars/Olympus' })) as { ok: boolean; error: string };
    expect(unknown).toEqual({ ok: false, error: 'The time zone "Mars/Olympus" is not a time zone such as Europe/London.' });
    expect(await invoke('reports:totals', { from: '2026-11-01', to: '2026-11-02', zone: 'Asia/Tokyo' })).toMatchObject({ ok: true, value: { zone: 'Asia/Tokyo', rows: [] } });
  });

  it('refuses an unknown channel in main and in dispatch', async () => {
    const { db } = tempDb();
    const { invoke } = appOver(db);
    await expect(invoke('fs:readFile', { path: '/etc/passwd' })).rejects.toThrow(/No handler registered/);
    const handlers = createHandlers(createEngineApi(db), memorySettings(), fakeEdge().edge);
    expect(await dispatch(handlers, 'fs:readFile', {})).toEqual({ ok: false, error: 'Unknown channel "fs:readFile".' });
  });
});

describe('every channel round-trips through the fake ipcMain/ipcRenderer pair', () => {
  it('works a call from shift start to export', async () => {
    const { db } = tempDb();
    const c = campaign(db, { client: 'Acme', options: { introEmail: { subject: 'Hello {contact}', body: 'From {caller} for {client}' } } });
    await seed(db, c, [{ company: 'First Co', phone: us(1) }, { company: 'Second Co', phone: us(2) }]);
    db.prepare(`UPDATE records SET contact_name = 'Jo Smith', email = 'jo@first.example' WHERE company = 'First Co'`).run();
    const out = tempDir();
    let now = NOW;
    const app = appOver(db, { now: () => now, saveTo: (name) => join(out, name), settings: { callerName: 'Dana' } });
    const ok = <T>(r: { ok: true; value: T } | { ok: false; error: string }): T => {
      if (!r.ok) throw new Error(r.error);
      return r.value;
    };

    expect(ok(await app.api.getSettings({})).callerName).toBe('Dana');
    const saved = ok(await app.api.setSettings({ ...ok(await app.api.getSettings({})), dial: { mode: 'sip', sipDomain: 'pbx.example.com', template: '' } }));
    expect(saved.dial.mode).toBe('sip');
    expect((await app.api.setSettings({ ...saved, dial: { mode: 'custom', sipDomain: '', template: 'javascript:{number}' } })).ok).toBe(false);

    expect(ok(await app.api.listCampaigns({}))).toEqual([expect.objectContaining({ id: c.id, name: 'Test', records: 2, open: 2 })]);
    expect(ok(await app.api.startShift({ caller: 'Dana' })).caller).toBe('Dana');
    const view = ok(await app.api.nextRecord({ campaignId: c.id, caller: 'Dana' }));
    expect(view?.record.company).toBe('First Co');
    expect(view?.reason).toBe('fresh');
    expect(view?.dial).toEqual([{ e164: '+12015550101', canDial: true, reason: null }]);
    expect(view?.local).toEqual({ time: 'Mon 10:00', insideWindow: true });
    expect(ok(await app.api.getRecord({ recordId: view?.record.id ?? 0 })).record.id).toBe(view?.record.id);

    expect(ok(await app.api.dial({ recordId: view?.record.id ?? 0, e164: '+12015550101' }))).toEqual({ url: 'sip:+12015550101@pbx.example.com' });
    expect(app.opened).toEqual(['sip:+12015550101@pbx.example.com']);
    const notOurs = await app.api.dial({ recordId: view?.record.id ?? 0, e164: '+12015550199' });
    expect(notOurs).toEqual({ ok: false, error: '+12015550199 is not a number of this record.' });

    const refused = await app.api.logCall({ recordId: view?.record.id ?? 0, caller: 'Dana', events: ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], result: 'pitched_not_interested' });
    expect(refused).toEqual({ ok: false, error: 'Only a decision maker can give Pitched - Not Interested; whatever reception says, log No Contact and call again.' });
    const logged = ok(
      await app.api.logCall({
        recordId: view?.record.id ?? 0, caller: 'Dana', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'email_follow_up',
        followUpAt: new Date(NOW.getTime() + 14 * 86_400_000).toISOString(), notes: 'wants pricing', phone: '+12015550101',
      }),
    );
    expect(logged).toMatchObject({ newLead: true, status: 'closed' });
    expect(ok(await app.api.sendIntroEmail({ callId: logged.callId }))).toEqual({
      url: 'mailto:jo@first.example?subject=Hello%20Jo%20Smith&body=From%20Dana%20for%20Acme',
    });
    expect(db.prepare('SELECT intro_email_sent_at FROM calls WHERE id = ?').pluck().get(logged.callId)).toBe(NOW.toISOString());

    const state = ok(await app.api.sessionState({ caller: 'Dana' }));
    // A B2B shift's bar: its five figures, as before the schemes named them.
    expect(state.totals).toEqual([
      { column: 'dials', label: 'Dials', count: 1 },
      { column: 'dm_contacts', label: 'DM contacts', count: 1 },
      { column: 'pitches', label: 'Pitches', count: 1 },
      { column: 'leads', label: 'Leads', count: 1 },
      { column: 'appointments', label: 'Appointments', count: 0 },
    ]);
    const second = ok(await app.api.nextRecord({ campaignId: c.id, caller: 'Dana' }));
    expect(ok(await app.api.releaseRecord({ recordId: second?.record.id ?? 0, caller: 'Dana' }))).toEqual({ released: true });

    now = new Date(NOW.getTime() + 15 * 86_400_000);
    const tasks = ok(await app.api.listTasks({ caller: 'Dana' }));
    expect(tasks.due.map((t) => t.company)).toEqual(['First Co']);
    expect(tasks.upcoming).toEqual([]);

    ok(await app.api.endShift({ caller: 'Dana' }));
    expect(ok(await app.api.shiftSummary({ caller: 'Dana' })).line).toMatch(/Dana .*: 1 dial, 0 reception, 1 DM, 1 pitch, 1 lead/);
    expect(ok(await app.api.copyText({ text: 'summary' }))).toEqual({ ok: true });
    expect(app.copied).toEqual(['summary']);
    const exported = ok(await app.api.exportShift({ caller: 'Dana', format: 'csv' }));
    expect(exported?.path).toMatch(/outcall-shift-Dana-2026-11-24\.csv$/);
    expect(existsSync(exported?.path ?? '')).toBe(true);
  });

  it('a cancelled save dialog exports nothing', async () => {
    const { db } = tempDb();
    const app = appOver(db, { saveTo: () => null });
    await app.api.startShift({ caller: 'Dana' });
    expect(await app.api.exportShift({ caller: 'Dana', format: 'xlsx' })).toEqual({ ok: true, value: null });
  });
});
