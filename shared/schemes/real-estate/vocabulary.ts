import type { FieldDecl, Rate, TimesheetColumn } from '../types.ts';
import { PROHIBITED_TOPICS } from './topics.ts';

/** The words of seed 000 that are not outcomes: the levels, the fields, the figures and the cheat sheet. */

/** How far a consumer call got (the consumer flow's levels), lowest first: there is no reception. */
export const CONSUMER_LEVELS = [
  { id: 'no_answer', label: 'No answer', text: 'nobody' },
  { id: 'voicemail', label: 'Voicemail', text: 'voicemail' },
  { id: 'wrong_number', label: 'Wrong number', text: 'the wrong person' },
  { id: 'answered', label: 'Answered', text: 'the prospect' },
] as const;
export type ConsumerLevel = (typeof CONSUMER_LEVELS)[number]['id'];

/** Every field a real-estate outcome asks for. Times are typed and read in the prospect's time zone. */
export const FIELDS: readonly FieldDecl[] = [
  { key: 'appointment_at', label: 'Appointment date and time', type: 'datetime' },
  {
    key: 'appointment_kind',
    label: 'Appointment kind',
    type: 'choice',
    options: [
      { value: 'listing_consultation', label: 'Listing consultation' },
      { value: 'showing', label: 'Showing' },
      { value: 'buyer_consultation', label: 'Buyer consultation' },
      { value: 'video', label: 'Video (e.g. Zoom)' },
    ],
    help: 'A meeting, in person or on video; a follow-up call is not an appointment.',
  },
  { key: 'follow_up_at', label: 'Call back at', type: 'datetime', help: 'If the prospect gave a date and time.' },
  {
    key: 'topic',
    label: 'Prohibited topic(s)',
    type: 'choices',
    options: PROHIBITED_TOPICS.map(({ value, label }) => ({ value, label })),
  },
  { key: 'notes', label: 'What was said', type: 'text', maxLength: 1000 },
];

const DIALS = {};
const CONTACTS = { level: 'answered' };

/** A contact is a live conversation with the prospect: voicemail and a wrong person are not contacts. */
const CONTACT_RATE: Rate = {
  key: 'contact_rate',
  label: 'Contact rate',
  definition: 'Calls the prospect answered, per dial. Voicemail and wrong numbers are not contacts.',
  numerator: CONTACTS,
  denominator: DIALS,
  per: ['caller', 'campaign'],
};

/** Sales & Recruiting and ISA: contact, ask and appointment rates. */
export const RATES: readonly Rate[] = [
  CONTACT_RATE,
  {
    key: 'ask_rate',
    label: 'Ask rate',
    definition: 'Contacts on which the caller asked for an appointment, per contact.',
    numerator: { outcome: 'asked_for_appointment' },
    denominator: CONTACTS,
    per: ['caller', 'campaign'],
  },
  {
    key: 'appointment_rate',
    label: 'Appointment rate',
    definition: 'Contacts on which an appointment was set, per contact.',
    numerator: { outcome: 'appointment_set' },
    denominator: CONTACTS,
    per: ['caller', 'campaign'],
  },
];

/** Non-licensed ISA: Sales' rates, and how often a prohibited topic came up, per caller and campaign. */
export const ISA_RATES: readonly Rate[] = [
  ...RATES,
  {
    key: 'prohibited_topic_rate',
    label: 'Prohibited topic rate',
    definition: 'Contacts on which the ISA went into a topic that needs a licence (Prohibited ISA Topic), per contact.',
    numerator: { flag: 'prohibited_isa_topic' },
    denominator: CONTACTS,
    per: ['caller', 'campaign'],
  },
];

/** Customer Service: contact rate and how many contacts ended with the issue resolved. */
export const SERVICE_RATES: readonly Rate[] = [
  CONTACT_RATE,
  {
    key: 'resolution_rate',
    label: 'Resolution rate',
    definition: 'Contacts on which the client confirmed the issue resolved, per contact.',
    numerator: { outcome: 'issue_resolved' },
    denominator: CONTACTS,
    per: ['caller', 'campaign'],
  },
];

const COMMON: readonly TimesheetColumn[] = [
  { column: 'dials', label: 'Dials', one: 'dial', bar: 'Dials', counts: DIALS },
  { column: 'contacts', label: 'Contacts', one: 'contact', bar: 'Contacts', counts: CONTACTS },
  { column: 'voicemails_left', label: 'Voicemails', words: 'voicemails left', one: 'voicemail left', counts: { outcome: 'left_voicemail' } },
];

export const TIMESHEET: readonly TimesheetColumn[] = [
  ...COMMON,
  { column: 'asks', label: 'Asks', bar: 'Asks', words: 'asked for an appointment', counts: { outcome: 'asked_for_appointment' } },
  { column: 'appointments', label: 'Appts', bar: 'Appointments', words: 'appointments', one: 'appointment', counts: { appointment: true } },
  { column: 'next_steps', label: 'Next steps', one: 'next step', bar: 'Next steps', counts: { outcome: 'next_step_created' } },
];

export const ISA_TIMESHEET: readonly TimesheetColumn[] = [
  ...TIMESHEET,
  { column: 'prohibited_topics', label: 'Prohibited topics', bar: 'Prohibited topics', words: 'prohibited ISA topics', one: 'prohibited ISA topic', counts: { flag: 'prohibited_isa_topic' } },
];

export const SERVICE_TIMESHEET: readonly TimesheetColumn[] = [
  ...COMMON,
  { column: 'issues_resolved', label: 'Resolved', bar: 'Resolved', words: 'issues resolved', one: 'issue resolved', counts: { outcome: 'issue_resolved' } },
  { column: 'follow_ups_requested', label: 'Follow-ups', bar: 'Follow-ups', words: 'follow-ups requested', one: 'follow-up requested', counts: { outcome: 'follow_up_requested' } },
  { column: 'negative_feedback', label: 'Negative', words: 'negative feedback', counts: { outcome: 'negative_feedback' } },
];

export const CHEAT_SHEET = {
  title: 'How far the call got.',
  text: 'No answer: nobody picked up. Voicemail: the voicemail answered (only then is Left Voicemail possible). Wrong number: someone other than the prospect, or a dead number. Answered: you spoke to the prospect. Pick one outcome in each group that applies.',
  stress: 'Appointment Set needs a date, time and kind, and means you asked; a follow-up call is never an appointment.',
};
