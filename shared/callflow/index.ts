import type { CallEventType, CallFlowInput, CallFlowSnapshot } from './machine.ts';
import { replayB2b } from './b2b.ts';

export { callFlowMachine, CALL_EVENTS } from './machine.ts';
export type { CallEvent, CallEventType, CallFlowContext, CallFlowInput, CallFlowSnapshot } from './machine.ts';
export type { CallFlow, FlowButton, FlowDefinition, FlowFacts, FlowInput, FlowLevel, FlowSnapshot } from './flow.ts';
export { callFacts, defineFlow, runMachine, schemeOfInput } from './define.ts';
export { addDays, calendarDaysBetween } from './dates.ts';
export { callEnded, contactLevel, factsOf, flowFactsOf, legalResults, schemeOf, wasBlockedByReception, wasPitched } from './b2b.ts';
export { ALL_CALL_EVENTS, FLOWS, flowOfScheme, getFlow } from './registry.ts';
export * from './validate.ts';

/**
 * The B2B machine's snapshot after `events` (seed 003's flow). Other flows: `flowOfScheme(id).replay`.
 */
export function replay(events: readonly CallEventType[], input?: CallFlowInput): CallFlowSnapshot {
  return replayB2b(events, input);
}
