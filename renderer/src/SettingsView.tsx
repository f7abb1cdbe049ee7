import { useId, useState } from 'react';
import { DIAL_PRESETS, dialUrl, type Settings } from '../../shared/settings.ts';
import { ApiError, api, unwrap } from './api.ts';

export function SettingsView({ settings, onSaved, notify }: { settings: Settings; onSaved: (s: Settings) => void; notify: (m: string, k?: 'info' | 'error') => void }) {
  const [draft, setDraft] = useState<Settings>(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = useId();
  const preset =
    DIAL_PRESETS.find((p) => p.mode === draft.dial.mode && (p.mode !== 'custom' || p.template === draft.dial.template))?.id ?? (draft.dial.mode === 'custom' ? 'custom' : draft.dial.mode);
  const example = dialUrl(draft.dial, '+12015550123');
  const err = (k: string) =>
    errors[k] ? (
      <p className="error" id={`${ids}-${k}`} role="alert">
        {errors[k]}
      </p>
    ) : null;

  const save = async () => {
    try {
      const saved = await unwrap(api().setSettings(draft));
      setErrors({});
      onSaved(saved);
      notify('Settings saved.');
    } catch (e) {
      const fields = e instanceof ApiError ? e.fields : {};
      setErrors(fields);
      const messages = Object.values(fields);
      notify(messages.length ? `Settings not saved: ${messages.join(' ')}` : (e as Error).message, 'error');
    }
  };

  return (
    <form
      className="panel settings"
      aria-labelledby={`${ids}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2 id={`${ids}-title`}>Settings</h2>
      <label>
        Your name (calls are logged under it)
        <input value={draft.callerName} onChange={(e) => setDraft({ ...draft, callerName: e.target.value })} aria-invalid={!!errors['callerName']} />
      </label>
      {err('callerName')}
      <label>
        Default region (country code for numbers without one)
        <input value={draft.defaultRegion} maxLength={2} onChange={(e) => setDraft({ ...draft, defaultRegion: e.target.value.toUpperCase() })} aria-invalid={!!errors['defaultRegion']} />
      </label>
      {err('defaultRegion')}
      <fieldset>
        <legend>Dial hand-off</legend>
        <label>
          Softphone
          <select
            value={preset}
            onChange={(e) => {
              const p = DIAL_PRESETS.find((x) => x.id === e.target.value);
              if (p) setDraft({ ...draft, dial: { ...draft.dial, mode: p.mode, template: p.template ?? draft.dial.template } });
              else setDraft({ ...draft, dial: { ...draft.dial, mode: 'custom' } });
            }}
          >
            {DIAL_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
            <option value="custom">Custom template…</option>
          </select>
        </label>
        {draft.dial.mode === 'sip' && (
          <label>
            SIP domain
            <input value={draft.dial.sipDomain} placeholder="pbx.example.com" onChange={(e) => setDraft({ ...draft, dial: { ...draft.dial, sipDomain: e.target.value } })} aria-invalid={!!errors['dial.sipDomain']} />
          </label>
        )}
        {err('dial.sipDomain')}
        {draft.dial.mode === 'custom' && (
          <label>
            Template ({'{number}'} = +E.164, {'{digits}'} = digits only)
            <input value={draft.dial.template} placeholder="zoiper:{number}" onChange={(e) => setDraft({ ...draft, dial: { ...draft.dial, template: e.target.value } })} aria-invalid={!!errors['dial.template']} />
          </label>
        )}
        {err('dial.template')}
        <p className="hint">Example: {example.ok ? <code>{example.url}</code> : example.reason}</p>
      </fieldset>
      <label>
        Theme
        <select value={draft.theme} onChange={(e) => setDraft({ ...draft, theme: e.target.value as Settings['theme'] })}>
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </label>
      <div className="row end">
        <button type="submit" className="primary">
          Save settings
        </button>
      </div>
    </form>
  );
}
