import { useEffect, useLayoutEffect, useRef } from 'react';
import { flowOfScheme } from '../../../shared/callflow/index.ts';
import type { RecordView } from '../../../shared/ipc/types.ts';
import { getScheme, levelLabel } from '../../../shared/schemes/index.ts';
import { fmtElapsed, fmtPhone } from '../format.ts';
import { useNow } from '../useNow.ts';
import { ResultForm } from './ResultForm.tsx';
import type { Workspace } from './workspace.ts';

/** Alt+N puts the cursor in the call's notes, from the moment of dialling. */
export const NOTES_KEY = 'n';

const QUIET = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
};

/** The flag an event sets, by the flows' naming: PITCHED sets pitched, DM_CUT_SHORT dmCutShort. */
const flagOf = (event: string) => event.toLowerCase().replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function CallTimer({ since }: { since: number }) {
  const now = useNow(1000);
  return <span aria-label="Call time">{fmtElapsed(now.getTime() - since)}</span>;
}

export function CallPanel({ ws, view, region, onShift }: { ws: Workspace; view: RecordView; region: string; onShift: boolean }) {
  const { call, snapshot: s, busy } = ws;
  const recordId = view.record.id;
  const numbers = view.dial;
  const dialable = numbers.filter((n) => n.canDial).map((n) => n.e164);
  const path = call.path;
  // The buttons, the level and the end come from the flow of the campaign's scheme.
  const scheme = getScheme(view.campaign.schemeId);
  const flow = flowOfScheme(scheme.id);
  const facts = flow.facts(s);
  const ended = facts.ended;
  // The flags the call carries (pitched, put through, ...), named by the button that set each.
  const marked = flow.buttons.filter((b) => facts.flags[flagOf(b.type)] === true);
  // What the flow takes before the dial, if anything (a meeting called off before it started).
  const withoutDial = path.length === 0 ? flow.offered(s) : [];
  const notesRef = useRef<HTMLTextAreaElement>(null);
  const dialRef = useRef<HTMLButtonElement>(null);

  // A new record on screen: the cursor goes to its Dial button.
  useEffect(() => {
    if (path.length === 0) dialRef.current?.focus();
    // Only when the record changes, not on every step of the call.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recordId]);

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && e.key.toLowerCase() === NOTES_KEY && path.length > 0) {
        e.preventDefault();
        notesRef.current?.focus();
        return;
      }
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !QUIET(e)) {
        e.preventDefault();
        ws.undoStep();
        return;
      }
      if (QUIET(e) || e.ctrlKey || e.metaKey || e.altKey || busy) return;
      if (path.length === 0 && e.key.toLowerCase() === 'd' && dialable[0]) {
        e.preventDefault();
        void ws.dial(dialable[0]);
        return;
      }
      if (ended) return;
      const b = (path.length === 0 ? withoutDial : flow.buttons).find((x) => x.key === e.key.toLowerCase());
      if (b && flow.can(s, b.type)) {
        e.preventDefault();
        ws.send(b.type);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const notes = (
    <label className="notes">
      <span>
        Notes <kbd>Alt+N</kbd>
      </span>
      <textarea ref={notesRef} rows={2} value={call.draft.notes} onChange={(e) => ws.setDraft({ notes: e.target.value })} maxLength={5000} aria-keyshortcuts="Alt+N" />
    </label>
  );

  return (
    <section className="panel call-panel" aria-labelledby={`call-${recordId}`}>
      {path.length === 0 ? (
        <>
          <h2 id={`call-${recordId}`}>Call</h2>
          <div className="dial-row">
            {numbers.map((n, i) =>
              n.canDial ? (
                <button
                  key={n.e164}
                  ref={n.e164 === dialable[0] ? dialRef : undefined}
                  type="button"
                  className={i === 0 ? 'primary' : ''}
                  onClick={() => void ws.dial(n.e164)}
                  aria-keyshortcuts={n.e164 === dialable[0] ? 'D' : undefined}
                >
                  Dial {fmtPhone(n.e164, region)}
                  {n.e164 === dialable[0] && <kbd>D</kbd>}
                </button>
              ) : (
                <span key={n.e164} className="cannot-dial">
                  <button type="button" disabled aria-describedby={`why-${recordId}-${n.e164}`}>
                    Dial {fmtPhone(n.e164, region)}
                  </button>
                  <span className="warn" id={`why-${recordId}-${n.e164}`}>
                    {n.reason}
                  </span>
                </span>
              ),
            )}
            {numbers.length === 0 && <p className="muted">This record has no valid number to dial.</p>}
          </div>
          {withoutDial.length > 0 && (
            <div className="event-grid" role="group" aria-label="Without dialling">
              {withoutDial.map((b) => (
                <button key={b.type} type="button" onClick={() => ws.send(b.type)} disabled={busy} aria-keyshortcuts={b.key.toUpperCase()}>
                  {b.label} <kbd>{b.key.toUpperCase()}</kbd>
                </button>
              ))}
            </div>
          )}
          <p className="hint">
            Keys: <kbd>D</kbd> dial, then what happens ({flow.buttons.map((b) => b.key.toUpperCase()).join(' ')}), <kbd>Alt+N</kbd> notes, <kbd>Ctrl+Z</kbd> undo a step, the
            result's key, <kbd>Ctrl+Enter</kbd> log and next.
          </p>
        </>
      ) : (
        <>
          <div className="call-head">
            <h2 id={`call-${recordId}`}>Call</h2>
            <div className="call-status" role="status" aria-live="polite">
              <span>
                Last contact: <strong>{levelLabel(scheme, facts.level)}</strong>
              </span>
              {marked.length > 0 && (
                <span>
                  Marked: <strong>{marked.map((b) => b.label).join(', ')}</strong>
                </span>
              )}
              <span>{ended ? 'Call ended' : `On the call${call.phone ? ` to ${fmtPhone(call.phone, region)}` : ''}`}</span>
            </div>
            {call.dialledAt !== null && !ended && <CallTimer since={call.dialledAt} />}
            {call.phone && !ended && (
              <button type="button" className="link" onClick={() => void ws.redial()} disabled={busy}>
                Dial {fmtPhone(call.phone, region)} again
              </button>
            )}
            <button type="button" className="link" onClick={ws.undoStep} disabled={!ws.canUndoStep || busy} aria-keyshortcuts="Control+Z">
              Undo last step
            </button>
          </div>
          <ol className="path" aria-label="What happened">
            {path.map((type, i) => (
              <li key={i}>{type === 'DIAL' ? 'Dialled' : flow.buttons.find((b) => b.type === type)?.label}</li>
            ))}
          </ol>
          {!ended && (
            <div className="event-grid" role="group" aria-label="What happened on the call">
              {flow.buttons.map((b) => (
                <button key={b.type} type="button" disabled={!flow.can(s, b.type)} onClick={() => ws.send(b.type)} aria-keyshortcuts={b.key.toUpperCase()}>
                  {b.label} <kbd>{b.key.toUpperCase()}</kbd>
                </button>
              ))}
            </div>
          )}
          {ended ? (
            <ResultForm ws={ws} view={view} region={region} onShift={onShift}>
              {notes}
            </ResultForm>
          ) : (
            notes
          )}
        </>
      )}
    </section>
  );
}
