import { outcome, type OutcomeDeclaration } from '../effects.ts';
import type { Dimension, Effect, ResultCode } from '../types.ts';

/**
 * The outcomes of seed 000, written once and shared by the three real-estate schemes; each
 * scheme places them in its own dimensions (the seed's groups). Slugs are the labels in
 * snake_case. Levels are the consumer flow's (./flow.ts).
 */
const ANSWERED = ['answered'] as const;
const ANY = ['no_answer', 'voicemail', 'wrong_number', 'answered'] as const;

/** A call back on the date the prospect gave, if any (seed: "date/time may or may not be given"). */
const CALL_BACK: Effect = { kind: 'task', field: 'follow_up_at', window: { required: 'optional', minDays: 0, maxDays: null } };
const CALL_BACK_FIELD = [{ key: 'follow_up_at', required: false }] as const;

type Shared = Omit<OutcomeDeclaration, 'dimension' | 'group'>;

const DEFINITIONS = {
  appointment_set: {
    slug: 'appointment_set',
    label: 'Appointment Set',
    whenToUse:
      'A meeting is scheduled with a specific date and time, in person or virtual: a listing consultation, showing, buyer consultation or video call. A follow-up call does not count unless it is explicitly scheduled as a meeting.',
    levels: ANSWERED,
    effects: [{ kind: 'close_record' }, { kind: 'book_appointment', at: 'appointment_at', kindField: 'appointment_kind' }],
    fields: [{ key: 'appointment_at', required: true }, { key: 'appointment_kind', required: true }],
    weight: 'positive',
    shortcut: 'a',
  },
  appointment_not_set: {
    slug: 'appointment_not_set',
    label: 'Appointment Not Set',
    whenToUse: 'No appointment was secured.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'neutral',
    shortcut: 'z',
  },
  asked_for_appointment: {
    slug: 'asked_for_appointment',
    label: 'Asked for Appointment',
    whenToUse: 'You asked the prospect directly to schedule a meeting.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'positive',
    shortcut: 'k',
  },
  no_ask_for_appointment: {
    slug: 'no_ask_for_appointment',
    label: 'No Ask for Appointment',
    whenToUse: 'You did not try to set an appointment.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'negative',
    shortcut: 'y',
  },
  next_step_created: {
    slug: 'next_step_created',
    label: 'Next Step Created',
    whenToUse: 'A specific follow-up action was agreed: another call scheduled, a Zoom consult confirmed, a showing set.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }, CALL_BACK],
    fields: CALL_BACK_FIELD,
    weight: 'positive',
    shortcut: 'x',
  },
  call_back_requested: {
    slug: 'call_back_requested',
    label: 'Call Back Requested',
    whenToUse: 'The prospect asked you to call again later (with or without a date and time).',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }, CALL_BACK],
    fields: CALL_BACK_FIELD,
    weight: 'neutral',
    shortcut: 'b',
  },
  follow_up_requested: {
    slug: 'follow_up_requested',
    label: 'Follow-Up Requested',
    whenToUse: 'The client is waiting on further steps or information (inspection reports, lender approval).',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }, CALL_BACK],
    fields: CALL_BACK_FIELD,
    weight: 'neutral',
    shortcut: 'f',
  },
  left_voicemail: {
    slug: 'left_voicemail',
    label: 'Left Voicemail',
    whenToUse: 'You left a voicemail instead of speaking live.',
    levels: ['voicemail'],
    effects: [{ kind: 'keep_record' }],
    weight: 'neutral',
    shortcut: 'v',
  },
  not_interested: {
    slug: 'not_interested',
    label: 'Not Interested',
    whenToUse: "The prospect clearly said they're not interested in moving forward.",
    levels: ANSWERED,
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    shortcut: 'i',
  },
  wrong_number: {
    slug: 'wrong_number',
    label: 'Wrong Number',
    whenToUse: 'The call reached someone other than the intended prospect, or the number is disconnected.',
    levels: ['wrong_number'],
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    shortcut: 'w',
  },
  do_not_call: {
    slug: 'do_not_call',
    label: 'Do Not Call',
    whenToUse: 'The person asked not to be contacted again. Every number of the record goes on the do-not-call list.',
    levels: ['wrong_number', 'answered'],
    effects: [{ kind: 'close_record' }, { kind: 'add_numbers_to_dnc' }],
    weight: 'negative',
    // No key: it cannot be taken back by calling again, so it is picked with the mouse and confirmed.
    shortcut: '',
  },
  issue_resolved: {
    slug: 'issue_resolved',
    label: 'Issue Resolved',
    whenToUse: "The client's concern was fully addressed and they confirmed they're satisfied.",
    levels: ANSWERED,
    effects: [{ kind: 'close_record' }],
    weight: 'positive',
    shortcut: 'r',
  },
  customer_satisfied: {
    slug: 'customer_satisfied',
    label: 'Customer Satisfied',
    whenToUse: 'The client expressed general satisfaction, even if no specific issue was resolved.',
    levels: ANSWERED,
    effects: [{ kind: 'close_record' }],
    weight: 'positive',
    shortcut: 's',
  },
  negative_feedback: {
    slug: 'negative_feedback',
    label: 'Negative Feedback',
    whenToUse: 'The client voiced frustration or dissatisfaction.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'negative',
    shortcut: 'g',
  },
  financial_issues: {
    slug: 'financial_issues',
    label: 'Financial Issues',
    whenToUse: 'The client mentioned money-related obstacles or discrepancies that must be resolved.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'negative',
    shortcut: 'm',
  },
  vendor_referred: {
    slug: 'vendor_referred',
    label: 'Vendor Referred',
    whenToUse: 'You directed the client to another professional: an inspector, lender or insurer.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }],
    weight: 'neutral',
    shortcut: 'e',
  },
  prohibited_isa_topic: {
    slug: 'prohibited_isa_topic',
    label: 'Prohibited ISA Topic',
    whenToUse:
      'The conversation went into an area that needs a real-estate licence (see the prohibited topics): name the topic or topics and add a note.',
    levels: ANSWERED,
    effects: [{ kind: 'keep_record' }, { kind: 'flag', flag: 'prohibited_isa_topic' }],
    fields: [{ key: 'topic', required: true }, { key: 'notes', required: true }],
    weight: 'negative',
    shortcut: 'p',
  },
  other: {
    slug: 'other',
    label: 'Other',
    whenToUse: "For rare cases that don't fit any of the other outcomes: say what happened in the notes.",
    levels: ANY,
    effects: [{ kind: 'keep_record' }],
    weight: 'neutral',
    shortcut: 'o',
  },
} satisfies Record<string, Shared>;

export type RealEstateOutcome = keyof typeof DEFINITIONS;

/** A dimension of a real-estate scheme: the seed's heading it sits under and its outcomes in the seed's order. */
export interface DimensionOf extends Dimension {
  group: string;
  outcomes: readonly RealEstateOutcome[];
}

/** A scheme's dimensions and its outcomes, each placed in its dimension. */
export function outcomesIn(dimensions: readonly DimensionOf[]): { dimensions: Dimension[]; codes: ResultCode[] } {
  return {
    dimensions: dimensions.map(({ key, label }) => ({ key, label })),
    codes: dimensions.flatMap((d) => d.outcomes.map((slug) => outcome({ ...DEFINITIONS[slug], dimension: d.key, group: d.group }))),
  };
}
