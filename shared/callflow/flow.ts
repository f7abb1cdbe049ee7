import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { CodeVariant } from '../schemes/index.ts';
import type { FlowLevel } from '../schemes/types.ts';

export type { FlowLevel };

/** A button of the call panel: an event of the flow, its words and its key. */
export interface FlowButton {
  type: string;
  label: string;
  key: string;
}

/** What a flow says about a call: whether it ended, how far it got, its flags and its path. */
export interface FlowFacts {
  ended: boolean;
  /** One of the flow's level ids. */
  level: string;
  /** The flow's own flags (B2B: pitched, dmCutShort, transferred, blocked); a missing flag is false. */
  flags: Readonly<Record<string, boolean>>;
  /** The events the call went through, in order; events the flow ignored are left out. */
  path: readonly string[];
}

/** What a call starts from: its record, its campaign's options and its scheme. */
export interface FlowInput {
  record?: {
    /** A DM earlier agreed to an email or a call back (B2B's existing lead). */
    isExistingLead?: boolean;
    /** Earlier calls on which the way on was blocked. */
    blockedAttempts?: number;
    /** The slugs of the record's earlier calls' outcomes, oldest first. */
    priorResults?: readonly string[];
  };
  /** The campaign's options (switches, the settings its scheme declares) and its own reasons. */
  campaign?: Readonly<Record<string, unknown>> & { notQualifiedVariants?: readonly CodeVariant[] };
  /** Outcome scheme of the campaign; the default scheme when absent. */
  schemeId?: string;
}

/**
 * A call's state in its flow, as the flow's `replay` returns it. Opaque outside the flow: ask
 * the flow (`facts`, `callEnded`, ...) rather than reading `raw`.
 */
export interface FlowSnapshot {
  readonly flow: string;
  readonly input: FlowInput;
  readonly raw: unknown;
}

/**
 * A call flow: an XState machine and what the engine and the screens ask of a call in it. A
 * scheme names its flow by id (shared/callflow/registry.ts); nothing else picks a machine.
 * Write one with `defineFlow` (shared/callflow/define.ts), which adds the derived methods.
 */
export interface CallFlow {
  id: string;
  machine: AnyStateMachine;
  /** Every event the machine takes, in the domain's words. */
  events: readonly string[];
  /** The call panel's buttons after dialling, in the order they sit (one per event but DIAL). */
  buttons: readonly FlowButton[];
  /** How far a call gets, lowest first. */
  levels: readonly FlowLevel[];
  /** The snapshot after `events`: how a call is re-checked before it is saved. */
  replay(events: readonly string[], input?: FlowInput): FlowSnapshot;
  facts(s: FlowSnapshot): FlowFacts;
  /** Whether `event` would change the call now (its button is enabled). */
  can(s: FlowSnapshot, event: string): boolean;
  /**
   * The buttons whose events the call takes now, in their order. Before the dial, those a flow
   * takes without one: the call panel offers them beside Dial (a meeting called off before it
   * started is logged without dialling); none in a flow that starts with the dial.
   */
  offered(s: FlowSnapshot): FlowButton[];
  /** Derived from `facts`: */
  contactLevel(s: FlowSnapshot): string;
  callEnded(s: FlowSnapshot): boolean;
  /** The call ended where the way on was blocked (its `blocked` flag; counted per record). */
  wasBlocked(s: FlowSnapshot): boolean;
  /** The result codes that may be logged now, in scheme order; empty until the call has ended. */
  legalResults(s: FlowSnapshot): string[];
}

/** What a flow's author writes; `defineFlow` adds the rest. */
export interface FlowDefinition<S extends AnyMachineSnapshot> {
  id: string;
  machine: AnyStateMachine;
  events: readonly string[];
  buttons: readonly FlowButton[];
  levels: readonly FlowLevel[];
  /** The machine's snapshot after `events` (stop at the end; ignore events the state does not take). */
  run(events: readonly string[], input: FlowInput): S;
  /** The facts of a snapshot of `run`. */
  facts(s: S): FlowFacts;
}
