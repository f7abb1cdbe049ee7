import { describe, expect, it } from 'vitest';
import { getSimplePaths } from 'xstate/graph';
import { flowOfScheme, getFlow } from '../../shared/callflow/index.ts';
import { consumerMachine, CONSUMER_EVENTS } from '../../shared/schemes/real-estate/flow.ts';

/**
 * Every path through the consumer call flow to its end, with each real-estate scheme's legal
 * outcomes asserted at every distinct end state (told apart by the level the call reached).
 */
type Level = 'no_answer' | 'voicemail' | 'wrong_number' | 'answered';

function endStates() {
  const paths = getSimplePaths(consumerMachine, {
    events: CONSUMER_EVENTS.map((type) => ({ type })),
    serializeState: (s) => JSON.stringify({ value: s.value, level: s.context.level }),
  });
  return paths.filter((p) => p.state.status === 'done').map((p) => ({ events: p.steps.map((step) => step.event.type as string), level: p.state.context.level as Level }));
}

const NOT_REACHED = { no_answer: ['other'], voicemail: ['left_voicemail', 'other'], wrong_number: ['wrong_number', 'do_not_call', 'other'] };
const SALES_TALK = [
  'appointment_set', 'appointment_not_set', 'asked_for_appointment', 'no_ask_for_appointment',
  'next_step_created', 'call_back_requested', 'not_interested', 'do_not_call', 'other',
];

const EXPECTED: Record<string, Record<Level, string[]>> = {
  'real-estate-sales': { ...NOT_REACHED, answered: SALES_TALK },
  'real-estate-isa': { ...NOT_REACHED, answered: [...SALES_TALK, 'prohibited_isa_topic'] },
  'real-estate-service': {
    ...NOT_REACHED,
    answered: [
      'issue_resolved', 'customer_satisfied', 'follow_up_requested', 'next_step_created', 'call_back_requested',
      'negative_feedback', 'financial_issues', 'vendor_referred', 'do_not_call', 'other',
    ],
  },
};

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('the consumer call flow', () => {
  const ends = endStates();

  it('is the flow of the three real-estate schemes', () => {
    for (const id of Object.keys(EXPECTED)) expect(flowOfScheme(id).id).toBe('consumer');
    expect(getFlow('consumer').events).toEqual(['DIAL', 'NO_ANSWER', 'VOICEMAIL', 'WRONG_NUMBER', 'ANSWERED', 'HUNG_UP']);
  });

  it('reaches every level, and has no reception level', () => {
    expect(new Set(ends.map((e) => e.level))).toEqual(new Set(['no_answer', 'voicemail', 'wrong_number', 'answered']));
    expect(getFlow('consumer').levels.map((l) => l.id)).toEqual(['no_answer', 'voicemail', 'wrong_number', 'answered']);
  });

  it.each(Object.keys(EXPECTED))('offers exactly the legal outcomes of %s at each end, and replay agrees with the walk', (schemeId) => {
    const flow = flowOfScheme(schemeId);
    for (const { events, level } of ends) {
      const s = flow.replay(events, { schemeId });
      expect({ events, level: flow.contactLevel(s) }).toEqual({ events, level });
      expect({ events, legal: sorted(flow.legalResults(s)) }).toEqual({ events, legal: sorted(EXPECTED[schemeId]?.[level] ?? []) });
    }
  });
});

describe('paths the seed describes', () => {
  it.each([
    ['no answer', 'DIAL NO_ANSWER', 'no_answer'],
    ['rang out and hung up', 'DIAL HUNG_UP', 'no_answer'],
    ['voicemail picked up', 'DIAL VOICEMAIL', 'voicemail'],
    ['a dead number', 'DIAL WRONG_NUMBER', 'wrong_number'],
    ['the wrong person answered', 'DIAL ANSWERED WRONG_NUMBER', 'wrong_number'],
    ['the prospect answered', 'DIAL ANSWERED HUNG_UP', 'answered'],
  ])('%s (%s) ends at %s', (_name, events, level) => {
    const flow = getFlow('consumer');
    const s = flow.replay(events.split(' '), { schemeId: 'real-estate-sales' });
    expect(flow.callEnded(s)).toBe(true);
    expect(flow.contactLevel(s)).toBe(level);
  });

  it('has not ended while the prospect is on the line, and offers nothing yet', () => {
    const flow = getFlow('consumer');
    const s = flow.replay(['DIAL', 'ANSWERED'], { schemeId: 'real-estate-sales' });
    expect(flow.callEnded(s)).toBe(false);
    expect(flow.legalResults(s)).toEqual([]);
  });

  it('takes no reception or pitch events', () => {
    const flow = getFlow('consumer');
    const s = flow.replay(['DIAL', 'RECEPTION_ANSWERED', 'PITCHED', 'HUNG_UP'], { schemeId: 'real-estate-sales' });
    expect(flow.facts(s).path).toEqual(['DIAL', 'HUNG_UP']);
    expect(flow.contactLevel(s)).toBe('no_answer');
  });
});
