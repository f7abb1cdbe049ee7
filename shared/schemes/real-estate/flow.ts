import { assign, setup, type SnapshotFrom } from 'xstate';
import { defineFlow, runMachine } from '../../callflow/define.ts';
import type { CallFlow, FlowButton, FlowFacts } from '../../callflow/flow.ts';
import { CONSUMER_LEVELS, type ConsumerLevel } from './vocabulary.ts';

/**
 * The consumer call flow of the real-estate schemes (seed 000): a person's own phone, so there
 * is no reception. The call is dialled, then nobody answers, voicemail picks up, the wrong
 * person answers, or the prospect answers; whether the caller asked for an appointment and the
 * prospect agreed are the outcomes chosen after the call.
 */
export const CONSUMER_EVENTS = ['DIAL', 'NO_ANSWER', 'VOICEMAIL', 'WRONG_NUMBER', 'ANSWERED', 'HUNG_UP'] as const;
export type ConsumerEvent = (typeof CONSUMER_EVENTS)[number];

/** What happened on the call, in the order the buttons sit; the key works without the mouse. */
const BUTTONS: readonly FlowButton[] = [
  { type: 'NO_ANSWER', label: 'No answer', key: 'n' },
  { type: 'VOICEMAIL', label: 'Voicemail', key: 'v' },
  { type: 'WRONG_NUMBER', label: 'Wrong number', key: 'w' },
  { type: 'ANSWERED', label: 'Answered', key: 'a' },
  { type: 'HUNG_UP', label: 'Hung up', key: 'h' },
];

interface ConsumerContext {
  level: ConsumerLevel;
  path: ConsumerEvent[];
}

export const consumerMachine = setup({
  types: {
    context: {} as ConsumerContext,
    events: {} as { type: ConsumerEvent },
  },
  actions: {
    recordEvent: assign({ path: ({ context, event }) => [...context.path, event.type] }),
    voicemail: assign({ level: 'voicemail' as ConsumerLevel }),
    wrongPerson: assign({ level: 'wrong_number' as ConsumerLevel }),
    answered: assign({ level: 'answered' as ConsumerLevel }),
  },
}).createMachine({
  id: 'consumer',
  context: { level: 'no_answer', path: [] },
  initial: 'idle',
  states: {
    idle: { on: { DIAL: { target: 'ringing', actions: 'recordEvent' } } },
    /** Dialled; nobody has answered yet. */
    ringing: {
      on: {
        NO_ANSWER: { target: 'ended', actions: 'recordEvent' },
        VOICEMAIL: { target: 'ended', actions: ['recordEvent', 'voicemail'] },
        // A dead number, or someone who is not the prospect picked up.
        WRONG_NUMBER: { target: 'ended', actions: ['recordEvent', 'wrongPerson'] },
        ANSWERED: { target: 'talking', actions: ['recordEvent', 'answered'] },
        // Rang out, or hung up before anyone answered.
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    /** Talking to whoever picked up, taken to be the prospect. */
    talking: {
      on: {
        // The person on the line is not the prospect after all.
        WRONG_NUMBER: { target: 'ended', actions: ['recordEvent', 'wrongPerson'] },
        HUNG_UP: { target: 'ended', actions: 'recordEvent' },
      },
    },
    ended: { type: 'final' },
  },
});

type ConsumerSnapshot = SnapshotFrom<typeof consumerMachine>;

/** The flow's facts: the level the call reached; it has no flags. */
function factsOf(s: ConsumerSnapshot): FlowFacts {
  return { ended: s.status === 'done', level: s.context.level, flags: {}, path: s.context.path };
}

/** The consumer call flow, registered as 'consumer' in shared/callflow/registry.ts. */
export const consumerFlow: CallFlow = defineFlow<ConsumerSnapshot>({
  id: 'consumer',
  machine: consumerMachine,
  events: CONSUMER_EVENTS,
  buttons: BUTTONS,
  levels: CONSUMER_LEVELS,
  run: (events) => runMachine<ConsumerSnapshot>(consumerMachine, events, undefined),
  facts: factsOf,
});
