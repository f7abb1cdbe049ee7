import type { CallCount, Rate, TimesheetColumn } from '../types.ts';
import { FIELD } from './fields.ts';

/**
 * What closers' and setters' managers read (seed 001). A strategy call is a call logged Sale or
 * No Sale; it was held when the prospect connected. Recurring sales (returning customers) are
 * left out of the closing rate altogether: they neither add a win nor a held call.
 */
const STRATEGY = ['sale', 'no_sale'] as const;
const STRATEGY_CALLS: CallCount = { outcomes: STRATEGY };
const HELD: CallCount = { outcomes: STRATEGY, level: 'held' };
const HELD_BUT_RECURRING: CallCount = { ...HELD, field: { key: FIELD.payment, notIn: ['recurring'] } };
const WON: CallCount = { outcome: 'sale', field: { key: FIELD.payment, equals: 'won' } };
const SALES: CallCount = { outcome: 'sale' };

export const RATES: readonly Rate[] = [
  {
    key: 'closing_rate',
    label: 'Closing rate',
    definition: 'Sales paid as Won (first-time customers) per strategy call held; Recurring sales count in neither.',
    numerator: WON,
    denominator: HELD_BUT_RECURRING,
    per: ['caller', 'campaign'],
  },
  {
    key: 'engagement_rate',
    label: 'Engagement rate',
    definition: 'Sales paid as Won or Deposit per strategy call held.',
    numerator: { outcome: 'sale', field: { key: FIELD.payment, in: ['won', 'deposit'] } },
    denominator: HELD,
    per: ['caller', 'campaign'],
  },
  {
    key: 'show_up_rate',
    label: 'Show-up rate',
    definition: 'Strategy calls held per strategy call scheduled (held, no-shows and cancelled ones).',
    numerator: HELD,
    denominator: STRATEGY_CALLS,
    per: ['caller', 'campaign'],
  },
  {
    key: 'approval_rate',
    label: 'Approval rate',
    definition: 'Discovery calls Approved per discovery call held.',
    numerator: { outcome: 'approved' },
    denominator: { outcomes: ['approved', 'rejected'], level: 'held' },
    per: ['caller', 'campaign'],
  },
  {
    key: 'deal_value',
    label: 'Deal value won',
    definition: "The deal value of every Sale (Won, Recurring and Deposit) summed, in the campaign's currency, per closer and per product; the value shown is the average per Sale.",
    numerator: SALES,
    denominator: SALES,
    sum: FIELD.dealValue,
    per: ['caller', 'product', 'campaign'],
  },
];

/** The shift's counts: calls, meetings held and no-shows, each outcome, and strategy calls booked. */
export const TIMESHEET: readonly TimesheetColumn[] = [
  { column: 'calls', label: 'Calls', one: 'call', bar: 'Calls', counts: {} },
  { column: 'held', label: 'Held', bar: 'Held', words: 'meetings held', one: 'meeting held', counts: { level: 'held' } },
  { column: 'no_shows', label: 'No shows', one: 'no show', counts: { level: 'no_show' } },
  { column: 'approved', label: 'Approved', bar: 'Approved', counts: { outcome: 'approved' } },
  { column: 'rejected', label: 'Rejected', counts: { outcome: 'rejected' } },
  { column: 'sales', label: 'Sales', one: 'sale', bar: 'Sales', counts: SALES },
  { column: 'no_sales', label: 'No Sales', one: 'no sale', counts: { outcome: 'no_sale' } },
  { column: 'strategy_booked', label: 'Booked', bar: 'Booked', words: 'strategy calls booked', one: 'strategy call booked', counts: { appointment: true } },
];

