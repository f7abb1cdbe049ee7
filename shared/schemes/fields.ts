import { z } from 'zod';
import type { FieldDecl, FieldInputs, FieldValues, OutcomeScheme, ResultProblem } from './types.ts';

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
  const oneOf = z.string().refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` });
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
