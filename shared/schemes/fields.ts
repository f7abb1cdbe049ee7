import { z } from 'zod';
import type { FieldDecl, FieldInputs, FieldUse, FieldValues, FieldWhen, OutcomeScheme, ResultCode, ResultProblem } from './types.ts';

/**
 * The zod schema of a scheme's fields, built from their declarations: what the IPC in main, the
 * command line's `--field key=value` and the result forms check a call's field values with.
 */

/** Text a field holds when its declaration sets no `maxLength`. */
export const FIELD_TEXT_MAX = 500;
/** Most items of a `choices` field, and most amount a `money` field takes without its own `max`. */
const CHOICES_MAX = 50;
const MONEY_MAX = 1_000_000_000;

const sensibleYear = (d: Date) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() <= 2099;

/** A campaign's list setting (closers, products) as names. */
function names(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

function fieldSchema(f: FieldDecl, campaign: Readonly<Record<string, unknown>>): z.ZodType {
  const max = f.maxLength ?? FIELD_TEXT_MAX;
  const text = z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
  const values = (f.options ?? []).map((o) => o.value);
  // Without options, a choice is free text (e.g. a campaign's list of closers' names).
  const oneOf = values.length === 0 ? text : z.string().refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` });
  switch (f.type) {
    case 'datetime':
      return z
        .union([z.date(), z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' })])
        .transform((v) => (v instanceof Date ? v : new Date(v)))
        .refine((d) => !Number.isNaN(d.getTime()), 'must be a date and time')
        .refine(sensibleYear, 'must be in the years 2000 to 2099');
    case 'date':
      return z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).refine((v) => sensibleYear(new Date(v)), 'must be in the years 2000 to 2099');
    case 'choice':
      return oneOf;
    case 'choices':
      return z.array(oneOf).max(CHOICES_MAX, `at most ${CHOICES_MAX} choices`);
    case 'money':
      return z.coerce
        .number({ message: 'must be an amount' })
        .refine(Number.isFinite, 'must be an amount')
        .refine((v) => v >= (f.min ?? 0), `must be at least ${f.min ?? 0}`)
        .refine((v) => v <= (f.max ?? MONEY_MAX), `must be at most ${f.max ?? MONEY_MAX}`);
    case 'host': {
      const hosts = names(campaign.closers);
      return hosts.length === 0 ? text : text.refine((v) => hosts.includes(v), { message: `must be one of the campaign's ${hosts.join(', ')}` });
    }
    case 'product':
    case 'text':
      return text;
  }
}

/**
 * The schema of the fields the outcomes `slugs` of `scheme` ask for (every field of the scheme
 * when `slugs` is absent), each optional (whether one is needed is the outcome's rule), and no
 * other key.
 */
export function fieldsSchema(scheme: OutcomeScheme, slugs?: readonly string[], campaign: Readonly<Record<string, unknown>> = {}) {
  const wanted = slugs === undefined ? undefined : new Set(scheme.codes.filter((c) => slugs.includes(c.slug)).flatMap((c) => (c.fields ?? []).map((u) => u.key)));
  const decls = scheme.fields.filter((f) => wanted === undefined || wanted.has(f.key));
  return z.strictObject(Object.fromEntries(decls.map((f) => [f.key, fieldSchema(f, campaign).optional()])));
}

/** The schema of the campaign settings a scheme declares (`settings`), each optional, and no other key. */
export function campaignSettingsSchema(scheme: OutcomeScheme) {
  return z.strictObject(Object.fromEntries((scheme.settings ?? []).map((f) => [f.key, fieldSchema(f, {}).optional()])));
}

/** A field's words in a message: its label and key. */
export function fieldName(scheme: OutcomeScheme, key: string): string {
  const f = scheme.fields.find((x) => x.key === key);
  return f ? `${f.label} (${key})` : key;
}

/**
 * The field values of a call checked against every declaration of its scheme: the values, or
 * problems naming each field. Keys the scheme does not declare are refused with the ones it does.
 */
export function parseFields(scheme: OutcomeScheme, input: FieldInputs, campaign: Readonly<Record<string, unknown>> = {}): { values: FieldValues; problems: ResultProblem[] } {
  const problems: ResultProblem[] = [];
  const known = new Set(scheme.fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      const list = scheme.fields.map((f) => f.key).join(', ') || 'none';
      problems.push({ field: key, message: `"${key}" is not a field of ${scheme.name}; its fields are: ${list}.` });
    }
  }
  if (problems.length) return { values: {}, problems };
  const parsed = fieldsSchema(scheme, undefined, campaign).safeParse(input);
  if (parsed.success) return { values: parsed.data as FieldValues, problems };
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    problems.push({ field: key, message: `${fieldName(scheme, key)}: ${issue.message}.` });
  }
  return { values: {}, problems };
}

/** Whether an outcome asks for the field `use` given the other fields' values: always, or while its `when` holds. */
export function asks(use: FieldUse, values: Readonly<Record<string, unknown>>): boolean {
  if (!use.when) return true;
  const v = values[use.when.field];
  return typeof v === 'string' && use.when.in.includes(v);
}

/** A `when` in words: "Reason (reason) is Follow Up Scheduled or Unqualified". */
export function whenWords(scheme: OutcomeScheme, when: FieldWhen): string {
  const options = scheme.fields.find((f) => f.key === when.field)?.options ?? [];
  const said = when.in.map((v) => options.find((o) => o.value === v)?.label ?? v);
  return `${fieldName(scheme, when.field)} is ${said.join(' or ').replace(/ or (?=.* or )/g, ', ')}`;
}

/**
 * The values given for fields the chosen outcomes ask for only when another field says so,
 * while it does not (No Sale's strategy call, unless Follow Up Scheduled): refused in words,
 * one problem per field, skipping fields `named` already has a problem for.
 */
export function hiddenFieldProblems(scheme: OutcomeScheme, codes: readonly ResultCode[], values: FieldValues, named: ReadonlySet<string | undefined> = new Set()): ResultProblem[] {
  const problems: ResultProblem[] = [];
  for (const c of codes) {
    for (const u of c.fields ?? []) {
      if (values[u.key] === undefined || named.has(u.key) || asks(u, values) || !u.when) continue;
      // Another chosen outcome asking for it without the condition takes it.
      if (codes.some((o) => (o.fields ?? []).some((x) => x.key === u.key && asks(x, values)))) continue;
      problems.push({ field: u.key, message: `${c.label} takes ${fieldName(scheme, u.key)} only when ${whenWords(scheme, u.when)}.` });
    }
  }
  return problems;
}
