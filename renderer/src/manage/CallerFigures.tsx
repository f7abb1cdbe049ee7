import { useCallback } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import type { CallerFigures as Figures } from '../../../shared/ipc/types.ts';
import { percent } from '../../../shared/schemes/index.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { ChartLegend } from './ChartLegend.tsx';
import { useReport } from './useReport.ts';

type Filter = Input<'reports:callers'>;
const pct = (v: number | null) => (v === null ? '–' : `${v}%`);

/** The rates a supervisor compares callers on, from the caller's counts. */
function rates(f: Figures) {
  return { contact: percent(f.contacts, f.dials), dm: percent(f.dmContacts, f.dials), pitch: percent(f.pitches, f.dmContacts) };
}

const RATES = [
  { key: 'contact', label: 'Contact rate', color: 'var(--chart-1)' },
  { key: 'dm', label: 'DM rate', color: 'var(--chart-2)' },
  { key: 'pitch', label: 'Pitch rate', color: 'var(--chart-3)' },
] as const;

/** Per-caller figures over the report's filter: a table, and the rates as a chart. */
export function CallerFigures({ filter }: { filter: Filter }) {
  const { from, to, caller, campaignId, zone } = filter;
  const load = useCallback(() => unwrap(api().callerFigures({ from, to, caller, campaignId, zone })), [from, to, caller, campaignId, zone]);
  const { data, error } = useReport(load);
  const rowH = 3 * 14 + 10;
  return (
    <section aria-labelledby="callers-title">
      <h3 id="callers-title">Callers</h3>
      <Problem text={error} />
      {data && (
        <>
          <div className="table-scroll">
            <table className="numbers">
              <caption className="sr-only">Figures per caller</caption>
              <thead>
                <tr>
                  <th scope="col">Caller</th>
                  <th scope="col">Dials</th>
                  <th scope="col">Contact rate</th>
                  <th scope="col">DM rate</th>
                  <th scope="col">Pitch rate</th>
                  <th scope="col">Leads</th>
                  <th scope="col">Appointments</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Dials per hour</th>
                </tr>
              </thead>
              <tbody>
                {data.length === 0 ? (
                  <tr>
                    <td colSpan={9} className="muted">
                      No calls in this range.
                    </td>
                  </tr>
                ) : (
                  data.map((f) => {
                    const r = rates(f);
                    return (
                      <tr key={f.caller}>
                        <th scope="row">{f.caller}</th>
                        <td>{f.dials}</td>
                        <td>{pct(r.contact)}</td>
                        <td>{pct(r.dm)}</td>
                        <td>{pct(r.pitch)}</td>
                        <td>{f.leads}</td>
                        <td>{f.appointments}</td>
                        <td>{f.hours}</td>
                        <td>{f.dialsPerHour ?? '–'}</td>
                      </tr>
                    );
                  })
                )}
              </tbody>
            </table>
          </div>
          {data.length > 0 && (
            <figure className="chart-figure">
              <svg className="chart" role="img" aria-label="Contact, DM and pitch rate per caller (the table above holds the figures)" viewBox={`0 0 420 ${data.length * rowH + 24}`}>
                <ChartLegend items={RATES} x={110} step={100} />
                {data.map((f, row) => {
                  const r = rates(f);
                  return (
                    <g key={f.caller} transform={`translate(0 ${20 + row * rowH})`}>
                      <text x="0" y="24" fontSize="11" fill="currentColor">
                        {f.caller.length > 16 ? `${f.caller.slice(0, 15)}…` : f.caller}
                      </text>
                      {RATES.map((k, i) => (
                        <g key={k.key} transform={`translate(110 ${i * 14 + 2})`}>
                          <rect height="11" width={Math.max(1, ((r[k.key] ?? 0) / 100) * 260)} fill={k.color} />
                          <text x={Math.max(1, ((r[k.key] ?? 0) / 100) * 260) + 4} y="10" fontSize="10" fill="currentColor">
                            {pct(r[k.key])}
                          </text>
                        </g>
                      ))}
                    </g>
                  );
                })}
              </svg>
            </figure>
          )}
        </>
      )}
    </section>
  );
}
