import { describe, expect, it } from 'vitest';
import { getFlow, validateSelection, type FlowInput } from '../../shared/callflow/index.ts';
import { getScheme, parseFields, type FieldInputs } from '../../shared/schemes/index.ts';

/** Seed 001's rules, as the app, main and the command line apply them (validateSelection). */
const flow = getFlow('meeting');
const scheme = getScheme('closer-setter');
const NOW = new Date('2026-11-23T15:00:00Z');
const CAMPAIGN = { closers: ['Cleo', 'Max'], products: ['Coaching'], currency: 'USD' };

const HELD = ['DIAL', 'CONNECTED', 'HUNG_UP'];
const NO_SHOW = ['DIAL', 'NO_SHOW'];
const CANCELLED = ['CANCELLED'];

/** The problems logging `code` with `fields` meets, for a meeting that went through `events` on a lead with these earlier outcomes. */
function problems(events: string[], code: string, fields: FieldInputs = {}, priorResults: string[] = []): string[] {
  const input: FlowInput = { schemeId: scheme.id, record: { priorResults }, campaign: CAMPAIGN };
  const parsed = parseFields(scheme, fields, CAMPAIGN);
  if (parsed.problems.length) return parsed.problems.map((p) => `${p.field}: ${p.message}`);
  return validateSelection({ flow, snapshot: flow.replay(events, input), codes: [code], fields: parsed.values, now: NOW }).map((p) => `${p.field}: ${p.message}`);
}

const APPROVED = ['approved'];
const SALE = { objection: 'money', deal_value: 4500, deal_date: '2026-11-23', product: 'Coaching', payment: 'won' };

describe('outcome names', () => {
  it('are the labels in snake_case, with the fields the issue names', () => {
    expect(scheme.codes.map((c) => [c.slug, c.label])).toEqual([['approved', 'Approved'], ['rejected', 'Rejected'], ['sale', 'Sale'], ['no_sale', 'No Sale']]);
    expect(scheme.fields.map((f) => f.key)).toEqual(['strategy_at', 'closer', 'reason', 'objection', 'deal_value', 'deal_date', 'product', 'payment', 'parent_deal', 'notes']);
    expect(scheme.fields.find((f) => f.key === 'payment')?.options?.map((o) => o.value)).toEqual(['won', 'recurring', 'deposit']);
    expect(scheme.fields.find((f) => f.key === 'objection')?.options?.map((o) => o.value)).toEqual(['money', 'logistic', 'partner', 'fear', 'smoke_screen', 'no_objection']);
    expect(scheme.settings?.map((f) => f.key)).toEqual(['closers', 'products', 'currency']);
  });
});

describe('discovery calls (setters)', () => {
  it('Approved books the strategy call: it needs the date and time, in the future', () => {
    expect(problems(HELD, 'approved', { strategy_at: '2026-11-25T16:00:00Z' })).toEqual([]);
    expect(problems(HELD, 'approved', { strategy_at: '2026-11-25T16:00:00Z', closer: 'Max' })).toEqual([]);
    expect(problems(HELD, 'approved')).toEqual(['strategy_at: Approved needs Strategy call (strategy_at).']);
    expect(problems(HELD, 'approved', { strategy_at: '2026-11-20T16:00:00Z' })).toEqual(['strategy_at: The strategy call must be in the future.']);
  });

  it('Approved takes only one of the campaign\'s closers', () => {
    expect(problems(HELD, 'approved', { strategy_at: '2026-11-25T16:00:00Z', closer: 'Zed' })).toEqual([
      "closer: Closer (closer): must be one of the campaign's Cleo, Max.",
    ]);
  });

  it('Approved needs a meeting that was held', () => {
    expect(problems(NO_SHOW, 'approved', { strategy_at: '2026-11-25T16:00:00Z' })).toEqual([
      'code: Approved needs a meeting that was held; this was a meeting the prospect did not show up to.',
    ]);
  });

  it('Rejected needs a reason, and Other needs notes', () => {
    expect(problems(HELD, 'rejected')).toEqual(['reason: Rejected needs Reason (reason).']);
    expect(problems(HELD, 'rejected', { reason: 'bad_fit' })).toEqual([]);
    expect(problems(HELD, 'rejected', { reason: 'other' })).toEqual(['notes: Rejected for another reason needs notes saying what it was.']);
    expect(problems(HELD, 'rejected', { reason: 'other', notes: 'Moving abroad' })).toEqual([]);
  });

  it('a reason must fit the meeting: No Show for a no-show, and only for one', () => {
    expect(problems(NO_SHOW, 'rejected', { reason: 'no_show' })).toEqual([]);
    expect(problems(HELD, 'rejected', { reason: 'no_show' })).toEqual(['reason: No Show is for a meeting the prospect did not show up to; this was a meeting that was held.']);
    expect(problems(NO_SHOW, 'rejected', { reason: 'bad_fit' })).toEqual([
      'reason: This was a meeting the prospect did not show up to: the reason is No Show, not Bad Fit.',
    ]);
    expect(problems(CANCELLED, 'rejected', { reason: 'not_interested' })).toEqual([]);
    expect(problems(HELD, 'rejected', { reason: 'unqualified' })).toEqual(['reason: Rejected needs a reason: No Show, Not Interested, Bad Fit, Other; not "unqualified".']);
  });

  it('takes no deal and no strategy call', () => {
    expect(problems(HELD, 'rejected', { reason: 'bad_fit', strategy_at: '2026-11-25T16:00:00Z' })).toEqual(['strategy_at: Rejected takes no Strategy call (strategy_at).']);
  });

  it('is not logged again once the lead was Approved', () => {
    expect(problems(HELD, 'rejected', { reason: 'bad_fit' }, APPROVED)).toEqual([
      "code: This lead's discovery call was already Approved: log the strategy call's outcome (Sale or No Sale).",
    ]);
  });
});

describe('strategy calls (closers)', () => {
  it('cannot be logged for a lead whose discovery call is not Approved', () => {
    expect(problems(HELD, 'sale', SALE)).toEqual([
      'code: Sale is a strategy call outcome: this lead has had no discovery call logged, and a strategy call needs an Approved discovery call first. Log the discovery call (Approved or Rejected).',
    ]);
    expect(problems(HELD, 'no_sale', { reason: 'unqualified', objection: 'money' }, ['rejected'])).toEqual([
      'code: No Sale is a strategy call outcome: this lead had its discovery call Rejected, and a strategy call needs an Approved discovery call first. Log the discovery call (Approved or Rejected).',
    ]);
  });

  it('Sale needs the objection overcome and the whole deal', () => {
    expect(problems(HELD, 'sale', SALE, APPROVED)).toEqual([]);
    expect(problems(HELD, 'sale', { ...SALE, product: 'A new course' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'sale', { deal_value: 4500 }, APPROVED)).toEqual([
      'objection: Sale needs Objection (objection).',
      'deal_date: Sale needs Deal date (deal_date).',
      'product: Sale needs Product (product).',
      'payment: Sale needs Payment type (payment).',
    ]);
    expect(problems(HELD, 'sale', { ...SALE, payment: 'cash' }, APPROVED)).toEqual(['payment: Payment type (payment): must be one of won, recurring, deposit.']);
    expect(problems(HELD, 'sale', { ...SALE, deal_value: -5 }, APPROVED)).toEqual(['deal_value: Deal value (deal_value): must be at least 0.']);
    expect(problems(HELD, 'sale', { ...SALE, parent_deal: '12' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'sale', { ...SALE, parent_deal: 'the last one' }, APPROVED)).toEqual(['parent_deal: The earlier deal is named by its number, not "the last one".']);
  });

  it('Sale needs a meeting that was held', () => {
    expect(problems(NO_SHOW, 'sale', SALE, APPROVED)).toEqual(['code: Sale needs a meeting that was held; this was a meeting the prospect did not show up to.']);
    expect(problems(CANCELLED, 'sale', SALE, APPROVED)).toEqual(['code: Sale needs a meeting that was held; this was a meeting cancelled before it started.']);
  });

  it('No Sale: Unqualified and Follow Up Scheduled come with an objection, the other reasons without', () => {
    expect(problems(HELD, 'no_sale', { reason: 'unqualified', objection: 'fear' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'no_sale', { reason: 'unqualified' }, APPROVED)).toEqual(['objection: No Sale, Unqualified: pick the objection.']);
    expect(problems(HELD, 'no_sale', { reason: 'not_interested' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'no_sale', { reason: 'not_interested', objection: 'money' }, APPROVED)).toEqual([
      'objection: No Sale takes Objection (objection) only when Reason (reason) is Unqualified or Follow Up Scheduled.',
    ]);
  });

  it('No Sale, Follow Up Scheduled books the next strategy call; no other reason does', () => {
    expect(problems(HELD, 'no_sale', { reason: 'follow_up_scheduled', objection: 'partner' }, APPROVED)).toEqual([
      'strategy_at: No Sale, Follow Up Scheduled: set the date and time of the follow-up strategy call.',
    ]);
    expect(problems(HELD, 'no_sale', { reason: 'follow_up_scheduled', objection: 'partner', strategy_at: '2026-11-30T16:00:00Z' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'no_sale', { reason: 'unqualified', objection: 'money', strategy_at: '2026-11-30T16:00:00Z' }, APPROVED)).toEqual([
      'strategy_at: No Sale takes Strategy call (strategy_at) only when Reason (reason) is Follow Up Scheduled.',
    ]);
  });

  it('No Sale asks for the strategy call and closer only with Follow Up Scheduled, and refuses a closer given without it, in words', () => {
    const noSale = scheme.codes.find((c) => c.slug === 'no_sale');
    expect(noSale?.fields?.filter((f) => f.when).map((f) => [f.key, f.when?.field, f.when?.in])).toEqual([
      ['objection', 'reason', ['unqualified', 'follow_up_scheduled']],
      ['strategy_at', 'reason', ['follow_up_scheduled']],
      ['closer', 'reason', ['follow_up_scheduled']],
    ]);
    expect(problems(HELD, 'no_sale', { reason: 'not_interested', closer: 'Cleo' }, APPROVED)).toEqual([
      'closer: No Sale takes Closer (closer) only when Reason (reason) is Follow Up Scheduled.',
    ]);
    expect(problems(HELD, 'no_sale', { reason: 'follow_up_scheduled', objection: 'partner', strategy_at: '2026-11-30T16:00:00Z', closer: 'Cleo' }, APPROVED)).toEqual([]);
  });

  it('No Sale reasons fit the meeting: No Show, and the two cancellations for a meeting called off', () => {
    expect(problems(NO_SHOW, 'no_sale', { reason: 'no_show' }, APPROVED)).toEqual([]);
    expect(problems(CANCELLED, 'no_sale', { reason: 'contact_cancelled' }, APPROVED)).toEqual([]);
    expect(problems(CANCELLED, 'no_sale', { reason: 'admin_cancelled' }, APPROVED)).toEqual([]);
    expect(problems(HELD, 'no_sale', { reason: 'contact_cancelled' }, APPROVED)).toEqual([
      'reason: Contact Cancelled is for a meeting cancelled before it started; this was a meeting that was held.',
    ]);
    expect(problems(CANCELLED, 'no_sale', { reason: 'unqualified', objection: 'money' }, APPROVED)).toEqual([
      'reason: This was a meeting cancelled before it started: the reason is Contact Cancelled or Admin Cancelled, not Unqualified.',
    ]);
  });
});

describe('a meeting not finished', () => {
  it('is refused with the ways it can end', () => {
    expect(problems(['DIAL'], 'rejected', { reason: 'no_show' })).toEqual(['undefined: Finish the call first: record how it ended (no show or hung up).']);
  });
});
