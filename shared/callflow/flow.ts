import type { SnapshotFrom } from 'xstate';
import type { callFlowMachine, CallEventType, CallFlowInput } from './machine.ts';

/** A call's state in its flow's machine. */
export type CallFlowSnapshot = SnapshotFrom<typeof callFlowMachine>;

/** A button of the call panel: an event of the flow, its words and its key. */
export interface FlowButton {
  type: CallEventType;
  label: string;
  key: string;
}

/**
 * A call flow: an XState machine and what the engine and the screens ask of a call in it. A
 * scheme names its flow by id (shared/callflow/registry.ts); nothing else picks a machine.
 * (Only the B2B flow exists so far: the snapshot type is still its machine's.)
 */
export interface CallFlow {
  id: string;
  machine: typeof callFlowMachine;
  /** Every event the machine takes, in the domain's words. */
  events: readonly CallEventType[];
  /** The call panel's buttons after dialling, in the order they sit. */
  buttons: readonly FlowButton[];
  /** The snapshot after `events`: how a call is re-checked before it is saved. */
  replay(events: readonly CallEventType[], input?: CallFlowInput): CallFlowSnapshot;
  contactLevel(s: CallFlowSnapshot): string;
  wasPitched(s: CallFlowSnapshot): boolean;
  callEnded(s: CallFlowSnapshot): boolean;
  /** The call ended where the way on was blocked (counted per record for last-resort outcomes). */
  wasBlocked(s: CallFlowSnapshot): boolean;
  /** The result codes that may be logged now, in scheme order; empty until the call has ended. */
  legalResults(s: CallFlowSnapshot): string[];
}
