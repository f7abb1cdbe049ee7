import { useMachine } from '@xstate/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import {
  callEnded,
  callFlowMachine,
  contactLevel,
  legalResults,
  replay,
  schemeOf,
  validateResult,
  wasPitched,
  type CallEventType,
  type CallFlowInput,
} from '../../../shared/callflow/index.ts';
import type { ResultCode } from '../../../shared/schemes/index.ts';
import { LEVEL_LABEL } from '../format.ts';
import { ResultForm, type ResultDraft } from './ResultForm.tsx';

/** What happened on the call, in the order the buttons sit; the key works without the mouse. */
export const EVENT_BUTTONS: { type: CallEventType; label: string; key: string }[] = [
  { type: 'NO_ANSWER', label: 'No answer', key: 'n' },
  { type: 'VOICEMAIL', label: 'Voicemail', key: 'v' },
  { type: 'WRONG_NUMBER', label: 'Wrong number', key: 'w' },
  { type: 'RECEPTION_ANSWERED', label: 'Reception answered', key: 'r' },
  { type: 'TRANSFERRED', label: 'Put through', key: 't' },
  { type: 'DM_ANSWERED', label: 'DM answered', key: 'd' },
  { type: 'DM_CUT_SHORT', label: 'Cut short', key: 'c' },
  { type: 'PITCHED', label: 'Pitched', key: 'p' },
  { type: 'HUNG_UP', label: 'Hung up', key: 'h' },
];

const QUIET = (e: KeyboardEvent) => {
  const t = e.target as HTMLElement | null;
  return !!t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
};

export interface CallPanelProps {
  recordId: number;
  flowInput: CallFlowInput;
  /** Each valid number, whether it may be dialled now, and if not, why. */
  numbers: { e164: string; canDial: boolean; reason: string | null }[];
  onDial: (e164: string) => Promise<boolean>;
  onLog: (draft: ResultDraft & { events: CallEventType[]; phone: string | null }) => Promise<boolean>;
  busy: boolean;
}

export function CallPanel({ recordId, flowInput, numbers, onDial, onLog, busy }: CallPanelProps) {
  const dialable = numbers.filter((n) => n.canDial).map((n) => n.e164);
  const [snapshot, send, actorRef] = useMachine(callFlowMachine, { input: flowInput });
  const [phone, setPhone] = useState<string | null>(null);
  // Undo rebuilds the call from its path minus the last step.
  const [replayed, setReplayed] = useState<ReturnType<typeof replay> | null>(null);
  const s = replayed ?? snapshot;
  const path = s.context.path;
  const ended = callEnded(s);
  const scheme = schemeOf(s);
  const legal = useMemo(() => new Set(legalResults(s)), [s]);

  const sendEvent = (type: CallEventType) => {
    if (replayed) {
      const next = replay([...replayed.context.path, type], flowInput);
      setReplayed(next);
    } else send({ type });
  };
  const undo = () => {
    if (path.length <= 1) return;
    setReplayed(replay(path.slice(0, -1), flowInput));
  };
  const canSend = (type: CallEventType) => (replayed ? replayed.can({ type }) : actorRef.getSnapshot().can({ type }));

  const dialling = useRef(false);
  const dial = async (e164: string) => {
    // One hand-off per call, however fast the key is pressed again.
    if (path.length > 0 || dialling.current) return;
    dialling.current = true;
    try {
      if (await onDial(e164)) {
        setPhone(e164);
        sendEvent('DIAL');
      }
    } finally {
      dialling.current = false;
    }
  };

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (QUIET(e) || e.ctrlKey || e.metaKey || e.altKey || busy) return;
      if (path.length === 0 && e.key.toLowerCase() === 'd' && dialable[0]) {
        e.preventDefault();
        void dial(dialable[0]);
        return;
      }
      if (ended) return;
      const b = EVENT_BUTTONS.find((x) => x.key === e.key.toLowerCase());
      if (b && canSend(b.type)) {
        e.preventDefault();
        sendEvent(b.type);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  useLayoutEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'z' && !QUIET(e)) {
        e.preventDefault();
        undo();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const codes: ResultCode[] = scheme.codes.filter((c) => legal.has(c.slug));

  return (
    <section className="panel call-panel" aria-labelledby={`call-${recordId}`}>
      <h2 id={`call-${recordId}`}>Call</h2>
      {path.length === 0 ? (
        <div className="dial-row">
          {numbers.map((n) =>
            n.canDial ? (
              <button key={n.e164} type="button" className="primary" onClick={() => void dial(n.e164)} aria-keyshortcuts={n.e164 === dialable[0] ? 'D' : undefined}>
                Dial {n.e164}
                {n.e164 === dialable[0] && <kbd>D</kbd>}
              </button>
            ) : (
              <span key={n.e164} className="cannot-dial">
                <button type="button" disabled aria-describedby={`why-${recordId}-${n.e164}`}>
                  Dial {n.e164}
                </button>
                <span className="warn" id={`why-${recordId}-${n.e164}`}>
                  {n.reason}
                </span>
              </span>
            ),
          )}
          {numbers.length === 0 && <p className="muted">This record has no valid number to dial.</p>}
          <p className="hint">
            Keys: <kbd>D</kbd> dial, then what happens ({EVENT_BUTTONS.map((b) => b.key.toUpperCase()).join(' ')}), <kbd>Ctrl+Z</kbd> undo, the result's key, <kbd>Ctrl+Enter</kbd> log and next.
          </p>
        </div>
      ) : (
        <>
          <div className="call-status" role="status" aria-live="polite">
            <span>
              Last contact: <strong>{LEVEL_LABEL[contactLevel(s)]}</strong>
            </span>
            <span>
              DM pitched: <strong>{wasPitched(s) ? 'Yes' : 'No'}</strong>
            </span>
            <span>{ended ? 'Call ended' : `On the call${phone ? ` to ${phone}` : ''}`}</span>
          </div>
          <ol className="path" aria-label="What happened">
            {path.map((type, i) => (
              <li key={i}>{type === 'DIAL' ? 'Dialled' : EVENT_BUTTONS.find((b) => b.type === type)?.label}</li>
            ))}
          </ol>
          {!ended && (
            <div className="event-grid" role="group" aria-label="What happened on the call">
              {EVENT_BUTTONS.map((b) => (
                <button key={b.type} type="button" disabled={!canSend(b.type)} onClick={() => sendEvent(b.type)} aria-keyshortcuts={b.key.toUpperCase()}>
                  {b.label} <kbd>{b.key.toUpperCase()}</kbd>
                </button>
              ))}
            </div>
          )}
          <div className="row">
            <button type="button" className="link" onClick={undo} disabled={path.length <= 1 || busy} aria-keyshortcuts="Control+Z">
              Undo last step
            </button>
          </div>
          {ended && (
            <ResultForm
              key={path.join(',')}
              codes={codes}
              busy={busy}
              validate={(draft) =>
                validateResult({
                  code: draft.code,
                  snapshot: s,
                  now: new Date(),
                  followUpAt: draft.followUpAt ? new Date(draft.followUpAt) : undefined,
                  appointmentAt: draft.appointmentAt ? new Date(draft.appointmentAt) : undefined,
                  appointmentKind: draft.appointmentKind,
                  reason: draft.reason || undefined,
                })
              }
              onSubmit={(draft) => onLog({ ...draft, events: path, phone })}
            />
          )}
        </>
      )}
    </section>
  );
}

