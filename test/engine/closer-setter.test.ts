import { describe, expect, it } from 'vitest';
import { callerByName, campaignRates, getCampaign, logCall, queueFor, takeNext, undoLog, updateCampaign, type DB } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

/** Seed 001 on the engine: setters' discovery calls, closers' strategy calls, deals, hosts in turn. */

const HELD = ['DIAL', 'CONNECTED', 'HUNG_UP'];
const AT = new Date('2026-11-23T15:00:00Z');
const SETTINGS = { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' };

async function closerCampaign(rows = 3) {
  const { db } = tempDb();
  const c = campaign(db, { schemeId: 'closer-setter', options: { settings: SETTINGS } });
  const ids = await seed(db, c, Array.from({ length: rows }, (_, i) => ({ company: `Lead ${i + 1}`, phone: us(i + 1) })));
  return { db, c, ids };
}

const approve = (db: DB, recordId: number, strategyAt: string, fields: Record<string, string> = {}, caller = 'Sam') =>
  logCall(db, { recordId, caller, events: HELD, result: 'approved', fields: { strategy_at: strategyAt, ...fields }, at: AT });

const meetings = (db: DB) => db.prepare('SELECT record_id AS recordId, at, host FROM appointments ORDER BY id').all();

describe('a closer-setter campaign', () => {
  it('keeps its closers, products and currency, and refuses a setting its scheme does not declare', async () => {
    const { db, c } = await closerCampaign(0);
    expect(getCampaign(db, c.id).options.settings).toEqual(SETTINGS);
    expect(() => updateCampaign(db, c.id, { options: { settings: { ...SETTINGS, colour: 'red' } } })).toThrow(
      'Closers and setters takes no setting colour; its settings are: closers, products, currency.',
    );
  });
});

describe('discovery calls', () => {
  it('Approved books the strategy call with the next closer in turn, passing over one already booked then', async () => {
    const { db, ids } = await closerCampaign(4);
    const [a = 0, b = 0, c = 0, d = 0] = ids;
    const r = approve(db, a, '2026-11-25T16:00:00Z');
    expect(r).toMatchObject({ status: 'closed', appointment: true, results: ['approved'] });
    approve(db, b, '2026-11-25T18:00:00Z');
    // Cleo's turn again, but she hosts at 16:00: Max takes 16:30.
    approve(db, c, '2026-11-25T16:30:00Z');
    approve(db, d, '2026-11-26T16:00:00Z', { closer: 'Max' });
    expect(meetings(db)).toEqual([
      { recordId: a, at: '2026-11-25T16:00:00.000Z', host: 'Cleo' },
      { recordId: b, at: '2026-11-25T18:00:00.000Z', host: 'Max' },
      { recordId: c, at: '2026-11-25T16:30:00.000Z', host: 'Max' },
      { recordId: d, at: '2026-11-26T16:00:00.000Z', host: 'Max' },
    ]);
  });

  it('refuses a closer who is not one of the campaign\'s, or one already booked then, and writes nothing', async () => {
    const { db, ids } = await closerCampaign(2);
    const [a = 0, b = 0] = ids;
    expect(() => approve(db, a, '2026-11-25T16:00:00Z', { closer: 'Zed' })).toThrow("Closer (closer): must be one of the campaign's Cleo, Max.");
    approve(db, a, '2026-11-25T16:00:00Z', { closer: 'Cleo' });
    expect(() => approve(db, b, '2026-11-25T16:30:00Z', { closer: 'Cleo' })).toThrow('Cleo already has a meeting within an hour of 2026-11-25 11:30 America/New_York: pick another time or host.');
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
  });

  it('Rejected needs its reason, Other its notes, in the scheme\'s words', async () => {
    const { db, ids } = await closerCampaign(1);
    const [a = 0] = ids;
    expect(() => logCall(db, { recordId: a, caller: 'Sam', events: HELD, result: 'rejected', fields: { reason: 'other' }, at: AT })).toThrow(
      'Rejected for another reason needs notes saying what it was.',
    );
    const r = logCall(db, { recordId: a, caller: 'Sam', events: HELD, result: 'rejected', fields: { reason: 'other', notes: 'Moving abroad' }, at: AT });
    expect(r).toMatchObject({ status: 'closed', appointment: false });
  });
});

describe('strategy calls', () => {
  it('cannot be logged before the discovery call is Approved', async () => {
    const { db, ids } = await closerCampaign(1);
    const [a = 0] = ids;
    const sale = { objection: 'money', deal_value: 4500, deal_date: '2026-11-23', product: 'Coaching', payment: 'won' };
    expect(() => logCall(db, { recordId: a, caller: 'Cleo', events: HELD, result: 'sale', fields: sale, at: AT })).toThrow(
      'Sale is a strategy call outcome: this lead has had no discovery call logged, and a strategy call needs an Approved discovery call first.',
    );
    expect(db.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(0);
  });

  it('a Sale on the approved lead records the deal with its closer, product and currency; undo takes it back', async () => {
    const { db, ids } = await closerCampaign(1);
    const [a = 0] = ids;
    approve(db, a, '2026-11-25T16:00:00Z');
    const at = new Date('2026-11-25T17:00:00Z');
    const sale = { objection: 'smoke_screen', deal_value: 4500, deal_date: '2026-11-25', product: 'Group Programme', payment: 'won' };
    const r = logCall(db, { recordId: a, caller: 'Cleo', events: HELD, result: 'sale', fields: sale, notes: 'Paid in full', at });
    expect(r).toMatchObject({ status: 'closed', results: ['sale'] });
    expect(db.prepare('SELECT record_id AS recordId, value, currency, deal_date AS date, product, payment, closer FROM deals').all()).toEqual([
      { recordId: a, value: 4500, currency: 'USD', date: '2026-11-25', product: 'Group Programme', payment: 'won', closer: 'Cleo' },
    ]);
    undoLog(db, { callId: r.callId, caller: 'Cleo', at });
    expect(db.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(0);
  });

  it('No Sale, Follow Up Scheduled books the next strategy call with the closer who logs it', async () => {
    const { db, ids } = await closerCampaign(1);
    const [a = 0] = ids;
    approve(db, a, '2026-11-25T16:00:00Z');
    const at = new Date('2026-11-25T17:00:00Z');
    const followUp = logCall(db, {
      recordId: a, caller: 'Cleo', events: HELD, result: 'no_sale', at,
      fields: { reason: 'follow_up_scheduled', objection: 'partner', strategy_at: '2026-12-01T16:00:00Z' },
    });
    expect(followUp.appointment).toBe(true);
    expect(meetings(db)).toEqual([
      { recordId: a, at: '2026-11-25T16:00:00.000Z', host: 'Cleo' },
      { recordId: a, at: '2026-12-01T16:00:00.000Z', host: 'Cleo' },
    ]);
    // The lead is still approved: the follow-up is a strategy call again.
    const no = logCall(db, { recordId: a, caller: 'Cleo', events: ['CANCELLED'], result: 'no_sale', fields: { reason: 'contact_cancelled' }, at: new Date('2026-12-01T10:00:00Z') });
    // A No Sale that books nothing counts no meeting.
    expect(no).toMatchObject({ contactLevel: 'meeting_cancelled', status: 'closed', appointment: false });
    // With no meeting left to hold, the closed lead takes no more calls.
    expect(() => logCall(db, { recordId: a, caller: 'Cleo', events: HELD, result: 'no_sale', fields: { reason: 'not_interested' }, at: new Date('2026-12-02T10:00:00Z') })).toThrow(
      /is closed \(no_sale\); it has no follow-up task to call it back/,
    );
  });
});

describe("a closer's queue", () => {
  it('brings the strategy calls they host first when due, lists those past with no outcome as waiting for one, until logged', async () => {
    const { db, c, ids } = await closerCampaign(3);
    const [a = 0, b = 0, fresh = 0] = ids;
    approve(db, a, '2026-11-25T16:00:00Z');
    approve(db, b, '2026-11-25T18:00:00Z');
    const cleo = callerByName(db, 'Cleo').id;
    const max = callerByName(db, 'Max').id;
    const queue = (caller: number, at: string) => queueFor(db, c, { at: new Date(at), limit: 3, callerId: caller }).map((q) => [q.id, q.reason, q.dueAt]);
    // A day before, nothing is due yet: the closer's queue is the list's.
    expect(queue(cleo, '2026-11-24T16:00:00Z')).toEqual([[fresh, 'fresh', null]]);
    expect(queue(cleo, '2026-11-25T15:50:00Z')).toEqual([[a, 'meeting_due', '2026-11-25T16:00:00.000Z'], [fresh, 'fresh', null]]);
    expect(queue(max, '2026-11-25T15:50:00Z')).toEqual([[fresh, 'fresh', null]]);
    // Two hours on, Cleo's call has had no outcome; Max's is due.
    expect(queue(cleo, '2026-11-25T18:00:00Z')).toEqual([[a, 'waiting_for_outcome', '2026-11-25T16:00:00.000Z'], [fresh, 'fresh', null]]);
    expect(queue(max, '2026-11-25T18:00:00Z')).toEqual([[b, 'meeting_due', '2026-11-25T18:00:00.000Z'], [fresh, 'fresh', null]]);
    const taken = takeNext(db, c.id, cleo, new Date('2026-11-25T18:00:00Z'));
    expect(taken).toMatchObject({ id: a, reason: 'waiting_for_outcome' });
    expect(takeNext(db, c.id, cleo, new Date('2026-11-25T18:01:00Z'))).toMatchObject({ id: a, reason: 'waiting_for_outcome' });
    logCall(db, { recordId: a, caller: 'Cleo', events: ['DIAL', 'NO_SHOW'], result: 'no_sale', fields: { reason: 'no_show' }, at: new Date('2026-11-25T18:05:00Z') });
    expect(queue(cleo, '2026-11-25T18:10:00Z')).toEqual([[fresh, 'fresh', null]]);
  });
});

describe('the rates of seed 001', () => {
  /** Each lead approved on Monday, then its strategy call on Wednesday as `strategy` says. */
  async function worked(strategies: readonly { events: string[]; result: string; fields: Record<string, string | number> }[]) {
    const { db, c, ids } = await closerCampaign(strategies.length);
    ids.forEach((id, i) => approve(db, id, `2026-11-25T${String(14 + i).padStart(2, '0')}:00:00Z`));
    const hosts = db.prepare('SELECT host FROM appointments ORDER BY id').pluck().all() as string[];
    strategies.forEach((s, i) =>
      logCall(db, { recordId: ids[i] ?? 0, caller: hosts[i] ?? '', events: s.events, result: s.result, fields: s.fields, at: new Date(`2026-11-25T${14 + i}:30:00Z`) }),
    );
    const rates = () => campaignRates(db, c.id, { from: '2026-11-23', to: '2026-11-25', zone: 'America/New_York' }).rows;
    return { db, c, rates };
  }
  const deal = (payment: string, value: number, product: string) => ({ objection: 'money', deal_value: value, deal_date: '2026-11-25', product, payment });
  const value = (rows: { key: string; per: string; who: string; value: number | null }[], key: string, per = 'campaign', who = '') =>
    rows.find((r) => r.key === key && r.per === per && r.who === who)?.value;
  type Strategy = { events: string[]; result: string; fields: Record<string, string | number> };
  const STRATEGIES: Strategy[] = [
    { events: HELD, result: 'sale', fields: deal('won', 4500, 'Coaching') }, // Cleo
    { events: HELD, result: 'sale', fields: deal('deposit', 1000, 'Mastermind') }, // Max
    { events: HELD, result: 'no_sale', fields: { reason: 'unqualified', objection: 'fear' } }, // Cleo
    { events: ['DIAL', 'NO_SHOW'], result: 'no_sale', fields: { reason: 'no_show' } }, // Max
  ];

  it('closing, engagement, show-up and approval rates, per closer and for the campaign, and deal value per closer and product', async () => {
    const { rates } = await worked(STRATEGIES);
    const r = rates();
    expect([value(r, 'closing_rate'), value(r, 'closing_rate', 'caller', 'Cleo'), value(r, 'closing_rate', 'caller', 'Max')]).toEqual([33.3, 50, 0]);
    expect([value(r, 'engagement_rate'), value(r, 'engagement_rate', 'caller', 'Cleo'), value(r, 'engagement_rate', 'caller', 'Max')]).toEqual([66.7, 50, 100]);
    expect([value(r, 'show_up_rate'), value(r, 'show_up_rate', 'caller', 'Cleo'), value(r, 'show_up_rate', 'caller', 'Max')]).toEqual([75, 100, 50]);
    expect([value(r, 'approval_rate'), value(r, 'approval_rate', 'caller', 'Sam')]).toEqual([100, 100]);
    const sums = r.filter((x) => x.key === 'deal_value').map((x) => [x.per, x.who, x.numerator]);
    expect(sums).toEqual([['campaign', '', 5500], ['caller', 'Cleo', 4500], ['caller', 'Max', 1000], ['caller', 'Sam', 0], ['product', 'Coaching', 4500], ['product', 'Mastermind', 1000]]);
  });

  it('a Recurring sale does not change the closing rate, but counts as a call held and adds its deal value', async () => {
    const { rates } = await worked([...STRATEGIES, { events: HELD, result: 'sale', fields: deal('recurring', 2000, 'Coaching') }]);
    const r = rates();
    expect([value(r, 'closing_rate'), value(r, 'closing_rate', 'caller', 'Cleo')]).toEqual([33.3, 50]);
    expect(value(r, 'engagement_rate')).toBe(50);
    expect(value(r, 'show_up_rate')).toBe(80);
    expect(r.find((x) => x.key === 'deal_value' && x.per === 'product' && x.who === 'Coaching')?.numerator).toBe(6500);
  });
});

describe('a meeting with no host', () => {
  it('brings no closed record back: a B2B appointment is the client rep\'s, not a call of ours', async () => {
    const { db } = tempDb();
    const c = campaign(db);
    const [id = 0] = await seed(db, c, [{ company: 'A', phone: us(1) }]);
    logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'DM_ANSWERED', 'PITCHED', 'HUNG_UP'], result: 'appointment_booked', appointmentAt: new Date('2026-11-26T15:00:00Z'), at: AT });
    expect(() => logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-26T16:00:00Z') })).toThrow(
      `Record ${id} (A) is closed (appointment_booked); it has no follow-up task to call it back.`,
    );
  });
});
