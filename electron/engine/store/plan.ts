/**
 * What a desk works out before it writes a call, the same for both stores: the call's event
 * path replayed through its scheme's flow, the result checked against the rulebook, and what
 * the outcome's effects will do. Nothing here touches a database.
 */
import { flowOfScheme, schemeOfInput, validateResult, type AppointmentKind, type CallFlowSnapshot, type FlowFacts, type FlowInput } from '../../../shared/callflow/index.ts';
import { countEffect, findCode, makesExistingLead, type OutcomeScheme, type ResultCode } from '../../../shared/schemes/index.ts';
import { UserError } from '../errors.ts';

export interface PlanInput {
  /** The flow's input: the record's lead state and blocked attempts, the campaign's switches and scheme. */
  flowInput: FlowInput & { schemeId: string };
  /** The record counts as a lead already (a new lead is counted once). */
  isLead: boolean;
  events: readonly string[];
  result: string;
  at: Date;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: AppointmentKind;
  reason?: string;
}

export interface CallPlan {
  /** What the flow says of the call: its level, flags and path. */
  facts: FlowFacts;
  scheme: OutcomeScheme;
  code: ResultCode;
  level: string;
  pitched: boolean;
  blocked: boolean;
  newLead: boolean;
  appointment: boolean;
}

/** Replays the call and checks its result; an illegal result or a bad date is refused in the rulebook's words. */
export function planCall(input: PlanInput): CallPlan {
  const flow = flowOfScheme(input.flowInput.schemeId);
  const snapshot = flow.replay(input.events, input.flowInput);
  const scheme = schemeOfInput(snapshot.input);
  const code = findCode(scheme, input.result);
  if (!code) {
    const legal = flow.legalResults(snapshot);
    throw new UserError(
      `"${input.result}" is not a result code of ${scheme.name}. ` +
        (legal.length ? `Legal for this call: ${legal.join(', ')}. ` : '') +
        `Codes of the scheme: ${scheme.codes.map((c) => c.slug).join(', ')}.`,
      [{ field: 'result', message: 'Unknown result code.' }],
    );
  }
  const problems = validateResult({
    code: input.result,
    snapshot: snapshot.raw as CallFlowSnapshot,
    now: input.at,
    followUpAt: input.followUpAt,
    appointmentAt: input.appointmentAt,
    appointmentKind: input.appointmentKind,
    reason: input.reason,
  });
  if (!flow.callEnded(snapshot) && problems.length === 0) throw new UserError('The call has not ended.');
  if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);
  const effect = countEffect(code, input.isLead);
  const facts = flow.facts(snapshot);
  return {
    facts, scheme, code, level: flow.contactLevel(snapshot), pitched: facts.flags['pitched'] === true, blocked: flow.wasBlocked(snapshot),
    newLead: effect.newLead, appointment: effect.appointment,
  };
}

/** The record's state after the outcome's effects, for a store that writes them in one statement. */
export interface PlannedEffects {
  open: boolean;
  lead: boolean;
  existingLead: boolean;
  /** The record's new owner; null leaves it. */
  owner: string | null;
  /** The follow-up task's new due time, when one was agreed. */
  taskDueAt: Date | null;
  appointment: boolean;
  doNotCall: boolean;
}

/** What `code`'s declared effects do to a record (the SQLite store applies them through engine/effects.ts). */
export function plannedEffects(code: ResultCode, wasOpen: boolean, followUpAt: Date | undefined, client: string): PlannedEffects {
  const s: PlannedEffects = { open: wasOpen, lead: false, existingLead: false, owner: null, taskDueAt: null, appointment: false, doNotCall: false };
  for (const e of code.effects) {
    if (e.kind === 'keep_record') s.open = true;
    else if (e.kind === 'close_record') s.open = false;
    else if (e.kind === 'task') s.taskDueAt = followUpAt ?? null;
    else if (e.kind === 'count_lead') {
      s.lead = true;
      if (makesExistingLead(code)) s.existingLead = true;
    } else if (e.kind === 'book_appointment') s.appointment = true;
    else if (e.kind === 'add_numbers_to_dnc') s.doNotCall = true;
    else if (e.kind === 'move_owner') s.owner = client || 'client';
  }
  return s;
}
