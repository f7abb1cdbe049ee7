import { describe, expect, it } from 'vitest';
import { getSimplePaths } from 'xstate/graph';
import { getFlow, type FlowInput } from '../../shared/callflow/index.ts';
import { MEETING_EVENTS, meetingMachine, type MeetingSnapshot } from '../../shared/schemes/closer-setter/machine.ts';

/**
 * Every path through the meeting flow (seed 001) to its end, for a lead at each stage, with the
 * legal outcomes asserted for every distinct end state, through the flow's own replay too.
 */
const flow = getFlow('meeting');
const SCHEME = 'closer-setter';

function endStates() {
  const paths = getSimplePaths(meetingMachine, {
    events: MEETING_EVENTS.map((type) => ({ type })),
    serializeState: (s) => JSON.stringify({ value: s.value, level: (s as MeetingSnapshot).context.level }),
  });
  return paths.filter((p) => p.state.status === 'done').map((p) => ({ events: p.steps.map((step) => step.event.type).filter((t: string) => t !== 'xstate.init'), level: (p.state as MeetingSnapshot).context.level }));
}

const DISCOVERY = { meeting_cancelled: ['rejected'], no_show: ['rejected'], held: ['approved', 'rejected'] };
const STRATEGY = { meeting_cancelled: ['no_sale'], no_show: ['no_sale'], held: ['sale', 'no_sale'] };

const CASES: { name: string; priorResults: string[]; expected: Record<string, string[]> }[] = [
  { name: 'a new lead', priorResults: [], expected: DISCOVERY },
  { name: 'a lead Rejected before (screened again)', priorResults: ['rejected'], expected: DISCOVERY },
  { name: 'a lead whose discovery call was Approved', priorResults: ['approved'], expected: STRATEGY },
  { name: 'a lead Approved after an earlier rejection', priorResults: ['rejected', 'approved'], expected: STRATEGY },
  { name: 'a lead with a follow-up strategy call after a No Sale', priorResults: ['approved', 'no_sale'], expected: STRATEGY },
];

describe.each(CASES)('every end of a meeting for $name', ({ priorResults, expected }) => {
  const input: FlowInput = { schemeId: SCHEME, record: { priorResults } };
  const ends = endStates();

  it('reaches each level: cancelled, a no-show (two ways) and held', () => {
    expect(ends.map((e) => `${e.events.join(' ')} -> ${e.level}`).sort()).toEqual([
      'CANCELLED -> meeting_cancelled',
      'DIAL CONNECTED HUNG_UP -> held',
      'DIAL HUNG_UP -> no_show',
      'DIAL NO_SHOW -> no_show',
    ]);
  });

  it('offers exactly the legal outcomes at each end', () => {
    for (const { events, level } of ends) {
      const s = flow.replay(events, input);
      expect(flow.callEnded(s)).toBe(true);
      expect(flow.contactLevel(s)).toBe(level);
      expect({ events, legal: flow.legalResults(s) }).toEqual({ events, legal: expected[level] });
    }
  });
});

describe('the meeting flow', () => {
  it('offers nothing until the meeting ended, and ignores events its state does not take', () => {
    const input: FlowInput = { schemeId: SCHEME };
    expect(flow.legalResults(flow.replay(['DIAL'], input))).toEqual([]);
    expect(flow.legalResults(flow.replay(['DIAL', 'CONNECTED'], input))).toEqual([]);
    const s = flow.replay(['DIAL', 'CANCELLED', 'CONNECTED', 'HUNG_UP'], input);
    expect(flow.facts(s)).toEqual({ ended: true, level: 'held', flags: {}, path: ['DIAL', 'CONNECTED', 'HUNG_UP'] });
  });

  it('takes CANCELLED only before the meeting started', () => {
    const input: FlowInput = { schemeId: SCHEME };
    expect(flow.can(flow.replay([], input), 'CANCELLED')).toBe(true);
    expect(flow.can(flow.replay(['DIAL'], input), 'CANCELLED')).toBe(false);
  });

  it('has levels lowest first, and a button with its own key for every event but DIAL', () => {
    expect(flow.levels.map((l) => l.id)).toEqual(['meeting_cancelled', 'no_show', 'held']);
    expect(flow.buttons.map((b) => b.type).sort()).toEqual(['CANCELLED', 'CONNECTED', 'HUNG_UP', 'NO_SHOW']);
  });
});
