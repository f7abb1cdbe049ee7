import { ALL_LEVELS } from './registry.ts';

/**
 * What the supervisors' rates count, from the contact levels' order (lowest first; for now the
 * registered schemes' levels together, until each scheme declares its own rates): a
 * **contact** is a call that reached anyone above the lowest level, a **DM contact** one that
 * reached the highest. Pitch rate is pitched calls per DM contact; leads and appointments are
 * the calls whose code counts as one (`counts` in the scheme).
 */
export const CONTACT_REACHED: readonly string[] = ALL_LEVELS.slice(1);
export const DM_LEVEL: string = ALL_LEVELS[ALL_LEVELS.length - 1] as string;

/** A share as a percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
