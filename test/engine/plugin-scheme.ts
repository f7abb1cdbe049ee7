import { outcome } from '../../shared/schemes/effects.ts';
import { meetingProblem, SCHEMES, type OutcomeScheme, type ResultProblem } from '../../shared/schemes/index.ts';

/**
 * A scheme of the tests' own, on B2B's flow, that uses every part of the plug-in the product's
 * B2B scheme does not: dimensions (several outcomes per call), declared fields of each type,
 * meetings with a host, deals, flags, rules over the record's earlier outcomes, and rates.
 */
const REACHED = ['reception', 'decision_maker'];
const ALL = ['no_contact', ...REACHED];

export const pluginScheme: OutcomeScheme = {
  id: 'plugin-test',
  version: 3,
  name: 'Plug-in test scheme',
  description: 'Exercises dimensions, fields, deals, flags and rates.',
  flow: 'b2b',
  horizonDays: 365,
  dimensions: [
    { key: 'ask', label: 'Ask', required: true },
    { key: 'appointment', label: 'Appointment' },
    { key: 'deal', label: 'Deal' },
    { key: 'compliance', label: 'Compliance' },
  ],
  codes: [
    outcome({ slug: 'asked', label: 'Asked for Appointment', whenToUse: 'You asked.', dimension: 'ask', levels: ALL, effects: [{ kind: 'keep_record' }], weight: 'neutral', shortcut: 'a' }),
    outcome({ slug: 'not_asked', label: 'No Ask', whenToUse: 'You did not ask.', dimension: 'ask', levels: ALL, effects: [{ kind: 'keep_record' }], weight: 'neutral', shortcut: 'n' }),
    outcome({
      slug: 'visit_set', label: 'Visit Set', whenToUse: 'A visit is booked.', dimension: 'appointment', levels: REACHED, weight: 'positive', shortcut: 'v',
      effects: [{ kind: 'close_record' }, { kind: 'book_appointment', at: 'visit_at', kindField: 'visit_kind', host: 'agent' }],
    }),
    outcome({ slug: 'second_visit', label: 'Second Visit', whenToUse: 'After a first visit.', dimension: 'appointment', levels: REACHED, effects: [{ kind: 'keep_record' }], weight: 'positive', shortcut: 's' }),
    outcome({
      slug: 'sold', label: 'Sold', whenToUse: 'A deal closed.', dimension: 'deal', levels: REACHED, weight: 'positive', shortcut: 'd',
      effects: [{ kind: 'close_record' }, { kind: 'record_deal', value: 'deal_value', product: 'product', closer: 'agent', parent: 'parent_deal' }],
      fields: [{ key: 'agent', required: true }],
    }),
    outcome({
      slug: 'off_topic', label: 'Prohibited Topic', whenToUse: 'A topic you may not discuss came up.', dimension: 'compliance', levels: REACHED, weight: 'negative', shortcut: 'p',
      effects: [{ kind: 'keep_record' }, { kind: 'flag', flag: 'prohibited_topic' }],
      fields: [{ key: 'topics', required: true }],
    }),
  ],
  fields: [
    { key: 'visit_at', label: 'Visit date and time', type: 'datetime' },
    { key: 'visit_kind', label: 'Visit kind', type: 'choice', options: [{ value: 'in_person', label: 'In person' }, { value: 'zoom', label: 'Zoom' }] },
    { key: 'agent', label: 'Agent', type: 'host' },
    { key: 'deal_value', label: 'Deal value', type: 'money', max: 1_000_000 },
    { key: 'product', label: 'Product', type: 'product', maxLength: 40 },
    { key: 'parent_deal', label: 'Grows deal', type: 'text', maxLength: 12 },
    { key: 'topics', label: 'Topics', type: 'choices', options: [{ value: 'pricing', label: 'Pricing' }, { value: 'legal', label: 'Legal advice' }] },
  ],
  rules: {
    whyIllegal(scheme, code, f) {
      if (!code.levels.includes(f.level)) return `${code.label} needs a conversation; this call reached ${f.level}.`;
      if (code.slug === 'second_visit' && !f.record.priorResults.includes('visit_set')) return 'Second Visit follows a Visit Set on this record.';
      return null;
    },
    check(sel): ResultProblem[] {
      const slugs = sel.codes.map((c) => c.slug);
      const problems: ResultProblem[] = [];
      if (slugs.includes('visit_set') && !slugs.includes('asked')) problems.push({ field: 'code', message: 'A visit set means you asked: choose Asked for Appointment too.' });
      const at = sel.fields['visit_at'];
      if (slugs.includes('visit_set') && at instanceof Date) {
        const p = meetingProblem(sel.scheme, at, sel.now, 'visit_at');
        if (p) problems.push(p);
      }
      return problems;
    },
  },
  levels: [
    { id: 'no_contact', label: 'Nobody', text: 'nobody' },
    { id: 'reception', label: 'Someone', text: 'someone' },
    { id: 'decision_maker', label: 'Owner', text: 'the owner' },
  ],
  leadKinds: [],
  switches: [],
  settings: [{ key: 'closers', label: 'Agents', type: 'choices' }, { key: 'currency', label: 'Currency', type: 'text' }],
  timesheet: [
    { column: 'dials', label: 'Dials', counts: {} },
    { column: 'asks', label: 'Asks', counts: { outcome: 'asked' } },
    { column: 'visits', label: 'Visits', counts: { appointment: true } },
    { column: 'prohibited', label: 'Prohibited', counts: { flag: 'prohibited_topic' } },
  ],
  rates: [
    { key: 'ask_rate', label: 'Ask rate', definition: 'Asks per conversation.', numerator: { outcome: 'asked' }, denominator: { levels: REACHED }, per: ['caller', 'campaign'] },
    { key: 'zoom_share', label: 'Zoom share', definition: 'Visits on Zoom per visit.', numerator: { field: { key: 'visit_kind', equals: 'zoom' } }, denominator: { outcome: 'visit_set' } },
    { key: 'sales', label: 'Sales', definition: 'Deal value per dial.', numerator: { outcome: 'sold' }, denominator: {}, sum: 'deal_value', per: ['caller'] },
  ],
  funnel: [{ key: 'dials', label: 'Dials', counts: {}, rateFrom: null }],
  cheatSheet: { title: 'Test.', text: 'Test scheme.', stress: 'Nothing.' },
};

/** Registers the test scheme for the duration of a test file (call in beforeAll; the returned function removes it). */
export function registerPluginScheme(): () => void {
  (SCHEMES as OutcomeScheme[]).push(pluginScheme);
  return () => {
    const i = SCHEMES.indexOf(pluginScheme);
    if (i >= 0) (SCHEMES as OutcomeScheme[]).splice(i, 1);
  };
}
