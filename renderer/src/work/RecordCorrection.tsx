import { useState } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import type { RecordView } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';

type Fix = Omit<Input<'record:correct'>, 'recordId' | 'caller'>;

/**
 * The caller's corrections to a record: fix a wrong number, add one, the decision maker's
 * name, role and direct line. Main checks every number (E.164 for the record's country or the
 * campaign's region) and keeps each change in the record's history.
 */
export function RecordCorrection({ view, caller, onSaved }: { view: RecordView; caller: string; onSaved: (v: RecordView) => void }) {
  const r = view.record;
  const [open, setOpen] = useState(false);
  const [fixIndex, setFixIndex] = useState('');
  const [fixNumber, setFixNumber] = useState('');
  const [addNumber, setAddNumber] = useState('');
  const [addLabel, setAddLabel] = useState('');
  const [dmName, setDmName] = useState(r.contactName);
  const [dmRole, setDmRole] = useState(r.title);
  const [direct, setDirect] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    const fix: Fix = {};
    if (fixIndex !== '' && fixNumber.trim()) fix.fixPhone = { index: Number(fixIndex), number: fixNumber };
    if (addNumber.trim()) fix.addPhone = { number: addNumber, label: addLabel };
    if (dmName.trim() !== r.contactName) fix.dmName = dmName;
    if (dmRole.trim() !== r.title) fix.dmRole = dmRole;
    if (direct.trim()) fix.dmDirectLine = direct;
    if (fixIndex !== '' && !fixNumber.trim()) return setError('Type the correct number for the one you chose to fix.');
    if (Object.keys(fix).length === 0) return setError('Nothing to change: type a number, a name or a role first.');
    setBusy(true);
    try {
      const next = await unwrap(api().correctRecord({ recordId: r.id, caller, ...fix }));
      setError(null);
      setOpen(false);
      setFixIndex('');
      setFixNumber('');
      setAddNumber('');
      setAddLabel('');
      setDirect('');
      onSaved(next);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  if (!open) {
    return (
      <button type="button" className="link" aria-expanded={false} onClick={() => setOpen(true)}>
        Correct this record…
      </button>
    );
  }
  return (
    <form
      className="correction"
      aria-label="Correct this record"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="row">
        <label>
          Number to fix
          <select value={fixIndex} onChange={(e) => setFixIndex(e.target.value)}>
            <option value="">None</option>
            {r.phones.map((p, i) => (
              <option key={i} value={i}>
                {`${p.label ? `${p.label}: ` : ''}${p.e164 ?? p.raw}`}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          Correct number
          <input value={fixNumber} onChange={(e) => setFixNumber(e.target.value)} maxLength={40} inputMode="tel" disabled={fixIndex === ''} />
        </label>
      </div>
      <div className="row">
        <label className="grow">
          Add a number
          <input value={addNumber} onChange={(e) => setAddNumber(e.target.value)} maxLength={40} inputMode="tel" />
        </label>
        <label>
          Its label
          <input value={addLabel} onChange={(e) => setAddLabel(e.target.value)} maxLength={40} placeholder="e.g. Mobile" />
        </label>
      </div>
      <div className="row">
        <label className="grow">
          Decision maker's name
          <input value={dmName} onChange={(e) => setDmName(e.target.value)} maxLength={120} />
        </label>
        <label className="grow">
          Decision maker's role
          <input value={dmRole} onChange={(e) => setDmRole(e.target.value)} maxLength={120} />
        </label>
      </div>
      <label>
        Decision maker's direct line
        <input value={direct} onChange={(e) => setDirect(e.target.value)} maxLength={40} inputMode="tel" />
      </label>
      <Problem text={error} />
      <div className="row end">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          Save correction
        </button>
      </div>
    </form>
  );
}
