import type { RecordCard } from '../../../shared/ipc/types.ts';
import { codeLabel, levelLabel, type OutcomeScheme } from '../../../shared/schemes/index.ts';
import { fmtDateTime } from '../format.ts';

const FIELD_LABEL: Record<string, string> = {
  phone: 'Number',
  direct_line: "DM's direct line",
  contact_name: 'Contact',
  title: "Decision maker's role",
};

/** A call's outcomes in its scheme's words and order: every one chosen (one per dimension), or its result. */
export function outcomeWords(scheme: OutcomeScheme, call: { result: string; outcomes?: readonly string[] }): string {
  const chosen = call.outcomes?.length ? call.outcomes : [call.result];
  const order = (slug: string) => {
    const i = scheme.codes.findIndex((c) => c.slug === slug);
    return i < 0 ? scheme.codes.length : i;
  };
  return [...chosen].sort((a, b) => order(a) - order(b)).map((slug) => codeLabel(scheme, slug)).join(', ');
}

/** Every call (with its notes, its time in the prospect's zone) and every correction of a record, newest first. */
export function RecordHistory({
  record: r,
  scheme,
  omitCallId,
}: {
  record: RecordCard;
  /** The campaign's scheme: its words for the outcomes and contact levels. */
  scheme: OutcomeScheme;
  /** A call shown already (the last call, above the history). */
  omitCallId?: number;
}) {
  const items = [
    ...r.history.filter((h) => h.id !== omitCallId).map((h) => ({ at: h.startedAt, key: `call-${h.id}`, call: h, change: null })),
    ...r.changes.map((c) => ({ at: c.at, key: `change-${c.id}`, call: null, change: c })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  if (items.length === 0) return <p className="muted">{omitCallId === undefined ? 'Not called yet.' : 'Nothing before the last call.'}</p>;
  return (
    <ol className="history" aria-label="History">
      {items.map(({ key, call: h, change: c }) =>
        h ? (
          <li key={key}>
            <span className="when">{fmtDateTime(h.startedAt, r.tz)}</span> <strong>{outcomeWords(scheme, h)}</strong> · {levelLabel(scheme, h.contactLevel)}
            {h.pitched ? ', pitched' : ''} · {h.caller}
            {h.followUpAt && <span className="muted"> · follow-up {fmtDateTime(h.followUpAt, r.tz)}</span>}
            {h.notes && <p className="note">{h.notes}</p>}
          </li>
        ) : c ? (
          <li key={key} className="change">
            <span className="when">{fmtDateTime(c.at)}</span> {c.by} corrected {FIELD_LABEL[c.field] ?? c.field}:{' '}
            {c.oldValue ? (
              <>
                <del>{c.oldValue}</del> → {c.newValue}
              </>
            ) : (
              <>added {c.newValue}</>
            )}
          </li>
        ) : null,
      )}
    </ol>
  );
}
