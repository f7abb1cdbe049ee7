import { FIELD_TEXT_MAX } from './fields.ts';
import type { FieldDecl, OutcomeScheme, ResultProblem } from './types.ts';

/**
 * The campaign settings a scheme declares (`OutcomeScheme.settings`, such as closers, products
 * and currency), kept in the campaign's options: typed from text (the command line's
 * `--setting key=value`, a list comma separated) and checked against their declarations.
 */

export type SettingValue = string | number | readonly string[];

/** Most names a list setting holds. */
export const SETTING_LIST_MAX = 200;

function settingName(d: FieldDecl): string {
  return `${d.label} (${d.key})`;
}

/** A setting typed as text: a list setting is split at commas; the rest stays text. */
export function settingFromText(decl: FieldDecl, text: string): SettingValue {
  if (decl.type === 'choices') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text.trim();
}

/** What is wrong with these settings for `scheme`, naming each setting: keys it does not declare, lists too long, names too long. */
export function settingsProblems(scheme: OutcomeScheme, settings: Readonly<Record<string, unknown>>): ResultProblem[] {
  const decls = scheme.settings ?? [];
  const problems: ResultProblem[] = [];
  for (const [key, value] of Object.entries(settings)) {
    const decl = decls.find((d) => d.key === key);
    const field = `options.settings.${key}`;
    if (!decl) {
      const known = decls.map((d) => d.key).join(', ') || 'none';
      problems.push({ field, message: `"${key}" is not a setting of ${scheme.name}; its settings are: ${known}.` });
      continue;
    }
    const max = decl.maxLength ?? FIELD_TEXT_MAX;
    const items = decl.type === 'choices' ? value : [value];
    if (!Array.isArray(items) || !items.every((v) => typeof v === 'string')) {
      problems.push({ field, message: `${settingName(decl)} must be ${decl.type === 'choices' ? 'a list of names' : 'text'}.` });
      continue;
    }
    const long = (items as string[]).find((v) => v.length > max);
    if (long !== undefined) problems.push({ field, message: `${settingName(decl)}: "${long.slice(0, 40)}..." is longer than ${max} characters.` });
    if (items.length > SETTING_LIST_MAX) problems.push({ field, message: `${settingName(decl)} holds at most ${SETTING_LIST_MAX} names, not ${items.length}.` });
    const seen = new Set<string>();
    for (const v of items as string[]) {
      if (seen.has(v.toLowerCase())) problems.push({ field, message: `${settingName(decl)} names "${v}" twice.` });
      seen.add(v.toLowerCase());
    }
  }
  return problems;
}
