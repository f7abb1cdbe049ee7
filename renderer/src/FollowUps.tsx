import { useEffect, useState } from 'react';
import type { RecordView, TaskItem } from '../../shared/ipc/types.ts';
import { codeLabel, getScheme } from '../../shared/schemes/index.ts';
import { api, unwrap } from './api.ts';
import { fmtDateTime } from './format.ts';

export function FollowUps({
  caller,
  notify,
  onOpen,
  onShift,
  inCall,
}: {
  caller: string;
  /** Records are worked inside a shift, so that the timesheet totals hold every call. */
  onShift: boolean;
  /** A call in hand is logged before another record is opened. */
  inCall: boolean;
  notify: (m: string, k?: 'info' | 'error') => void;
  /** A task's record, held for this caller, to work in the Work view. */
  onOpen: (view: RecordView) => void;
}) {
  const [tasks, setTasks] = useState<{ due: TaskItem[]; upcoming: TaskItem[] } | null>(null);
  useEffect(() => {
    if (!caller) return;
    unwrap(api().listTasks({ caller }))
      .then(setTasks)
      .catch((e: Error) => notify(e.message, 'error'));
  }, [caller, notify]);
  if (!tasks) return <p className="panel muted">Loading follow-ups…</p>;
  const open = async (t: TaskItem) => {
    try {
      onOpen(await unwrap(api().openRecord({ recordId: t.recordId, caller })));
    } catch (e) {
      notify((e as Error).message, 'error');
    }
  };
  const hint = !onShift ? 'Start your shift (top right) to open a record and call it.' : inCall ? 'Log the call in hand (Work) before you open another record.' : null;
  const table = (items: TaskItem[], caption: string) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Due (their time)</th>
          <th scope="col">Company</th>
          <th scope="col">Contact</th>
          <th scope="col">Campaign</th>
          <th scope="col">Last result</th>
          <th scope="col">Record</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={6} className="muted">
              None
            </td>
          </tr>
        ) : (
          items.map((t) => (
            <tr key={t.taskId}>
              <td>{fmtDateTime(t.dueAt, t.tz)}</td>
              <td>{t.company}</td>
              <td>{t.contactName}</td>
              <td>{t.campaign}</td>
              <td>{t.lastResult ? codeLabel(getScheme(t.schemeId), t.lastResult) : ''}</td>
              <td>
                <button
                  type="button"
                  onClick={() => void open(t)}
                  disabled={hint !== null}
                  aria-describedby={hint ? 'followups-shift-hint' : undefined}
                  aria-label={`Open ${t.company || t.contactName || `record ${t.recordId}`} to call`}
                >
                  Open
                </button>
              </td>
            </tr>
          ))
        )}
      </tbody>
    </table>
  );
  return (
    <section className="panel" aria-labelledby="followups-title">
      <h2 id="followups-title">Follow-ups</h2>
      <p className="muted">Due follow-ups come up first when you take the next record.</p>
      {hint && (
        <p id="followups-shift-hint" className="hint">
          {hint}
        </p>
      )}
      {table(tasks.due, `Due now (${tasks.due.length})`)}
      {table(tasks.upcoming, `Upcoming (${tasks.upcoming.length})`)}
    </section>
  );
}
