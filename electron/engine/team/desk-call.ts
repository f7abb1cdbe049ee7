/**
 * A call as the shared engine plans it (store/plan.ts), ready for the team database's
 * log_desk_call: log_call's fields and the plan (scheme, counts, lead state, task,
 * appointment). The command line's store sends it at once; a desk keeps it in its outbox first,
 * so it is checked by a zod schema when it is read back.
 */
import { z } from 'zod';
import type { Campaign } from '../campaigns.ts';
import { chooseHost, hostsOf, MEETING_LENGTH_MS } from '../meetings.ts';
import { plannedEffects, planCall, type CallChoice, type CallPlan, type PlannedEffects, type PlanInput } from '../store/plan.ts';
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

/** What planning a team call needs to know of its record, campaign and caller. */
export interface TeamCallContext {
  recordId: number;
  company: string;
  /** The record's zone: a host's busy time is named in it. */
  tz: string;
  campaign: Campaign;
  callerId: number;
  callerName: string;
  flowInput: PlanInput['flowInput'];
  wasOpen: boolean;
  wasLead: boolean;
  numbersOffDnc: readonly string[];
  events: readonly string[];
  choice: CallChoice;
  startedAt: Date;
  at: Date;
  phone?: string;
  notes?: string;
}

/** The outcomes of a record's earlier calls, oldest first, as the scheme's rules look back on them (prior_outcomes, team migration 12: every caller's). */
export async function priorOutcomes(db: Queryable, recordId: number, callerId: number): Promise<string[]> {
  const { rows } = await db.query<{ o: string[] }>('SELECT prior_outcomes($1, $2) AS o', [recordId, callerId]);
  return rows[0]?.o ?? [];
}

/**
 * The host of a meeting at `at` (meetings.ts chooseHost) over the team's bookings, asked of the
 * server (host_bookings, team migration 12): under a caller's login the desk cannot see other
 * callers' meetings itself.
 */
export async function teamHost(db: Queryable, campaignId: number, hosts: readonly string[], at: Date, opts: Parameters<typeof chooseHost>[3]): Promise<string> {
  const { rows } = await db.query<{ host: string; why: 'busy' | 'last' }>('SELECT host, why FROM host_bookings($1, $2, $3)', [campaignId, at, MEETING_LENGTH_MS / 1000]);
  const busy = new Set(rows.filter((r) => r.why === 'busy').map((r) => r.host));
  return chooseHost(hosts, at, { busy, last: rows.find((r) => r.why === 'last')?.host }, opts);
}

/**
 * Plans a call for the team database, the same for the command line's store and a desk: the
 * call replayed and checked (store/plan.ts), its effects, the meeting's host (chosen, or the
 * next free in turn) and the deal in the campaign's currency. All but the call's id and lease.
 */
export async function planTeamCall(db: Queryable, c: TeamCallContext): Promise<Omit<DeskCallInput, 'id' | 'leaseToken'>> {
  const plan = planCall({ flowInput: c.flowInput, events: c.events, choice: c.choice, at: c.at });
  const effects = plannedEffects(plan.scheme, plan.codes, c.wasOpen, plan.fields, c.campaign.client);
  const meeting = effects.appointment;
  const host = meeting?.hostField
    ? await teamHost(db, c.campaign.id, hostsOf(c.campaign), meeting.at, { chosen: meeting.host, prefer: c.callerName, field: meeting.hostField, tz: c.tz })
    : null;
  const currency = c.campaign.options.settings?.['currency'];
  const deal = effects.deal && {
    value: effects.deal.value, currency: typeof currency === 'string' ? currency : '', deal_date: effects.deal.date, product: effects.deal.product,
    payment: effects.deal.payment, closer: effects.deal.closer ?? c.callerName, parent: effects.deal.parent,
  };
  return {
    recordId: c.recordId, company: c.company, callerId: c.callerId, startedAt: c.startedAt, endedAt: c.at, plan, effects,
    numbersOffDnc: c.numbersOffDnc, wasLead: c.wasLead, phone: c.phone, notes: c.notes, host, deal,
  };
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
  // Named, as leaseNext's and beginDial's: parsed and planned once a connection.
  const { rows } = await db.query<{ answer: LogAnswer }>({
    name: 'outcall_log_desk_call',
    text: 'SELECT log_desk_call($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) AS answer',
    values: [
      call.id, call.recordId, call.callerId, call.leaseToken, call.startedAt, call.endedAt, call.events, call.result, call.level,
      call.pitched, call.closes, call.nextCallAt, call.phone, call.notes, call.doNotCall, call.doNotCallReason, JSON.stringify(call.plan),
    ],
  });
  const answer = rows[0]?.answer;
  if (!answer) throw new Error(`The team server gave no answer for call ${call.id}.`);
  return answer;
}
