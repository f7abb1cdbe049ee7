import type { FieldDecl } from './types.ts';

/**
 * The campaign settings a scheme declares (`OutcomeScheme.settings`, such as closers, products
 * and currency) as typed on the command line: `--setting key=value`, a list comma separated.
 * (The engine checks them with `campaignSettingsSchema`.)
 */

export type SettingValue = string | number | readonly string[];

/** A setting typed as text: a list setting is split at commas; the rest stays text. */
export function settingFromText(decl: FieldDecl, text: string): SettingValue {
  if (decl.type === 'choices') return text.split(',').map((s) => s.trim()).filter(Boolean);
  return text.trim();
}
