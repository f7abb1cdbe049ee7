import { useCallback, useEffect, useRef, useState } from 'react';
import type { TeamBoard } from '../../../shared/ipc/types.ts';
import type { TeamChange } from '../../../shared/team/events.ts';
import { api, unwrap } from '../api.ts';
import { fmtDayTime, zoneName } from '../format.ts';
import { Problem } from '../Problem.tsx';
import { STATUS_WORDS, useTeamStatus } from '../useTeam.ts';

/** The supervisor's zone: "today" on the board is this zone's day, and its times are in it. */
const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Changes arriving together (a busy team) are read once. */
const GATHER_MS = 300;
/** Read again this often anyway. */
const SAFETY_MS = 30_000;

/** The board's own figures around the schemes' columns (those of today's calls and the records held). */
const columnsOf = (board: TeamBoard) => [
  { key: 'dials', label: 'Dials' },
  { key: 'calls', label: 'Calls' },
  ...board.columns,
  { key: 'closed', label: 'Records closed' },
];

/**
 * The team board: who is on shift, what each desk is working now and today's totals per caller
 * and for the team. Read again whenever a call, a lease or a shift is announced, when the
 * connection comes back, and every 30 seconds.
 */
export function Board() {
  const [board, setBoard] = useState<TeamBoard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(() => {
    unwrap(api().teamBoard({ zone: ZONE }))
      .then((b) => (setBoard(b), setError(null)))
      .catch((e: Error) => setError(e.message));
  }, []);
  const onChange = useCallback(
    (change: TeamChange) => {
      if (change.kind === 'dnc') return;
      if (pending.current) clearTimeout(pending.current);
      pending.current = setTimeout(load, GATHER_MS);
    },
    [load],
  );
  const { status } = useTeamStatus(onChange);
  const connected = status?.status === 'connected';
  useEffect(() => {
    if (!connected) return;
    load();
    // Desks announce what they change; one that does not (a command line of an older Outcall) shows up here within this.
    const every = setInterval(load, SAFETY_MS);
    return () => clearInterval(every);
  }, [connected, load]);
  useEffect(() => () => void (pending.current && clearTimeout(pending.current)), []);

  return (
    <section className="panel board" aria-labelledby="board-title">
      <h2 id="board-title">Team board</h2>
      <p>
        Team database: <strong className={`team-status ${status?.status ?? ''}`}>{status ? STATUS_WORDS[status.status] : 'Checking…'}</strong>
        {status && status.status !== 'connected' && <span className="muted"> {status.message}</span>}
      </p>
      {status?.status === 'not_connected' ? (
        <p>Connect this desk to the team database in Settings, Team database, to see the team here.</p>
      ) : (
        <>
          <Problem text={error} />
          {board && <BoardTable board={board} />}
        </>
      )}
    </section>
  );
}

/** Today's figures per desk and for the team: dials, calls, the schemes' columns and records closed. */
function BoardTable({ board }: { board: TeamBoard }) {
  const columns = columnsOf(board);
  return (
    <div className="table-scroll">
      <table className="numbers">
        <caption>
          Today in {zoneName(board.zone, new Date(board.at))}, as of {fmtDayTime(board.at, board.zone)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Caller</th>
            <th scope="col">On shift since</th>
            <th scope="col">Working on</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {board.desks.length === 0 ? (
            <tr>
              <td colSpan={3 + columns.length} className="muted">
                Nobody is on shift and no calls today.
              </td>
            </tr>
          ) : (
            board.desks.map((d) => (
              <tr key={d.callerId}>
                <th scope="row">{d.name}</th>
                <td>{d.shiftStartedAt ? fmtDayTime(d.shiftStartedAt, board.zone) : <span className="muted">Not on shift</span>}</td>
                <td>{d.holding ? `${d.holding.company || `Record ${d.holding.recordId}`} (${d.holding.campaign})` : <span className="muted">Nothing</span>}</td>
                {columns.map((c) => (
                  <td key={c.key}>{d.totals[c.key] ?? 0}</td>
                ))}
              </tr>
            ))
          )}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Team</th>
            <td />
            <td />
            {columns.map((c) => (
              <td key={c.key}>{board.team[c.key] ?? 0}</td>
            ))}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
