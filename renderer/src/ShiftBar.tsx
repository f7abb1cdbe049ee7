import type { SessionState } from '../../shared/ipc/types.ts';
import { api, unwrap } from './api.ts';
import { fmtTime } from './format.ts';

export function ShiftBar({ state, onChange, notify }: { state: SessionState | null; onChange: () => void; notify: (m: string, k?: 'info' | 'error') => void }) {
  if (!state) return null;
  const run = async (f: () => Promise<unknown>, done?: string) => {
    try {
      await f();
      if (done) notify(done);
      onChange();
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };
  const caller = state.caller;
  const t = state.totals;
  const exportAs = (format: 'csv' | 'xlsx') =>
    run(async () => {
      const r = await unwrap(api().exportShift({ caller, format }));
      if (r) notify(`Shift totals saved to ${r.path}`);
    });
  return (
    <section className="shift-bar" aria-label="Shift">
      {state.shift ? (
        <p>
          On shift since <strong>{fmtTime(state.shift.startedAt)}</strong>
        </p>
      ) : (
        <p className="muted">Not on shift</p>
      )}
      <dl className="totals" aria-label="Shift totals">
        <div>
          <dt>Dials</dt>
          <dd>{t.dials}</dd>
        </div>
        <div>
          <dt>DM contacts</dt>
          <dd>{t.dmContacts}</dd>
        </div>
        <div>
          <dt>Pitches</dt>
          <dd>{t.pitches}</dd>
        </div>
        <div>
          <dt>Leads</dt>
          <dd>{t.leads}</dd>
        </div>
        <div>
          <dt>Appointments</dt>
          <dd>{t.appointments}</dd>
        </div>
      </dl>
      <div className="row">
        {state.shift ? (
          <button type="button" onClick={() => void run(() => unwrap(api().endShift({ caller })), 'Shift ended.')}>
            End shift
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void run(() => unwrap(api().startShift({ caller })), 'Shift started.')}>
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
    </section>
  );
}
