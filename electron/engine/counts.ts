import type { CallCount } from '../../shared/schemes/index.ts';

/** The counts a scheme declares (timesheet columns, funnel stages), as SQL over the calls `c` and in JavaScript. */

/** A scheme's name for a level, lead kind or column, checked before it goes into SQL. */
export const word = (v: string) => {
  if (!/^[A-Za-z_]+$/.test(v)) throw new Error(`A scheme names "${v}": only letters and _ may go into a totals query.`);
  return v;
};

/** A declared count as SQL over the calls `c`: 1 for a call it takes, else 0. */
export function countSql(k: CallCount): string {
  const parts = [
    k.level === undefined ? '' : `c.contact_level = '${word(k.level)}'`,
    k.levels === undefined ? '' : `c.contact_level IN (${k.levels.map((l) => `'${word(l)}'`).join(', ')})`,
    k.flag === 'pitched' ? 'c.pitched = 1' : '',
    k.newLead ? 'c.new_lead = 1' : '',
    k.leadKind === undefined ? '' : `c.lead_kind = '${word(k.leadKind)}'`,
    k.appointment ? 'c.appointment = 1' : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'count(c.id)' : `coalesce(sum(${parts.join(' AND ')}), 0)`;
}

/** The same count for one call read into JavaScript. */
export function takes(k: CallCount, c: { level: string; pitched: number; newLead: number; leadKind: string | null; appointment: number }): boolean {
  return (
    (k.level === undefined || c.level === k.level) &&
    (k.levels === undefined || k.levels.includes(c.level)) &&
    (k.flag !== 'pitched' || c.pitched === 1) &&
    (!k.newLead || c.newLead === 1) &&
    (k.leadKind === undefined || c.leadKind === k.leadKind) &&
    (!k.appointment || c.appointment === 1)
  );
}
