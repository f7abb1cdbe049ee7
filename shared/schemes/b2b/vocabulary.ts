import type { FunnelStage, TimesheetColumn } from '../types.ts';

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

/** Lead kinds after which the record is an existing lead (Follow Up is then its call-back code). */
export const EXISTING_LEAD_KINDS: readonly LeadKind[] = ['email_follow_up', 'nurture'];

/** Campaign switches that codes can depend on. */
export interface CampaignOptions {
  /** Email Only - HNS may be used (permission granted by management). */
  allowEmailOnlyHns: boolean;
  /** Wants Consultant Follow Up is offered on this campaign. */
  wantsConsultantFollowUp: boolean;
}

/** The shift totals a B2B timesheet takes (DOMAIN.md): dials, contacts, pitches, leads by kind, appointments. */
export const TIMESHEET: readonly TimesheetColumn[] = [
  { column: 'dials', label: 'Dials', counts: {} },
  { column: 'reception_contacts', label: 'Reception', counts: { level: 'reception' } },
  { column: 'dm_contacts', label: 'DM', counts: { level: 'decision_maker' } },
  { column: 'pitches', label: 'Pitches', counts: { pitched: true } },
  { column: 'leads', label: 'Leads', counts: { newLead: true } },
  { column: 'email_only', label: 'Email Only', counts: { leadKind: 'email_only' } },
  { column: 'email_follow_up', label: 'Email F/U', words: 'Email Follow Up', counts: { leadKind: 'email_follow_up' } },
  { column: 'nurture', label: 'Nurture', counts: { leadKind: 'nurture' } },
  { column: 'appointments', label: 'Appts', counts: { appointment: true } },
];

/** From dials to appointments: each stage's rate is taken over the stage before (leads and appointments over pitches). */
export const FUNNEL: readonly FunnelStage[] = [
  { key: 'dials', label: 'Dials', counts: {}, rateFrom: null },
  { key: 'reception', label: 'Reception or further', counts: { levels: ['reception', 'decision_maker'] }, rateFrom: 'dials' },
  { key: 'decisionMaker', label: 'Decision maker', counts: { level: 'decision_maker' }, rateFrom: 'reception' },
  { key: 'pitched', label: 'Pitched', counts: { pitched: true }, rateFrom: 'decisionMaker' },
  { key: 'leads', label: 'Leads', counts: { newLead: true }, rateFrom: 'pitched' },
  { key: 'appointments', label: 'Appointments', counts: { appointment: true }, rateFrom: 'pitched' },
];

/** The kinds of meeting Appointment Booked takes, the first the default, with their labels. */
export const APPOINTMENT_KINDS = ['face_to_face', 'phone', 'video'] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_KIND_LABEL: Record<AppointmentKind, string> = { face_to_face: 'Face to face', phone: 'Phone', video: 'Video' };

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
