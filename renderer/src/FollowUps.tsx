import { useEffect, useState } from 'react';
import type { TaskItem } from '../../shared/ipc/types.ts';
import { codeLabel, getScheme } from '../../shared/schemes/index.ts';
import { api, unwrap } from './api.ts';
import { fmtDateTime } from './format.ts';

export function FollowUps({ caller, notify }: { caller: string; notify: (m: string, k?: 'info' | 'error') => void }) {
  const [tasks, setTasks] = useState<{ due: TaskItem[]; upcoming: TaskItem[] } | null>(null);
  useEffect(() => {
    if (!caller) return;
    unwrap(api().listTasks({ caller }))
      .then(setTasks)
      .catch((e: Error) => notify(e.message, 'error'));
  }, [caller, notify]);
  if (!tasks) return <p className="panel muted">Loading follow-ups…</p>;
  const table = (items: TaskItem[], caption: string) => (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Due</th>
          <th scope="col">Company</th>
          <th scope="col">Contact</th>
          <th scope="col">Campaign</th>
          <th scope="col">Last result</th>
        </tr>
      </thead>
      <tbody>
        {items.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              None
            </td>
          </tr>
        ) : (
          items.map((t) => (
            <tr key={t.taskId}>
              <td>{fmtDateTime(t.dueAt)}</td>
              <td>{t.company}</td>
              <td>{t.contactName}</td>
              <td>{t.campaign}</td>
              <td>{t.lastResult ? codeLabel(getScheme(t.schemeId), t.lastResult) : ''}</td>
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
      {table(tasks.due, `Due now (${tasks.due.length})`)}
      {table(tasks.upcoming, `Upcoming (${tasks.upcoming.length})`)}
    </section>
  );
}
