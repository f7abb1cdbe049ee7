import type { OutcomeScheme, Rate } from './types.ts';

/** A share as a percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** The rates a scheme's per-caller figures show (its `callerRates`, or its shares broken down per caller). */
export function callerRatesOf(scheme: OutcomeScheme): Rate[] {
  const keys = scheme.callerRates;
  return scheme.rates.filter((r) => (keys ? keys.includes(r.key) : !r.sum && (r.per ?? []).includes('caller')));
}
