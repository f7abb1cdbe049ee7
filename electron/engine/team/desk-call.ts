/**
 * A call as the shared engine plans it (store/plan.ts), ready for the team database's
 * log_desk_call: log_call's fields and the plan (scheme, counts, lead state, task,
 * appointment). The command line's store sends it at once; a desk keeps it in its outbox first,
 * so it is checked by a zod schema when it is read back.
 */
import { z } from 'zod';
import type { CallPlan, PlannedEffects } from '../store/plan.ts';
import type { Queryable } from './admin.ts';
import type { LogAnswer, TeamCall } from './desk.ts';
import { teamCallPayload } from './outbox.ts';

type FieldValue = string | number | boolean | null | string[];
type PlanValue = string | number | boolean | null | string[] | Record<string, FieldValue>;

export interface DeskCall extends TeamCall {
  /** log_desk_call's p_plan (team/store-schema.ts says what it holds). */
  plan: Record<string, PlanValue>;
}

export const deskCallPayload = teamCallPayload.extend({
  plan: z.record(
    z.string().max(40),
    z.union([
      z.string().max(500), z.number(), z.boolean(), z.null(),
      // The chosen outcomes, and the field values they were logged with.
      z.array(z.string().max(100)).max(50),
      // The field values; the flags; the deal (team migration 8).
      z.record(z.string().max(64), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null(), z.array(z.string().max(500)).max(50)])),
      z.null(),
    ]),
  ),
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
  /** The record counted as a lead before this call (a lead is counted once). */
  wasLead: boolean;
  phone?: string;
  notes?: string;
  /** The host of the meeting booked (meetings.ts chooseHost), when its scheme books hosted meetings. */
  host?: string | null;
  /** The deal recorded (record_deal), as team migration 8's deals table takes it. */
  deal?: Record<string, string | number | null> | null;
}

/** The call the team database is to store, from what the engine planned. */
export function deskCall(c: DeskCallInput): DeskCall {
  const { plan, effects } = c;
  const newLead = effects.lead && !c.wasLead;
  const reason = plan.fields['reason'];
  return {
    id: c.id,
    recordId: c.recordId,
    callerId: c.callerId,
    leaseToken: c.leaseToken,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    events: [...plan.facts.path],
    result: plan.primary.slug,
    level: plan.level,
    pitched: plan.pitched,
    closes: !effects.open,
    nextCallAt: effects.open ? effects.taskDueAt : null,
    phone: c.phone ?? null,
    notes: c.notes?.trim() ?? '',
    doNotCall: effects.doNotCall ? [...c.numbersOffDnc] : [],
    doNotCallReason: `${plan.primary.label} (record ${c.recordId}${c.company ? `, ${c.company}` : ''})`,
    plan: {
      scheme_id: plan.scheme.id, scheme_version: plan.scheme.version, new_lead: newLead,
      lead_kind: newLead ? effects.leadKind : null, appointment: effects.appointment !== null, blocked: plan.blocked,
      follow_up_at: isoOf(effects.taskDueAt), reason: typeof reason === 'string' ? reason : null, lead: effects.lead, existing_lead: effects.existingLead,
      owner: effects.owner, task_due_at: isoOf(effects.taskDueAt),
      // A meeting of a scheme that names no kind has none (team migration 8 takes an empty kind, as SQLite does).
      appointment_at: isoOf(effects.appointment?.at), appointment_kind: effects.appointment?.kind ?? null,
      appointment_host: c.host ?? null, deal: c.deal ?? null, flags: { ...plan.facts.flags, ...effects.flags },
      results: plan.codes.map((x) => x.slug),
      fields: Object.fromEntries(
        Object.entries(plan.fields).map(([k, v]): [string, FieldValue] => [k, v instanceof Date ? v.toISOString() : typeof v === 'string' || typeof v === 'number' ? v : [...v]]),
      ),
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
