import { asks, fieldName, findCode, hiddenFieldProblems, type FieldValues, type ResultCode, type ResultProblem } from '../schemes/index.ts';
import { FIELD, type AppointmentKind } from '../schemes/b2b/vocabulary.ts';
import { b2bFlow } from './b2b.ts';
import { callFacts, schemeOfInput } from './define.ts';
import type { CallFlow, FlowSnapshot } from './flow.ts';
import type { CallFlowSnapshot } from './machine.ts';

export type { ResultProblem };

export interface SelectionToValidate {
  flow: CallFlow;
  snapshot: FlowSnapshot;
  /** The chosen outcomes' slugs (one in a scheme without dimensions). */
  codes: readonly string[];
  /** Checked field values (parseFields), dates as Date. */
  fields: FieldValues;
  now: Date;
}

/**
 * Everything that stops this selection of outcomes from being saved, in the scheme's words;
 * empty when it may: the call must have ended, each code be the scheme's and legal for the
 * call, one per dimension (exactly one in a scheme without dimensions), the scheme's own checks,
 * then each needed field given and no field given that no chosen outcome asks for (or asks for
 * only when another field says so, and it does not).
 */
export function validateSelection(r: SelectionToValidate): ResultProblem[] {
  const facts = r.flow.facts(r.snapshot);
  if (!facts.ended) {
    const ends = r.flow.buttons.filter((b) => r.flow.callEnded(r.flow.replay([...facts.path, b.type], r.snapshot.input)));
    const words = ends.map((b) => b.label.toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' or $1');
    return [{ message: `Finish the call first: record how it ended${words ? ` (${words})` : ''}.` }];
  }
  const scheme = schemeOfInput(r.snapshot.input);
  const cf = callFacts(facts, r.snapshot.input);
  const codes: ResultCode[] = [];
  for (const slug of r.codes) {
    const code = findCode(scheme, slug);
    if (!code) return [{ field: 'code', message: `"${slug}" is not a result code of this campaign.` }];
    const illegal = scheme.rules.whyIllegal(scheme, code, cf);
    if (illegal) return [{ field: 'code', message: illegal }];
    codes.push(code);
  }
  const dims = scheme.dimensions;
  if (!dims) {
    if (codes.length !== 1) return [{ field: 'code', message: codes.length === 0 ? 'Choose a result.' : `Choose one result, not ${codes.length} (${codes.map((c) => c.label).join(', ')}).` }];
  } else {
    for (const d of dims) {
      const mine = codes.filter((c) => c.dimension === d.key);
      if (mine.length > 1) return [{ field: 'code', message: `Choose one ${d.label} outcome, not ${mine.map((c) => c.label).join(' and ')}.` }];
      if (d.required && mine.length === 0) return [{ field: 'code', message: `Choose an outcome for ${d.label}.` }];
    }
    if (codes.length === 0) return [{ field: 'code', message: 'Choose a result.' }];
  }
  const ordered = scheme.codes.filter((c) => codes.includes(c));
  const problems = scheme.rules.check({ scheme, codes: ordered, facts: cf, fields: r.fields, now: r.now });
  const named = new Set(problems.map((p) => p.field));
  const uses = ordered.flatMap((c) => (c.fields ?? []).map((u) => ({ ...u, code: c })));
  for (const p of hiddenFieldProblems(scheme, ordered, r.fields, named)) {
    named.add(p.field);
    problems.push(p);
  }
  for (const u of uses) {
    if (u.required && asks(u, r.fields) && r.fields[u.key] === undefined && !named.has(u.key)) {
      named.add(u.key);
      problems.push({ field: u.key, message: `${u.code.label} needs ${fieldName(scheme, u.key)}.` });
    }
  }
  for (const key of Object.keys(r.fields)) {
    if (!uses.some((u) => u.key === key) && !named.has(key)) {
      problems.push({ field: key, message: `${ordered.map((c) => c.label).join(' and ')} takes no ${fieldName(scheme, key)}.` });
    }
  }
  return problems;
}

/** B2B's field keys under the names the IPC and the forms knew them by first. */
export const FIELD_ALIASES = {
  followUpAt: FIELD.followUp,
  appointmentAt: FIELD.appointmentAt,
  appointmentKind: FIELD.appointmentKind,
  reason: FIELD.reason,
} as const;
type Alias = keyof typeof FIELD_ALIASES;
const aliasOf = (key: string | undefined): string | undefined => (Object.keys(FIELD_ALIASES) as Alias[]).find((a) => FIELD_ALIASES[a] === key) ?? key;

export interface ResultToValidate {
  code: string;
  snapshot: CallFlowSnapshot;
  now: Date;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: AppointmentKind;
  reason?: string;
}

/** A B2B call's one result, checked as `validateSelection` does; problems name the fields by their older names. */
export function validateResult(r: ResultToValidate): ResultProblem[] {
  const s = r.snapshot;
  const input = { record: s.context.record, campaign: s.context.campaign, schemeId: s.context.schemeId };
  // As B2B always took them: a meeting kind or a reason the code does not ask for is left out.
  const asks = findCode(schemeOfInput(input), r.code)?.fields?.map((f) => f.key) ?? [];
  const lenient: string[] = [FIELD.appointmentKind, FIELD.reason];
  const given: Record<string, FieldValues[string]> = {};
  for (const alias of Object.keys(FIELD_ALIASES) as Alias[]) {
    const v = r[alias];
    const key = FIELD_ALIASES[alias];
    if (v !== undefined && (asks.includes(key) || !lenient.includes(key))) given[key] = v;
  }
  const problems = validateSelection({ flow: b2bFlow, snapshot: { flow: 'b2b', input, raw: s }, codes: [r.code], fields: given, now: r.now });
  return problems.map((p) => (p.field === undefined || p.field === 'code' ? p : { ...p, field: aliasOf(p.field) }));
}
