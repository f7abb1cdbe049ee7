import { useCallback, useEffect, useId, useState } from 'react';
import type { BackupView } from '../../shared/ipc/types.ts';
import { api, unwrap } from './api.ts';
import { fmtDateTime } from './format.ts';
import { Problem } from './Problem.tsx';

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
const label = (b: BackupView) => `${fmtDateTime(b.takenAt)} (${size(b.bytes)})`;

/** The last backup, Back up now, and restoring a chosen backup after confirmation. */
export function BackupSection({ notify, onRestored }: { notify: (m: string, k?: 'info' | 'error') => void; onRestored?: () => void }) {
  const ids = useId();
  const [state, setState] = useState<{ folder: string; backups: BackupView[] } | null>(null);
  const [chosen, setChosen] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const refresh = useCallback(() => {
    unwrap(api().listBackups({}))
      .then((s) => {
        setState(s);
        setChosen((c) => (s.backups.some((b) => b.name === c) ? c : (s.backups[0]?.name ?? '')));
      })
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(refresh, [refresh]);

  const backupNow = async () => {
    setBusy(true);
    setError(null);
    try {
      const made = await unwrap(api().backupNow({}));
      notify(`Backup taken: ${label(made)}.`);
      refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const restore = async () => {
    const backup = state?.backups.find((b) => b.name === chosen);
    if (!backup) return;
    setBusy(true);
    setError(null);
    try {
      const r = await unwrap(api().restoreBackup({ name: backup.name }));
      setConfirming(false);
      setDone(
        `Restored the backup of ${label(backup)}: ${r.calls} calls.` + (r.keptAside ? ` The data from before the restore is kept as ${r.keptAside}.` : ''),
      );
      onRestored?.();
      refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const last = state?.backups[0];
  const picked = state?.backups.find((b) => b.name === chosen);
  return (
    <section className="panel backups" aria-labelledby={`${ids}-title`}>
      <h2 id={`${ids}-title`}>Backups</h2>
      {(state !== null || error === null) && <p>{state === null ? 'Looking for backups…' : last ? `Last backup: ${label(last)}.` : 'No backup yet.'}</p>}
      <p className="muted">
        Outcall copies its data once a day while it runs{state ? ` into ${state.folder}` : ''}, and keeps the last 7 daily and 4 weekly copies.
      </p>
      <div className="row">
        <button type="button" onClick={() => void backupNow()} disabled={busy}>
          Back up now
        </button>
      </div>
      {state && state.backups.length > 0 && (
        <div className="row">
          <label>
            Backup to restore
            <select value={chosen} onChange={(e) => (setChosen(e.target.value), setConfirming(false))}>
              {state.backups.map((b) => (
                <option key={b.name} value={b.name}>
                  {label(b)}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={() => (setConfirming(true), setDone(null))} disabled={busy || confirming}>
            Restore…
          </button>
        </div>
      )}
      {confirming && picked && (
        <div role="alertdialog" aria-labelledby={`${ids}-confirm`} className="confirm">
          <p id={`${ids}-confirm`}>
            Replace all of Outcall&apos;s data with the backup of {label(picked)}? Calls, results and changes made since then are not in it. The current data is
            kept aside in a file beside the database.
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void restore()} disabled={busy}>
              Restore this backup
            </button>
            <button type="button" onClick={() => setConfirming(false)} disabled={busy}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <Problem text={error} />
      {done && <p role="status">{done}</p>}
    </section>
  );
}
