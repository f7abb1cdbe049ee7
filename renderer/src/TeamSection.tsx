import { useId, useState } from 'react';
import { api, unwrap } from './api.ts';
import { Problem } from './Problem.tsx';
import { STATUS_WORDS, useTeamStatus } from './useTeam.ts';

/**
 * Settings, Team database: the URL (its password is never shown back), Connect and
 * Disconnect, and whether this desk is connected now.
 */
export function TeamSection({ notify }: { notify: (m: string, k?: 'info' | 'error') => void }) {
  const ids = useId();
  const { status, error: statusError, set } = useTeamStatus();
  const [url, setUrl] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  const [remember, setRemember] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shownUrl = url ?? status?.url ?? '';

  const run = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setError(null);
    try {
      await what();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const connect = () =>
    run(async () => {
      const s = await unwrap(api().connectTeam({ url: shownUrl, password: password || undefined, remember }));
      set(s);
      setUrl(null);
      setPassword('');
      notify(s.message);
    });
  const disconnect = () =>
    run(async () => {
      set(await unwrap(api().disconnectTeam({})));
      notify('Disconnected from the team database.');
    });

  const connected = status?.status === 'connected' || status?.status === 'offline';
  return (
    <form
      className="panel team"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void connect();
      }}
    >
      <h2 id={`${ids}-title`}>Team database</h2>
      <p>
        Status:{' '}
        <strong className={`team-status ${status?.status ?? ''}`} aria-live="polite">
          {status ? STATUS_WORDS[status.status] : 'Checking…'}
        </strong>
      </p>
      {status && <p className="muted">{status.message}</p>}
      <label>
        Team database URL
        <input value={shownUrl} onChange={(e) => setUrl(e.target.value)} placeholder="postgres://you@db.example.com:5432/outcall" spellCheck={false} autoComplete="off" />
      </label>
      <label>
        Password
        <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      <label className="check">
        <input type="checkbox" checked={remember} disabled={!status?.canKeepPassword} onChange={(e) => setRemember(e.target.checked)} />
        Remember the password on this computer (encrypted by the system)
      </label>
      <p className="muted">
        {status?.canKeepPassword
          ? status.passwordKept
            ? 'A password is kept for this database, encrypted by the system.'
            : 'Without it, Outcall asks for the password at each start.'
          : 'This computer cannot keep a password encrypted: Outcall asks for it at each start.'}
      </p>
      <div className="row end">
        <button type="submit" className="primary" disabled={busy || !shownUrl.trim()}>
          Connect
        </button>
        <button type="button" onClick={() => void disconnect()} disabled={busy || !connected}>
          Disconnect
        </button>
      </div>
      <Problem text={error ?? statusError} />
    </form>
  );
}
