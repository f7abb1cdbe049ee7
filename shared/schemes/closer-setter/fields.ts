import type { FieldDecl, FieldOption } from '../types.ts';

/**
 * The fields closer and setter outcomes ask for (seed 001), and the campaign settings the
 * scheme declares: the closers who host strategy calls, the products sold, the currency.
 */

/** The fields by key, as `--field key=value` and calls.fields name them. */
export const FIELD = {
  strategyAt: 'strategy_at',
  closer: 'closer',
  reason: 'reason',
  objection: 'objection',
  dealValue: 'deal_value',
  dealDate: 'deal_date',
  product: 'product',
  payment: 'payment',
  parentDeal: 'parent_deal',
  notes: 'notes',
} as const;

/** Options whose values are their labels in snake_case. */
const options = (...labels: string[]): FieldOption[] => labels.map((label) => ({ value: label.toLowerCase().replace(/[^a-z]+/g, '_'), label }));

/** What the closer overcame to make the sale (also what stood in the way of an Unqualified or Follow Up Scheduled No Sale). */
export const OBJECTIONS = options('Money', 'Logistic', 'Partner', 'Fear', 'Smoke Screen', 'No Objection');
export const REJECTED_REASONS = options('No Show', 'Not Interested', 'Bad Fit', 'Other');
export const NO_SALE_REASONS = options('Unqualified', 'Follow Up Scheduled', 'No Show', 'Not Interested', 'Contact Cancelled', 'Admin Cancelled');
/** Won: a first-time customer (counts for the closing rate); Recurring: a returning one (does not); Deposit: paid in part. */
export const PAYMENTS = options('Won', 'Recurring', 'Deposit');

/** The No Sale reasons that come with an objection; the other four are self-explanatory. */
export const REASONS_WITH_OBJECTION: readonly string[] = ['unqualified', 'follow_up_scheduled'];

export const FIELDS: readonly FieldDecl[] = [
  { key: FIELD.strategyAt, label: 'Strategy call', type: 'datetime', help: "Date and time of the strategy call with the closer, in the prospect's time zone." },
  { key: FIELD.closer, label: 'Closer', type: 'host', maxLength: 100, help: 'Leave empty to take the next closer in turn (round robin).' },
  { key: FIELD.reason, label: 'Reason', type: 'choice', options: [...REJECTED_REASONS, ...NO_SALE_REASONS.filter((r) => !REJECTED_REASONS.some((x) => x.value === r.value))] },
  { key: FIELD.objection, label: 'Objection', type: 'choice', options: OBJECTIONS },
  { key: FIELD.dealValue, label: 'Deal value', type: 'money', min: 0, max: 100_000_000, help: "In the campaign's currency." },
  { key: FIELD.dealDate, label: 'Deal date', type: 'date' },
  { key: FIELD.product, label: 'Product', type: 'product', maxLength: 200, help: "One of the campaign's products, or a new one." },
  { key: FIELD.payment, label: 'Payment type', type: 'choice', options: PAYMENTS },
  { key: FIELD.parentDeal, label: 'Earlier deal', type: 'text', maxLength: 12, help: 'The number of the earlier deal this sale belongs to (an upsell or renewal), if any.' },
  { key: FIELD.notes, label: 'Notes', type: 'text', maxLength: 10_000, help: 'Details of the call, a recording link; needed when the reason is Other.' },
];

/** Campaign settings: who hosts strategy calls (round robin goes through them in this order), what is sold, in which currency. */
export const SETTINGS: readonly FieldDecl[] = [
  { key: 'closers', label: 'Closers (round robin in this order)', type: 'choices', maxLength: 100 },
  { key: 'products', label: 'Products', type: 'choices', maxLength: 200 },
  { key: 'currency', label: 'Currency (ISO code, e.g. USD)', type: 'text', maxLength: 3 },
];
