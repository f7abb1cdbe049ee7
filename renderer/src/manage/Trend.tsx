import { useCallback } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { ChartLegend } from './ChartLegend.tsx';
import { useReport } from './useReport.ts';

type Filter = Input<'reports:trend'>;
const SERIES = [
  { key: 'dials', label: 'Dials', color: 'var(--chart-1)' },
  { key: 'contacts', label: 'Contacts', color: 'var(--chart-2)' },
  { key: 'dmContacts', label: 'DM contacts', color: 'var(--chart-3)' },
  { key: 'leads', label: 'Leads', color: 'var(--chart-4)' },
] as const;
/** The table holds every count, in the funnel's order. */
const COLUMNS = [
  ...SERIES.slice(0, 3),
  { key: 'pitches', label: 'Pitches' },
  SERIES[3],
  { key: 'appointments', label: 'Appointments' },
] as const;

/** Dials, contacts, DM contacts and leads per day, as a chart and as a table. */
export function Trend({ filter }: { filter: Filter }) {
  const { from, to, caller, campaignId, zone } = filter;
  const load = useCallback(() => unwrap(api().dayTrend({ from, to, caller, campaignId, zone })), [from, to, caller, campaignId, zone]);
  const { data, error } = useReport(load);
  const max = Math.max(1, ...(data ?? []).map((d) => d.dials));
  const slot = data && data.length > 0 ? Math.min(48, 400 / data.length) : 1;
  const bar = Math.max(1, (slot - 2) / SERIES.length);
  return (
    <section aria-labelledby="trend-title">
      <h3 id="trend-title">Trend by day</h3>
      <Problem text={error} />
      {data && (
        <>
          <svg className="chart trend" role="img" aria-label="Dials, contacts, DM contacts and leads per day (the table below holds the figures)" viewBox="0 0 440 170">
            <ChartLegend items={SERIES} x={30} step={100} />
            <text x="0" y="30" fontSize="10" fill="currentColor">
              {max}
            </text>
            <line x1="30" x2="430" y1="150" y2="150" stroke="currentColor" strokeWidth="0.5" />
            {data.map((d, i) => (
              <g key={d.day} transform={`translate(${30 + i * slot} 0)`}>
                {SERIES.map((s, j) => {
                  const h = (d[s.key] / max) * 120;
                  return <rect key={s.key} x={1 + j * bar} y={150 - h} width={bar} height={h} fill={s.color} />;
                })}
                {(data.length <= 10 || i % Math.ceil(data.length / 10) === 0) && (
                  <text x="0" y="164" fontSize="9" fill="currentColor">
                    {d.day.slice(5)}
                  </text>
                )}
              </g>
            ))}
          </svg>
          <details>
            <summary>Trend as a table</summary>
            <table className="numbers">
              <caption className="sr-only">Trend by day</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  {COLUMNS.map((c) => (
                    <th key={c.key} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    {COLUMNS.map((c) => (
                      <td key={c.key}>{d[c.key]}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  );
}
