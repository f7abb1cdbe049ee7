import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logCall, undoLog } from '../../electron/engine/index.ts';
import { countSql } from '../../electron/engine/counts.ts';
import type { DB } from '../../electron/engine/db/open.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';
import { appOver } from './harness.ts';
import { registerPluginScheme } from './plugin-scheme.ts';

const AT = new Date('2026-11-23T15:00:00Z'); // Monday 10:00 in New York
const TALKED = ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'];
const VISIT = '2026-11-30T15:00:00Z';

let unregister: () => void;
beforeAll(() => (unregister = registerPluginScheme()));
afterAll(() => unregister());

async function setUp(rows = 1): Promise<{ db: DB; ids: number[]; campaignId: number }> {
  const { db } = tempDb();
  const c = campaign(db, { schemeId: 'plugin-test', options: { settings: { closers: ['Sam', 'Lee'], currency: 'AUD' } } });
  const ids = await seed(db, c, Array.from({ length: rows }, (_, i) => ({ company: `Co ${i}`, phone: us(i + 1) })));
  return { db, ids, campaignId: c.id };
}

describe('several outcomes per call, one per dimension', () => {
  it('stores every chosen outcome, the first in scheme order as the result, the fields as given, and closes the record when one closes it', async () => {
    const { db, ids: [id = 0] } = await setUp();
    const logged = logCall(db, {
      recordId: id, caller: 'Al', events: TALKED, results: ['visit_set', 'asked'], at: AT,
      fields: { visit_at: VISIT, visit_kind: 'zoom', agent: 'Sam' },
    });
    expect(logged).toMatchObject({ status: 'closed', appointment: true, results: ['asked', 'visit_set'] });
    const call = db.prepare('SELECT result, fields, scheme_id AS schemeId, scheme_version AS version FROM calls WHERE id = ?').get(logged.callId) as Record<string, unknown>;
    expect(call).toEqual({ result: 'asked', fields: JSON.stringify({ visit_at: '2026-11-30T15:00:00.000Z', visit_kind: 'zoom', agent: 'Sam' }), schemeId: 'plugin-test', version: 3 });
    expect(db.prepare('SELECT slug FROM call_outcomes WHERE call_id = ? ORDER BY slug').pluck().all(logged.callId)).toEqual(['asked', 'visit_set']);
    expect(db.prepare('SELECT kind, host, at FROM appointments').get()).toEqual({ kind: 'zoom', host: 'Sam', at: '2026-11-30T15:00:00.000Z' });
  });

  it('refuses two outcomes of one dimension, a missing required one, and a combination the scheme forbids, in its words; nothing is written', async () => {
    const { db, ids: [id = 0] } = await setUp();
    const log = (results: string[], fields = {}) => () => logCall(db, { recordId: id, caller: 'Al', events: TALKED, results, fields, at: AT });
    expect(log(['asked', 'not_asked'])).toThrow('Choose one Ask outcome, not Asked for Appointment and No Ask.');
    expect(log(['off_topic'], { topics: ['legal'] })).toThrow('Choose an outcome for Ask.');
    expect(log(['not_asked', 'visit_set'], { visit_at: VISIT })).toThrow('A visit set means you asked: choose Asked for Appointment too.');
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
  });

  it('takes exactly one outcome in a scheme without dimensions', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'B2B Co', phone: us(1) }]);
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], results: ['no_contact', 'duplicate'], at: AT })).toThrow(
      'Choose one result, not 2 (No Contact (Call Back), Duplicate).',
    );
  });
});

describe('fields declared by the scheme', () => {
  it('refuses a value that does not fit its declaration, an unknown key, a missing required field and one no outcome asks for, naming the field', async () => {
    const { db, ids: [id = 0] } = await setUp();
    const log = (results: string[], fields: Record<string, string | number | string[]>) => () =>
      logCall(db, { recordId: id, caller: 'Al', events: TALKED, results, fields, at: AT });
    expect(log(['asked', 'sold'], { deal_value: 'lots', agent: 'Sam' })).toThrow('Deal value (deal_value): must be an amount.');
    expect(log(['asked', 'sold'], { deal_value: 5, agent: 'Kim' })).toThrow("Agent (agent): must be one of the campaign's Sam, Lee.");
    expect(log(['asked', 'off_topic'], { topics: ['weather'] })).toThrow('Topics (topics): must be one of pricing, legal.');
    expect(log(['asked'], { colour: 'red' })).toThrow('"colour" is not a field of Plug-in test scheme; its fields are: visit_at, visit_kind, agent, deal_value, product, parent_deal, topics.');
    expect(log(['asked', 'off_topic'], {})).toThrow('Prohibited Topic needs Topics (topics).');
    expect(log(['asked'], { product: 'Roof' })).toThrow('Asked for Appointment takes no Product (product).');
    expect(log(['asked', 'visit_set'], { visit_at: '2031-01-01T10:00:00Z' })).toThrow('A meeting more than 365 days out is beyond the planning horizon.');
  });
});

describe('effects of the plug-in', () => {
  it('records a deal with its value, product, closer and the campaign\'s currency, grows an earlier deal, and undo removes it', async () => {
    const { db, ids: [a = 0, b = 0] } = await setUp(2);
    const first = logCall(db, { recordId: a, caller: 'Al', events: TALKED, results: ['asked', 'sold'], fields: { deal_value: 1200.5, product: 'Roof', agent: 'Lee' }, at: AT });
    const deal = db.prepare('SELECT id, value, currency, product, closer, parent_id AS parentId FROM deals').get() as { id: number };
    expect(deal).toMatchObject({ value: 1200.5, currency: 'AUD', product: 'Roof', closer: 'Lee', parentId: null });
    expect(first.status).toBe('closed');
    expect(() =>
      logCall(db, { recordId: b, caller: 'Al', events: TALKED, results: ['asked', 'sold'], fields: { deal_value: 10, agent: 'Lee', parent_deal: '999' }, at: AT }),
    ).toThrow('There is no deal 999 in campaign "Test" to grow from.');
    const upsell = logCall(db, { recordId: b, caller: 'Al', events: TALKED, results: ['asked', 'sold'], fields: { deal_value: 300, agent: 'Sam', parent_deal: String(deal.id) }, at: AT });
    expect(db.prepare('SELECT parent_id FROM deals WHERE call_id = ?').pluck().get(upsell.callId)).toBe(deal.id);
    undoLog(db, { callId: upsell.callId, caller: 'Al', at: AT });
    expect(db.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(1);
    expect(db.prepare('SELECT count(*) FROM call_outcomes WHERE call_id = ?').pluck().get(upsell.callId)).toBe(0);
  });

  it('flags a call, and the declared counts take flags, outcomes and field values', async () => {
    const { db, ids: [a = 0, b = 0] } = await setUp(2);
    logCall(db, { recordId: a, caller: 'Al', events: TALKED, results: ['asked', 'off_topic'], fields: { topics: ['legal', 'pricing'] }, at: AT });
    logCall(db, { recordId: b, caller: 'Al', events: TALKED, results: ['asked', 'visit_set'], fields: { visit_at: VISIT, visit_kind: 'zoom', agent: 'Lee' }, at: AT });
    const count = (k: Parameters<typeof countSql>[0]) => db.prepare(`SELECT ${countSql(k)} FROM calls c`).pluck().get();
    expect(count({ flag: 'prohibited_topic' })).toBe(1);
    expect(count({ outcome: 'asked' })).toBe(2);
    expect(count({ outcomes: ['visit_set', 'off_topic'] })).toBe(2);
    expect(count({ field: { key: 'visit_kind', equals: 'zoom' } })).toBe(1);
    expect(count({ field: { key: 'agent', in: ['Sam', 'Lee'] }, outcome: 'visit_set' })).toBe(1);
    expect(count({ flag: 'pitched' })).toBe(2);
  });
});

describe('rules that look back on the record', () => {
  it('offers an outcome only after an earlier one on the same record', async () => {
    const { db, ids: [id = 0] } = await setUp();
    const second = () => logCall(db, { recordId: id, caller: 'Al', events: TALKED, results: ['asked', 'second_visit'], at: AT });
    expect(second).toThrow('Second Visit follows a Visit Set on this record.');
    logCall(db, { recordId: id, caller: 'Al', events: TALKED, results: ['asked', 'visit_set'], fields: { visit_at: VISIT }, at: AT });
    db.prepare(`INSERT INTO tasks (record_id, campaign_id, due_at, created_at, updated_at) VALUES (?, 1, ?, ?, ?)`).run(id, VISIT, VISIT, VISIT);
    expect(second().results).toEqual(['asked', 'second_visit']);
  });
});

describe('call:log over IPC', () => {
  it('takes results and fields, and refuses a bad field naming it; B2B\'s older field names still work', async () => {
    const { db, ids: [id = 0] } = await setUp();
    const { invoke } = appOver(db, { now: () => AT });
    const bad = (await invoke('call:log', { recordId: id, caller: 'Al', events: TALKED, results: ['asked', 'sold'], fields: { deal_value: -3, agent: 'Sam' } })) as { ok: boolean; error: string };
    expect(bad).toEqual({ ok: false, error: 'Deal value (deal_value): must be at least 0.' });
    const huge = (await invoke('call:log', { recordId: id, caller: 'Al', events: TALKED, results: ['asked'], fields: { note: 'x'.repeat(3000) } })) as { ok: boolean; error: string };
    expect(huge).toMatchObject({ ok: false, error: expect.stringMatching(/fields\.note: at most 2000 characters/) });
    const none = (await invoke('call:log', { recordId: id, caller: 'Al', events: TALKED })) as { ok: boolean; error: string };
    expect(none).toEqual({ ok: false, error: 'Choose an outcome for Ask.' });
    const ok = (await invoke('call:log', { recordId: id, caller: 'Al', events: TALKED, results: ['asked', 'sold'], fields: { deal_value: 99, agent: 'Sam' } })) as { ok: boolean; value: { results: string[] } };
    expect(ok).toMatchObject({ ok: true, value: { results: ['asked', 'sold'] } });
  });
});

describe('campaign settings a scheme declares', () => {
  it('keeps them in the campaign\'s options and refuses a value or key the scheme does not declare, naming it', () => {
    const { db } = tempDb();
    expect(() => campaign(db, { schemeId: 'plugin-test', options: { settings: { closers: 'Sam' } } })).toThrow('Agents: Invalid input: expected array, received string.');
    expect(() => campaign(db, { schemeId: 'plugin-test', options: { settings: { colour: 'red' } } })).toThrow('Plug-in test scheme takes no setting colour; its settings are: closers, currency.');
    expect(campaign(db, { schemeId: 'plugin-test', options: { settings: { closers: ['Sam'], currency: 'EUR' } } }).options.settings).toEqual({ closers: ['Sam'], currency: 'EUR' });
  });
});
