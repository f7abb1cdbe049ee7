import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { callFacts, flowOfScheme, schemeOfInput, validateSelection, type ResultProblem } from '../../../shared/callflow/index.ts';
import type { RecordView } from '../../../shared/ipc/types.ts';
import { isDestructive, orderForCall, parseFields, type ResultCode } from '../../../shared/schemes/index.ts';
import { Confirm } from '../Confirm.tsx';
import { asList } from '../manage/settingValues.ts';
import { fmtPhone, zoneName } from '../format.ts';
import { DimensionPicker } from './DimensionPicker.tsx';
import { chosenCodes, fieldInputs, fieldsAskedFor, filled } from './fieldDraft.ts';
import { FieldInput, type FieldContext } from './FieldInput.tsx';
import type { Workspace } from './workspace.ts';

/**
 * The result step, drawn from the campaign's scheme: in a scheme of one outcome per call, only
 * the codes legal for this call, likeliest first; in a scheme with dimensions, a group per
 * dimension with the outcomes this call may not take disabled. Then the fields the chosen
 * outcomes ask for (times typed in the prospect's zone), the call's notes (passed in, typed
 * since Dial), and Log and next with what stops it, in the scheme's words, always in view.
 */
export function ResultForm({ ws, view, region, onShift, children }: { ws: Workspace; view: RecordView; region: string; onShift: boolean; children: ReactNode }) {
  const { snapshot: s, call, busy } = ws;
  const draft = call.draft;
  const tz = view.record.tz;
  const flow = flowOfScheme(view.campaign.schemeId);
  const scheme = useMemo(() => schemeOfInput(s.input), [s]);
  const campaign = useMemo(() => s.input.campaign ?? {}, [s]);
  const facts = useMemo(() => callFacts(flow.facts(s), s.input), [flow, s]);
  const whyNot = (c: ResultCode) => scheme.rules.whyIllegal(scheme, c, facts);
  const dimensions = scheme.dimensions;
  // One outcome per call: the legal ones, likeliest first; the only one is chosen by itself.
  const codes = useMemo(() => {
    const legal = new Set(flow.legalResults(s));
    return orderForCall(scheme.codes.filter((c) => legal.has(c.slug)));
  }, [s, flow, scheme]);
  const code = dimensions ? undefined : (codes.find((c) => c.slug === draft.code) ?? (codes.length === 1 ? codes[0] : undefined));
  const chosen = useMemo(
    () => (dimensions ? chosenCodes(scheme, Object.values(draft.picks)) : code ? [code] : []),
    [dimensions, scheme, draft.picks, code],
  );
  const slugs = chosen.map((c) => c.slug);
  const asked = useMemo(() => fieldsAskedFor(scheme, chosen, draft.fields), [scheme, chosen, draft.fields]);
  const [tried, setTried] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const ids = useId();
  const radios = useRef<HTMLDivElement>(null);
  const set = ws.setDraft;

  const problems: ResultProblem[] = useMemo(() => {
    const found: ResultProblem[] = [];
    if (!dimensions && !code) found.push({ field: 'code', message: 'Pick the result of the call.' });
    else {
      const parsed = parseFields(scheme, fieldInputs(asked, draft.fields, tz), campaign);
      found.push(...(parsed.problems.length ? parsed.problems : validateSelection({ flow, snapshot: s, codes: chosen.map((c) => c.slug), fields: parsed.values, now: new Date() })));
    }
    return onShift ? found : [{ message: 'Start your shift (top right) to log this call: the timesheet must hold every call.' }, ...found];
  }, [dimensions, code, scheme, asked, draft.fields, tz, campaign, flow, s, chosen, onShift]);
  const problemFor = (field: string) => problems.find((p) => p.field === field)?.message;

  const ctx: FieldContext = {
    tz,
    zone: zoneName(tz),
    now: new Date(),
    currency: typeof campaign['currency'] === 'string' && campaign['currency'] ? campaign['currency'] : 'USD',
    hosts: asList(campaign['closers']),
    products: asList(campaign['products']),
    markOptional: true,
  };
  const destructive = chosen.find(isDestructive);

  const submit = () => {
    setTried(true);
    if (problems.length > 0 || busy || chosen.length === 0) return;
    if (destructive) setConfirming(true);
    else void ws.log(slugs, asked);
  };

  const pick = (c: ResultCode) => (dimensions && c.dimension ? set({ picks: { ...draft.picks, [c.dimension]: c.slug } }) : set({ code: c.slug }));

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (confirming) return;
      const t = e.target as HTMLElement | null;
      const typing = !!t && ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName) && !['radio', 'checkbox'].includes((t as HTMLInputElement).type);
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        submit();
        return;
      }
      if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
      // Destructive codes have no key: a key never means a call step, then something final.
      const offered = dimensions ? scheme.codes.filter((c) => whyNot(c) === null) : codes;
      const match = offered.find((c) => c.shortcut && !isDestructive(c) && c.shortcut === e.key.toLowerCase());
      if (match) {
        e.preventDefault();
        pick(match);
        radios.current?.querySelector<HTMLInputElement>(`input[value="${match.slug}"]`)?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  // The call just ended: the cursor goes to the chosen result, or the first one.
  useEffect(() => {
    const group = radios.current;
    (group?.querySelector<HTMLInputElement>('input:checked:not(:disabled)') ?? group?.querySelector<HTMLInputElement>('input:not(:disabled)'))?.focus();
  }, []);

  // What stops logging, shown once tried, and a filled field's problem at once.
  const shown = tried ? problems : problems.filter((p) => p.field !== undefined && filled(draft.fields[p.field]));
  const numbers = view.record.phones.flatMap((p) => (p.e164 ? [p.e164] : []));
  const windowed = asked.filter((a) => a.window);
  const details = asked.filter((a) => !a.window);
  const field = (a: (typeof asked)[number]) => (
    <FieldInput
      key={a.decl.key}
      field={a}
      value={draft.fields[a.decl.key]}
      onChange={(v) => set({ fields: { ...draft.fields, [a.decl.key]: v } })}
      ctx={ctx}
      invalid={(tried || filled(draft.fields[a.decl.key])) && !!problemFor(a.decl.key)}
    />
  );

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
      {dimensions ? (
        <div ref={radios}>
          <DimensionPicker scheme={scheme} codes={scheme.codes} whyNot={whyNot} chosen={draft.picks} onChoose={(d, slug) => set({ picks: { ...draft.picks, [d]: slug } })} />
        </div>
      ) : (
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
      )}
      {code && (
        <p className="when-chosen">
          <span className={`tag ${code.open ? 'open' : 'closed'}`}>{code.open ? 'open' : 'closed'}</span>
          {code.counts && <span className="tag lead">{code.counts}</span>} {code.whenToUse}
        </p>
      )}

      {windowed.map(field)}
      {details.length > 0 && (
        <fieldset className="inline">
          <legend>{chosen.length === 1 ? chosen[0]?.label : 'Details'}</legend>
          {details.map(field)}
        </fieldset>
      )}

      {children}

      <div className="log-row">
        {chosen.some((c) => c.actions.includes('send_intro_email')) && (
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

      {confirming && destructive && (
        <Confirm
          title={`${destructive.label}?`}
          confirmLabel={`Yes, ${destructive.label}`}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            void ws.log(slugs, asked);
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
