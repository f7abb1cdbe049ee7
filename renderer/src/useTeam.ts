import { useCallback, useEffect, useState } from 'react';
import type { TeamStatusView } from '../../shared/ipc/types.ts';
import type { TeamChange } from '../../shared/team/events.ts';
import { api, unwrap } from './api.ts';

/**
 * This desk's team connection status, read at once and again whenever main says it changed;
 * `onChange` hears every change the team database pushes (calls, leases, do-not-call, shifts).
 */
export function useTeamStatus(onChange?: (change: TeamChange) => void): { status: TeamStatusView | null; error: string | null; set: (s: TeamStatusView) => void } {
  const [status, set] = useState<TeamStatusView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const read = useCallback(() => {
    unwrap(api().teamStatus({}))
      .then((s) => (set(s), setError(null)))
      .catch((e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    read();
    return api().onTeamChange((change) => {
      if (change.kind === 'status') read();
      onChange?.(change);
    });
  }, [read, onChange]);
  return { status, error, set };
}

export const STATUS_WORDS: Record<TeamStatusView['status'], string> = {
  connected: 'Connected',
  offline: 'Offline',
  not_connected: 'Not connected',
};
