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
