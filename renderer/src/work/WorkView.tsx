import { useEffect, useRef } from 'react';
import { flowOfScheme } from '../../../shared/callflow/index.ts';
import type { CampaignSummary } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import { CallPanel } from './CallPanel.tsx';
import { RecordCard } from './RecordCard.tsx';
import { TalkTrack } from './TalkTrack.tsx';
import type { Workspace } from './workspace.ts';

export const NEXT_RECORD_ID = 'next-record';

export function WorkView({
  ws,
  caller,
  onShift,
  campaignId,
  campaigns,
  region,
  onCampaign,
  notify,
}: {
  /** The record and its call, held by the app so that switching views loses nothing. */
  ws: Workspace;
  caller: string;
  /** Records are taken inside a shift, so that the timesheet totals hold every call. */
  onShift: boolean;
  campaignId: number | null;
  campaigns: CampaignSummary[];
  /** The caller's own country: numbers there are written the national way. */
  region: string;
  onCampaign: (id: number) => void;
  notify: (message: string, kind?: 'info' | 'error') => void;
}) {
  const { view, empty, busy } = ws;
  const nextRef = useRef<HTMLButtonElement>(null);
  // Nothing left to call: the cursor waits on Next record.
  useEffect(() => {
    if (empty) nextRef.current?.focus();
  }, [empty]);
  const copy = (text: string) => {
    void unwrap(api().copyText({ text })).then(() => notify(`Copied ${text}`));
  };

  if (!caller) return <p className="panel">Enter your name in Settings first: calls are logged under it.</p>;

  return (
    <div className="work">
      <div className="toolbar">
        <label>
          Campaign
          <select
            value={campaignId ?? ''}
            disabled={ws.inCall}
            onChange={(e) => {
              // A record held in the old campaign goes back to its queue.
              void ws.letGo();
              onCampaign(Number(e.target.value));
            }}
          >
            <option value="" disabled>
              Choose a campaign…
            </option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.open} open)
              </option>
            ))}
          </select>
        </label>
        <button ref={nextRef} id={NEXT_RECORD_ID} type="button" className="primary" onClick={() => void ws.next()} disabled={!campaignId || busy || !!view || !onShift} aria-describedby="next-hint">
          Next record
        </button>
        {!view && (
          <span id="next-hint" className="hint">
            {campaigns.length === 0
              ? 'No campaigns yet: create one under Campaigns, then import its list.'
              : !onShift
                ? 'Start your shift (top right) to take records.'
                : !campaignId
                  ? 'Choose the campaign you are calling for.'
                  : ''}
          </span>
        )}
        {view && (
          <button type="button" onClick={() => void ws.letGo().then(() => notify('Record let go: it stays in the queue for anyone.'))} disabled={busy || ws.inCall}>
            Let go of this record
          </button>
        )}
      </div>
      {empty && !view && <p className="panel muted">Nothing to call right now: no follow-ups due, and no records inside their calling hours.</p>}
      {view && (
        <div className="work-grid">
          <RecordCard view={view} onCopy={copy} region={region} caller={caller} onCorrected={ws.correct} />
          <div className="call-column">
            <CallPanel ws={ws} view={view} region={region} onShift={onShift} />
            {/* Once the call is over the result step needs the room; Undo last step brings the track back. */}
            {!(ws.inCall && flowOfScheme(view.campaign.schemeId).callEnded(ws.snapshot)) && <TalkTrack view={view} caller={caller} />}
          </div>
        </div>
      )}
    </div>
  );
}
