import { describe, expect, it } from 'vitest';
import { createCampaign, getCampaign, logCall, updateCampaign } from '../../electron/engine/index.ts';
import { b2bAppointmentSetting, SCHEMES, type OutcomeScheme } from '../../shared/schemes/index.ts';
import { captureConsole, run } from './cli-run.ts';
import { appOver } from './harness.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

captureConsole();

type R<T> = { ok: true; value: T } | { ok: false; error: string };
const ok = <T>(r: R<T>): T => {
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

/** A second scheme for as long as `f` runs: B2B's outcomes under another id. */
async function withSecondScheme<T>(f: (id: string) => Promise<T> | T): Promise<T> {
  const second: OutcomeScheme = { ...b2bAppointmentSetting, id: 'second-scheme', name: 'Second scheme' };
  (SCHEMES as OutcomeScheme[]).push(second);
  try {
    return await f(second.id);
  } finally {
    (SCHEMES as OutcomeScheme[]).splice(SCHEMES.indexOf(second), 1);
  }
}

describe('a campaign chooses its outcome scheme', () => {
  it('gets B2B appointment setting by default, and the scheme it names when it names one', async () => {
    const { db } = tempDb();
    expect(campaign(db).schemeId).toBe('b2b-appointment-setting');
    await withSecondScheme((id) => {
      expect(createCampaign(db, { name: 'Other', region: 'US', timezone: 'America/New_York', schemeId: id }).schemeId).toBe(id);
    });
  });

  it('refuses an unknown scheme with the ids there are, and creates nothing', () => {
    const { db } = tempDb();
    expect(() => createCampaign(db, { name: 'X', region: 'US', timezone: 'America/New_York', schemeId: 'b2c' })).toThrow(
      `Unknown outcome scheme "b2c"; the schemes are: ${SCHEMES.map((x) => x.id).join(', ')}.`,
    );
    expect(db.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(0);
  });

  it('changes its scheme while no call is logged, and keeps it once one is', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [id = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    await withSecondScheme((second) => {
      expect(updateCampaign(db, c.id, { schemeId: second }).schemeId).toBe(second);
      updateCampaign(db, c.id, { schemeId: 'b2b-appointment-setting' });
      logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-23T15:00:00Z') });
      expect(() => updateCampaign(db, c.id, { schemeId: second })).toThrow(
        'Campaign "Test" keeps its outcome scheme (B2B appointment setting): 1 call is logged with it.',
      );
      expect(getCampaign(db, c.id).schemeId).toBe('b2b-appointment-setting');
    });
  });

  it('through IPC: main refuses a scheme id that is not in the registry, naming the field', async () => {
    const { db } = tempDb();
    const app = appOver(db);
    const c = ok(await app.api.getCampaign({ campaignId: campaign(db).id }));
    expect(c).toMatchObject({ schemeId: 'b2b-appointment-setting', calls: 0 });
    const saved = await app.api.saveCampaign({
      id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone, callingWindow: c.callingWindow,
      retryDelayHours: c.retryDelayHours, maxAttempts: c.maxAttempts, notQualifiedReasons: [], schemeId: 'b2c',
      options: { allowEmailOnlyHns: false, wantsConsultantFollowUp: false, qualification: '', introEmail: { subject: '', body: '' }, dial: null },
    });
    expect(saved).toMatchObject({ ok: false, error: expect.stringMatching(/schemeId: must be one of the schemes: b2b-appointment-setting/) });
  });
});

describe('outcall schemes and campaign create --scheme', () => {
  it('lists each scheme with its version, flow and outcomes, also as JSON', async () => {
    const r = await run('schemes');
    expect(r.code).toBe(0);
    expect(r.out).toContain('b2b-appointment-setting: B2B appointment setting (version 1, call flow b2b)');
    expect(r.out).toMatch(/^ {2}A +appointment_booked +Appointment Booked +closed +appointment +positive$/m);
    expect(r.out).toMatch(/^ {2} +remove_from_database +Remove From Database +closed +negative$/m);
    const json = (await run('schemes', '--json')).json() as { id: string; version: number; flow: string; outcomes: { slug: string; key: string | null }[] }[];
    expect(json.map((s) => [s.id, s.version, s.flow])).toEqual(SCHEMES.map((s) => [s.id, s.version, s.flow]));
    expect(json[0]).toMatchObject({ id: 'b2b-appointment-setting', version: 1, flow: 'b2b' });
    expect(json[0]?.outcomes).toContainEqual(expect.objectContaining({ slug: 'no_contact', key: 'n' }));
    expect(json[0]?.outcomes.map((o) => o.slug)).toEqual(b2bAppointmentSetting.codes.map((c) => c.slug));
  });

  it('creates a campaign with the scheme named, and refuses an unknown one with the list of ids (exit 1)', async () => {
    const path = `${tempDir()}/o.db`;
    const made = await run('campaign', 'create', 'Solar', '--scheme', 'b2b-appointment-setting', '--timezone', 'America/New_York', '--db', path);
    expect(made).toMatchObject({ code: 0 });
    expect(made.out).toContain('Created campaign "Solar" (id 1, region US, America/New_York, B2B appointment setting).');
    const refused = await run('campaign', 'create', 'Wind', '--scheme', 'b2c', '--timezone', 'America/New_York', '--db', path);
    expect(refused.code).toBe(1);
    expect(refused.err).toBe(`outcall campaign create: Unknown outcome scheme "b2c"; the schemes are: ${SCHEMES.map((x) => x.id).join(', ')}.`);
    expect(((await run('campaign', 'list', '--json', '--db', path)).json() as { name: string; schemeId: string }[]).map((c) => [c.name, c.schemeId])).toEqual([
      ['Solar', 'b2b-appointment-setting'],
    ]);
  });
});

describe('the shift totals a scheme declares', () => {
  it('are the count columns of the totals and their exports, after who and when, in the order declared', async () => {
    const { totalsColumns } = await import('../../electron/engine/totals.ts');
    const declared = b2bAppointmentSetting.timesheet.map((t) => t.column);
    expect(totalsColumns().slice(0, 7 + declared.length)).toEqual(['date', 'caller', 'shift_start', 'shift_end', 'shift', 'time_zone', 'hours', ...declared]);
    expect(b2bAppointmentSetting.timesheet.find((t) => t.column === 'dm_contacts')?.counts).toEqual({ level: 'decision_maker' });
  });
});

describe('the funnel a scheme declares', () => {
  it('counts each declared stage, and the calls behind a stage of several levels open through IPC', async () => {
    const { db } = tempDb();
    const c = campaign(db, { callingWindow: { mon: { start: '00:00', end: '23:59' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null } });
    const [a = 0, b = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const at = new Date('2026-11-23T15:00:00Z');
    logCall(db, { recordId: a, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at });
    logCall(db, { recordId: b, caller: 'Al', events: ['DIAL', 'RECEPTION_ANSWERED', 'HUNG_UP'], result: 'no_contact', at });
    const app = appOver(db, { now: () => at });
    const range = { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York' };
    const f = ok(await app.api.funnel(range));
    expect(Object.keys(f)).toEqual(b2bAppointmentSetting.funnel.map((s) => s.key));
    expect(f).toMatchObject({ dials: 2, reception: 1, decisionMaker: 0 });
    const reached = b2bAppointmentSetting.funnel.find((s) => s.key === 'reception')?.counts.levels ?? [];
    expect(ok(await app.api.callsBehind({ ...range, levels: [...reached] })).calls.map((x) => x.company)).toEqual(['B']);
    expect(await app.api.callsBehind({ ...range, levels: ['ceo' as never] })).toMatchObject({ ok: false, error: expect.stringMatching(/^levels/) });
  });
});
