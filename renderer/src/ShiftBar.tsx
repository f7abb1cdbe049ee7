import { useState, type MouseEvent } from 'react';
import type { LiveFigure, SessionState } from '../../shared/ipc/types.ts';
import { api, unwrap } from './api.ts';
import { Confirm } from './Confirm.tsx';
import { fmtDayTime } from './format.ts';
import { useNow } from './useNow.ts';

/** A shift open this long was most likely left open by mistake. */
const LONG_SHIFT_HOURS = 12;

/** One figure of the shift so far: its term names it, the definition is the count. */
function Figure({ figure }: { figure: LiveFigure }) {
  return (
    <div>
      <dt>{figure.label}</dt>
      <dd>{figure.count}</dd>
    </div>
  );
}

export function ShiftBar({
  state,
  holding,
  onChange,
  onStarted,
  onEnded,
  notify,
}: {
  state: SessionState | null;
  /** The record on screen, if any, and whether its call is dialled and not logged. */
  holding: { company: string; inCall: boolean } | null;
  onChange: () => void;
  onStarted: () => void;
  onEnded: () => void;
  notify: (m: string, k?: 'info' | 'error') => void;
}) {
  const [asking, setAsking] = useState(false);
  const now = useNow(60_000);
  if (!state) return null;
  const run = async (f: () => Promise<unknown>, done?: string) => {
    try {
      await f();
      if (done) notify(done);
      onChange();
      return true;
    } catch (e) {
      notify((e as Error).message, 'error');
      return false;
    }
  };
  const caller = state.caller;
  const exportAs = (format: 'csv' | 'xlsx') =>
    run(async () => {
      const r = await unwrap(api().exportShift({ caller, format }));
      if (r) notify(`Shift totals saved to ${r.path}`);
    });
  // Start and End shift never keep the cursor: a stray Space must not end the shift again.
  const letGoOfFocus = (e: MouseEvent<HTMLButtonElement>) => e.currentTarget.blur();
  const endShift = async () => {
    setAsking(false);
    if (await run(() => unwrap(api().endShift({ caller })), 'Shift ended.')) onEnded();
  };
  const openHours = state.shift ? (now.getTime() - Date.parse(state.shift.startedAt)) / 3_600_000 : 0;

  return (
    <section className="shift-bar" aria-label="Shift">
      {state.shift ? (
        <p>
          On shift since <strong>{fmtDayTime(state.shift.startedAt)}</strong>
          {openHours > LONG_SHIFT_HOURS && (
            <span className="warn">
              {' '}
              Open {Math.floor(openHours)} h: end it if left open.
            </span>
          )}
        </p>
      ) : (
        <p className="muted">Not on shift</p>
      )}
      <dl className="totals" aria-label="Shift totals">
        {state.totals.map((f) => (
          <Figure key={f.column} figure={f} />
        ))}
      </dl>
      <div className="row">
        {state.shift ? (
          <button
            type="button"
            onClick={(e) => {
              letGoOfFocus(e);
              if (holding) setAsking(true);
              else void endShift();
            }}
          >
            End shift
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={(e) => {
              letGoOfFocus(e);
              void run(() => unwrap(api().startShift({ caller })), 'Shift started.').then((ok) => ok && setTimeout(onStarted));
            }}
          >
            Start shift
          </button>
        )}
        <button type="button" onClick={() => void exportAs('csv')}>
          Export shift CSV
        </button>
        <button type="button" onClick={() => void exportAs('xlsx')}>
          Export shift XLSX
        </button>
        <button
          type="button"
          onClick={() =>
            void run(async () => {
              const { line } = await unwrap(api().shiftSummary({ caller }));
              await unwrap(api().copyText({ text: line }));
              notify(`Copied: ${line}`);
            })
          }
        >
          Copy summary
        </button>
      </div>
      {asking && holding && (
        <Confirm title="End the shift?" confirmLabel="End shift anyway" onCancel={() => setAsking(false)} onConfirm={() => void endShift()}>
          <p>
            {holding.inCall
              ? `The call to ${holding.company} is not logged yet. Ending the shift lets the record go and the call is not logged: log it first to keep it on your timesheet.`
              : `You are holding ${holding.company}. Ending the shift lets it go back to the queue.`}
          </p>
        </Confirm>
      )}
    </section>
  );
}
