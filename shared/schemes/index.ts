import { b2bAppointmentSetting } from './b2b.ts';
import type { OutcomeScheme, ResultCode } from './types.ts';

export * from './types.ts';
export * from './legal.ts';
export * from './figures.ts';
export { b2bAppointmentSetting, EMAIL_FOLLOW_UP_MAX_DAYS } from './b2b.ts';

/** Every scheme the product carries, by id. The first is the default for new campaigns. */
export const SCHEMES: readonly OutcomeScheme[] = [b2bAppointmentSetting];
export const DEFAULT_SCHEME_ID = b2bAppointmentSetting.id;

export function getScheme(id: string = DEFAULT_SCHEME_ID): OutcomeScheme {
  const scheme = SCHEMES.find((s) => s.id === id);
  if (!scheme) throw new Error(`Unknown outcome scheme "${id}".`);
  return scheme;
}

export function findCode(scheme: OutcomeScheme, slug: string): ResultCode | undefined {
  return scheme.codes.find((c) => c.slug === slug);
}

/** A campaign's own "Not Qualified" reason, such as "No Roof" on a solar campaign. */
export interface CodeVariant {
  slug: string;
  label: string;
}

/**
 * The scheme as one campaign sees it: its Not Qualified variants added after the scheme's own
 * Not Qualified codes, with the same legality as Not Qualified - Below Min.
 */
export function withVariants(scheme: OutcomeScheme, variants: readonly CodeVariant[]): OutcomeScheme {
  if (variants.length === 0) return scheme;
  const base = findCode(scheme, 'not_qualified_below_min');
  if (!base) return scheme;
  const taken = new Set(scheme.codes.map((c) => c.slug));
  const extra: ResultCode[] = variants
    .filter((v) => !taken.has(v.slug))
    .map((v) => ({
      ...base,
      slug: v.slug,
      label: v.label,
      whenToUse: `Not qualified for this campaign's reason: ${v.label}.`,
      variantOf: base.slug,
      shortcut: '',
    }));
  const at = scheme.codes.findIndex((c) => c.slug === 'not_qualified_above_max') + 1;
  return { ...scheme, codes: [...scheme.codes.slice(0, at), ...extra, ...scheme.codes.slice(at)] };
}
