import { useId, useState } from 'react';
import type { Settings } from '../../shared/settings.ts';
import { BackupSection } from './BackupSection.tsx';
import { DialFields } from './DialFields.tsx';
import { ApiError, api, unwrap } from './api.ts';
import { TeamSection } from './TeamSection.tsx';

export function SettingsView({
  settings,
  onSaved,
  notify,
  onRestored,
}: {
  settings: Settings;
  onSaved: (s: Settings) => void;
  notify: (m: string, k?: 'info' | 'error') => void;
  /** The data was replaced by a backup: what the screens show must be read again. */
  onRestored?: () => void;
}) {
  const [draft, setDraft] = useState<Settings>(settings);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const ids = useId();
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
    <div className="settings-page">
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
          <DialFields dial={draft.dial} onChange={(dial) => setDraft({ ...draft, dial })} invalid={(f) => !!errors[`dial.${f}`]} />
          {err('dial.sipDomain')}
          {err('dial.template')}
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
      <TeamSection notify={notify} />
      <BackupSection notify={notify} onRestored={onRestored} />
    </div>
  );
}
