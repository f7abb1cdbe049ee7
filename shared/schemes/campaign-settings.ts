import { z } from 'zod';
import { FIELD_TEXT_MAX } from './fields.ts';
import type { FieldDecl, OutcomeScheme } from './types.ts';

/**
 * The campaign settings a scheme declares (`OutcomeScheme.settings`, e.g. closers, products,
 * currency), checked against their declarations: a `choices` setting without options is a list
 * of names (closers, products), one with options a set of them; the rest as the result step's
 * fields. What main checks a campaign's settings with before saving them.
 */

/** Most names a list setting holds. */
export const SETTING_LIST_MAX = 50;

function settingSchema(d: FieldDecl): z.ZodType {
  const max = d.maxLength ?? FIELD_TEXT_MAX;
  const text = z.string().trim().min(1, 'must not be empty').max(max, `at most ${max} characters`);
  const values = (d.options ?? []).map((o) => o.value);
  const oneOf = z.string().refine((v) => values.includes(v), { message: `must be one of ${values.join(', ')}` });
  switch (d.type) {
    case 'choices':
      return z.array(values.length ? oneOf : text).max(SETTING_LIST_MAX, `at most ${SETTING_LIST_MAX}`);
    case 'choice':
      return oneOf;
    case 'money':
      return z.number({ message: 'must be an amount' }).min(d.min ?? 0, `must be at least ${d.min ?? 0}`).max(d.max ?? 1_000_000_000, `must be at most ${d.max ?? 1_000_000_000}`);
    case 'date':
      return z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
    default:
      return text;
  }
}

/** The schema of `scheme`'s settings: each optional, no other key. */
export function campaignSettingsSchema(scheme: OutcomeScheme) {
  return z.strictObject(Object.fromEntries((scheme.settings ?? []).map((d) => [d.key, settingSchema(d).optional()])));
}

/** What is wrong with a campaign's settings for `scheme`, each problem naming the setting by its label. */
export function campaignSettingsProblems(scheme: OutcomeScheme, settings: Readonly<Record<string, unknown>>): { key: string; message: string }[] {
  const parsed = campaignSettingsSchema(scheme).safeParse(settings);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
    const label = (scheme.settings ?? []).find((d) => d.key === key)?.label;
    const known = (scheme.settings ?? []).map((d) => d.key).join(', ') || 'none';
    return { key, message: label ? `${label}: ${issue.message}` : `"${key}" is not a setting of ${scheme.name}; its settings are: ${known}.` };
  });
}

export type SettingValue = string | number | readonly string[];

/** A setting typed as text (the command line's `--setting key=value`): a list setting is split at commas; the rest stays text. */
export function settingFromText(decl: FieldDecl, text: string): SettingValue {
  if (decl.type === 'choices') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text.trim();
}
