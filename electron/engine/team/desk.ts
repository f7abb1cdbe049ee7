/**
 * A desk's side of team mode: take the next record under a lease, keep it, dial it, log the
 * call, let it go. The server decides by its own clock (functions.ts); this side turns its
 * answers into the caller's words.
 */
import { randomUUID } from 'node:crypto';
import { UserError } from '../errors.ts';
import { teamNumber, type Queryable } from './admin.ts';

export interface TeamLease {
  id: number;
  company: string;
  phones: string[];
  leaseToken: string;
  /** Server time. */
  leaseUntil: Date;
}

export interface LeaseRequest {
  campaignId: number;
  callerId: number;
  /** How long the hold lasts unless renewed; 1 s to a day. */
  leaseSeconds: number;
  /** When the call is made, for the calling window and due times (`--at`); the server's now by default. The lease runs on the server's clock either way. */
  at?: Date;
}

/** The caller's next record in the campaign, held for them; null when none is due now. */
export async function leaseNext(db: Queryable, req: LeaseRequest): Promise<TeamLease | null> {
  // Named: each connection parses and plans the desk's three statements once.
  const { rows } = await db.query<{ record_id: string; lease_token: string; lease_until: Date; company: string; phones: string[] }>({
    name: 'outcall_lease_next',
    text: 'SELECT record_id, lease_token, lease_until, company, phones FROM take_next($1, $2, $3, coalesce($4::timestamptz, now()))',
    values: [req.campaignId, req.callerId, req.leaseSeconds, req.at ?? null],
  });
  const row = rows[0];
  if (!row) return null;
  return { id: Number(row.record_id), company: row.company, phones: row.phones, leaseToken: row.lease_token, leaseUntil: row.lease_until };
}

/** Extends the hold; null when the record is no longer this caller's (the lease went to another desk). */
export async function renewLease(db: Queryable, lease: TeamLease, callerId: number, leaseSeconds: number): Promise<Date | null> {
  const { rows } = await db.query<{ until: Date | null }>('SELECT renew_lease($1, $2, $3, $4) AS until', [
    lease.id,
    callerId,
    lease.leaseToken,
    leaseSeconds,
  ]);
  return rows[0]?.until ?? null;
}

/** Lets the record go back to the team; false when it was no longer held under this lease. */
export async function releaseLease(db: Queryable, lease: TeamLease, callerId: number): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>('SELECT release($1, $2, $3) AS ok', [lease.id, callerId, lease.leaseToken]);
  return rows[0]?.ok === true;
}

/** A supervisor's release of whoever holds the record. */
export async function forceRelease(db: Queryable, recordId: number): Promise<boolean> {
  const { rows } = await db.query<{ ok: boolean }>('SELECT force_release($1) AS ok', [recordId]);
  return rows[0]?.ok === true;
}

export type DialRefusal = 'no_record' | 'not_held' | 'lease_lapsed' | 'closed' | 'not_on_record' | 'do_not_call' | 'outside_window';
export type DialAnswer = { ok: true; e164: string } | { ok: false; reason: DialRefusal; message: string };

function refusal(reason: DialRefusal, recordId: number, e164: string): string {
  switch (reason) {
    case 'no_record':
      return `Record ${recordId} does not exist in the team database.`;
    case 'not_held':
      return `Record ${recordId} is held by another desk now: take the next record.`;
    case 'lease_lapsed':
      return `Your hold on record ${recordId} ran out: take it again or the next record.`;
    case 'closed':
      return `Record ${recordId} is closed.`;
    case 'not_on_record':
      return `${e164} is not a number of record ${recordId}.`;
    case 'do_not_call':
      return `${e164} is on the do-not-call list: it is never dialled.`;
    case 'outside_window':
      return `Record ${recordId} is outside its calling hours now, by the team server's clock.`;
  }
}

/**
 * Asks the server whether the number may be dialled now: the lease, the number on the record,
 * the shared do-not-call list and the calling window, by server time. Call before every dial.
 */
export async function beginDial(db: Queryable, lease: TeamLease, callerId: number, rawNumber: string, region: string): Promise<DialAnswer> {
  const e164 = teamNumber(rawNumber, region);
  const { rows } = await db.query<{ answer: string }>({
    name: 'outcall_begin_dial',
    text: 'SELECT begin_dial($1, $2, $3, $4) AS answer',
    values: [lease.id, callerId, lease.leaseToken, e164],
  });
  const answer = rows[0]?.answer ?? 'no_record';
  if (answer === 'ok') return { ok: true, e164 };
  const reason = answer as DialRefusal;
  return { ok: false, reason, message: refusal(reason, lease.id, e164) };
}

/**
 * A call the desk has replayed and validated, with its effects planned from the scheme:
 * whether it closes the record, when the record comes back, which numbers go on the
 * do-not-call list. The server only stores what it is given.
 */
export interface TeamCall {
  /** Made by the desk once per call (newCallId()); a re-send with the same id is stored once. */
  id: string;
  recordId: number;
  callerId: number;
  leaseToken: string;
  startedAt: Date;
  endedAt: Date;
  events: string[];
  result: string;
  level: string;
  pitched: boolean;
  closes: boolean;
  /** When the record comes back; the campaign's retry delay after the call when null. */
  nextCallAt: Date | null;
  phone: string | null;
  notes: string;
  doNotCall: string[];
  doNotCallReason: string;
}

export type LogAnswer = 'stored' | 'late' | 'duplicate';

export const newCallId = (): string => randomUUID();

export async function logTeamCall(db: Queryable, call: TeamCall): Promise<LogAnswer> {
  if (call.notes.length > 20_000) throw new UserError(`Call notes are at most 20,000 characters (these are ${call.notes.length}).`);
  if (call.events.length > 100) throw new UserError(`A call has at most 100 events (this one ${call.events.length}).`);
  const { rows } = await db.query<{ answer: LogAnswer }>({
    name: 'outcall_log_call',
    text: 'SELECT log_call($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) AS answer',
    values: [
      call.id,
      call.recordId,
      call.callerId,
      call.leaseToken,
      call.startedAt,
      call.endedAt,
      call.events,
      call.result,
      call.level,
      call.pitched,
      call.closes,
      call.nextCallAt,
      call.phone,
      call.notes,
      call.doNotCall,
      call.doNotCallReason,
    ],
  });
  const answer = rows[0]?.answer;
  if (!answer) throw new Error(`The team server gave no answer for call ${call.id}.`);
  return answer;
}
