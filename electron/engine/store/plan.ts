/**
 * What a desk works out before it writes a call, the same for both stores: the call's event
 * path replayed through its scheme's flow, the chosen outcomes and their field values checked
 * against the scheme, and what the outcomes' effects will do. Nothing here touches a database.
 */
import { FIELD_ALIASES, flowOfScheme, schemeOfInput, validateSelection, type FlowFacts, type FlowInput } from '../../../shared/callflow/index.ts';
import { makesExistingLead, meetingKind, parseFields, type FieldInput, type FieldInputs, type FieldValues, type OutcomeScheme, type ResultCode } from '../../../shared/schemes/index.ts';
import { UserError } from '../errors.ts';

/** The outcomes and field values a caller gives, under their keys or B2B's older names. */
export interface CallChoice {
  /** The call's outcome; with `results`, one more of them. */
  result?: string;
  /** The call's outcomes, in a scheme that takes one per dimension. */
  results?: readonly string[];
  /** The fields the outcomes ask for, by key (dates as Date or ISO text). */
  fields?: FieldInputs;
  /** B2B's fields under their older names (follow_up_at, appointment_at, appointment_kind, reason). */
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: string;
  reason?: string;
}

export interface PlanInput {
  /** The flow's input: the record's lead state, blocked attempts and earlier outcomes, the campaign's switches and scheme. */
  flowInput: FlowInput & { schemeId: string };
  events: readonly string[];
  choice: CallChoice;
  at: Date;
}

export interface CallPlan {
  /** What the flow says of the call: its level, flags and path. */
  facts: FlowFacts;
  scheme: OutcomeScheme;
  /** The chosen outcomes, in scheme order; the first is the call's result. */
  codes: ResultCode[];
  primary: ResultCode;
  /** The field values, checked and typed (dates as Date). */
  fields: FieldValues;
  level: string;
  pitched: boolean;
  blocked: boolean;
}

/** The field values given, with B2B's older names put under their keys. */
function givenFields(choice: CallChoice): Record<string, FieldInput | Date> {
  const fields: Record<string, FieldInput | Date> = { ...choice.fields };
  for (const [alias, key] of Object.entries(FIELD_ALIASES)) {
    const v = choice[alias as keyof typeof FIELD_ALIASES];
    if (v !== undefined && fields[key] === undefined) fields[key] = v;
  }
  return fields;
}

/** Replays the call and checks its outcomes and fields; anything the scheme forbids is refused in its words. */
export function planCall(input: PlanInput): CallPlan {
  const flow = flowOfScheme(input.flowInput.schemeId);
  const snapshot = flow.replay(input.events, input.flowInput);
  const scheme = schemeOfInput(snapshot.input);
  const facts = flow.facts(snapshot);
  const { choice } = input;
  const slugs = [...new Set([...(choice.result === undefined ? [] : [choice.result]), ...(choice.results ?? [])])];
  const unknown = slugs.find((slug) => !scheme.codes.some((c) => c.slug === slug));
  if (unknown !== undefined) {
    const legal = flow.legalResults(snapshot);
    throw new UserError(
      `"${unknown}" is not a result code of ${scheme.name}. ` +
        (legal.length ? `Legal for this call: ${legal.join(', ')}. ` : '') +
        `Codes of the scheme: ${scheme.codes.map((c) => c.slug).join(', ')}.`,
      [{ field: 'result', message: 'Unknown result code.' }],
    );
  }
  const parsed = parseFields(scheme, givenFields(choice) as FieldInputs, snapshot.input.campaign);
  if (parsed.problems.length > 0) throw new UserError(parsed.problems.map((p) => p.message).join(' '), parsed.problems);
  const problems = validateSelection({ flow, snapshot, codes: slugs, fields: parsed.values, now: input.at });
  if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);
  const codes = scheme.codes.filter((c) => slugs.includes(c.slug));
  const primary = codes[0];
  if (!primary) throw new UserError('Choose a result.');
  return {
    facts, scheme, codes, primary, fields: parsed.values, level: facts.level, pitched: facts.flags['pitched'] === true, blocked: flow.wasBlocked(snapshot),
  };
}

/** The record's state after the outcomes' effects, for a store that writes them in one statement. */
export interface PlannedEffects {
  open: boolean;
  lead: boolean;
  leadKind: string | null;
  existingLead: boolean;
  /** The record's new owner; null leaves it. */
  owner: string | null;
  /** The follow-up task's new due time, when one was agreed. */
  taskDueAt: Date | null;
  /** The meeting booked, when one was (its date given): its kind (meetingKind) and the host chosen, if any. */
  appointment: { at: Date; kind: string; host: string | null; hostField: string | null } | null;
  /** The deal recorded (record_deal, its value given), the closer the caller unless a field names one. */
  deal: { value: number; date: string | null; product: string | null; payment: string | null; closer: string | null; parent: number | null } | null;
  /** The flags the outcomes set (`flag` effects). */
  flags: Record<string, boolean>;
  doNotCall: boolean;
}

/** What the outcomes' declared effects do to a record (the SQLite store applies them through engine/effects.ts). */
export function plannedEffects(scheme: OutcomeScheme, codes: readonly ResultCode[], wasOpen: boolean, fields: FieldValues, client: string): PlannedEffects {
  const s: PlannedEffects = {
    open: wasOpen, lead: false, leadKind: null, existingLead: false, owner: null, taskDueAt: null, appointment: null, deal: null, flags: {}, doNotCall: false,
  };
  const date = (key: string | undefined) => (key !== undefined && fields[key] instanceof Date ? (fields[key] as Date) : null);
  // A text field's value as engine/effects.ts takes it: a string that is not empty.
  const text = (key: string | undefined) => {
    const v = key === undefined ? undefined : fields[key];
    return typeof v === 'string' && v !== '' ? v : null;
  };
  let closes = false;
  let keeps = false;
  for (const code of codes) {
    for (const e of code.effects) {
      if (e.kind === 'keep_record') keeps = true;
      else if (e.kind === 'close_record') closes = true;
      else if (e.kind === 'task') s.taskDueAt = date(e.field) ?? s.taskDueAt;
      else if (e.kind === 'count_lead') {
        s.lead = true;
        s.leadKind ??= e.leadKind;
        if (makesExistingLead(code, scheme)) s.existingLead = true;
      } else if (e.kind === 'book_appointment') {
        const at = date(e.at);
        if (at) s.appointment = { at, kind: meetingKind(scheme, e, fields), host: text(e.host), hostField: e.host ?? null };
      } else if (e.kind === 'record_deal') {
        const value = fields[e.value];
        const parent = e.parent === undefined ? NaN : Number(fields[e.parent] ?? NaN);
        if (typeof value === 'number') {
          s.deal = {
            value, date: text(e.date), product: text(e.product), payment: text(e.payment), closer: text(e.closer), parent: Number.isNaN(parent) ? null : parent,
          };
        }
      } else if (e.kind === 'flag') s.flags[e.flag] = true;
      else if (e.kind === 'add_numbers_to_dnc') s.doNotCall = true;
      else if (e.kind === 'move_owner') s.owner = client || 'client';
    }
  }
  // The record closes when any chosen outcome closes it.
  s.open = closes ? false : keeps ? true : wasOpen;
  return s;
}
