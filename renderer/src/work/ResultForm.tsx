import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { addDays, APPOINTMENT_KINDS, flowOfScheme, schemeOfInput, validateResult, type AppointmentKind, type CallFlowSnapshot, type ResultProblem } from '../../../shared/callflow/index.ts';
import type { RecordView } from '../../../shared/ipc/types.ts';
import { APPOINTMENT_KIND_LABEL, isDestructive, orderForCall } from '../../../shared/schemes/index.ts';
import { Confirm } from '../Confirm.tsx';
import { fmtPhone, instantFromWall, wallInputValue, zoneName } from '../format.ts';
import type { Workspace } from './workspace.ts';

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

/** An input's wall time in the record's zone as an instant: undefined when empty, Invalid Date when it is no date. */
const when = (value: string, tz: string) => (value ? (instantFromWall(value, tz) ?? new Date(NaN)) : undefined);

/**
 * The result step: only the codes legal for this call, likeliest first; the fields the chosen
 * code needs, with times typed in the prospect's zone; the call's notes (passed in, typed since
 * Dial); and Log and next with what stops it, always in view.
 */
export function ResultForm({ ws, view, region, onShift, children }: { ws: Workspace; view: RecordView; region: string; onShift: boolean; children: ReactNode }) {
  const { snapshot: s, call, busy } = ws;
  const draft = call.draft;
  const tz = view.record.tz;
  const flow = flowOfScheme(view.campaign.schemeId);
  const codes = useMemo(() => {
    const legal = new Set(flow.legalResults(s));
    return orderForCall(schemeOfInput(s.input).codes.filter((c) => legal.has(c.slug)));
  }, [s, flow]);
  const code = codes.find((c) => c.slug === draft.code) ?? (codes.length === 1 ? codes[0] : undefined);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ids = useId();
  const followRef = useRef<HTMLInputElement>(null);
  const radios = useRef<HTMLDivElement>(null);
  const set = ws.setDraft;

  const problems: ResultProblem[] = useMemo(() => {
    if (!code) return [{ field: 'code', message: 'Pick the result of the call.' }];
    const found = validateResult({
      code: code.slug,
      snapshot: s.raw as CallFlowSnapshot,
      now: new Date(),
      followUpAt: code.followUp ? when(draft.followUpAt, tz) : undefined,
      appointmentAt: code.appointment ? when(draft.appointmentAt, tz) : undefined,
      appointmentKind: code.appointment ? draft.appointmentKind : undefined,
      reason: (code.reasons && draft.reason) || undefined,
    });
    return onShift ? found : [{ message: 'Start your shift (top right) to log this call: the timesheet must hold every call.' }, ...found];
  }, [code, s, draft, tz, onShift]);
  const problemFor = (field: ResultProblem['field']) => problems.find((p) => p.field === field)?.message;

  const now = new Date();
  const rule = code?.followUp;
  const minFollow = rule ? (rule.minDays > 0 ? startOfDay(addDays(now, rule.minDays)) : now) : undefined;
  const maxFollow = rule?.maxDays != null ? endOfDay(addDays(now, rule.maxDays)) : undefined;
  const inWindow = (days: number) => !!rule && days >= rule.minDays && (rule.maxDays === null || days <= rule.maxDays);
  const zone = zoneName(tz);

  const submit = () => {
    setTried(true);
    if (problems.length > 0 || busy || !code) return;
    if (isDestructive(code)) setConfirming(true);
    else void ws.log(code.slug);
  };

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (confirming) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) && (t as HTMLInputElement).type !== 'radio';
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submit();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      // Destructive codes have no key: a key never means a call step, then something final.
      const match = codes.find((c) => c.shortcut && !isDestructive(c) && c.shortcut === e.key.toLowerCase());
      if (match) {
        e.preventDefault();
        set({ code: match.slug });
        radios.current?.querySelector<HTMLInputElement>(`input[value="${match.slug}"]`)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The call just ended: the cursor goes to the chosen result, or the first one.
  useEffect(() => {
    const group = radios.current;
    (group?.querySelector<HTMLInputElement>('input:checked') ?? group?.querySelector<HTMLInputElement>('input'))?.focus();
  }, []);

  // What stops logging, shown once tried, and a typed date's problem at once.
  const shown = tried ? problems : problems.filter((p) => (p.field === 'followUpAt' && draft.followUpAt) || (p.field === 'appointmentAt' && draft.appointmentAt));
  const followProblem = problemFor('followUpAt');
  const apptProblem = problemFor('appointmentAt');
  const reasonProblem = problemFor('reason');
  const followNeeded = !!rule && (rule.required === 'always' || !!followProblem);
  const numbers = view.record.phones.flatMap((p) => (p.e164 ? [p.e164] : []));

  return (
    <form
      className="result-form"
      aria-label="Log the call"
      // The rulebook's own messages, not the browser's, say what is wrong with a date.
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="results" role="radiogroup" aria-label="Result" ref={radios}>
        {codes.map((c) => (
          <label key={c.slug} className={`result ${code?.slug === c.slug ? 'chosen' : ''} ${isDestructive(c) ? 'destructive' : ''}`} title={c.whenToUse}>
            <input
              type="radio"
              name={`${ids}-code`}
              value={c.slug}
              checked={code?.slug === c.slug}
              onChange={() => set({ code: c.slug })}
              aria-describedby={`${ids}-${c.slug}`}
              aria-keyshortcuts={c.shortcut && !isDestructive(c) ? c.shortcut.toUpperCase() : undefined}
            />
            <span className="result-label">
              {c.shortcut && !isDestructive(c) ? <kbd>{c.shortcut.toUpperCase()}</kbd> : null} {c.label}
            </span>
            <span hidden id={`${ids}-${c.slug}`}>
              {c.whenToUse}
            </span>
          </label>
        ))}
      </div>
      {code && (
        <p className="when-chosen">
          <span className={`tag ${code.open ? 'open' : 'closed'}`}>{code.open ? 'open' : 'closed'}</span>
          {code.counts && <span className="tag lead">{code.counts}</span>} {code.whenToUse}
        </p>
      )}

      {rule && (
        <fieldset className="inline">
          <legend>{followNeeded ? 'Follow-up (required)' : 'Follow-up (optional)'}</legend>
          <div className="quick" role="group" aria-label="Quick picks">
            {QUICK_PICKS.map((q) => (
              <button
                key={q.days}
                type="button"
                disabled={!inWindow(q.days)}
                title={inWindow(q.days) ? undefined : `Outside ${code?.label}'s window`}
                onClick={() => {
                  set({ followUpAt: wallInputValue(addDays(new Date(), q.days), tz) });
                  followRef.current?.focus();
                }}
              >
                {q.label}
              </button>
            ))}
          </div>
          <label>
            Call back on, their time: {zone}
            <input
              ref={followRef}
              type="datetime-local"
              value={draft.followUpAt}
              min={minFollow ? wallInputValue(minFollow, tz) : undefined}
              max={maxFollow ? wallInputValue(maxFollow, tz) : undefined}
              onChange={(e) => set({ followUpAt: e.target.value })}
              aria-invalid={tried && !!followProblem}
              aria-describedby={`${ids}-follow-hint`}
            />
          </label>
          <span className="hint" id={`${ids}-follow-hint`}>
            {rule.maxDays !== null ? `${rule.minDays} to ${rule.maxDays} days out.` : rule.minDays > 0 ? `More than ${rule.minDays - 1} days out.` : 'Any time from now.'}
          </span>
        </fieldset>
      )}

      {code?.appointment && (
        <fieldset className="inline">
          <legend>Appointment</legend>
          <label>
            Meeting on, their time: {zone}
            <input type="datetime-local" value={draft.appointmentAt} min={wallInputValue(now, tz)} onChange={(e) => set({ appointmentAt: e.target.value })} aria-invalid={tried && !!apptProblem} />
          </label>
          <label>
            Kind
            <select value={draft.appointmentKind} onChange={(e) => set({ appointmentKind: e.target.value as AppointmentKind })}>
              {APPOINTMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {APPOINTMENT_KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}

      {code?.reasons && (
        <fieldset className="inline">
          <legend>Reason</legend>
          <label>
            Why
            <select value={draft.reason} onChange={(e) => set({ reason: e.target.value })} aria-invalid={tried && !!reasonProblem}>
              <option value="">Choose…</option>
              {code.reasons.map((r) => (
                <option key={r.value} value={r.value}>
                  {r.label}
                </option>
              ))}
            </select>
          </label>
        </fieldset>
      )}

      {children}

      <div className="log-row">
        {code?.actions.includes('send_intro_email') && (
          <label className="check">
            <input type="checkbox" checked={draft.sendIntroEmail} onChange={(e) => set({ sendIntroEmail: e.target.checked })} />
            Open the intro email after logging
          </label>
        )}
        {shown.length > 0 && (
          <p className="error" role="alert">
            {shown.map((p) => p.message).join(' ')}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
          Log and next <kbd>Ctrl+Enter</kbd>
        </button>
      </div>

      {confirming && code && (
        <Confirm
          title={`${code.label}?`}
          confirmLabel={`Yes, ${code.label}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void ws.log(code.slug);
          }}
        >
          <p>
            This puts {numbers.length === 1 ? 'the number' : `all ${numbers.length} numbers`} of {view.record.company || 'this record'} on the do-not-call list:{' '}
            {numbers.map((n) => fmtPhone(n, region)).join(', ')}. Nobody will call {numbers.length === 1 ? 'it' : 'them'} again, in any campaign.
          </p>
        </Confirm>
      )}
    </form>
  );
}
