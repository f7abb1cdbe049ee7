import { fillPlaceholders } from '../../../shared/placeholders.ts';
import type { RecordView } from '../../../shared/ipc/types.ts';

/**
 * The campaign's talk track beside the call, with {contact}, {company} and {caller} filled in.
 * It takes the room the call panel leaves and scrolls inside; the keyboard reaches it too.
 */
export function TalkTrack({ view, caller }: { view: RecordView; caller: string }) {
  const script = view.campaign.script.trim();
  if (!script) return null;
  const r = view.record;
  const text = fillPlaceholders(script, { contact: r.contactName || 'there', company: r.company || 'your company', caller, client: view.campaign.client });
  return (
    <section className="panel talk-track" aria-labelledby="talk-track-title">
      <h2 id="talk-track-title">Talk track</h2>
      <p className="script" tabIndex={0}>
        {text}
      </p>
    </section>
  );
}
