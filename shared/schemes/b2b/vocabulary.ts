import type { FieldDecl, FunnelStage, Rate, TimesheetColumn } from '../types.ts';

/**
 * The words of the B2B appointment-setting scheme (seed 003) that are not outcomes: how far a
 * call got (its contact levels), the kinds of lead the timesheet tells apart, and the campaign
 * switches some outcomes depend on.
 */

export const CONTACT_LEVELS = ['no_contact', 'reception', 'decision_maker'] as const;
export type ContactLevel = (typeof CONTACT_LEVELS)[number];

/** Each level as a label (tables, the call panel) and as words inside a sentence. */
export const LEVELS: readonly { id: ContactLevel; label: string; text: string }[] = [
  { id: 'no_contact', label: 'No contact', text: 'no contact' },
  { id: 'reception', label: 'Reception', text: 'reception' },
  { id: 'decision_maker', label: 'Decision maker', text: 'the decision maker' },
];

export function levelText(level: ContactLevel): string {
  return LEVELS.find((l) => l.id === level)?.text ?? level;
}

/** The kinds of lead the timesheet distinguishes. */
export const LEAD_KINDS = ['email_only', 'email_follow_up', 'nurture'] as const;
export type LeadKind = (typeof LEAD_KINDS)[number];

/** Campaign switches that codes can depend on. */
export type CampaignOptions = {
  /** Email Only - HNS may be used (permission granted by management). */
  allowEmailOnlyHns: boolean;
  /** Wants Consultant Follow Up is offered on this campaign. */
  wantsConsultantFollowUp: boolean;
};

/** The shift totals a B2B timesheet takes (DOMAIN.md): dials, contacts, pitches, leads by kind, appointments. */
export const TIMESHEET: readonly TimesheetColumn[] = [
  { column: 'dials', label: 'Dials', bar: 'Dials', counts: {} },
  { column: 'reception_contacts', label: 'Reception', counts: { level: 'reception' } },
  { column: 'dm_contacts', label: 'DM', bar: 'DM contacts', counts: { level: 'decision_maker' } },
  { column: 'pitches', label: 'Pitches', bar: 'Pitches', counts: { flag: 'pitched' } },
  { column: 'leads', label: 'Leads', bar: 'Leads', counts: { newLead: true } },
  { column: 'email_only', label: 'Email Only', counts: { leadKind: 'email_only' } },
  { column: 'email_follow_up', label: 'Email F/U', words: 'Email Follow Up', counts: { leadKind: 'email_follow_up' } },
  { column: 'nurture', label: 'Nurture', counts: { leadKind: 'nurture' } },
  { column: 'appointments', label: 'Appts', bar: 'Appointments', counts: { appointment: true } },
];

const column = (name: string) => TIMESHEET.find((c) => c.column === name) as TimesheetColumn;

/**
 * The trend by day on Reports: dials, contacts (reception or further), DM contacts, pitches,
 * leads and appointments; the chart draws dials, contacts, DM contacts and leads.
 */
export const TREND: { columns: readonly TimesheetColumn[]; chart: readonly string[] } = {
  columns: [
    column('dials'),
    { column: 'contacts', label: 'Contacts', counts: { levels: ['reception', 'decision_maker'] } },
    ...['dm_contacts', 'pitches', 'leads', 'appointments'].map(column),
  ],
  chart: ['dials', 'contacts', 'dm_contacts', 'leads'],
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The one-line timesheet summary of a B2B shift: dials, contacts, pitches, leads with their kinds, appointments. */
export const summary = (n: (column: string) => number): string =>
  `${plural(n('dials'), 'dial')}, ${n('reception_contacts')} reception, ${n('dm_contacts')} DM, ` +
  `${plural(n('pitches'), 'pitch', 'pitches')}, ${plural(n('leads'), 'lead')} ` +
  `(${TIMESHEET.filter((c) => c.counts.leadKind !== undefined).map((c) => `${c.words ?? c.label} ${n(c.column)}`).join(', ')}), ` +
  `${plural(n('appointments'), 'appointment')}`;

/** From dials to appointments: each stage's rate is taken over the stage before (leads and appointments over pitches). */
export const FUNNEL: readonly FunnelStage[] = [
  { key: 'dials', label: 'Dials', counts: {}, rateFrom: null },
  { key: 'reception', label: 'Reception or further', counts: { levels: ['reception', 'decision_maker'] }, rateFrom: 'dials' },
  { key: 'decisionMaker', label: 'Decision maker', counts: { level: 'decision_maker' }, rateFrom: 'reception' },
  { key: 'pitched', label: 'Pitched', counts: { flag: 'pitched' }, rateFrom: 'decisionMaker' },
  { key: 'leads', label: 'Leads', counts: { newLead: true }, rateFrom: 'pitched' },
  { key: 'appointments', label: 'Appointments', counts: { appointment: true }, rateFrom: 'pitched' },
];

/** The kinds of meeting Appointment Booked takes, the first the default, with their labels. */
export const APPOINTMENT_KINDS = ['face_to_face', 'phone', 'video'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_KIND_LABEL: Record<AppointmentKind, string> = { face_to_face: 'Face to face', phone: 'Phone', video: 'Video' };

/** The fields B2B outcomes ask for, by key (the IPC's older names are in FIELD_ALIASES). */
export const FIELD = {
  followUp: 'follow_up_at',
  appointmentAt: 'appointment_at',
  appointmentKind: 'appointment_kind',
  reason: 'reason',
} as const;

/** Wants Consultant Follow Up's reasons. */
export const CONSULTANT_REASONS = [
  { value: 'technical_questions', label: 'Technical questions before a meeting' },
  { value: 'complaint', label: 'An issue or complaint for the client' },
] as const;

export const FIELDS: readonly FieldDecl[] = [
  { key: FIELD.followUp, label: 'Follow-up date', type: 'datetime', help: "In the prospect's time zone." },
  { key: FIELD.appointmentAt, label: 'Meeting date and time', type: 'datetime', help: "In the prospect's time zone." },
  {
    key: FIELD.appointmentKind,
    label: 'Meeting kind',
    type: 'choice',
    options: APPOINTMENT_KINDS.map((k) => ({ value: k, label: APPOINTMENT_KIND_LABEL[k] })),
  },
  { key: FIELD.reason, label: 'Reason', type: 'choice', options: CONSULTANT_REASONS },
];

/**
 * The figures supervisors read (DOMAIN.md): a contact is a call that reached anyone, a DM
 * contact one that reached the decision maker; pitch rate is pitches per DM contact.
 */
const DIALS = {};
const CONTACTS = { levels: ['reception', 'decision_maker'] } as const;
const DM_CONTACTS = { level: 'decision_maker' } as const;
const PITCHES = { flag: 'pitched' } as const;
export const RATES: readonly Rate[] = [
  { key: 'contact_rate', label: 'Contact rate', definition: 'Calls that reached anyone (reception or the DM) per dial.', numerator: CONTACTS, denominator: DIALS, per: ['caller', 'campaign'] },
  { key: 'dm_rate', label: 'DM rate', definition: 'Calls that reached the decision maker per dial.', numerator: DM_CONTACTS, denominator: DIALS, per: ['caller', 'campaign'] },
  { key: 'pitch_rate', label: 'Pitch rate', definition: 'Pitches per DM contact.', numerator: PITCHES, denominator: DM_CONTACTS, per: ['caller', 'campaign'] },
  { key: 'lead_rate', label: 'Lead rate', definition: 'New leads per pitch.', numerator: { newLead: true }, denominator: PITCHES, per: ['caller', 'campaign'] },
  { key: 'appointment_rate', label: 'Appointment rate', definition: 'Appointments booked per pitch.', numerator: { appointment: true }, denominator: PITCHES, per: ['caller', 'campaign'] },
];

/** The switches as a campaign's settings show them. */
export const CAMPAIGN_SWITCHES: readonly { key: keyof CampaignOptions; label: string }[] = [
  { key: 'allowEmailOnlyHns', label: 'Email Only - HNS allowed (permission granted)' },
  { key: 'wantsConsultantFollowUp', label: 'Offer Wants Consultant Follow Up' },
];

/** The reminder above the cheat sheet's table: a title, the text and one rule to stress. */
export const CHEAT_SHEET_INTRO = {
  title: 'Last contact.',
  text: 'No contact: spoke to nobody (company voicemail, the DM\'s own line went to voicemail, wrong company). Reception: the last person was reception, also when put through to the DM\'s voicemail, or when the DM said "can\'t talk, call back" before the pitch. Decision maker: a real conversation with the DM.',
  stress: 'Only a DM can be not interested.',
};
