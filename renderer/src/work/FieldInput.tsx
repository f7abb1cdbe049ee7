import { useId, useRef } from 'react';
import { addDays } from '../../../shared/callflow/index.ts';
import type { FollowUpRule } from '../../../shared/schemes/index.ts';
import { wallInputValue } from '../format.ts';
import { ROUND_ROBIN, type AskedField, type FieldDraft } from './fieldDraft.ts';

const QUICK_PICKS: { label: string; days: number }[] = [
  { label: '3 days', days: 3 },
  { label: '1 week', days: 7 },
  { label: '2 weeks', days: 14 },
  { label: '1 month', days: 30 },
  { label: '3 months', days: 91 },
  { label: '6 months', days: 182 },
];

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const endOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), 23, 59);

/** What a field's input needs from the call and its campaign. */
export interface FieldContext {
  /** The prospect's time zone, and its name as the caller reads it. */
  tz: string;
  zone: string;
  now: Date;
  /** The campaign's currency (money fields), hosts or closers (host fields) and products. */
  currency: string;
  hosts: readonly string[];
  products: readonly string[];
  /** Whether a field no outcome requires says "(optional)" (the result step) or not (settings). */
  markOptional: boolean;
}

/**
 * One declared field, as its type asks: a date and time typed in the prospect's zone (named),
 * a date, one choice or several, text, an amount in the campaign's currency, a host from the
 * campaign's list (or round robin), a product from the campaign's list or a new one. Its
 * accessible name is its label, so tests and screen readers find it by what the caller reads.
 */
export function FieldInput({
  field,
  value,
  onChange,
  ctx,
  invalid,
}: {
  field: AskedField;
  value: FieldDraft[string] | undefined;
  onChange: (v: string | readonly string[]) => void;
  ctx: FieldContext;
  invalid: boolean;
}) {
  const id = useId();
  const { decl, required } = field;
  const text = typeof value === 'string' ? value : (field.preset ?? '');
  const list: readonly string[] = Array.isArray(value) ? value : [];
  const help = decl.help ? <span className="hint" id={`${id}-help`}>{decl.help}</span> : null;
  const common = { 'aria-invalid': invalid, 'aria-required': required, 'aria-describedby': decl.help ? `${id}-help` : undefined };
  const name = `${decl.label}${required || field.preset || !ctx.markOptional ? '' : ' (optional)'}`;

  switch (decl.type) {
    case 'datetime':
      if (field.window) return <FollowUpInput field={field} window={field.window} value={text} onChange={onChange} ctx={ctx} invalid={invalid} />;
      return (
        <>
          <label>
            {name}, their time: {ctx.zone}
            <input type="datetime-local" value={text} min={wallInputValue(ctx.now, ctx.tz)} onChange={(e) => onChange(e.target.value)} {...common} />
          </label>
          {help}
        </>
      );
    case 'date':
      return (
        <>
          <label>
            {name}
            <input type="date" value={text} onChange={(e) => onChange(e.target.value)} {...common} />
          </label>
          {help}
        </>
      );
    case 'choice':
      return (
        <>
          <label>
            {name}
            <select value={text} onChange={(e) => onChange(e.target.value)} {...common}>
              {!field.preset && <option value="">Choose…</option>}
              {(decl.options ?? []).map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
          {help}
        </>
      );
    case 'choices':
      return (
        <fieldset className="choices" aria-invalid={invalid} aria-describedby={common['aria-describedby']}>
          <legend>{name}</legend>
          {(decl.options ?? []).map((o) => (
            <label key={o.value} className="check">
              <input
                type="checkbox"
                checked={list.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...list, o.value] : list.filter((v) => v !== o.value))}
              />
              {o.label}
            </label>
          ))}
          {help}
        </fieldset>
      );
    case 'money':
      return (
        <>
          <label>
            {decl.label} ({ctx.currency})
            <input type="number" inputMode="decimal" step="0.01" min={decl.min ?? 0} max={decl.max} value={text} onChange={(e) => onChange(e.target.value)} {...common} />
          </label>
          {help}
        </>
      );
    case 'host':
      return (
        <>
          <label>
            {name}
            <select value={text} onChange={(e) => onChange(e.target.value)} {...common}>
              <option value={ROUND_ROBIN}>Round robin</option>
              {ctx.hosts.map((h) => (
                <option key={h} value={h}>
                  {h}
                </option>
              ))}
            </select>
          </label>
          {help}
        </>
      );
    case 'product':
      return (
        <>
          <label>
            {name}
            <input list={`${id}-products`} value={text} maxLength={decl.maxLength ?? 120} onChange={(e) => onChange(e.target.value)} {...common} />
          </label>
          <datalist id={`${id}-products`}>
            {ctx.products.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
          {help ?? <span className="hint">{ctx.products.length > 0 ? 'One of the campaign\'s products, or type a new one.' : 'Type the product.'}</span>}
        </>
      );
    case 'text':
    default:
      return (
        <>
          <label>
            {name}
            <input value={text} maxLength={decl.maxLength ?? 500} onChange={(e) => onChange(e.target.value)} {...common} />
          </label>
          {help}
        </>
      );
  }
}

/**
 * The date of a follow-up task: typed in the prospect's zone (named), limited to the outcome's
 * window, with quick picks (3 days to 6 months) of which only those inside it are offered.
 */
function FollowUpInput({
  field,
  window: rule,
  value,
  onChange,
  ctx,
  invalid,
}: {
  field: AskedField;
  window: FollowUpRule;
  value: string;
  onChange: (v: string) => void;
  ctx: FieldContext;
  invalid: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const { now, tz } = ctx;
  const min = rule.minDays > 0 ? startOfDay(addDays(now, rule.minDays)) : now;
  const max = rule.maxDays !== null ? endOfDay(addDays(now, rule.maxDays)) : undefined;
  const inWindow = (days: number) => days >= rule.minDays && (rule.maxDays === null || days <= rule.maxDays);
  return (
    <fieldset className="inline">
      <legend>
        {field.decl.label} ({field.required || invalid ? 'required' : 'optional'})
      </legend>
      <div className="quick" role="group" aria-label="Quick picks">
        {QUICK_PICKS.map((q) => (
          <button
            key={q.days}
            type="button"
            disabled={!inWindow(q.days)}
            title={inWindow(q.days) ? undefined : 'Outside the window of this result'}
            onClick={() => {
              onChange(wallInputValue(addDays(new Date(), q.days), tz));
              ref.current?.focus();
            }}
          >
            {q.label}
          </button>
        ))}
      </div>
      <label>
        Call back on, their time: {ctx.zone}
        <input
          ref={ref}
          type="datetime-local"
          value={value}
          min={wallInputValue(min, tz)}
          max={max ? wallInputValue(max, tz) : undefined}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={`${id}-hint`}
        />
      </label>
      <span className="hint" id={`${id}-hint`}>
        {rule.maxDays !== null ? `${rule.minDays} to ${rule.maxDays} days out.` : rule.minDays > 0 ? `More than ${rule.minDays - 1} days out.` : 'Any time from now.'}
      </span>
    </fieldset>
  );
}
