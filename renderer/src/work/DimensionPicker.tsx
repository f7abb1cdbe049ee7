import { useId } from 'react';
import type { OutcomeScheme, ResultCode } from '../../../shared/schemes/index.ts';

/** Outcomes chosen per dimension: the dimension's key to the chosen slug ('' for none). */
export type DimensionChoice = Record<string, string>;

/**
 * The result step of a scheme whose outcomes come in dimensions (appointment set or not, asked
 * for it or not, next step, ...): one radio group per dimension, named by its label, each
 * outcome a radio named by its label; outcomes this call may not take are there but disabled,
 * with the scheme's reason as their description; "None" unless the dimension is required.
 */
export function DimensionPicker({
  scheme,
  codes,
  whyNot,
  chosen,
  onChoose,
}: {
  scheme: OutcomeScheme;
  /** The scheme's outcomes as this campaign sees them, in scheme order. */
  codes: readonly ResultCode[];
  /** Why an outcome may not be logged on this call; null when it may. */
  whyNot: (code: ResultCode) => string | null;
  chosen: DimensionChoice;
  onChoose: (dimension: string, slug: string) => void;
}) {
  const ids = useId();
  return (
    <div className="dimensions">
      {(scheme.dimensions ?? []).map((d) => {
        const own = codes.filter((c) => c.dimension === d.key);
        const pick = chosen[d.key] ?? '';
        return (
          <fieldset key={d.key} className="dimension" role="radiogroup" aria-labelledby={`${ids}-${d.key}`} aria-required={d.required ? true : undefined}>
            <legend id={`${ids}-${d.key}`}>
              {d.label}
              {d.required ? ' (required)' : ''}
            </legend>
            {!d.required && (
              <label className={`result ${pick === '' ? 'chosen' : ''}`}>
                <input type="radio" name={`${ids}-${d.key}`} value="" checked={pick === ''} onChange={() => onChoose(d.key, '')} />
                <span className="result-label">None</span>
              </label>
            )}
            {own.map((c) => {
              const why = whyNot(c);
              return (
                <label key={c.slug} className={`result ${pick === c.slug ? 'chosen' : ''} ${why ? 'illegal' : ''}`} title={why ?? c.whenToUse}>
                  <input
                    type="radio"
                    name={`${ids}-${d.key}`}
                    value={c.slug}
                    checked={pick === c.slug}
                    disabled={why !== null}
                    onChange={() => onChoose(d.key, c.slug)}
                    aria-describedby={`${ids}-${c.slug}`}
                    aria-keyshortcuts={c.shortcut && !why ? c.shortcut.toUpperCase() : undefined}
                  />
                  <span className="result-label">
                    {c.shortcut && !why ? <kbd>{c.shortcut.toUpperCase()}</kbd> : null} {c.label}
                  </span>
                  <span hidden id={`${ids}-${c.slug}`}>
                    {why ?? c.whenToUse}
                  </span>
                </label>
              );
            })}
          </fieldset>
        );
      })}
    </div>
  );
}
