import type { OutcomeScheme } from '../types.ts';
import { outcomesIn, type DimensionOf } from './outcomes.ts';
import { REAL_ESTATE_RULES } from './rules.ts';
import { ISA_GUIDANCE } from './topics.ts';
import { CHEAT_SHEET, CONSUMER_LEVELS, FIELDS, ISA_RATES, ISA_TIMESHEET, RATES, SERVICE_RATES, SERVICE_TIMESHEET, TIMESHEET } from './vocabulary.ts';

/**
 * Seed 000, real estate: three outcome sets over the consumer call flow. The caller picks one
 * outcome in each dimension that applies (the appointment, the ask, the next step, ...).
 */

const APPOINTMENT: DimensionOf = { key: 'appointment', label: 'Appointment', group: 'Appointment Outcomes', outcomes: ['appointment_set', 'appointment_not_set'] };
const ASK: DimensionOf = { key: 'ask', label: 'Ask', group: 'Appointment Outcomes', outcomes: ['asked_for_appointment', 'no_ask_for_appointment'] };
const NEXT_STEP: DimensionOf = {
  key: 'next_step',
  label: 'Next step',
  group: 'Next Step / Interaction Outcomes',
  outcomes: ['next_step_created', 'call_back_requested', 'left_voicemail'],
};
const RESPONSE: DimensionOf = { key: 'response', label: 'Prospect response', group: 'Prospect Response Outcomes', outcomes: ['not_interested', 'wrong_number', 'do_not_call'] };
const OTHER: DimensionOf = { key: 'other', label: 'Catch-all', group: 'Catch-All', outcomes: ['other'] };

const COMMON = {
  version: 1,
  flow: 'consumer',
  horizonDays: 365,
  fields: FIELDS,
  rules: REAL_ESTATE_RULES,
  levels: CONSUMER_LEVELS,
  /** Only the prospect on the line is a contact: a voicemail or the wrong person is not. */
  contactLevels: ['answered'],
  leadKinds: [],
  switches: [],
  cheatSheet: CHEAT_SHEET,
  /** Its rates (contact, ask, appointment) take the funnel's place. */
  funnel: [],
} as const;

export const realEstateSales: OutcomeScheme = {
  ...COMMON,
  id: 'real-estate-sales',
  name: 'Real estate: sales & recruiting',
  description: 'Seed 000: outcomes of sales and recruiting calls to consumers (appointment, ask, next step, response).',
  ...outcomesIn([APPOINTMENT, ASK, NEXT_STEP, RESPONSE, OTHER]),
  timesheet: TIMESHEET,
  rates: RATES,
};

export const realEstateService: OutcomeScheme = {
  ...COMMON,
  id: 'real-estate-service',
  name: 'Real estate: customer service',
  description: 'Seed 000: outcomes of customer service calls to clients (resolution, follow-up, feedback, referral).',
  ...outcomesIn([
    { key: 'resolution', label: 'Resolution', group: 'Resolution & Satisfaction Outcomes', outcomes: ['issue_resolved', 'customer_satisfied'] },
    {
      key: 'follow_up',
      label: 'Pending or follow-up',
      group: 'Pending / Follow-Up Outcomes',
      outcomes: ['follow_up_requested', 'next_step_created', 'call_back_requested', 'left_voicemail'],
    },
    { key: 'feedback', label: 'Feedback', group: 'Feedback & Issues Outcomes', outcomes: ['negative_feedback', 'financial_issues'] },
    { key: 'referral', label: 'Referral or contact', group: 'Referral & Contact Outcomes', outcomes: ['vendor_referred', 'wrong_number', 'do_not_call'] },
    OTHER,
  ]),
  timesheet: SERVICE_TIMESHEET,
  rates: SERVICE_RATES,
};

export const realEstateIsa: OutcomeScheme = {
  ...COMMON,
  id: 'real-estate-isa',
  name: 'Real estate: non-licensed ISA',
  description: 'Seed 000: outcomes of calls by inside sales agents without a licence, with the topics they must not advise on.',
  ...outcomesIn([
    APPOINTMENT,
    ASK,
    NEXT_STEP,
    { key: 'compliance', label: 'Compliance', group: 'Next Step / Interaction Outcomes', outcomes: ['prohibited_isa_topic'] },
    RESPONSE,
    OTHER,
  ]),
  guidance: ISA_GUIDANCE,
  timesheet: ISA_TIMESHEET,
  rates: ISA_RATES,
};
