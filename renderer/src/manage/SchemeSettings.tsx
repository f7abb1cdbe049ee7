import { useId } from 'react';
import type { FieldDecl, OutcomeScheme } from '../../../shared/schemes/index.ts';
import { FieldInput, type FieldContext } from '../work/FieldInput.tsx';
import { asList, listOf, type SettingValue, type SettingValues } from './settingValues.ts';


const NO_CONTEXT: FieldContext = { tz: 'UTC', zone: 'UTC', now: new Date(0), currency: '', hosts: [], products: [], markOptional: false };

/** A list setting (closers, products): a `choices` declaration with no fixed options, typed one per line. */
const isList = (d: FieldDecl) => d.type === 'choices' && !d.options?.length;
const asText = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

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
            {d.label}
            <textarea
              rows={3}
              value={asList(values[d.key]).join('\n')}
              maxLength={50 * ((d.maxLength ?? 500) + 1)}
              onChange={(e) => set(d.key, listOf(e.target.value))}
              aria-invalid={invalid(d.key)}
              aria-describedby={`${id}-${d.key}`}
            />
            <span className="hint" id={`${id}-${d.key}`}>
              One a line.{d.help ? ` ${d.help}` : ''}
            </span>
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
