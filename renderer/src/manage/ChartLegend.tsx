/** The charts' series colours, in order. */
export const CHART_COLORS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)'] as const;

/** Series labels as words in a chart's name: "Dials, contacts, DM contacts and leads" (an abbreviation keeps its capitals). */
export function seriesWords(labels: readonly string[]): string {
  const words = labels.map((w, i) => (i > 0 && /^[A-Z][a-z]/.test(w) ? w[0]?.toLowerCase() + w.slice(1) : w));
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words.at(-1) ?? ''}` : (words[0] ?? '');
}

/** A chart's legend inside its SVG: a coloured square and a label per series, `step` apart from `x`. */
export function ChartLegend({ items, x, step }: { items: readonly { key: string; label: string; color: string }[]; x: number; step: number }) {
  return (
    <>
      {items.map((k, i) => (
        <g key={k.key} transform={`translate(${x + i * step} 0)`}>
          <rect width="10" height="10" y="2" fill={k.color} />
          <text x="14" y="11" fontSize="11" fill="currentColor">
            {k.label}
          </text>
        </g>
      ))}
    </>
  );
}
