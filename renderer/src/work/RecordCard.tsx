import type { RecordView } from '../../../shared/ipc/types.ts';
import { codeLabel, getScheme, levelLabel } from '../../../shared/schemes/index.ts';
import { fmtDateTime, fmtDayTime, fmtPhone, zoneName } from '../format.ts';
import { useNow } from '../useNow.ts';
import { RecordCorrection } from './RecordCorrection.tsx';
import { outcomeWords, RecordHistory } from './RecordHistory.tsx';

const REASON: Record<string, string> = {
  meeting_due: 'Meeting due',
  waiting_for_outcome: 'Waiting for an outcome',
  follow_up_due: 'Follow-up due',
  fresh: 'New record',
  retry: 'Call again',
};

/** The prospect's own clock, ticking, with their zone named. */
function TheirTime({ tz, insideWindow }: { tz: string; insideWindow: boolean }) {
  const now = useNow(15_000);
  return (
    <p className={`local ${insideWindow ? '' : 'closed'}`} title={tz}>
      Their time {fmtDayTime(now, tz)} <span className="zone">{zoneName(tz, now)}</span>
      {!insideWindow && ' · outside calling hours'}
    </p>
  );
}

export function RecordCard({
  view,
  onCopy,
  region,
  caller,
  onCorrected,
}: {
  view: RecordView;
  onCopy: (text: string) => void;
  /** The caller's own country: numbers there are shown the national way. */
  region: string;
  caller: string;
  /** The record after a correction the caller saved. */
  onCorrected: (view: RecordView) => void;
}) {
  const { record: r, campaign } = view;
  const scheme = getScheme(campaign.schemeId);
  const label = (slug: string | null) => (slug ? codeLabel(scheme, slug) : '');
  // On a returning record the last call and the history come first: they say what to do now.
  const last = r.history[0];
  const returning = r.history.length > 0 || r.changes.length > 0;
  const history = (
    <section aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      <RecordHistory record={r} scheme={scheme} omitCallId={last?.id} />
    </section>
  );
  const custom = Object.entries(r.custom);
  const place = [r.address, r.city, r.state, r.postcode, r.country].filter(Boolean).join(', ');
  return (
    <article className="panel record" aria-labelledby="record-title">
      <header className="record-head">
        <div>
          <h2 id="record-title">{r.company || r.contactName || `Record ${r.id}`}</h2>
          <p className="muted">
            {view.reason && <span className={`badge ${view.reason}`}>{REASON[view.reason]}</span>}
            {r.existingLead && <span className="badge lead">Existing lead</span>}
            {r.task && <span className="badge">Task due {fmtDateTime(r.task.dueAt, r.tz)}</span>}
            <span>
              Attempts {r.attempts}
              {r.lastResult ? ` · last: ${label(r.lastResult)}` : ''}
            </span>
          </p>
        </div>
        <TheirTime tz={r.tz} insideWindow={view.local.insideWindow} />
      </header>

      {last && (
        <section className="last-call" aria-labelledby="last-call-title">
          <h3 id="last-call-title">Last call</h3>
          <p>
            {fmtDateTime(last.startedAt, r.tz)} · <strong>{outcomeWords(scheme, last)}</strong> · {levelLabel(scheme, last.contactLevel)}
            {last.pitched ? ', pitched' : ''} · {last.caller}
          </p>
          {last.notes ? <p className="note">{last.notes}</p> : <p className="muted">No note on the last call.</p>}
        </section>
      )}
      {returning && history}

      <dl className="facts">
        {r.contactName && (
          <>
            <dt>Contact</dt>
            <dd>{r.contactName}</dd>
          </>
        )}
        {r.title && (
          <>
            <dt>Decision maker's role</dt>
            <dd>{r.title}</dd>
          </>
        )}
        {r.email && (
          <>
            <dt>Email</dt>
            <dd>{r.email}</dd>
          </>
        )}
        {place && (
          <>
            <dt>Address</dt>
            <dd>{place}</dd>
          </>
        )}
        {r.industry && (
          <>
            <dt>Industry</dt>
            <dd>{r.industry}</dd>
          </>
        )}
        {r.employees && (
          <>
            <dt>Employees</dt>
            <dd>{r.employees}</dd>
          </>
        )}
        {r.website && (
          <>
            <dt>Website</dt>
            <dd>{r.website}</dd>
          </>
        )}
      </dl>

      <h3>Phones</h3>
      <ul className="phones">
        {r.phones.map((p, i) => {
          const state = view.dial.find((d) => d.e164 === p.e164);
          return (
            <li key={i}>
              <span className="phone-label">{p.label}</span>
              <span className="phone-number">{p.e164 ? fmtPhone(p.e164, region) : p.raw}</span>
              {p.extension && <span className="muted">ext. {p.extension}</span>}
              {!p.e164 && <span className="warn">not a valid number</span>}
              {state && !state.canDial && <span className="warn">{state.reason}</span>}
              <button type="button" className="link" onClick={() => onCopy(p.e164 ?? p.raw)} aria-label={`Copy number ${p.e164 ?? p.raw}`}>
                Copy
              </button>
            </li>
          );
        })}
      </ul>

      {custom.length > 0 && (
        <>
          <h3>More from the list</h3>
          <dl className="facts">
            {custom.map(([k, v]) => (
              <div key={k} className="fact">
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        </>
      )}

      {campaign.qualification && (
        <>
          <h3>Qualifies when</h3>
          <p className="qualification">{campaign.qualification}</p>
        </>
      )}

      {!returning && history}
      <RecordCorrection key={r.id} view={view} caller={caller} onSaved={onCorrected} />
    </article>
  );
}
