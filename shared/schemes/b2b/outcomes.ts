import { outcome } from '../effects.ts';
import type { Effect, ResultCode } from '../types.ts';
import { CONSULTANT_REASONS, FIELD } from './vocabulary.ts';

const REC_DM = ['reception', 'decision_maker'] as const;
const DM = ['decision_maker'] as const;
const ANY = ['no_contact', 'reception', 'decision_maker'] as const;
const NONE_REC = ['no_contact', 'reception'] as const;

/** Email Follow Up's window and Nurture's lower bound (DOMAIN.md rule 6). */
export const EMAIL_FOLLOW_UP_MAX_DAYS = 28;

/** Both Nurture codes' call back: more than four weeks out (DOMAIN.md rule 6). */
const NURTURE_TASK: Effect = {
  kind: 'task',
  field: FIELD.followUp,
  window: { required: 'always', minDays: EMAIL_FOLLOW_UP_MAX_DAYS + 1, maxDays: null, tooEarlyUse: 'email_follow_up' },
};

/** The outcomes of seed 003, in the order of the rulebook. */
export const B2B_CODES: readonly ResultCode[] = [
  outcome({
    slug: 'no_contact',
    label: 'No Contact (Call Back)',
    whenToUse:
      'You did not get to speak to the DM and will call again: reception would not put you through or said "not interested", the DM was out, you got voicemail, or the DM said "can\'t talk, call back" before you could pitch (set a call-back task).',
    levels: NONE_REC,
    pitch: 'forbidden',
    effects: [
      { kind: 'keep_record' },
      { kind: 'task', field: FIELD.followUp, window: { required: 'when_dm_cut_short', minDays: 0, maxDays: null } },
    ],
    weight: 'neutral',
    existingLead: false,
    onExistingLeadUse: 'follow_up',
    legalWhenDmCutShort: true,
    shortcut: 'n',
  }),
  outcome({
    slug: 'follow_up',
    label: 'Follow Up',
    whenToUse:
      'Calling back an existing lead (Email Follow Up or Nurture): the DM was not in, could not talk, or wants more time. Leave a note and roll the task forward. Never for a record where only reception was reached before.',
    levels: ANY,
    pitch: 'any',
    effects: [
      { kind: 'keep_record' },
      { kind: 'task', field: FIELD.followUp, window: { required: 'always', minDays: 0, maxDays: null } },
    ],
    weight: 'neutral',
    existingLead: true,
    legalWhenDmCutShort: true,
    shortcut: 'f',
  }),
  outcome({
    slug: 'handled_by_parent',
    label: 'Handled by Parent Company',
    whenToUse: 'Decision making is not handled within this company, but at the parent company.',
    levels: REC_DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'p',
  }),
  outcome({
    slug: 'handled_overseas',
    label: 'Handled Overseas',
    whenToUse: 'Decision making is handled in another country.',
    levels: REC_DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'v',
  }),
  outcome({
    slug: 'outsourced',
    label: 'Outsourced',
    whenToUse: 'Decision making is outsourced to a third-party company (e.g. "IT is outsourced").',
    levels: REC_DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'o',
  }),
  outcome({
    slug: 'not_interested_no_pitch',
    label: 'Not Interested - No Pitch',
    whenToUse:
      'The DM said "not interested" as a knee-jerk before you got the first paragraph of the pitch out, or is already in talks with a sales rep.',
    levels: DM,
    pitch: 'forbidden',
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    shortcut: 'i',
  }),
  outcome({
    slug: 'pitched_not_interested',
    label: 'Pitched - Not Interested',
    whenToUse: 'The DM listened to at least the first paragraph of the pitch, then said not interested.',
    levels: DM,
    pitch: 'required',
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    shortcut: 't',
  }),
  outcome({
    slug: 'not_qualified_below_min',
    label: 'Not Qualified - Below Min',
    whenToUse: "The DM's company is below the client's minimum qualifying criteria.",
    levels: DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'b',
  }),
  outcome({
    slug: 'not_qualified_above_max',
    label: 'Not Qualified - Above Max',
    whenToUse: "The DM's company is above what the client can handle.",
    levels: DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'm',
  }),
  outcome({
    slug: 'wrong_number',
    label: 'Wrong Number',
    whenToUse:
      'The number is disconnected, the business has closed, or a different company answered. Do not look up the right number: move on.',
    levels: NONE_REC,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    shortcut: 'w',
  }),
  outcome({
    slug: 'duplicate',
    label: 'Duplicate',
    whenToUse: 'You noticed the same company was called before: the list has a duplicate.',
    levels: ANY,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'd',
  }),
  outcome({
    slug: 'existing_client',
    label: 'Existing Client',
    whenToUse: 'The DM says they already use the client\'s product or deal with one of its staff.',
    levels: DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'c',
  }),
  outcome({
    slug: 'email_only',
    label: 'Email Only',
    whenToUse: 'You pitched the DM; they agreed to an intro email but not to a follow-up call.',
    levels: DM,
    pitch: 'required',
    effects: [
      { kind: 'close_record' },
      { kind: 'count_lead', leadKind: 'email_only' },
      { kind: 'send_intro_email' },
    ],
    weight: 'positive',
    shortcut: 'e',
  }),
  outcome({
    slug: 'email_follow_up',
    label: 'Email Follow Up',
    whenToUse:
      'You pitched the DM; they agreed to an intro email and a call back 3 days to 4 weeks out. Further out than 4 weeks is Nurture.',
    levels: DM,
    pitch: 'required',
    effects: [
      { kind: 'close_record' },
      {
        kind: 'task',
        field: FIELD.followUp,
        window: {
          required: 'always',
          minDays: 3,
          maxDays: EMAIL_FOLLOW_UP_MAX_DAYS,
          tooLateUse: 'nurture_email_sent',
        },
      },
      { kind: 'count_lead', leadKind: 'email_follow_up' },
      { kind: 'send_intro_email' },
    ],
    weight: 'positive',
    shortcut: 'l',
  }),
  outcome({
    slug: 'nurture_email_sent',
    label: 'Nurture - Email Sent',
    whenToUse:
      'The DM is interested but the timing is not right: a call back more than 4 weeks out, and they are happy to get an email meanwhile.',
    levels: DM,
    pitch: 'required',
    effects: [
      { kind: 'close_record' },
      NURTURE_TASK,
      { kind: 'count_lead', leadKind: 'nurture' },
      { kind: 'send_intro_email' },
    ],
    weight: 'positive',
    shortcut: 's',
  }),
  outcome({
    slug: 'nurture_no_email',
    label: 'Nurture - No Email Sent',
    whenToUse:
      'The DM is interested but the timing is not right: a call back more than 4 weeks out, and they do not want an email meanwhile.',
    levels: DM,
    pitch: 'required',
    effects: [
      { kind: 'close_record' },
      NURTURE_TASK,
      { kind: 'count_lead', leadKind: 'nurture' },
    ],
    weight: 'positive',
    shortcut: 'u',
  }),
  outcome({
    slug: 'appointment_booked',
    label: 'Appointment Booked',
    whenToUse:
      'You booked a sales meeting or presentation with the DM. Aim for face to face unless the client prefers phone or video.',
    levels: DM,
    pitch: 'required',
    effects: [
      { kind: 'close_record' },
      { kind: 'book_appointment', at: FIELD.appointmentAt, kindField: FIELD.appointmentKind },
    ],
    weight: 'positive',
    shortcut: 'a',
  }),
  outcome({
    slug: 'wants_consultant_follow_up',
    label: 'Wants Consultant Follow Up',
    whenToUse:
      'Only where the campaign offers it: the DM has technical questions to answer before agreeing to a meeting, or has a complaint the client should hear. The lead moves to the client\'s rep.',
    levels: DM,
    pitch: 'any',
    reasons: CONSULTANT_REASONS,
    fields: [{ key: FIELD.reason, required: true }],
    effects: [
      { kind: 'close_record' },
      { kind: 'move_owner', to: 'client' },
    ],
    weight: 'neutral',
    campaignOption: 'wantsConsultantFollowUp',
    shortcut: 'k',
  }),
  outcome({
    slug: 'email_only_hns',
    label: 'Email Only - HNS',
    whenToUse:
      'Only with permission, for very large companies: the executive assistant takes an email for a C-level DM who never takes calls.',
    levels: ['reception'],
    pitch: 'any',
    effects: [
      { kind: 'close_record' },
      { kind: 'send_intro_email' },
    ],
    weight: 'neutral',
    campaignOption: 'allowEmailOnlyHns',
    shortcut: 'h',
  }),
  outcome({
    slug: 'remove_from_database',
    label: 'Remove From Database',
    whenToUse:
      'Someone was adamant they never want to be called again ("take me off your list"). Every number of the record goes on the do-not-call list.',
    levels: REC_DM,
    pitch: 'any',
    effects: [
      { kind: 'close_record' },
      { kind: 'add_numbers_to_dnc' },
    ],
    weight: 'negative',
    // No key: R is Reception answered during the call, and this one cannot be taken back.
    shortcut: '',
  }),
  outcome({
    slug: 'dead_end_blocked',
    label: 'Dead End or Blocked',
    whenToUse:
      'Last resort, after at least 2 earlier blocked attempts: reception always blocks, or the DM never takes calls and cannot be reached.',
    levels: ['reception'],
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'negative',
    minBlockedAttempts: 2,
    shortcut: 'x',
  }),
  outcome({
    slug: 'not_a_good_fit',
    label: 'Not a Good Fit',
    whenToUse:
      "The client's offer is no use to this prospect (e.g. a cyber-security campaign calling a mechanic shop).",
    levels: REC_DM,
    pitch: 'any',
    effects: [{ kind: 'close_record' }],
    weight: 'neutral',
    shortcut: 'g',
  }),
];
