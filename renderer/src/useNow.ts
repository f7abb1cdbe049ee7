import { useEffect, useState } from 'react';

/** The current time at each render, with a render at least every `everyMs`: for clocks that keep ticking. */
export function useNow(everyMs: number): Date {
  const [, setTick] = useState(0);
  useEffect(() => {
    const t = setInterval(() => setTick((n) => n + 1), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return new Date();
}
