import type { OutcomeScheme } from '../types.ts';
import { FIELDS, SETTINGS } from './fields.ts';
import { MEETING_LEVELS } from './machine.ts';
import { RATES, TIMESHEET } from './metrics.ts';
import { CLOSER_SETTER_CODES } from './outcomes.ts';
import { CLOSER_SETTER_RULES } from './rules.ts';

/**
 * Seed 001, closers and setters: setters' discovery calls (Approved, which books a strategy
 * call with a closer; Rejected) and closers' strategy calls (Sale with a deal; No Sale).
 */
export const closerSetter: OutcomeScheme = {
  id: 'closer-setter',
  version: 1,
  name: 'Closers and setters',
  description: "Seed 001: discovery calls by setters, strategy calls by closers, with the deals they close.",
  flow: 'meeting',
  horizonDays: 365,
  codes: CLOSER_SETTER_CODES,
  fields: FIELDS,
  rules: CLOSER_SETTER_RULES,
  levels: MEETING_LEVELS,
  leadKinds: [],
  switches: [],
  settings: SETTINGS,
  timesheet: TIMESHEET,
  rates: RATES,
  /** Its rates take the funnel's place. */
  funnel: [],
  cheatSheet: {
    title: 'Discovery, then strategy.',
    text: 'Setters log discovery calls: Approved books the strategy call with a closer (chosen, or the next in turn); Rejected needs a reason. Closers log strategy calls: Sale with the objection overcome and the deal; No Sale with its reason. A meeting called off before it started is logged as Cancelled.',
    stress: 'No strategy call before the discovery call is Approved.',
  },
};
