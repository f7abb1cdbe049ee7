import { useCallback, useEffect, useState } from 'react';
import type { DncEntryView, DncLogView } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import { fmtDateTime } from '../format.ts';
import { Problem } from '../Problem.tsx';

export function DoNotCall({ defaultRegion, notify }: { defaultRegion: string; notify: (m: string, k?: 'info' | 'error') => void }) {
  const [search, setSearch] = useState('');
  const [list, setList] = useState<{ total: number; entries: DncEntryView[] }>({ total: 0, entries: [] });
  const [log, setLog] = useState<DncLogView[]>([]);
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const [region, setRegion] = useState(defaultRegion);
  const [removing, setRemoving] = useState<DncEntryView | null>(null);
  const [removeReason, setRemoveReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [logError, setLogError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    unwrap(api().listDnc({ search, offset: 0 }))
      .then(setList)
      .catch((e: Error) => setError(e.message));
    // A login that may not read the log is told so under it, not shown an empty one.
    unwrap(api().dncLog({}))
      .then((l) => (setLog(l), setLogError(null)))
      .catch((e: Error) => (setLog([]), setLogError(e.message)));
  }, [search]);
  useEffect(refresh, [refresh]);

  const act = async (f: () => Promise<string>) => {
    try {
      notify(await f());
      setError(null);
      refresh();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <section className="panel dnc" aria-labelledby="dnc-title">
      <h2 id="dnc-title">Do-not-call list</h2>
      <form
        className="row"
        aria-label="Add a number"
        onSubmit={(e) => {
          e.preventDefault();
          void act(async () => {
            const r = await unwrap(api().addDnc({ number, region, reason }));
            setNumber('');
            setReason('');
            return r.added ? `${r.e164} added to the do-not-call list.` : `${r.e164} was already listed.`;
          });
        }}
      >
        <label>
          Number
          <input value={number} onChange={(e) => setNumber(e.target.value)} placeholder="(02) 9999 0000" />
        </label>
        <label>
          Region
          <input value={region} maxLength={2} size={4} onChange={(e) => setRegion(e.target.value.toUpperCase())} />
        </label>
        <label className="grow">
          Reason
          <input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="asked on the phone" />
        </label>
        <button type="submit" className="primary">
          Add number
        </button>
        <button
          type="button"
          onClick={() =>
            void act(async () => {
              const r = await unwrap(api().importDnc({ region }));
              if (!r) return 'Import cancelled.';
              return `Read ${r.lines} numbers: ${r.added} added, ${r.alreadyListed} already listed, ${r.invalid} unreadable.`;
            })
          }
        >
          Import file…
        </button>
      </form>
      <Problem text={error} />
      <label>
        Search
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder="digits of a number" />
      </label>
      <table>
        <caption>
          {list.total} listed number{list.total === 1 ? '' : 's'}
          {list.total > list.entries.length ? ` (first ${list.entries.length} shown)` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Number</th>
            <th scope="col">Added</th>
            <th scope="col">By</th>
            <th scope="col">Source</th>
            <th scope="col">Reason</th>
            <th scope="col">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.entries.map((e) => (
            <tr key={e.e164}>
              <td>{e.e164}</td>
              <td>{fmtDateTime(e.addedAt)}</td>
              <td>{e.addedBy}</td>
              <td>{e.source}</td>
              <td>{e.reason}</td>
              <td>
                <button type="button" className="link" onClick={() => setRemoving(e)} aria-label={`Remove ${e.e164}`}>
                  Remove…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {removing && (
        <form
          className="row"
          aria-label={`Remove ${removing.e164}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            void act(async () => {
              await unwrap(api().removeDnc({ number: removing.e164, region, reason: removeReason }));
              setRemoving(null);
              setRemoveReason('');
              return `${removing.e164} is off the do-not-call list.`;
            });
          }}
        >
          <label className="grow">
            Why does {removing.e164} come off the list?
            <input value={removeReason} onChange={(e) => setRemoveReason(e.target.value)} />
          </label>
          <button type="submit">Remove from list</button>
          <button type="button" className="link" onClick={() => setRemoving(null)}>
            Keep it
          </button>
        </form>
      )}
      <table>
        <caption>Changes</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Number</th>
            <th scope="col">Change</th>
            <th scope="col">By</th>
            <th scope="col">Source</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {log.slice(0, 50).map((l, i) => (
            <tr key={i}>
              <td>{fmtDateTime(l.at)}</td>
              <td>{l.e164}</td>
              <td>{l.action === 'add' ? 'Added' : 'Removed'}</td>
              <td>{l.by}</td>
              <td>{l.source}</td>
              <td>{l.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Problem text={logError} />
    </section>
  );
}
