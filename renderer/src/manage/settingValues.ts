import type { OutcomeScheme } from '../../../shared/schemes/index.ts';

/** A campaign's values of the settings its scheme declares, by key. */
export type SettingValue = string | number | readonly string[];
export type SettingValues = Readonly<Record<string, unknown>>;

export const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The list a textarea holds: one name a line, blank lines left out (a trailing one kept while typing). */
export function listOf(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimStart());
  return lines.filter((l, i) => l.trim() !== '' || i === lines.length - 1);
}

/** The settings as saved: list entries trimmed and blank ones left out, empty texts left out. */
export function cleanSettings(scheme: OutcomeScheme, values: SettingValues): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const d of scheme.settings ?? []) {
    const v = values[d.key];
    if (Array.isArray(v)) {
      const list = asList(v).map((x) => x.trim()).filter(Boolean);
      if (list.length) out[d.key] = list;
    } else if (typeof v === 'string') {
      if (v.trim()) out[d.key] = v.trim();
    } else if (typeof v === 'number' && Number.isFinite(v)) out[d.key] = v;
  }
  return out;
}
