import { useId, useState } from 'react';
import type { OutcomeScheme } from '../../../shared/schemes/index.ts';

/**
 * The scheme's guidance on the caller's screen (e.g. the topics an unlicensed ISA must not
 * advise on, and what to do instead): its title and intro always in view, the list behind a
 * button that says whether it is open, so it takes room only when the caller asks.
 */
export function Guidance({ guidance }: { guidance: NonNullable<OutcomeScheme['guidance']> }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <section className={`panel guidance${open ? ' open' : ''}`} aria-labelledby={`${id}-title`}>
      <div className="row spread">
        <h2 id={`${id}-title`}>{guidance.title}</h2>
        <button type="button" className="link" aria-expanded={open} aria-controls={`${id}-items`} onClick={() => setOpen((o) => !o)}>
          {open ? 'Hide' : `Show all ${guidance.items.length}`}
        </button>
      </div>
      <p>{guidance.intro}</p>
      <div id={`${id}-items`} hidden={!open} tabIndex={open ? 0 : undefined} className="guidance-items">
        <ul aria-label={guidance.title}>
          {guidance.items.map((item) => (
            <li key={item.label}>
              {item.label}
              {item.example && <q className="muted">{item.example}</q>}
            </li>
          ))}
        </ul>
        {guidance.alternatives && <p className="alternatives">{guidance.alternatives}</p>}
      </div>
    </section>
  );
}
