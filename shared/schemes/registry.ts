import { b2bAppointmentSetting } from './b2b/index.ts';
import type { FunnelStage, OutcomeScheme, TimesheetColumn } from './types.ts';

/** Every scheme the product carries, one line each. The first is the default for new campaigns. */
export const SCHEMES: readonly OutcomeScheme[] = [
  b2bAppointmentSetting,
];

export const DEFAULT_SCHEME_ID: string = b2bAppointmentSetting.id;

export function findScheme(id: string): OutcomeScheme | undefined {
  return SCHEMES.find((s) => s.id === id);
}

/** The scheme with this id; an unknown id is refused with the ids there are. */
export function getScheme(id: string): OutcomeScheme {
  const scheme = findScheme(id);
  if (!scheme) throw new Error(`Unknown outcome scheme "${id}"; the schemes are: ${SCHEMES.map((s) => s.id).join(', ')}.`);
  return scheme;
}

/** Every contact level and every lead kind of any scheme: what a report filter may name. */
export const ALL_LEVELS = [...new Set(SCHEMES.flatMap((s) => s.levels.map((l) => l.id)))] as [string, ...string[]];
export const ALL_LEAD_KINDS = [...new Set(SCHEMES.flatMap((s) => s.leadKinds))] as [string, ...string[]];

/** The count columns of the shift totals: every scheme's, each once, in scheme order. */
export const TIMESHEET_COLUMNS: readonly TimesheetColumn[] = SCHEMES.flatMap((s) => s.timesheet).filter(
  (c, i, all) => all.findIndex((x) => x.column === c.column) === i,
);

/** The stages of the funnel report: every scheme's, each once, in scheme order. */
export const FUNNEL_STAGES: readonly FunnelStage[] = SCHEMES.flatMap((s) => s.funnel).filter((f, i, all) => all.findIndex((x) => x.key === f.key) === i);
