import { useCallback } from 'react';
import type { Input } from '../../../shared/ipc/contract.ts';
import { api, unwrap } from '../api.ts';
import { Problem } from '../Problem.tsx';
import { CHART_COLORS, ChartLegend, seriesWords } from './ChartLegend.tsx';
import { useReport } from './useReport.ts';

type Filter = Input<'reports:trend'>;

/** The counts the schemes of the calls declare for the trend, per day: the chart draws some of them, the table holds all. */
export function Trend({ filter }: { filter: Filter }) {
  const { from, to, caller, campaignId, zone } = filter;
  const load = useCallback(() => unwrap(api().dayTrend({ from, to, caller, campaignId, zone })), [from, to, caller, campaignId, zone]);
  const { data, error } = useReport(load);
  const series = (data?.columns ?? []).filter((c) => c.chart).slice(0, CHART_COLORS.length).map((c, i) => ({ key: c.column, label: c.label, color: CHART_COLORS[i] ?? '' }));
  const days = data?.days ?? [];
  const max = Math.max(1, ...days.flatMap((d) => series.map((s) => d.counts[s.key] ?? 0)));
  const slot = days.length > 0 ? Math.min(48, 400 / days.length) : 1;
  const bar = Math.max(1, (slot - 2) / Math.max(1, series.length));
  const name = `${seriesWords(series.map((s) => s.label))} per day (the table below holds the figures)`;
  return (
    <section aria-labelledby="trend-title">
      <h3 id="trend-title">Trend by day</h3>
      <Problem text={error} />
      {data && (
        <>
          <svg className="chart trend" role="img" aria-label={name} viewBox="0 0 440 170">
            <ChartLegend items={series} x={30} step={100} />
            <text x="0" y="30" fontSize="10" fill="currentColor">
              {max}
            </text>
            <line x1="30" x2="430" y1="150" y2="150" stroke="currentColor" strokeWidth="0.5" />
            {days.map((d, i) => (
              <g key={d.day} transform={`translate(${30 + i * slot} 0)`}>
                {series.map((s, j) => {
                  const h = ((d.counts[s.key] ?? 0) / max) * 120;
                  return <rect key={s.key} x={1 + j * bar} y={150 - h} width={bar} height={h} fill={s.color} />;
                })}
                {(days.length <= 10 || i % Math.ceil(days.length / 10) === 0) && (
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
                  {data.columns.map((c) => (
                    <th key={c.column} scope="col">
                      {c.label}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row">{d.day}</th>
                    {data.columns.map((c) => (
                      <td key={c.column}>{d.counts[c.column] ?? 0}</td>
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
