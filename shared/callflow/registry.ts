import { getScheme } from '../schemes/index.ts';
import { b2bFlow } from './b2b.ts';
import type { CallFlow } from './flow.ts';

/** Every call flow, by id, one line each. A scheme names its flow by one of these ids. */
export const FLOWS: Readonly<Record<string, CallFlow>> = {
  b2b: b2bFlow,
};

export function getFlow(id: string): CallFlow {
  const flow = FLOWS[id];
  if (!flow) throw new Error(`Unknown call flow "${id}"; the flows are: ${Object.keys(FLOWS).join(', ')}.`);
  return flow;
}

/** The flow that calls of a scheme go through. */
export function flowOfScheme(schemeId: string): CallFlow {
  return getFlow(getScheme(schemeId).flow);
}

/** Every event any flow takes: what a logged call's path may hold before its own flow checks it. */
export const ALL_CALL_EVENTS = [...new Set(Object.values(FLOWS).flatMap((f) => f.events))] as [string, ...string[]];
