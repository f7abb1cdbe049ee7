import { isInsideWindow, localClock, localTimeText } from '../../shared/calling-window.ts';
import type { DB } from './db/open.ts';
import { getCampaign, type Campaign } from './campaigns.ts';
import { UserError } from './errors.ts';
import { IMPORTING_LISTS } from './import/staging.ts';
import type { CallHistoryItem, Phone, RecordCard, RecordChange } from '../../shared/ipc/types.ts';

export type { CallHistoryItem, Phone, RecordCard, RecordChange };

interface RecordRow {
  id: number;
  campaign_id: number;
  list_id: number;
  list_row: number;
  company: string;
  contact_name: string;
  title: string;
  email: string;
  address: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  industry: string;
  employees: string;
  website: string;
  custom: string;
  tz: string;
  status: 'open' | 'closed';
  attempts: number;
  blocked_attempts: number;
  last_level: string | null;
  last_result: string | null;
  last_called_at: string | null;
  is_lead: number;
  existing_lead: number;
  owner: string;
  locked_by: number | null;
  locked_at: string | null;
}

export function getRecordRow(db: DB, id: number): RecordRow {
  // A record of a list still being imported does not exist yet, as far as anyone can tell.
  const row = db.prepare(`SELECT * FROM records WHERE id = ? AND list_id NOT IN ${IMPORTING_LISTS}`).get(id) as RecordRow | undefined;
  if (!row) throw new UserError(`There is no record ${id}.`, [{ field: 'record', message: 'Unknown record.' }]);
  return row;
}

export function getPhones(db: DB, recordId: number): Phone[] {
  return (
    db
      .prepare('SELECT label, raw, e164, extension, on_dnc AS onDnc FROM phones WHERE record_id = ? ORDER BY position')
      .all(recordId) as (Omit<Phone, 'onDnc'> & { onDnc: number })[]
  ).map((p) => ({ ...p, onDnc: p.onDnc === 1 }));
}

export function openTask(db: DB, recordId: number): { id: number; dueAt: string } | null {
  return (
    (db.prepare('SELECT id, due_at AS dueAt FROM tasks WHERE record_id = ? AND done_at IS NULL').get(recordId) as
      | { id: number; dueAt: string }
      | undefined) ?? null
  );
}

/** The corrections callers made to a record, newest first. */
export function recordChanges(db: DB, recordId: number): RecordChange[] {
  return db
    .prepare(
      `SELECT id, at, by, field, old_value AS oldValue, new_value AS newValue
       FROM record_changes WHERE record_id = ? ORDER BY at DESC, id DESC`,
    )
    .all(recordId) as RecordChange[];
}

export function getRecord(db: DB, id: number): RecordCard {
  const r = getRecordRow(db, id);
  const history = (
    db
      .prepare(
        `SELECT c.id, k.name AS caller, c.started_at AS startedAt, c.contact_level AS contactLevel, c.pitched,
                c.result, c.notes, c.follow_up_at AS followUpAt
         FROM calls c JOIN callers k ON k.id = c.caller_id WHERE c.record_id = ? ORDER BY c.started_at DESC, c.id DESC`,
      )
      .all(id) as (Omit<CallHistoryItem, 'pitched'> & { pitched: number })[]
  ).map((h) => ({ ...h, pitched: h.pitched === 1 }));
  return {
    id: r.id,
    campaignId: r.campaign_id,
    listId: r.list_id,
    listRow: r.list_row,
    company: r.company,
    contactName: r.contact_name,
    title: r.title,
    email: r.email,
    address: r.address,
    city: r.city,
    state: r.state,
    postcode: r.postcode,
    country: r.country,
    industry: r.industry,
    employees: r.employees,
    website: r.website,
    custom: JSON.parse(r.custom) as Record<string, string>,
    tz: r.tz,
    status: r.status,
    attempts: r.attempts,
    blockedAttempts: r.blocked_attempts,
    lastLevel: r.last_level,
    lastResult: r.last_result,
    lastCalledAt: r.last_called_at,
    isLead: r.is_lead === 1,
    existingLead: r.existing_lead === 1,
    owner: r.owner,
    lockedBy: r.locked_by,
    phones: getPhones(db, id),
    task: openTask(db, id),
    history,
    changes: recordChanges(db, id),
  };
}

/**
 * Whether `e164` may be dialled for this record now, and if not, why: the number must be one
 * of the record's, valid, off the do-not-call list, and the record inside its calling window.
 */
export function dialCheck(
  db: DB,
  recordId: number,
  e164: string,
  at: Date,
  campaign?: Campaign,
): { ok: true } | { ok: false; reason: string } {
  const r = getRecordRow(db, recordId);
  const c = campaign ?? getCampaign(db, r.campaign_id);
  const phone = getPhones(db, recordId).find((p) => p.e164 === e164);
  if (!phone) return { ok: false, reason: `${e164} is not a number of this record.` };
  const listed = phone.onDnc || db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').get(e164) !== undefined;
  if (listed) return { ok: false, reason: `${e164} is on the do-not-call list.` };
  if (!isInsideWindow(c.callingWindow, r.tz, at)) {
    return { ok: false, reason: `Outside calling hours for this record (${r.tz}).` };
  }
  return { ok: true };
}

/**
 * Why a call to this record at `at` cannot be logged, or null: the app and the command line
 * share it. Without a `phone`, the record needs a number off the do-not-call list; with or
 * without one, the call must fall inside the campaign's calling window in the record's zone.
 */
export function callRefusal(
  db: DB,
  r: { id: number; tz: string },
  phones: readonly Phone[],
  phone: string | undefined,
  at: Date,
  campaign: Campaign,
): string | null {
  const listed = db.prepare('SELECT 1 FROM dnc WHERE e164 = ?').pluck();
  return refusalOf(r, phones.map((p) => ({ e164: p.e164, onDnc: p.onDnc || (p.e164 !== null && listed.get(p.e164) !== undefined) })), phone, at, campaign);
}

/** callRefusal for numbers whose do-not-call state is known (`onDnc`): what either store asks before logging. */
export function refusalOf(
  r: { id: number; tz: string },
  phones: readonly { e164: string | null; onDnc: boolean }[],
  phone: string | undefined,
  at: Date,
  campaign: Pick<Campaign, 'callingWindow'>,
): string | null {
  const off = phones.some((p) => p.e164 && (phone === undefined || p.e164 === phone) && !p.onDnc);
  if (!off) {
    return phone === undefined
      ? `Record ${r.id} has no number off the do-not-call list: it cannot have been called.`
      : `${phone} is on the do-not-call list and cannot have been dialled.`;
  }
  if (!isInsideWindow(campaign.callingWindow, r.tz, at)) {
    const day = campaign.callingWindow[localClock(r.tz, at).weekday];
    const hours = day ? `calling hours that day are ${day.start}-${day.end}` : 'no calls that day';
    return `Record ${r.id} was outside its calling hours then: ${localTimeText(r.tz, at)} in ${r.tz} (${hours}).`;
  }
  return null;
}
