import { SCHEMES, type CallCount, type OutcomeScheme } from '../../shared/schemes/index.ts';

/** The counts a scheme declares (timesheet columns, funnel stages, rates), as SQL over the calls `c`. */

/** A scheme's name for a level, outcome, flag, field or column, checked before it goes into SQL. */
export const word = (v: string) => {
  if (!/^[A-Za-z0-9_]+$/.test(v)) throw new Error(`A scheme names "${v}": only letters, digits and _ may go into a totals query.`);
  return v;
};

/** A value a count compares a field with, as an SQL literal. */
export const literal = (v: string | number) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'NULL') : `'${v.replace(/'/g, "''")}'`);
const list = (vs: readonly (string | number)[]) => vs.map(literal).join(', ');
const words = (vs: readonly string[]) => vs.map((v) => `'${word(v)}'`).join(', ');

/** Whether the call `c` is one the count takes, as an SQL condition ('1' when it takes every call). */
export function matchSql(k: CallCount): string {
  const field = k.field === undefined ? '' : `json_extract(c.fields, '$.${word(k.field.key)}')`;
  const parts = [
    k.level === undefined ? '' : `c.contact_level = '${word(k.level)}'`,
    k.levels === undefined ? '' : `c.contact_level IN (${words(k.levels)})`,
    k.flag === undefined ? '' : `json_extract(c.flags, '$.${word(k.flag)}') = 1`,
    k.outcome === undefined ? '' : `EXISTS (SELECT 1 FROM call_outcomes o WHERE o.call_id = c.id AND o.slug = '${word(k.outcome)}')`,
    k.outcomes === undefined ? '' : `EXISTS (SELECT 1 FROM call_outcomes o WHERE o.call_id = c.id AND o.slug IN (${words(k.outcomes)}))`,
    k.field?.equals === undefined ? '' : `${field} = ${literal(k.field.equals)}`,
    k.field?.in === undefined ? '' : `${field} IN (${list(k.field.in)})`,
    k.field?.notIn === undefined ? '' : `(${field} IS NULL OR ${field} NOT IN (${list(k.field.notIn)}))`,
    k.field && k.field.equals === undefined && k.field.in === undefined && k.field.notIn === undefined ? `${field} IS NOT NULL` : '',
    k.newLead ? 'c.new_lead = 1' : '',
    k.leadKind === undefined ? '' : `c.lead_kind = '${word(k.leadKind)}'`,
    k.appointment ? 'c.appointment = 1' : '',
  ].filter(Boolean);
  return parts.length === 0 ? '1' : parts.join(' AND ');
}

/** A declared count as SQL over the calls `c` (grouped): how many calls it takes. */
export function countSql(k: CallCount): string {
  const m = matchSql(k);
  return m === '1' ? 'count(c.id)' : `coalesce(sum(${m}), 0)`;
}

/** The sum of the field `key` over the calls the count takes, as SQL over the calls `c` (grouped). */
export function sumSql(k: CallCount, key: string): string {
  return `coalesce(sum(CASE WHEN c.id IS NOT NULL AND ${matchSql(k)} THEN json_extract(c.fields, '$.${word(key)}') END), 0)`;
}

/**
 * Whether the call `c` reached the levels `pick` chooses of its own scheme's levels (lowest
 * first), as an SQL condition: a call of an unknown scheme reaches none.
 */
function levelOfSchemeSql(pick: (levels: readonly string[], scheme: OutcomeScheme) => readonly string[]): string {
  const cases = SCHEMES.map((s) => `WHEN ${literal(s.id)} THEN c.contact_level IN (${words(pick(s.levels.map((l) => l.id), s)) || "''"})`);
  return `(CASE c.scheme_id ${cases.join(' ')} ELSE 0 END)`;
}

/** A scheme's contact levels: anyone above its lowest level, unless the scheme says. */
export const contactLevels = (levels: readonly string[], s: OutcomeScheme): readonly string[] => s.contactLevels ?? levels.slice(1);
/** A scheme's highest level (B2B: the decision maker). */
export const topLevels = (levels: readonly string[]): readonly string[] => levels.slice(-1);
/** A contact: the call reached one of its scheme's contact levels. */
export const reachedSql = (): string => levelOfSchemeSql(contactLevels);
/** The call reached its scheme's highest level. */
export const topLevelSql = (): string => levelOfSchemeSql(topLevels);
/** The levels `pick` chooses of every scheme, as "scheme:level" (the team store matches its calls against them). */
export const schemeLevels = (pick: (levels: readonly string[], scheme: OutcomeScheme) => readonly string[]): string[] =>
  SCHEMES.flatMap((s) => pick(s.levels.map((l) => l.id), s).map((l) => `${s.id}:${l}`));

/** One call read into JavaScript, as a count looks at it (the team store counts its grouped calls so). */
export interface CountedCall {
  level: string;
  flags: Readonly<Record<string, boolean>>;
  outcomes: readonly string[];
  newLead: boolean;
  leadKind: string | null;
  appointment: boolean;
  fields?: Readonly<Record<string, unknown>>;
}

/** Whether the count takes this call: the same conditions as `matchSql`. */
export function takes(k: CallCount, c: CountedCall): boolean {
  const value = k.field === undefined ? undefined : c.fields?.[k.field.key];
  const is = (v: unknown, vs: readonly (string | number)[]) => vs.some((x) => x === v);
  return (
    (k.level === undefined || c.level === k.level) &&
    (k.levels === undefined || k.levels.includes(c.level)) &&
    (k.flag === undefined || c.flags[k.flag] === true) &&
    (k.outcome === undefined || c.outcomes.includes(k.outcome)) &&
    (k.outcomes === undefined || c.outcomes.some((o) => k.outcomes?.includes(o))) &&
    (k.field === undefined ||
      (k.field.equals !== undefined ? value === k.field.equals
        : k.field.in !== undefined ? is(value, k.field.in)
        : k.field.notIn !== undefined ? value === undefined || !is(value, k.field.notIn)
        : value !== undefined)) &&
    (!k.newLead || c.newLead) &&
    (k.leadKind === undefined || c.leadKind === k.leadKind) &&
    (!k.appointment || c.appointment)
  );
}
