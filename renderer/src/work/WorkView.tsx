import { useCallback, useState } from 'react';
import type { CampaignSummary, RecordView } from '../../../shared/ipc/types.ts';
import { findCode, getScheme } from '../../../shared/schemes/index.ts';
import { api, unwrap } from '../api.ts';
import { CallPanel } from './CallPanel.tsx';
import { RecordCard } from './RecordCard.tsx';
import { TalkTrack } from './TalkTrack.tsx';

export function WorkView({
  caller,
  onShift,
  campaignId,
  campaigns,
  onCampaign,
  onLogged,
  opened,
  notify,
}: {
  caller: string;
  /** Records are taken inside a shift, so that the timesheet totals hold every call. */
  onShift: boolean;
  campaignId: number | null;
  campaigns: CampaignSummary[];
  onCampaign: (id: number) => void;
  onLogged: () => void;
  /** A record opened from the follow-ups: it replaces the one on screen. */
  opened: RecordView | null;
  notify: (message: string, kind?: 'info' | 'error') => void;
}) {
  const [view, setView] = useState<RecordView | null>(null);
  const [empty, setEmpty] = useState(false);
  const [busy, setBusy] = useState(false);

  // A record opened from the follow-ups takes the place of the one on screen (main let that one go).
  const [taken, setTaken] = useState<RecordView | null>(null);
  if (opened && opened !== taken) {
    setTaken(opened);
    setView(opened);
    setEmpty(false);
  }

  const next = useCallback(async () => {
    if (!campaignId || !caller) return;
    setBusy(true);
    try {
      const v = await unwrap(api().nextRecord({ campaignId, caller }));
      setView(v);
      setEmpty(v === null);
    } catch (e) {
      notify((e as Error).message, 'error');
    } finally {
      setBusy(false);
    }
  }, [campaignId, caller, notify]);

  const skip = async () => {
    if (!view) return;
    await unwrap(api().releaseRecord({ recordId: view.record.id, caller }));
    setView(null);
    notify('Record let go: it stays in the queue for anyone.');
  };

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
            onChange={(e) => {
              // A record held in the old campaign goes back to its queue.
              if (view) void unwrap(api().releaseRecord({ recordId: view.record.id, caller })).catch(() => undefined);
              setView(null);
              setEmpty(false);
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
        <button type="button" className="primary" onClick={() => void next()} disabled={!campaignId || busy || !!view || !onShift} aria-describedby="next-hint">
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
          <button type="button" onClick={() => void skip()} disabled={busy}>
            Let go of this record
          </button>
        )}
      </div>
      {empty && !view && <p className="panel muted">Nothing to call right now: no follow-ups due, and no records inside their calling hours.</p>}
      {view && (
        <div className="work-grid">
          <RecordCard view={view} onCopy={copy} caller={caller} onCorrected={(v) => setView({ ...v, reason: view.reason })} />
          <div className="call-column">
          <CallPanel
            key={view.record.id + ':' + view.record.attempts}
            recordId={view.record.id}
            flowInput={view.flowInput}
            numbers={view.dial}
            busy={busy}
            onDial={async (e164) => {
              try {
                await unwrap(api().dial({ recordId: view.record.id, e164 }));
                return true;
              } catch (e) {
                notify((e as Error).message, 'error');
                // Hours or the do-not-call list changed since the record came up: show it.
                const fresh = await unwrap(api().getRecord({ recordId: view.record.id })).catch(() => null);
                if (fresh) setView({ ...fresh, reason: view.reason });
                return false;
              }
            }}
            onLog={async (draft) => {
              setBusy(true);
              try {
                const toIso = (v: string) => (v ? new Date(v).toISOString() : undefined);
                const logged = await unwrap(
                  api().logCall({
                    recordId: view.record.id,
                    caller,
                    events: draft.events,
                    result: draft.code,
                    notes: draft.notes || undefined,
                    followUpAt: toIso(draft.followUpAt),
                    appointmentAt: toIso(draft.appointmentAt),
                    appointmentKind: findCode(getScheme(view.campaign.schemeId), draft.code)?.appointment ? draft.appointmentKind : undefined,
                    reason: draft.reason || undefined,
                    phone: draft.phone ?? undefined,
                  }),
                );
                const code = findCode(getScheme(view.campaign.schemeId), draft.code);
                if (code?.actions.includes('send_intro_email') && draft.sendIntroEmail) {
                  if (view.campaign.hasIntroEmail) await unwrap(api().sendIntroEmail({ callId: logged.callId }));
                  else notify('This campaign has no intro email template yet: send it by hand.', 'error');
                }
                notify(`Logged ${code?.label ?? draft.code}${logged.newLead ? ': new lead' : ''}${logged.numbersAddedToDnc ? `; ${logged.numbersAddedToDnc} numbers on do-not-call` : ''}.`);
                onLogged();
                setView(null);
                setBusy(false);
                await next();
                return true;
              } catch (e) {
                notify((e as Error).message, 'error');
                setBusy(false);
                return false;
              }
            }}
          />
          <TalkTrack view={view} caller={caller} />
          </div>
        </div>
      )}
    </div>
  );
}
