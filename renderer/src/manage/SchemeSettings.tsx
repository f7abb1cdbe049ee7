import { useId } from 'react';
import type { FieldDecl, OutcomeScheme } from '../../../shared/schemes/index.ts';
import { FieldInput, type FieldContext } from '../work/FieldInput.tsx';

/** A campaign's values of the settings its scheme declares, by key. */
export type SettingValue = string | number | readonly string[];
export type SettingValues = Readonly<Record<string, SettingValue>>;

const NO_CONTEXT: FieldContext = { tz: 'UTC', zone: 'UTC', now: new Date(0), currency: '', hosts: [], products: [], markOptional: false };

/** A list setting (closers, products): a `choices` declaration with no fixed options, typed one per line. */
const isList = (d: FieldDecl) => d.type === 'choices' && !d.options?.length;
const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const asList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** The list a textarea holds: one name a line, blank lines left out (a trailing one kept while typing). */
export function listOf(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimStart());
  return lines.filter((l, i) => l.trim() !== '' || i === lines.length - 1);
}

/**
 * The campaign settings a scheme declares (e.g. closers, products, currency), each drawn from
 * its declaration: a list of names as a text box with one a line, anything else as the result
 * step draws a field. `invalid(key)` says whether main refused the value.
 */
export function SchemeSettings({ scheme, values, onChange, invalid }: { scheme: OutcomeScheme; values: SettingValues; onChange: (v: SettingValues) => void; invalid: (key: string) => boolean }) {
  const id = useId();
  const settings = scheme.settings ?? [];
  if (settings.length === 0) return null;
  const set = (key: string, v: SettingValue | undefined) => {
    const next = Object.fromEntries(Object.entries(values).filter(([k]) => k !== key));
    onChange(v === undefined ? next : { ...next, [key]: v });
  };
  return (
    <fieldset className="scheme-settings">
      <legend>{scheme.name} settings</legend>
      {settings.map((d) =>
        isList(d) ? (
          <label key={d.key}>
            {d.label} (one a line)
            <textarea
              rows={3}
              value={asList(values[d.key]).join('\n')}
              maxLength={50 * ((d.maxLength ?? 500) + 1)}
              onChange={(e) => set(d.key, listOf(e.target.value))}
              aria-invalid={invalid(d.key)}
              aria-describedby={d.help ? `${id}-${d.key}` : undefined}
            />
            {d.help && (
              <span className="hint" id={`${id}-${d.key}`}>
                {d.help}
              </span>
            )}
          </label>
        ) : (
          <FieldInput
            key={d.key}
            field={{ decl: d, required: false }}
            value={Array.isArray(values[d.key]) ? asList(values[d.key]) : asText(values[d.key])}
            onChange={(v) => set(d.key, d.type === 'money' && typeof v === 'string' ? (v === '' ? undefined : Number(v)) : v)}
            ctx={NO_CONTEXT}
            invalid={invalid(d.key)}
          />
        ),
      )}
    </fieldset>
  );
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
