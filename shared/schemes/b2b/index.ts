import type { OutcomeScheme } from '../types.ts';
import { B2B_CODES } from './outcomes.ts';
import { B2B_RULES } from './rules.ts';
import { CAMPAIGN_SWITCHES, CHEAT_SHEET_INTRO, FIELDS, FUNNEL, LEAD_KINDS, LEVELS, RATES, summary, TIMESHEET, TREND } from './vocabulary.ts';

export { EMAIL_FOLLOW_UP_MAX_DAYS } from './outcomes.ts';

/** Seed 003, B2B appointment setting: the default scheme of a new campaign. */
export const b2bAppointmentSetting: OutcomeScheme = {
  id: 'b2b-appointment-setting',
  version: 1,
  name: 'B2B appointment setting',
  description: 'Seed 003: how to log call results when setting appointments for a B2B client.',
  flow: 'b2b',
  horizonDays: 730,
  codes: B2B_CODES,
  fields: FIELDS,
  rules: B2B_RULES,
  levels: LEVELS,
  leadKinds: LEAD_KINDS,
  existingLeadKinds: ['email_follow_up', 'nurture'],
  variants: { base: 'not_qualified_below_min', after: 'not_qualified_above_max', prompt: 'Extra Not Qualified reasons (comma separated, e.g. No Roof)', slugPrefix: 'not_qualified_', labelPrefix: 'Not Qualified - ' },
  switches: CAMPAIGN_SWITCHES,
  timesheet: TIMESHEET,
  summary,
  // The team board follows pitching beside its own dials, calls and records closed.
  board: ['pitches'],
  trend: TREND,
  rates: RATES,
  // The per-caller figures compare callers on reaching people, the DM and pitching.
  callerRates: ['contact_rate', 'dm_rate', 'pitch_rate'],
  funnel: FUNNEL,
  cheatSheet: CHEAT_SHEET_INTRO,
};
