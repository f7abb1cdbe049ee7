import { DEFAULT_SCHEME_ID } from '../schemes/index.ts';
import type { CallFlowSnapshot } from './flow.ts';
import type { CallEventType, CallFlowInput } from './machine.ts';
import { flowOfScheme } from './registry.ts';

export { callFlowMachine, CALL_EVENTS } from './machine.ts';
export type { CallEvent, CallEventType, CallFlowContext, CallFlowInput } from './machine.ts';
export type { CallFlow, CallFlowSnapshot, FlowButton } from './flow.ts';
export { addDays, calendarDaysBetween } from './dates.ts';
export { callEnded, contactLevel, factsOf, legalResults, schemeOf, wasBlockedByReception, wasPitched } from './b2b.ts';
export { ALL_CALL_EVENTS, FLOWS, flowOfScheme, getFlow } from './registry.ts';
export * from './validate.ts';

/**
 * The snapshot after `events`, in the flow of the input's scheme (the default scheme's when it
 * names none): how the main process re-checks a call before saving it.
 */
export function replay(events: readonly CallEventType[], input?: CallFlowInput): CallFlowSnapshot {
  return flowOfScheme(input?.schemeId ?? DEFAULT_SCHEME_ID).replay(events, input);
}
