import { useState } from 'react';
import type { CampaignSummary } from '../../shared/ipc/types.ts';
import { DEFAULT_SCHEME_ID, getScheme, levelWords, type OutcomeScheme, type ResultCode } from '../../shared/schemes/index.ts';
import { flowOfScheme } from '../../shared/callflow/index.ts';

const needs = (scheme: OutcomeScheme, c: ResultCode) =>
  [
    c.levels.map((l) => levelWords(scheme, l)).join(' / '),
    c.pitch === 'required' ? 'pitched' : c.pitch === 'forbidden' ? 'not pitched' : '',
    c.existingLead ? 'existing lead only' : '',
    c.minBlockedAttempts ? `after ${c.minBlockedAttempts} blocked attempts` : '',
    c.campaignOption ? 'if the campaign allows' : '',
  ]
    .filter(Boolean)
    .join(', ');

/** What logging the code asks for: its task's window, then the other fields it takes, from their declarations. */
const loggingNeeds = (scheme: OutcomeScheme, c: ResultCode) => {
  const f = c.followUp;
  const task = c.effects.find((e) => e.kind === 'task')?.field;
  const when = f ? (f.maxDays !== null ? `${f.minDays}-${f.maxDays} days` : f.minDays > 0 ? `> ${f.minDays - 1} days` : 'any date') : '';
  const parts = f ? [f.required === 'always' ? `task ${when}` : f.required === 'optional' ? `task (optional) ${when}` : 'task if the DM asked for a call back'] : [];
  for (const use of c.fields ?? []) {
    if (use.key === task) continue;
    const label = scheme.fields.find((d) => d.key === use.key)?.label ?? use.key;
    parts.push(use.required ? label : `${label} (optional)`);
  }
  return parts.join(', ');
};

function CodeRow({ scheme, code: c }: { scheme: OutcomeScheme; code: ResultCode }) {
  return (
    <tr>
      <td>{c.shortcut && <kbd>{c.shortcut.toUpperCase()}</kbd>}</td>
      <th scope="row">{c.label}</th>
      <td>{needs(scheme, c)}</td>
      <td>{c.open ? 'Open' : 'Closed'}</td>
      <td>{c.counts ?? ''}</td>
      <td>{loggingNeeds(scheme, c)}</td>
      <td>{c.whenToUse}</td>
    </tr>
  );
}

/**
 * The one-page call-result cheat sheet, generated from the scheme data: the scheme of the
 * campaigns, with a choice when they use several.
 */
export function Help({ campaigns }: { campaigns: CampaignSummary[] }) {
  const used = [...new Set(campaigns.map((c) => c.schemeId))];
  const [chosen, setChosen] = useState(used[0] ?? DEFAULT_SCHEME_ID);
  const scheme = getScheme(used.includes(chosen) ? chosen : (used[0] ?? DEFAULT_SCHEME_ID));
  return (
    <section className="panel cheat" aria-labelledby="help-title">
      <div className="row spread no-print">
        <h2 id="help-title">Call results: {scheme.name}</h2>
        {used.length > 1 && (
          <label className="inline">
            Scheme
            <select value={scheme.id} onChange={(e) => setChosen(e.target.value)}>
              {used.map((id) => (
                <option key={id} value={id}>
                  {getScheme(id).name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <h2 className="print-only">Call results: {scheme.name}</h2>
      <p>
        <strong>{scheme.cheatSheet.title}</strong> {scheme.cheatSheet.text} <strong>{scheme.cheatSheet.stress}</strong>
      </p>
      <table>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Result</th>
            <th scope="col">Needs</th>
            <th scope="col">Record</th>
            <th scope="col">Counts</th>
            <th scope="col">Logging needs</th>
            <th scope="col">When to use</th>
          </tr>
        </thead>
        {scheme.dimensions ? (
          // One outcome per dimension per call: the outcomes under their dimension's heading.
          scheme.dimensions.map((d) => (
            <tbody key={d.key}>
              <tr className="dimension-head">
                <th scope="colgroup" colSpan={7}>
                  {d.label}
                  {d.required ? ' (choose one)' : ' (at most one)'}
                </th>
              </tr>
              {scheme.codes
                .filter((c) => c.dimension === d.key)
                .map((c) => (
                  <CodeRow key={c.slug} scheme={scheme} code={c} />
                ))}
            </tbody>
          ))
        ) : (
          <tbody>
            {scheme.codes.map((c) => (
              <CodeRow key={c.slug} scheme={scheme} code={c} />
            ))}
          </tbody>
        )}
      </table>
      {scheme.guidance && (
        <section aria-labelledby="cheat-guidance">
          <h3 id="cheat-guidance">{scheme.guidance.title}</h3>
          <p>{scheme.guidance.intro}</p>
          <ul>
            {scheme.guidance.items.map((i) => (
              <li key={i.label}>
                {i.label}
                {i.example && <> (“{i.example}”)</>}
              </li>
            ))}
          </ul>
          {scheme.guidance.alternatives && <p>{scheme.guidance.alternatives}</p>}
        </section>
      )}
      <h3>Keys during a call</h3>
      <p>
        <kbd>D</kbd> dial, then{' '}
        {flowOfScheme(scheme.id).buttons.map((b) => (
          <span key={b.type} className="keyhint">
            <kbd>{b.key.toUpperCase()}</kbd> {b.label}
          </span>
        ))}
        , <kbd>Alt+N</kbd> notes, <kbd>Ctrl+Z</kbd> undo a step, result keys above (results that cannot be taken back have none, and ask first), <kbd>Ctrl+Enter</kbd>
        log and next.
      </p>
    </section>
  );
}
