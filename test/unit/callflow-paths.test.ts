import { describe, expect, it } from 'vitest';
import { getSimplePaths } from 'xstate/graph';
import {
  CALL_EVENTS,
  callFlowMachine,
  contactLevel,
  legalResults,
  replay,
  type CallFlowInput,
  type CallFlowSnapshot,
} from '../../shared/callflow/index.ts';

/**
 * Every path through the call-flow machine to its end, for each kind of record and campaign,
 * with the legal result codes asserted for every distinct end state. States are told apart by
 * what decides legality (level, pitch, cut short, put through), not by the recorded path, so
 * that the reception <-> put-through loop is walked once.
 */
const serializeState = (s: CallFlowSnapshot) =>
  JSON.stringify({
    value: s.value,
    level: s.context.level,
    pitched: s.context.pitched,
    cutShort: s.context.dmCutShort,
    transferred: s.context.transferred,
  });

type EndKey = 'no_contact' | 'reception' | 'reception_cut_short' | 'dm_not_pitched' | 'dm_pitched';

function endKey(s: CallFlowSnapshot): EndKey {
  if (s.context.dmCutShort) return 'reception_cut_short';
  const level = contactLevel(s);
  if (level === 'decision_maker') return s.context.pitched ? 'dm_pitched' : 'dm_not_pitched';
  return level;
}

function endStates(input: CallFlowInput) {
  const paths = getSimplePaths(callFlowMachine, {
    input,
    events: CALL_EVENTS.map((type) => ({ type })),
    serializeState,
  });
  return paths
    .filter((p) => p.state.status === 'done')
    .map((p) => ({ events: p.steps.map((step) => step.event.type), state: p.state as CallFlowSnapshot }));
}

const REC_CLOSED = ['handled_by_parent', 'handled_overseas', 'outsourced'];
const DM_COMMON = ['not_qualified_below_min', 'not_qualified_above_max', 'duplicate', 'existing_client'];
const LEADS = ['email_only', 'email_follow_up', 'nurture_email_sent', 'nurture_no_email', 'appointment_booked'];

const FRESH: Record<EndKey, string[]> = {
  no_contact: ['no_contact', 'wrong_number', 'duplicate'],
  reception: ['no_contact', ...REC_CLOSED, 'wrong_number', 'duplicate', 'remove_from_database', 'not_a_good_fit'],
  reception_cut_short: ['no_contact'],
  dm_not_pitched: [...REC_CLOSED, 'not_interested_no_pitch', ...DM_COMMON, 'remove_from_database', 'not_a_good_fit'],
  dm_pitched: [...REC_CLOSED, 'pitched_not_interested', ...DM_COMMON, ...LEADS, 'remove_from_database', 'not_a_good_fit'],
};

const sorted = (xs: readonly string[]) => [...xs].sort();
const withAll = (table: Record<EndKey, string[]>, keys: EndKey[], add: string, remove?: string) =>
  Object.fromEntries(
    Object.entries(table).map(([k, v]) => [
      k,
      keys.includes(k as EndKey) ? [...v.filter((x) => x !== remove), add] : v,
    ]),
  ) as Record<EndKey, string[]>;

const ALL_KEYS: EndKey[] = ['no_contact', 'reception', 'reception_cut_short', 'dm_not_pitched', 'dm_pitched'];

const CASES: { name: string; input: CallFlowInput; expected: Record<EndKey, string[]> }[] = [
  { name: 'a fresh record', input: {}, expected: FRESH },
  {
    name: 'an existing lead',
    input: { record: { isExistingLead: true } },
    expected: withAll(FRESH, ALL_KEYS, 'follow_up', 'no_contact'),
  },
  {
    name: 'a record blocked twice before',
    input: { record: { blockedAttempts: 2 } },
    expected: withAll(FRESH, ['reception'], 'dead_end_blocked'),
  },
  {
    name: 'a campaign with Email Only - HNS permission',
    input: { campaign: { allowEmailOnlyHns: true } },
    expected: withAll(FRESH, ['reception'], 'email_only_hns'),
  },
  {
    name: 'a campaign offering Wants Consultant Follow Up',
    input: { campaign: { wantsConsultantFollowUp: true } },
    expected: withAll(FRESH, ['dm_not_pitched', 'dm_pitched'], 'wants_consultant_follow_up'),
  },
];

describe.each(CASES)('every end state for $name', ({ input, expected }) => {
  const ends = endStates(input);

  it('reaches every kind of end', () => {
    expect(new Set(ends.map((e) => endKey(e.state)))).toEqual(new Set(ALL_KEYS));
    // 10 distinct end states: the 5 kinds, each with and without reception putting the call
    // through (no contact after a transfer: back to reception, then the wrong company).
    expect(new Set(ends.map((e) => serializeState(e.state))).size).toBe(10);
  });

  it('offers exactly the legal codes at each end, and replay agrees with the walk', () => {
    for (const { events, state } of ends) {
      const want = sorted(expected[endKey(state)]);
      expect({ events, legal: sorted(legalResults(state)) }).toEqual({ events, legal: want });
      expect(sorted(legalResults(replay(events, input)))).toEqual(want);
    }
  });
});

describe('paths the seed describes', () => {
  it.each([
    ['no answer', 'DIAL NO_ANSWER', 'no_contact'],
    ['company voicemail', 'DIAL VOICEMAIL', 'no_contact'],
    ['disconnected number', 'DIAL WRONG_NUMBER', 'no_contact'],
    ['the wrong company answered', 'DIAL RECEPTION_ANSWERED WRONG_NUMBER', 'no_contact'],
    ['reception blocks', 'DIAL RECEPTION_ANSWERED HUNG_UP', 'reception'],
    ['put through, nobody picks up', 'DIAL RECEPTION_ANSWERED TRANSFERRED NO_ANSWER', 'reception'],
    ['put through, back to reception', 'DIAL RECEPTION_ANSWERED TRANSFERRED RECEPTION_ANSWERED HUNG_UP', 'reception'],
    ['reception turns out to be the DM', 'DIAL RECEPTION_ANSWERED DM_ANSWERED PITCHED HUNG_UP', 'decision_maker'],
    ['DM picks up the direct line', 'DIAL DM_ANSWERED HUNG_UP', 'decision_maker'],
  ])('%s (%s) ends at %s level', (_name, events, level) => {
    const s = replay(events.split(' ') as never);
    expect(s.status).toBe('done');
    expect(contactLevel(s)).toBe(level);
  });
});
