/**
 * A call as the shared engine plans it (store/plan.ts), ready for the team database's
 * log_desk_call: log_call's fields and the plan (scheme, counts, lead state, task,
 * appointment). The command line's store sends it at once; a desk keeps it in its outbox first,
 * so it is checked by a zod schema when it is read back.
 */
import { z } from 'zod';
import { APPOINTMENT_KINDS, type AppointmentKind } from '../../../shared/callflow/index.ts';
import type { CallPlan, PlannedEffects } from '../store/plan.ts';
import type { Queryable } from './admin.ts';
import type { LogAnswer, TeamCall } from './desk.ts';
import { teamCallPayload } from './outbox.ts';

type PlanValue = string | number | boolean | null;

export interface DeskCall extends TeamCall {
  /** log_desk_call's p_plan (team/store-schema.ts says what it holds). */
  plan: Record<string, PlanValue>;
}

export const deskCallPayload = teamCallPayload.extend({
  plan: z.record(z.string().max(40), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])),
}) satisfies z.ZodType<DeskCall, unknown>;

const isoOf = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

export interface DeskCallInput {
  id: string;
  recordId: number;
  company: string;
  callerId: number;
  leaseToken: string;
  startedAt: Date;
  endedAt: Date;
  plan: CallPlan;
  effects: PlannedEffects;
  /** The record's numbers not on the do-not-call list yet (they go on it when the outcome says so). */
  numbersOffDnc: readonly string[];
  phone?: string;
  notes?: string;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: AppointmentKind;
  reason?: string;
}

/** The call the team database is to store, from what the engine planned. */
export function deskCall(c: DeskCallInput): DeskCall {
  const { plan, effects } = c;
  return {
    id: c.id,
    recordId: c.recordId,
    callerId: c.callerId,
    leaseToken: c.leaseToken,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    events: [...plan.facts.path],
    result: plan.code.slug,
    level: plan.level,
    pitched: plan.pitched,
    closes: !effects.open,
    nextCallAt: effects.open ? (c.followUpAt ?? null) : null,
    phone: c.phone ?? null,
    notes: c.notes?.trim() ?? '',
    doNotCall: effects.doNotCall ? [...c.numbersOffDnc] : [],
    doNotCallReason: `${plan.code.label} (record ${c.recordId}${c.company ? `, ${c.company}` : ''})`,
    plan: {
      scheme_id: plan.scheme.id, scheme_version: plan.scheme.version, new_lead: plan.newLead,
      lead_kind: plan.newLead ? (plan.code.leadKind ?? null) : null, appointment: plan.appointment, blocked: plan.blocked,
      follow_up_at: isoOf(c.followUpAt), reason: c.reason ?? null, lead: effects.lead, existing_lead: effects.existingLead,
      owner: effects.owner, task_due_at: isoOf(effects.taskDueAt),
      appointment_at: effects.appointment ? isoOf(c.appointmentAt) : null, appointment_kind: c.appointmentKind ?? APPOINTMENT_KINDS[0],
    },
  };
}

/** Stores the call (a re-send of the same id is stored once): 'late' when another desk held the record by then. */
export async function sendDeskCall(db: Queryable, call: DeskCall): Promise<LogAnswer> {
  const { rows } = await db.query<{ answer: LogAnswer }>(
    'SELECT log_desk_call($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) AS answer',
    [
      call.id, call.recordId, call.callerId, call.leaseToken, call.startedAt, call.endedAt, call.events, call.result, call.level,
      call.pitched, call.closes, call.nextCallAt, call.phone, call.notes, call.doNotCall, call.doNotCallReason, JSON.stringify(call.plan),
    ],
  );
  const answer = rows[0]?.answer;
  if (!answer) throw new Error(`The team server gave no answer for call ${call.id}.`);
  return answer;
}
