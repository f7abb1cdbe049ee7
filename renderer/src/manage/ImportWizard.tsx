import { useEffect, useRef, useState } from 'react';
import type { CampaignSummary, ColumnTarget, ImportJobView, ImportPreview, ImportSummaryView } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';

const TARGETS: { value: ColumnTarget; label: string }[] = [
  { value: 'company', label: 'Company' },
  { value: 'contact_name', label: 'Contact (full name)' },
  { value: 'first_name', label: 'First name' },
  { value: 'last_name', label: 'Last name' },
  { value: 'title', label: "DM's role / title" },
  { value: 'phone', label: 'Phone' },
  { value: 'area_code', label: 'Area code (put before each phone)' },
  { value: 'email', label: 'Email' },
  { value: 'address', label: 'Address' },
  { value: 'city', label: 'City' },
  { value: 'state', label: 'State' },
  { value: 'postcode', label: 'Postcode / ZIP' },
  { value: 'country', label: 'Country' },
  { value: 'industry', label: 'Industry' },
  { value: 'employees', label: 'Employees' },
  { value: 'website', label: 'Website' },
  { value: 'custom', label: 'Keep as custom field' },
  { value: 'ignore', label: 'Ignore' },
];

const REASONS: Record<string, string> = {
  invalid_phone: 'No valid phone number',
  duplicate_in_file: 'Duplicate within the file',
  duplicate_in_campaign: 'Already in the campaign',
  on_do_not_call: 'On the do-not-call list',
};

export function ImportWizard({ campaigns, defaultRegion, onImported, notify }: { campaigns: CampaignSummary[]; defaultRegion: string; onImported: () => void; notify: (m: string, k?: 'info' | 'error') => void }) {
  const [campaignId, setCampaignId] = useState<number | null>(campaigns[0]?.id ?? null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, ColumnTarget>>({});
  const [region, setRegion] = useState('');
  const [templates, setTemplates] = useState<{ name: string; mapping: Record<string, ColumnTarget> }[]>([]);
  const [templateName, setTemplateName] = useState('');
  const [job, setJob] = useState<{ id: number; dryRun: boolean; view: ImportJobView } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);

  useEffect(() => {
    unwrap(api().listTemplates({}))
      .then(setTemplates)
      .catch(() => undefined);
    return () => window.clearInterval(timer.current);
  }, []);

  const campaign = campaigns.find((c) => c.id === campaignId);
  const effectiveRegion = region || campaign?.region || defaultRegion;

  const choose = async () => {
    setError(null);
    const picked = await unwrap(api().pickListFile({})).catch((e: Error) => (setError(e.message), null));
    if (!picked) return;
    try {
      const p = await unwrap(api().previewList({ file: picked.token }));
      setPreview(p);
      setMapping(p.mapping);
      setJob(null);
    } catch (e) {
      setPreview(null);
      setError((e as Error).message);
    }
  };

  const run = async (dryRun: boolean) => {
    if (!preview || !campaignId) return;
    setError(null);
    try {
      const { jobId } = await unwrap(api().startImport({ file: preview.file, campaignId, mapping, region: effectiveRegion, dryRun }));
      setJob({ id: jobId, dryRun, view: { state: 'running', progress: null } });
      const poll = async () => {
        const view = await unwrap(api().importStatus({ jobId }));
        setJob({ id: jobId, dryRun, view });
        if (view.state !== 'running') {
          window.clearInterval(timer.current);
          if (view.state === 'done' && !dryRun) {
            notify(`Imported ${view.summary.imported} of ${view.summary.rows} rows into ${campaign?.name}.`);
            onImported();
          }
          if (view.state === 'failed') setError(view.error);
        }
      };
      window.clearInterval(timer.current);
      timer.current = window.setInterval(() => void poll().catch((e: Error) => setError(e.message)), 150);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const running = job?.view.state === 'running';
  const progress = job?.view.state === 'running' ? job.view.progress : null;
  const pct = progress && progress.bytesTotal ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100)) : 0;
  const summary: ImportSummaryView | null = job?.view.state === 'done' ? job.view.summary : null;
  const hasPhone = Object.values(mapping).includes('phone');

  return (
    <section className="panel wizard" aria-labelledby="import-title">
      <h2 id="import-title">Import a record list</h2>
      <div className="row">
        <label>
          Into campaign
          <select value={campaignId ?? ''} onChange={(e) => setCampaignId(Number(e.target.value))}>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Default region
          <input value={region} placeholder={campaign?.region ?? defaultRegion} maxLength={2} size={4} onChange={(e) => setRegion(e.target.value.toUpperCase())} />
        </label>
        <button type="button" className="primary" onClick={() => void choose()} disabled={running || !campaignId}>
          Choose file…
        </button>
      </div>
      <Problem text={error} />
      {preview && (
        <>
          <p className="muted">
            {preview.name} · {preview.kind.toUpperCase()}
            {preview.encoding ? ` · ${preview.encoding}` : ''}
            {preview.delimiter ? ` · delimiter ${JSON.stringify(preview.delimiter)}` : ''} · header on row {preview.headerRow}
          </p>
          <div className="row">
            <label>
              Template
              <select
                value=""
                onChange={(e) => {
                  const t = templates.find((x) => x.name === e.target.value);
                  if (t) setMapping((m) => Object.fromEntries(Object.keys(m).map((h) => [h, t.mapping[h] ?? m[h] ?? 'custom'])) as Record<string, ColumnTarget>);
                }}
              >
                <option value="">Apply a saved template…</option>
                {templates.map((t) => (
                  <option key={t.name}>{t.name}</option>
                ))}
              </select>
            </label>
            <label>
              Save mapping as
              <input value={templateName} onChange={(e) => setTemplateName(e.target.value)} placeholder="e.g. CRM export" />
            </label>
            <button
              type="button"
              onClick={() =>
                void unwrap(api().saveTemplate({ name: templateName, mapping }))
                  .then((t) => {
                    setTemplates(t);
                    notify(`Template "${templateName}" saved.`);
                  })
                  .catch((e: Error) => notify(e.message, 'error'))
              }
            >
              Save template
            </button>
          </div>
          <div className="table-scroll">
            <table className="preview">
              <caption>Columns and the first rows</caption>
              <thead>
                <tr>
                  {preview.headers.map((h) => (
                    <th key={h} scope="col">
                      <label>
                        {h}
                        <select aria-label={`Map column ${h}`} value={mapping[h] ?? 'custom'} onChange={(e) => setMapping({ ...mapping, [h]: e.target.value as ColumnTarget })}>
                          {TARGETS.map((t) => (
                            <option key={t.value} value={t.value}>
                              {t.label}
                            </option>
                          ))}
                        </select>
                      </label>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r, i) => (
                  <tr key={i}>
                    {preview.headers.map((h, j) => (
                      <td key={h}>{r[j] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!hasPhone && <p className="error">Map at least one column to Phone.</p>}
          <div className="row">
            <button type="button" onClick={() => void run(true)} disabled={running || !hasPhone}>
              Dry run
            </button>
            <button type="button" className="primary" onClick={() => void run(false)} disabled={running || !hasPhone}>
              Import
            </button>
            {running && job && (
              <button type="button" onClick={() => void unwrap(api().cancelImport({ jobId: job.id }))}>
                Cancel
              </button>
            )}
          </div>
        </>
      )}
      {running && (
        <div className="progress">
          <div role="progressbar" aria-label="Import progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
            <span style={{ width: `${pct}%` }} />
          </div>
          <p className="muted">{progress ? `${progress.rowsRead.toLocaleString()} rows read` : 'Starting…'}</p>
        </div>
      )}
      {job?.view.state === 'cancelled' && <p role="status">Import cancelled: nothing was saved.</p>}
      {summary && job && (
        <section aria-label={summary.dryRun ? 'Dry run result' : 'Import result'} className="summary">
          <h3>{summary.dryRun ? 'Dry run: nothing was written' : 'Imported'}</h3>
          <table>
            <tbody>
              <tr>
                <th scope="row">{summary.dryRun ? 'Would be callable' : 'Callable records imported'}</th>
                <td>{summary.imported}</td>
              </tr>
              <tr>
                <th scope="row">No valid phone number</th>
                <td>{summary.invalidPhone}</td>
              </tr>
              <tr>
                <th scope="row">Duplicate within the file</th>
                <td>{summary.duplicateInFile}</td>
              </tr>
              <tr>
                <th scope="row">Already in the campaign</th>
                <td>{summary.duplicateInCampaign}</td>
              </tr>
              <tr>
                <th scope="row">On the do-not-call list</th>
                <td>{summary.onDoNotCall}</td>
              </tr>
              <tr>
                <th scope="row">Rows read</th>
                <td>{summary.rows}</td>
              </tr>
            </tbody>
          </table>
          {summary.examples.length > 0 && (
            <>
              <h3>Examples</h3>
              <ul>
                {summary.examples.map((e, i) => (
                  <li key={i}>
                    Row {e.row}: {REASONS[e.reason] ?? e.reason} ({e.detail})
                  </li>
                ))}
              </ul>
            </>
          )}
          {summary.errorReport && (
            <button
              type="button"
              onClick={() =>
                void unwrap(api().saveImportReport({ jobId: job.id }))
                  .then((r) => r && notify(`Error report saved to ${r.path}`))
                  .catch((e: Error) => notify(e.message, 'error'))
              }
            >
              Save error report…
            </button>
          )}
        </section>
      )}
    </section>
  );
}
