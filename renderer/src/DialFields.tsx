import { DIAL_PRESETS, dialUrl, type Settings } from '../../shared/settings.ts';

type Dial = Settings['dial'];

/** Softphone preset, SIP domain or custom template: one hand-off, for a caller or a campaign. */
export function DialFields({ dial, onChange, invalid }: { dial: Dial; onChange: (d: Dial) => void; invalid: (field: 'sipDomain' | 'template') => boolean }) {
  const preset = DIAL_PRESETS.find((p) => p.mode === dial.mode && (p.mode !== 'custom' || p.template === dial.template))?.id ?? (dial.mode === 'custom' ? 'custom' : dial.mode);
  const example = dialUrl(dial, '+12015550123');
  return (
    <>
      <label>
        Softphone
        <select
          value={preset}
          onChange={(e) => {
            const p = DIAL_PRESETS.find((x) => x.id === e.target.value);
            onChange(p ? { ...dial, mode: p.mode, template: p.template ?? dial.template } : { ...dial, mode: 'custom' });
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
      {dial.mode === 'sip' && (
        <label>
          SIP domain
          <input value={dial.sipDomain} placeholder="pbx.example.com" onChange={(e) => onChange({ ...dial, sipDomain: e.target.value })} aria-invalid={invalid('sipDomain')} />
        </label>
      )}
      {dial.mode === 'custom' && (
        <label>
          Template ({'{number}'} = +E.164, {'{digits}'} = digits only)
          <input value={dial.template} placeholder="zoiper:{number}" onChange={(e) => onChange({ ...dial, template: e.target.value })} aria-invalid={invalid('template')} />
        </label>
      )}
      <p className="hint">Example: {example.ok ? <code>{example.url}</code> : example.reason}</p>
    </>
  );
}
