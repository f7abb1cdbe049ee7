import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { addDays, APPOINTMENT_KINDS, type AppointmentKind, type ResultProblem } from '../../../shared/callflow/index.ts';
import type { ResultCode } from '../../../shared/schemes/index.ts';
import { localInputValue } from '../format.ts';
import { Problem } from '../Problem.tsx';

export interface ResultDraft {
  code: string;
  /** datetime-local values, local time. */
  followUpAt: string;
  appointmentAt: string;
  appointmentKind: AppointmentKind;
  reason: string;
  notes: string;
  sendIntroEmail: boolean;
}

const QUICK_PICKS: { label: string; days: number }[] = [
  { label: '3 days', days: 3 },
  { label: '1 week', days: 7 },
  { label: '2 weeks', days: 14 },
  { label: '1 month', days: 30 },
  { label: '3 months', days: 91 },
  { label: '6 months', days: 182 },
];

const KIND_LABEL: Record<AppointmentKind, string> = { face_to_face: 'Face to face', phone: 'Phone', video: 'Video' };

const startOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());
const endOfDay = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate(), 23, 59);

export function ResultForm({
  codes,
  validate,
  onSubmit,
  busy,
}: {
  codes: ResultCode[];
  validate: (d: ResultDraft) => ResultProblem[];
  onSubmit: (d: ResultDraft) => Promise<boolean>;
  busy: boolean;
}) {
  const [draft, setDraft] = useState<ResultDraft>({
    code: codes.length === 1 ? (codes[0]?.slug ?? '') : '',
    followUpAt: '',
    appointmentAt: '',
    appointmentKind: 'face_to_face',
    reason: '',
    notes: '',
    sendIntroEmail: true,
  });
  const [tried, setTried] = useState(false);
  const code = codes.find((c) => c.slug === draft.code);
  const problems = useMemo(() => (draft.code ? validate(draft) : [{ field: 'code' as const, message: 'Pick the result of the call.' }]), [draft, validate]);
  const problemFor = (field: ResultProblem['field']) => problems.find((p) => p.field === field)?.message;
  const ids = useId();
  const followRef = useRef<HTMLInputElement>(null);
  const radios = useRef<HTMLDivElement>(null);
  const set = (patch: Partial<ResultDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const now = new Date();
  const rule = code?.followUp;
  const minFollow = rule ? (rule.minDays > 0 ? startOfDay(addDays(now, rule.minDays)) : now) : undefined;
  const maxFollow = rule?.maxDays != null ? endOfDay(addDays(now, rule.maxDays)) : undefined;
  const inWindow = (days: number) => {
    if (!rule) return false;
    return days >= rule.minDays && (rule.maxDays === null || days <= rule.maxDays);
  };

  const submit = async () => {
    setTried(true);
    if (problems.length > 0 || busy) return;
    await onSubmit(draft);
  };

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      const typing = !!t && ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) && (t as HTMLInputElement).type !== 'radio';
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        void submit();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      const match = codes.find((c) => c.shortcut && c.shortcut === e.key.toLowerCase());
      if (match) {
        e.preventDefault();
        set({ code: match.slug });
        const radio = radios.current?.querySelector<HTMLInputElement>(`input[value="${match.slug}"]`);
        radio?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useEffect(() => {
    if (codes.length === 1) radios.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [codes.length]);

  const followProblem = problemFor('followUpAt');
  const apptProblem = problemFor('appointmentAt');
  const codeProblem = problemFor('code');
  const reasonProblem = problemFor('reason');
  const followNeeded = !!rule && (rule.required === 'always' || !!followProblem);

  return (
    <form
      className="result-form"
      aria-label="Log the call"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>Result</legend>
        <div className="results" role="radiogroup" aria-label="Result" ref={radios}>
          {codes.map((c) => (
            <label key={c.slug} className={`result ${draft.code === c.slug ? 'chosen' : ''}`}>
              <input type="radio" name={`${ids}-code`} value={c.slug} checked={draft.code === c.slug} onChange={() => set({ code: c.slug })} aria-describedby={`${ids}-${c.slug}`} aria-keyshortcuts={c.shortcut ? c.shortcut.toUpperCase() : undefined} />
              <span className="result-label">
                {c.shortcut && <kbd>{c.shortcut.toUpperCase()}</kbd>} {c.label}
                <span className={`tag ${c.open ? 'open' : 'closed'}`}>{c.open ? 'open' : 'closed'}</span>
                {c.counts && <span className="tag lead">{c.counts}</span>}
              </span>
              <span className="when" id={`${ids}-${c.slug}`}>
                {c.whenToUse}
              </span>
            </label>
          ))}
        </div>
        <Problem text={tried && codeProblem} />
      </fieldset>

      {rule && (
        <fieldset>
          <legend>{followNeeded ? 'Follow-up (required)' : 'Follow-up (optional)'}</legend>
          <div className="quick" role="group" aria-label="Quick picks">
            {QUICK_PICKS.map((q) => (
              <button
                key={q.days}
                type="button"
                disabled={!inWindow(q.days)}
                title={inWindow(q.days) ? undefined : `Outside ${code?.label}'s window`}
                onClick={() => {
                  set({ followUpAt: localInputValue(addDays(new Date(), q.days)) });
                  followRef.current?.focus();
                }}
              >
                {q.label}
              </button>
            ))}
          </div>
          <label>
            Call back on
            <input
              ref={followRef}
              type="datetime-local"
              value={draft.followUpAt}
              min={minFollow ? localInputValue(minFollow) : undefined}
              max={maxFollow ? localInputValue(maxFollow) : undefined}
              onChange={(e) => set({ followUpAt: e.target.value })}
              aria-invalid={tried && !!followProblem}
              aria-describedby={`${ids}-follow-err`}
            />
          </label>
          <p className="hint">
            {rule.maxDays !== null
              ? `${rule.minDays} to ${rule.maxDays} days out.`
              : rule.minDays > 0
                ? `More than ${rule.minDays - 1} days out.`
                : 'Any time from now.'}
          </p>
          {(tried || draft.followUpAt) && followProblem && (
            <p className="error" id={`${ids}-follow-err`} role="alert">
              {followProblem}
            </p>
          )}
        </fieldset>
      )}

      {code?.appointment && (
        <fieldset>
          <legend>Appointment</legend>
          <label>
            Meeting on
            <input type="datetime-local" value={draft.appointmentAt} min={localInputValue(now)} onChange={(e) => set({ appointmentAt: e.target.value })} aria-invalid={tried && !!apptProblem} />
          </label>
          <label>
            Kind
            <select value={draft.appointmentKind} onChange={(e) => set({ appointmentKind: e.target.value as AppointmentKind })}>
              {APPOINTMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABEL[k]}
                </option>
              ))}
            </select>
          </label>
          <Problem text={tried && apptProblem} />
        </fieldset>
      )}

      {code?.reasons && (
        <fieldset>
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
          <Problem text={tried && reasonProblem} />
        </fieldset>
      )}

      <label className="notes">
        Notes
        <textarea rows={3} value={draft.notes} onChange={(e) => set({ notes: e.target.value })} maxLength={5000} />
      </label>

      {code?.actions.includes('send_intro_email') && (
        <label className="check">
          <input type="checkbox" checked={draft.sendIntroEmail} onChange={(e) => set({ sendIntroEmail: e.target.checked })} />
          Open the intro email after logging
        </label>
      )}

      <div className="row end">
        <button type="submit" className="primary" disabled={busy} aria-keyshortcuts="Control+Enter">
          Log and next <kbd>Ctrl+Enter</kbd>
        </button>
      </div>
    </form>
  );
}
