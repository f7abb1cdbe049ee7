import { DEFAULT_SCHEME_ID, getScheme, SCHEMES } from './registry.ts';

/**
 * What the supervisors' rates count, from the contact levels' order (lowest first; for now the
 * registered schemes' levels together, until each scheme declares its own rates): a
 * **contact** is a call that reached anyone above the lowest level, a **DM contact** one that
 * reached the highest. Pitch rate is pitched calls per DM contact; leads and appointments are
 * the calls whose code counts as one (`counts` in the scheme).
 */
export const CONTACT_REACHED: readonly string[] = [...new Set(SCHEMES.flatMap((s) => s.levels.slice(1).map((l) => l.id)))];
/** The default scheme's highest level (another scheme's highest is not a DM contact). */
export const DM_LEVEL: string = getScheme(DEFAULT_SCHEME_ID).levels.at(-1)?.id ?? '';

/** A share as a percentage with one decimal, or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}
