import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, setup, type SnapshotFrom } from 'xstate';
import { defineFlow, FLOWS, flowOfScheme, runMachine, validateSelection, type CallFlow, type FlowInput } from '../../shared/callflow/index.ts';
import { outcome } from '../../shared/schemes/effects.ts';
import { b2bAppointmentSetting, parseFields, SCHEMES, type OutcomeScheme } from '../../shared/schemes/index.ts';

/** A flow of the test's own, written as a new scheme's folder would: no reception, no pitch. */
const toyMachine = setup({
  types: { context: {} as { path: string[] }, events: {} as { type: 'DIAL' | 'NO_ANSWER' | 'ANSWERED' | 'HUNG_UP' } },
  actions: { step: assign({ path: ({ context, event }) => [...context.path, event.type] }) },
}).createMachine({
  id: 'toy',
  context: { path: [] },
  initial: 'idle',
  states: {
    idle: { on: { DIAL: { target: 'ringing', actions: 'step' } } },
    ringing: { on: { NO_ANSWER: { target: 'missed', actions: 'step' }, ANSWERED: { target: 'talking', actions: 'step' } } },
    talking: { on: { HUNG_UP: { target: 'talked', actions: 'step' } } },
    missed: { type: 'final' },
    talked: { type: 'final' },
  },
});
type ToySnapshot = SnapshotFrom<typeof toyMachine>;
const LEVELS = [{ id: 'missed', label: 'Missed', text: 'nobody' }, { id: 'talked', label: 'Talked', text: 'the prospect' }];
const toyFlow: CallFlow = defineFlow({
  id: 'toy',
  machine: toyMachine,
  events: ['DIAL', 'NO_ANSWER', 'ANSWERED', 'HUNG_UP'],
  buttons: [
    { type: 'NO_ANSWER', label: 'No answer', key: 'n' },
    { type: 'ANSWERED', label: 'Answered', key: 'a' },
    { type: 'HUNG_UP', label: 'Hung up', key: 'h' },
  ],
  levels: LEVELS,
  run: (events, input) => runMachine<ToySnapshot>(toyMachine, events, input),
  facts: (s: ToySnapshot) => ({
    ended: s.status === 'done',
    level: s.matches('talked') || s.matches('talking') ? 'talked' : 'missed',
    flags: {},
    path: s.context.path,
  }),
});

const toyScheme: OutcomeScheme = {
  ...b2bAppointmentSetting,
  id: 'toy-scheme',
  flow: 'toy',
  levels: LEVELS,
  variants: undefined,
  codes: [
    outcome({ slug: 'left_it', label: 'Left It', whenToUse: 'Nobody answered.', levels: ['missed'], effects: [{ kind: 'keep_record' }], weight: 'neutral', shortcut: 'l' }),
    outcome({ slug: 'keen', label: 'Keen', whenToUse: 'They want more.', levels: ['talked'], effects: [{ kind: 'close_record' }], weight: 'positive', shortcut: 'k', fields: [{ key: 'budget', required: true }] }),
  ],
  fields: [{ key: 'budget', label: 'Budget', type: 'money', min: 100 }],
  rules: {
    whyIllegal: (_s, code, f) => (code.levels.includes(f.level) ? null : `${code.label} is for calls that reached ${code.levels.join(' or ')}.`),
    check: () => [],
  },
};

beforeAll(() => {
  (FLOWS as Record<string, CallFlow>)['toy'] = toyFlow;
  (SCHEMES as OutcomeScheme[]).push(toyScheme);
});
afterAll(() => {
  delete (FLOWS as Record<string, CallFlow>)['toy'];
  (SCHEMES as OutcomeScheme[]).splice(SCHEMES.indexOf(toyScheme), 1);
});

describe('a flow written with defineFlow', () => {
  const input: FlowInput = { schemeId: 'toy-scheme' };

  it('replays events, says what each button would do, and offers the outcomes its scheme\'s rules allow', () => {
    const flow = flowOfScheme('toy-scheme');
    const ringing = flow.replay(['DIAL'], input);
    expect(flow.can(ringing, 'ANSWERED')).toBe(true);
    expect(flow.can(ringing, 'HUNG_UP')).toBe(false);
    expect(flow.legalResults(ringing)).toEqual([]);
    const talked = flow.replay(['DIAL', 'ANSWERED', 'HUNG_UP'], input);
    expect(flow.facts(talked)).toEqual({ ended: true, level: 'talked', flags: {}, path: ['DIAL', 'ANSWERED', 'HUNG_UP'] });
    expect(flow.contactLevel(talked)).toBe('talked');
    expect(flow.wasBlocked(talked)).toBe(false);
    expect(flow.legalResults(talked)).toEqual(['keen']);
  });

  it('checks a selection in the flow\'s and the scheme\'s own words', () => {
    const flow = flowOfScheme('toy-scheme');
    const now = new Date('2026-11-23T15:00:00Z');
    expect(validateSelection({ flow, snapshot: flow.replay(['DIAL'], input), codes: ['left_it'], fields: {}, now })).toEqual([
      { message: 'Finish the call first: record how it ended (no answer).' },
    ]);
    const talked = flow.replay(['DIAL', 'ANSWERED', 'HUNG_UP'], input);
    expect(validateSelection({ flow, snapshot: talked, codes: ['left_it'], fields: {}, now })).toEqual([{ field: 'code', message: 'Left It is for calls that reached missed.' }]);
    expect(validateSelection({ flow, snapshot: talked, codes: ['keen'], fields: {}, now })).toEqual([{ field: 'budget', message: 'Keen needs Budget (budget).' }]);
    expect(parseFields(toyScheme, { budget: 50 }).problems).toEqual([{ field: 'budget', message: 'Budget (budget): must be at least 100.' }]);
    expect(validateSelection({ flow, snapshot: talked, codes: ['keen'], fields: parseFields(toyScheme, { budget: '250' }).values, now })).toEqual([]);
  });
});
