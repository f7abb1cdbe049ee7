import { useCallback } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import type { CallerFigures as Figures } from '../../../shared/ipc/types.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { CHART_COLORS, ChartLegend, seriesWords } from './ChartLegend.tsx';
import { useReport } from './useReport.ts';

type Filter = Input<'reports:callers'>;
const pct = (v: number | null | undefined) => (v === null || v === undefined ? '–' : `${v}%`);
/** The chart's name from its rates' labels: "Contact, DM and pitch rate per caller". */
const chartName = (labels: readonly string[]) => `${seriesWords(labels.map((l) => l.replace(/ rate$/i, '')))} rate per caller (the table above holds the figures)`;

/**
 * Per-caller figures over the report's filter: a table, and the rates as a chart. The rates are
 * those the schemes of the calls shown declare for it (B2B: contact, DM and pitch rate).
 */
export function CallerFigures({ filter }: { filter: Filter }) {
  const { from, to, caller, campaignId, zone } = filter;
  const load = useCallback(() => {
    const f = { from, to, caller, campaignId, zone };
    return Promise.all([unwrap(api().callerFigures(f)), unwrap(api().callerRates(f))]);
  }, [from, to, caller, campaignId, zone]);
  const { data, error } = useReport(load);
  const [figures, rates] = data ?? [null, null];
  const columns = (rates?.columns ?? []).map((c, i) => ({ ...c, color: CHART_COLORS[i % CHART_COLORS.length] ?? CHART_COLORS[0] }));
  const rateOf = (who: string, key: string) => rates?.callers.find((r) => r.caller === who)?.rates[key];
  const rowH = columns.length * 14 + 10;
  const step = Math.max(100, ...columns.map((c) => c.label.length * 6.5 + 24));
  return (
    <section aria-labelledby="callers-title">
      <h3 id="callers-title">Callers</h3>
      <Problem text={error} />
      {figures && (
        <>
          <div className="table-scroll">
            <table className="numbers">
              <caption className="sr-only">Figures per caller</caption>
              <thead>
                <tr>
                  <th scope="col">Caller</th>
                  <th scope="col">Dials</th>
                  {columns.map((c) => (
                    <th key={c.key} scope="col" title={c.definition}>
                      {c.label}
                    </th>
                  ))}
                  <th scope="col">Leads</th>
                  <th scope="col">Appointments</th>
                  <th scope="col">Hours</th>
                  <th scope="col">Dials per hour</th>
                </tr>
              </thead>
              <tbody>
                {figures.length === 0 ? (
                  <tr>
                    <td colSpan={6 + columns.length} className="muted">
                      No calls in this range.
                    </td>
                  </tr>
                ) : (
                  figures.map((f: Figures) => (
                    <tr key={f.caller}>
                      <th scope="row">{f.caller}</th>
                      <td>{f.dials}</td>
                      {columns.map((c) => (
                        <td key={c.key}>{pct(rateOf(f.caller, c.key))}</td>
                      ))}
                      <td>{f.leads}</td>
                      <td>{f.appointments}</td>
                      <td>{f.hours}</td>
                      <td>{f.dialsPerHour ?? '–'}</td>
                    </tr>
                  ))
                )}
              </tbody>
            </table>
          </div>
          {figures.length > 0 && columns.length > 0 && (
            <figure className="chart-figure">
              <svg className="chart" role="img" aria-label={chartName(columns.map((c) => c.label))} viewBox={`0 0 ${Math.max(420, 110 + columns.length * step)} ${figures.length * rowH + 24}`}>
                <ChartLegend items={columns} x={110} step={step} />
                {figures.map((f, row) => (
                  <g key={f.caller} transform={`translate(0 ${20 + row * rowH})`}>
                    <text x="0" y="24" fontSize="11" fill="currentColor">
                      {f.caller.length > 16 ? `${f.caller.slice(0, 15)}…` : f.caller}
                    </text>
                    {columns.map((k, i) => {
                      const v = rateOf(f.caller, k.key);
                      const w = Math.max(1, ((v ?? 0) / 100) * 260);
                      return (
                        <g key={k.key} transform={`translate(110 ${i * 14 + 2})`}>
                          <rect height="11" width={w} fill={k.color} />
                          <text x={w + 4} y="10" fontSize="10" fill="currentColor">
                            {pct(v)}
                          </text>
                        </g>
                      );
                    })}
                  </g>
                ))}
              </svg>
            </figure>
          )}
        </>
      )}
    </section>
  );
}
