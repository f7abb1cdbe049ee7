import type { CallRowView, FunnelView } from '../../shared/ipc/types.ts';
import { CONTACT_REACHED, FUNNEL_STAGES } from '../../shared/schemes/index.ts';
import { countSql, word } from './counts.ts';
import type { DB } from './db/open.ts';
import { dayspan } from './totals.ts';
import { checkZone, localZone } from './zone.ts';

/** Which calls a report count stands for; every field narrows. Dates are YYYY-MM-DD days in `zone`. */
export interface CallFilter {
  from: string;
  to: string;
  /** This machine's zone by default. */
  zone?: string;
  campaignId?: number;
  caller?: string;
  result?: string;
  level?: string;
  /** Any of these levels. */
  levels?: readonly string[];
  /** Got past the switchboard: reception or the decision maker. */
  reached?: boolean;
  leadKind?: string;
  pitched?: boolean;
  newLead?: boolean;
  appointment?: boolean;
  shiftId?: number;
}

export function where(f: CallFilter): { sql: string; args: (string | number)[] } {
  const range = dayspan(f.from, f.to, checkZone(f.zone ?? localZone()));
  const parts = ['c.started_at >= ?', 'c.started_at < ?'];
  const args: (string | number)[] = [range.from, range.to];
  const add = (sql: string, value: string | number) => {
    parts.push(sql);
    args.push(value);
  };
  if (f.campaignId !== undefined) add('c.campaign_id = ?', f.campaignId);
  if (f.caller !== undefined) add('k.name = ?', f.caller.trim());
  if (f.result !== undefined) add('c.result = ?', f.result);
  if (f.level !== undefined) add('c.contact_level = ?', f.level);
  if (f.levels !== undefined && f.levels.length > 0) {
    parts.push(`c.contact_level IN (${f.levels.map(() => '?').join(', ')})`);
    args.push(...f.levels);
  }
  if (f.reached !== undefined) add(`(c.contact_level IN (${CONTACT_REACHED.map((l) => `'${word(l)}'`).join(', ')})) = ?`, f.reached ? 1 : 0);
  if (f.leadKind !== undefined) add('c.lead_kind = ?', f.leadKind);
  if (f.pitched !== undefined) add('c.pitched = ?', f.pitched ? 1 : 0);
  if (f.newLead !== undefined) add('c.new_lead = ?', f.newLead ? 1 : 0);
  if (f.appointment !== undefined) add('c.appointment = ?', f.appointment ? 1 : 0);
  if (f.shiftId !== undefined) add('c.shift_id = ?', f.shiftId);
  return { sql: parts.join(' AND '), args };
}

export type Funnel = FunnelView;

/** The calls at each stage of the funnel the schemes declare (B2B: dials, reception or further, DM, pitched, leads, appointments). */
export function funnel(db: DB, f: CallFilter): Funnel {
  const w = where(f);
  const stages = FUNNEL_STAGES.map((s) => `${countSql(s.counts)} AS "${word(s.key)}"`).join(', ');
  return db.prepare(`SELECT ${stages} FROM calls c JOIN callers k ON k.id = c.caller_id WHERE ${w.sql}`).get(...w.args) as Funnel;
}

export type CallRow = CallRowView;

/** The calls behind a count, newest first, with their notes. */
export function callsBehind(db: DB, f: CallFilter, limit = 500): { total: number; calls: CallRow[] } {
  const w = where(f);
  const from = `FROM calls c JOIN callers k ON k.id = c.caller_id JOIN records r ON r.id = c.record_id JOIN campaigns m ON m.id = c.campaign_id WHERE ${w.sql}`;
  const total = db.prepare(`SELECT count(*) ${from}`).pluck().get(...w.args) as number;
  const calls = (
    db
      .prepare(
        `SELECT c.id, c.started_at AS startedAt, k.name AS caller, m.name AS campaign, r.id AS recordId, r.company,
                r.contact_name AS contactName, c.contact_level AS contactLevel, c.pitched, c.result, c.notes, m.scheme_id AS schemeId
         ${from} ORDER BY c.started_at DESC, c.id DESC LIMIT ?`,
      )
      .all(...w.args, limit) as (Omit<CallRow, 'pitched'> & { pitched: number })[]
  ).map((c) => ({ ...c, pitched: c.pitched === 1 }));
  return { total, calls };
}
