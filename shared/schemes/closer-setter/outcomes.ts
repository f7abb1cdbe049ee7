import { outcome } from '../effects.ts';
import type { Effect, FieldWhen, ResultCode } from '../types.ts';
import { FIELD, REASONS_WITH_OBJECTION } from './fields.ts';

/** Which call an outcome closes: a setter's discovery call or a closer's strategy call. */
export type CallKind = 'discovery' | 'strategy';

/** The headings the seed puts the outcomes under. */
const DISCOVERY = 'Discovery calls (setters)';
const STRATEGY = 'Strategy calls (closers)';

const ANY = ['meeting_cancelled', 'no_show', 'held'] as const;
const HELD = ['held'] as const;

/** The strategy call a setter books, or a closer books again: at strategy_at, hosted by `closer` (or the next in turn). */
const STRATEGY_CALL: Effect = { kind: 'book_appointment', at: FIELD.strategyAt, host: FIELD.closer };
/** A Sale's deal: its value, date, product, payment type and the earlier deal it belongs to; its closer is the one logging it. */
const DEAL: Effect = { kind: 'record_deal', value: FIELD.dealValue, date: FIELD.dealDate, product: FIELD.product, payment: FIELD.payment, parent: FIELD.parentDeal };
const NOTES = { key: FIELD.notes, required: false };
/** No Sale's fields for the next strategy call: asked for only with the reason Follow Up Scheduled. */
const FOLLOW_UP: FieldWhen = { field: FIELD.reason, in: ['follow_up_scheduled'] };

/** The outcomes of seed 001, discovery calls first, each with the kind of call it is for. */
export const CLOSER_SETTER_CODES: readonly (ResultCode & { callKind: CallKind })[] = [
  {
    callKind: 'discovery',
    ...outcome({
      slug: 'approved',
      group: DISCOVERY,
      label: 'Approved',
      whenToUse:
        'The setter screened the lead on the discovery call and found them qualified: schedule the strategy call with a closer (chosen, or the next in turn) at a date and time.',
      levels: HELD,
      effects: [{ kind: 'close_record' }, STRATEGY_CALL],
      fields: [{ key: FIELD.strategyAt, required: true }, { key: FIELD.closer, required: false }, NOTES],
      weight: 'positive',
      shortcut: 'a',
    }),
  },
  {
    callKind: 'discovery',
    ...outcome({
      slug: 'rejected',
      group: DISCOVERY,
      label: 'Rejected',
      whenToUse: 'The lead did not meet the closing requirements or did not show up: pick the reason (Other needs notes).',
      levels: ANY,
      effects: [{ kind: 'close_record' }],
      fields: [{ key: FIELD.reason, required: true }, NOTES],
      weight: 'negative',
      shortcut: 'r',
    }),
  },
  {
    callKind: 'strategy',
    ...outcome({
      slug: 'sale',
      group: STRATEGY,
      label: 'Sale',
      whenToUse:
        'The lead became a customer: pick the objection the closer overcame and add the deal (value, date, product, payment type Won, Recurring or Deposit).',
      levels: HELD,
      effects: [{ kind: 'close_record' }, DEAL],
      fields: [
        { key: FIELD.objection, required: true },
        { key: FIELD.dealValue, required: true },
        { key: FIELD.dealDate, required: true },
        { key: FIELD.product, required: true },
        { key: FIELD.payment, required: true },
        NOTES,
      ],
      weight: 'positive',
      shortcut: 's',
    }),
  },
  {
    callKind: 'strategy',
    ...outcome({
      slug: 'no_sale',
      group: STRATEGY,
      label: 'No Sale',
      whenToUse:
        'The lead did not buy: pick the reason (Unqualified and Follow Up Scheduled with the objection; a follow-up books the next strategy call).',
      levels: ANY,
      effects: [{ kind: 'close_record' }, STRATEGY_CALL],
      fields: [
        { key: FIELD.reason, required: true },
        { key: FIELD.objection, required: false, when: { field: FIELD.reason, in: REASONS_WITH_OBJECTION } },
        // Only a follow-up books the next strategy call (the rules then need its date).
        { key: FIELD.strategyAt, required: false, when: FOLLOW_UP },
        { key: FIELD.closer, required: false, when: FOLLOW_UP },
        NOTES,
      ],
      weight: 'negative',
      shortcut: 'n',
    }),
  },
];
