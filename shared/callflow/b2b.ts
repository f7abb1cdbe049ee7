import { getScheme, legalCodes, withVariants, type CallFacts, type ContactLevel, type OutcomeScheme } from '../schemes/index.ts';
import { LEVELS } from '../schemes/b2b/vocabulary.ts';
import { defineFlow, runMachine } from './define.ts';
import type { CallFlow, FlowButton, FlowFacts } from './flow.ts';
import { CALL_EVENTS, callFlowMachine, type CallEventType, type CallFlowInput, type CallFlowSnapshot } from './machine.ts';

/** What happened on a B2B call, in the order the buttons sit; the key works without the mouse. */
const BUTTONS: readonly FlowButton[] = [
  { type: 'NO_ANSWER', label: 'No answer', key: 'n' },
  { type: 'VOICEMAIL', label: 'Voicemail', key: 'v' },
  { type: 'WRONG_NUMBER', label: 'Wrong number', key: 'w' },
  { type: 'RECEPTION_ANSWERED', label: 'Reception answered', key: 'r' },
  { type: 'TRANSFERRED', label: 'Put through', key: 't' },
  { type: 'DM_ANSWERED', label: 'DM answered', key: 'd' },
  { type: 'DM_CUT_SHORT', label: 'Cut short', key: 'c' },
  { type: 'PITCHED', label: 'Pitched', key: 'p' },
  { type: 'HUNG_UP', label: 'Hung up', key: 'h' },
];

export function contactLevel(s: CallFlowSnapshot): ContactLevel {
  return s.context.level;
}

export function wasPitched(s: CallFlowSnapshot): boolean {
  return s.context.pitched;
}

export function callEnded(s: CallFlowSnapshot): boolean {
  return s.status === 'done';
}

/**
 * Reception kept the caller from the DM on this call: it ended at reception without being put
 * through. The engine counts these per record for Dead End or Blocked.
 */
export function wasBlockedByReception(s: CallFlowSnapshot): boolean {
  return callEnded(s) && s.context.level === 'reception' && !s.context.transferred && !s.context.dmCutShort;
}

/** The campaign's scheme (with its Not Qualified variants) that this call is logged against. */
export function schemeOf(s: CallFlowSnapshot): OutcomeScheme {
  return withVariants(getScheme(s.context.schemeId), s.context.campaign.notQualifiedVariants);
}

/** The B2B flow's facts: its level and its flags pitched, dmCutShort, transferred and blocked. */
export function flowFactsOf(s: CallFlowSnapshot): FlowFacts {
  const { context } = s;
  return {
    ended: callEnded(s),
    level: context.level,
    flags: { pitched: context.pitched, dmCutShort: context.dmCutShort, transferred: context.transferred, blocked: wasBlockedByReception(s) },
    path: context.path,
  };
}

export function factsOf(s: CallFlowSnapshot): CallFacts {
  const { context } = s;
  return {
    level: context.level,
    flags: flowFactsOf(s).flags,
    record: { ...context.record },
    campaign: context.campaign,
  };
}

/** The result codes that may be logged now, in scheme order; empty until the call has ended. */
export function legalResults(s: CallFlowSnapshot): string[] {
  if (!callEnded(s)) return [];
  return legalCodes(schemeOf(s), factsOf(s)).map((c) => c.slug);
}

/** The snapshot of the B2B machine after `events`. */
export function replayB2b(events: readonly CallEventType[], input?: CallFlowInput): CallFlowSnapshot {
  return runMachine<CallFlowSnapshot>(callFlowMachine, events, input);
}

/** The B2B call flow: reception, the decision maker, the pitch (DOMAIN.md rules 1-3). */
export const b2bFlow: CallFlow = defineFlow<CallFlowSnapshot>({
  id: 'b2b',
  machine: callFlowMachine,
  events: CALL_EVENTS,
  buttons: BUTTONS,
  levels: LEVELS,
  run: (events, input) => replayB2b(events as CallEventType[], input as CallFlowInput),
  facts: flowFactsOf,
});
