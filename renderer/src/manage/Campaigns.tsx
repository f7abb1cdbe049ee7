import { useEffect, useState } from 'react';
import { WEEKDAYS, type CallingWindow } from '../../../shared/calling-window.ts';
import type { Input } from '../../../shared/ipc/contract.ts';
import type { CampaignDetail, CampaignSummary } from '../../../shared/ipc/types.ts';
import { DEFAULT_SCHEME_ID, getScheme, SCHEMES } from '../../../shared/schemes/index.ts';
import { DialFields } from '../DialFields.tsx';
import { ApiError, api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';

type Form = Input<'campaigns:save'>;
const OFFICE = { start: '09:00', end: '17:00' };
const DAY_LABEL: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

function blank(region: string): Form {
  return {
    name: '',
    client: '',
    region,
    timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    callingWindow: { mon: OFFICE, tue: OFFICE, wed: OFFICE, thu: OFFICE, fri: OFFICE, sat: null, sun: null },
    retryDelayHours: 48,
    maxAttempts: null,
    notQualifiedReasons: [],
    schemeId: DEFAULT_SCHEME_ID,
    options: { allowEmailOnlyHns: false, wantsConsultantFollowUp: false, qualification: '', introEmail: { subject: '', body: '' }, dial: null, script: '' },
  };
}

function toForm(c: CampaignDetail): Form {
  return {
    id: c.id,
    name: c.name,
    client: c.client,
    region: c.region,
    timezone: c.timezone,
    callingWindow: c.callingWindow,
    retryDelayHours: c.retryDelayHours,
    maxAttempts: c.maxAttempts,
    notQualifiedReasons: c.options.notQualifiedVariants.map((v) => v.label.replace(/^Not Qualified - /, '')),
    schemeId: c.schemeId,
    options: {
      allowEmailOnlyHns: c.options.allowEmailOnlyHns,
      wantsConsultantFollowUp: c.options.wantsConsultantFollowUp,
      qualification: c.options.qualification,
      introEmail: c.options.introEmail,
      dial: c.options.dial,
      script: c.options.script,
    },
  };
}

export function Campaigns({ campaigns, defaultRegion, onSaved, notify }: { campaigns: CampaignSummary[]; defaultRegion: string; onSaved: () => void; notify: (m: string, k?: 'info' | 'error') => void }) {
  const [selected, setSelected] = useState<number | 'new'>(campaigns[0]?.id ?? 'new');
  const [form, setForm] = useState<Form>(blank(defaultRegion));
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  /** Calls logged on the chosen campaign: once there are any, its scheme stays. */
  const [calls, setCalls] = useState(0);

  useEffect(() => {
    if (selected === 'new') return;
    unwrap(api().getCampaign({ campaignId: selected }))
      .then((c) => {
        setForm(toForm(c));
        setCalls(c.calls);
      })
      .catch((e: Error) => setError(e.message));
  }, [selected]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));
  const setOption = (patch: Partial<Form['options']>) => setForm((f) => ({ ...f, options: { ...f.options, ...patch } }));
  const setDay = (day: (typeof WEEKDAYS)[number], value: CallingWindow[typeof day]) => set({ callingWindow: { ...form.callingWindow, [day]: value } as Form['callingWindow'] });
  const invalid = (k: string) => Object.keys(fields).some((f) => f === k || f.startsWith(`${k}.`));

  const save = async () => {
    try {
      const saved = await unwrap(api().saveCampaign(form));
      setError(null);
      setFields({});
      setSelected(saved.id);
      setForm(toForm(saved));
      setCalls(saved.calls);
      notify(`Campaign "${saved.name}" saved.`);
      onSaved();
    } catch (e) {
      setError((e as Error).message);
      setFields(e instanceof ApiError ? e.fields : {});
    }
  };

  const dial = form.options.dial;
  const scheme = getScheme(form.schemeId ?? DEFAULT_SCHEME_ID);
  return (
    <section className="panel campaigns" aria-labelledby="campaigns-title">
      <div className="row spread">
        <h2 id="campaigns-title">Campaign settings</h2>
        <label className="inline">
          Campaign
          <select
            value={selected}
            onChange={(e) => {
              const v = e.target.value === 'new' ? 'new' : Number(e.target.value);
              setSelected(v);
              setError(null);
              setFields({});
              if (v === 'new') {
                setForm(blank(defaultRegion));
                setCalls(0);
              }
            }}
          >
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="new">New campaign…</option>
          </select>
        </label>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <div className="cols">
          <div>
            <label>
              Name
              <input value={form.name} onChange={(e) => set({ name: e.target.value })} aria-invalid={invalid('name')} />
            </label>
            <label>
              Client
              <input value={form.client} onChange={(e) => set({ client: e.target.value })} />
            </label>
            <div className="row">
              <label>
                Region
                <input value={form.region} maxLength={2} size={4} onChange={(e) => set({ region: e.target.value.toUpperCase() })} aria-invalid={invalid('region')} />
              </label>
              <label className="grow">
                Default time zone
                <input value={form.timezone} onChange={(e) => set({ timezone: e.target.value })} aria-invalid={invalid('timezone')} />
              </label>
            </div>
            <div className="row">
              <label>
                Retry delay (hours)
                <input type="number" min={0} value={form.retryDelayHours} onChange={(e) => set({ retryDelayHours: e.target.valueAsNumber })} aria-invalid={invalid('retryDelayHours')} />
              </label>
              <label>
                Maximum attempts
                <input type="number" min={1} value={form.maxAttempts ?? ''} placeholder="no limit" onChange={(e) => set({ maxAttempts: e.target.value === '' ? null : e.target.valueAsNumber })} aria-invalid={invalid('maxAttempts')} />
              </label>
            </div>
            <label>
              Outcome scheme
              <select value={form.schemeId ?? DEFAULT_SCHEME_ID} onChange={(e) => set({ schemeId: e.target.value })} disabled={calls > 0} aria-describedby="scheme-hint" aria-invalid={invalid('schemeId')}>
                {SCHEMES.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.name}
                  </option>
                ))}
              </select>
            </label>
            <p className="hint" id="scheme-hint">
              {calls > 0 ? `${calls === 1 ? '1 call is' : `${calls} calls are`} logged with this scheme: it stays.` : scheme.description}
            </p>
            <fieldset>
              <legend>Result options</legend>
              {scheme.switches.map((sw) => (
                <label key={sw.key} className="check">
                  <input type="checkbox" checked={(form.options as Record<string, unknown>)[sw.key] === true} onChange={(e) => setOption({ [sw.key]: e.target.checked })} />
                  {sw.label}
                </label>
              ))}
              {scheme.variants && (
                <label>
                  {scheme.variants.prompt}
                  <input value={form.notQualifiedReasons.join(', ')} onChange={(e) => set({ notQualifiedReasons: e.target.value.split(',').map((x) => x.trimStart()) })} />
                </label>
              )}
            </fieldset>
            <label>
              Qualification criteria (shown on the record card)
              <textarea rows={3} value={form.options.qualification} onChange={(e) => setOption({ qualification: e.target.value })} />
            </label>
            <label>
              Talk track (shown beside the call; {'{contact}'}, {'{company}'}, {'{caller}'} are filled in)
              <textarea rows={6} maxLength={10_000} value={form.options.script ?? ''} onChange={(e) => setOption({ script: e.target.value })} aria-invalid={invalid('options.script')} />
            </label>
          </div>
          <div>
            <fieldset>
              <legend>Calling window (record's local time)</legend>
              {WEEKDAYS.map((d) => {
                const w = form.callingWindow[d];
                return (
                  <div key={d} className="day">
                    <label className="check">
                      <input type="checkbox" checked={w !== null} onChange={(e) => setDay(d, e.target.checked ? OFFICE : null)} />
                      {DAY_LABEL[d]}
                    </label>
                    {w && (
                      <>
                        <input aria-label={`${DAY_LABEL[d]} from`} type="time" value={w.start} onChange={(e) => setDay(d, { ...w, start: e.target.value })} aria-invalid={invalid(`callingWindow.${d}`)} />
                        <input aria-label={`${DAY_LABEL[d]} until`} type="time" value={w.end} onChange={(e) => setDay(d, { ...w, end: e.target.value })} aria-invalid={invalid(`callingWindow.${d}`)} />
                      </>
                    )}
                  </div>
                );
              })}
            </fieldset>
            <fieldset>
              <legend>Intro email ({'{contact}'}, {'{company}'}, {'{caller}'}, {'{client}'} are filled in)</legend>
              <label>
                Subject
                <input value={form.options.introEmail.subject} onChange={(e) => setOption({ introEmail: { ...form.options.introEmail, subject: e.target.value } })} />
              </label>
              <label>
                Body
                <textarea rows={4} value={form.options.introEmail.body} onChange={(e) => setOption({ introEmail: { ...form.options.introEmail, body: e.target.value } })} />
              </label>
            </fieldset>
            <fieldset>
              <legend>Dial hand-off</legend>
              <label className="check">
                <input type="checkbox" checked={dial !== null} onChange={(e) => setOption({ dial: e.target.checked ? { mode: 'sip', sipDomain: '', template: '' } : null })} />
                This campaign uses its own hand-off (overrides each caller's setting)
              </label>
              {dial && <DialFields dial={dial} onChange={(d) => setOption({ dial: d })} invalid={() => invalid('options.dial')} />}
            </fieldset>
          </div>
        </div>
        <Problem text={error} />
        <div className="row end">
          <button type="submit" className="primary">
            {form.id ? 'Save campaign' : 'Create campaign'}
          </button>
        </div>
      </form>
    </section>
  );
}
