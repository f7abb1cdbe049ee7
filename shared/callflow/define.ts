import { createActor, type AnyActorRef, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { DEFAULT_SCHEME_ID, getScheme, legalCodes, withVariants, type CallFacts, type OutcomeScheme } from '../schemes/index.ts';
import type { CallFlow, FlowDefinition, FlowFacts, FlowInput, FlowSnapshot } from './flow.ts';

/**
 * Runs `events` through a machine from `input` and returns its last snapshot: events after the
 * end change nothing, and an event the current state does not take is ignored.
 */
export function runMachine<S extends AnyMachineSnapshot>(machine: AnyStateMachine, events: readonly string[], input: unknown): S {
  const actor: AnyActorRef = createActor(machine, { input });
  actor.start();
  for (const type of events) {
    // Stop before the actor warns about events after the end.
    if ((actor.getSnapshot() as S).status !== 'active') break;
    actor.send({ type });
  }
  const snapshot = actor.getSnapshot() as S;
  actor.stop();
  return snapshot;
}

/** The campaign's scheme (with its own reasons) that a call with this input is logged against. */
export function schemeOfInput(input: FlowInput): OutcomeScheme {
  return withVariants(getScheme(input.schemeId ?? DEFAULT_SCHEME_ID), input.campaign?.notQualifiedVariants ?? []);
}

/** What a scheme's rules know about a call: the flow's facts, the record and the campaign. */
export function callFacts(facts: FlowFacts, input: FlowInput): CallFacts {
  return {
    level: facts.level,
    flags: facts.flags,
    record: {
      isExistingLead: input.record?.isExistingLead ?? false,
      blockedAttempts: input.record?.blockedAttempts ?? 0,
      priorResults: input.record?.priorResults ?? [],
    },
    campaign: input.campaign ?? {},
  };
}

/** A flow from what its author writes: replay keeps the input beside the machine's snapshot. */
export function defineFlow<S extends AnyMachineSnapshot>(d: FlowDefinition<S>): CallFlow {
  const facts = (s: FlowSnapshot) => d.facts(s.raw as S);
  return {
    id: d.id,
    machine: d.machine,
    events: d.events,
    buttons: d.buttons,
    levels: d.levels,
    replay: (events, input = {}) => ({ flow: d.id, input, raw: d.run(events, input) }),
    facts,
    can: (s, event) => (s.raw as S).can({ type: event }),
    offered: (s) => d.buttons.filter((b) => (s.raw as S).can({ type: b.type })),
    contactLevel: (s) => facts(s).level,
    callEnded: (s) => facts(s).ended,
    wasBlocked: (s) => facts(s).flags.blocked === true,
    legalResults: (s) => {
      const f = facts(s);
      return f.ended ? legalCodes(schemeOfInput(s.input), callFacts(f, s.input)).map((c) => c.slug) : [];
    },
  };
}
