import type { OutcomeScheme, ResultCode } from './types.ts';

export * from './types.ts';
export * from './rules.ts';
export * from './windows.ts';
export * from './fields.ts';
export * from './campaign-settings.ts';
export { b2bAppointmentSetting } from './b2b/index.ts';
export { ALL_LEAD_KINDS, ALL_LEVELS, DEFAULT_SCHEME_ID, findScheme, FUNNEL_STAGES, getScheme, SCHEMES, TIMESHEET_COLUMNS } from './registry.ts';
export * from './figures.ts';
export { meetingKind } from './effects.ts';

export function findCode(scheme: OutcomeScheme, slug: string): ResultCode | undefined {
  return scheme.codes.find((c) => c.slug === slug);
}

/** A code's label in its scheme; the slug itself when the scheme has no such code. */
export function codeLabel(scheme: OutcomeScheme, slug: string): string {
  return findCode(scheme, slug)?.label ?? slug;
}

/** A contact level's label ("Decision maker") in its scheme. */
export function levelLabel(scheme: OutcomeScheme, level: string): string {
  return scheme.levels.find((l) => l.id === level)?.label ?? level;
}

/** A contact level as words inside a sentence ("the decision maker") in its scheme. */
export function levelWords(scheme: OutcomeScheme, level: string): string {
  return scheme.levels.find((l) => l.id === level)?.text ?? level;
}

/** A campaign's own "Not Qualified" reason, such as "No Roof" on a solar campaign. */
export interface CodeVariant {
  slug: string;
  label: string;
}

/**
 * The scheme as one campaign sees it: its own reasons added after the scheme's code
 * `variants.after`, with the same legality as `variants.base` (in B2B: Not Qualified - Below Min).
 */
export function withVariants(scheme: OutcomeScheme, variants: readonly CodeVariant[]): OutcomeScheme {
  if (variants.length === 0 || !scheme.variants) return scheme;
  const base = findCode(scheme, scheme.variants.base);
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
  const at = scheme.codes.findIndex((c) => c.slug === scheme.variants?.after) + 1;
  return { ...scheme, codes: [...scheme.codes.slice(0, at), ...extra, ...scheme.codes.slice(at)] };
}
