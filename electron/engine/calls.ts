import type { DB } from './db/open.ts';
import { promptly } from './db/promptly.ts';
import { flowCampaignInput, getCampaign } from './campaigns.ts';
import { callerByName } from './callers.ts';
import { applyEffects, type EffectContext } from './effects.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { callJournal, revertCall } from './journal.ts';
import { callRefusal, getPhones, getRecordRow, openTask } from './records.ts';
import { pendingMeeting } from './meetings.ts';
import { shiftAt } from './shifts.ts';
import { holdLasts } from './queue.ts';
import { planCall, type CallChoice } from './store/plan.ts';
import type { LoggedCall } from '../../shared/ipc/types.ts';

export type { LoggedCall };

export interface LogCallInput extends CallChoice {
  recordId: number;
  caller: string;
  events: readonly string[];
  notes?: string;
  /** The number dialled (E.164); must be one of the record's and off the do-not-call list. */
  phone?: string;
  startedAt?: Date;
  /** When the call ended and was logged; now by default. */
  at?: Date;
}

const HOUR_MS = 3_600_000;
/** The record columns a log changes. */
const RECORD_STATE = [
  'status', 'attempts', 'blocked_attempts', 'last_level', 'last_result', 'last_called_at', 'retry_at',
  'is_lead', 'existing_lead', 'owner', 'locked_by', 'locked_at',
] as const;

/** A call starts before it ends (when it is logged), and lasts less than a day. */
export function checkCallStart(startedAt: Date, end: Date): void {
  const ms = end.getTime() - startedAt.getTime();
  if (Number.isNaN(ms) || ms < 0 || ms > 24 * HOUR_MS) {
    const message = `must lie before the call's end (${end.toISOString()}) and within a day of it`;
    const given = Number.isNaN(startedAt.getTime()) ? 'not a date' : startedAt.toISOString();
    throw new UserError(`startedAt: ${message}; got ${given}.`, [{ field: 'startedAt', message }]);
  }
}

/** How long after taking a record a call to it may still be logged as made when it was taken. */
const HELD_CALL_MAX_MS = 2 * HOUR_MS;

/**
 * When a call is judged against its record's calling window, in both stores: a record taken
 * from the queue was inside its calling hours then, so a call logged soon after the window
 * closed, with no start time given, by the caller holding it, counts as made from when they took
 * it (`heldSince`); else the call's start, or its end without one. A call said to end before
 * the record was taken (--at in the past) is judged at its own time.
 */
export function callWindowTime(c: { heldByCaller: boolean; heldSince: Date | null; startedAt?: Date; at: Date }): Date {
  const since = c.heldSince === null ? Number.NaN : c.at.getTime() - c.heldSince.getTime();
  const held = c.heldByCaller && c.startedAt === undefined && since >= 0 && since <= HELD_CALL_MAX_MS;
  return held && c.heldSince ? c.heldSince : (c.startedAt ?? c.at);
}

/** The outcomes of a record's earlier calls, oldest first: what a scheme's rules may look back on. */
export function priorResults(db: DB, recordId: number): string[] {
  return db
    .prepare('SELECT o.slug FROM calls c JOIN call_outcomes o ON o.call_id = c.id WHERE c.record_id = ? ORDER BY c.ended_at, c.id, o.slug <> c.result, o.slug')
    .pluck()
    .all(recordId) as string[];
}

/**
 * Logs a call in one transaction: the call and its chosen outcomes, the record's new state, and
 * what the outcomes' effects write (task, appointment, deal, do-not-call numbers). The call's
 * event path is replayed through its scheme's flow first, the field values are checked against
 * the scheme's declarations, and an illegal outcome or a bad value is refused in the scheme's
 * words; nothing is written then.
 */
export function logCall(db: DB, input: LogCallInput): LoggedCall {
  const at = input.at ?? new Date();
  if (input.startedAt) checkCallStart(input.startedAt, at);
  return promptly(
    db,
    db.transaction((): LoggedCall => {
      const caller = callerByName(db, input.caller, at);
      const record = getRecordRow(db, input.recordId);
      const campaign = getCampaign(db, record.campaign_id);
      const task = openTask(db, record.id);
      // A closed record comes back through its follow-up task, or for the meeting booked on it.
      if (record.status === 'closed' && !task && !pendingMeeting(db, record.id)) {
        throw new UserError(
          `Record ${record.id}${record.company ? ` (${record.company})` : ''} is closed (${record.last_result ?? 'closed'}); it has no follow-up task to call it back.`,
        );
      }
      if (record.locked_by !== null && record.locked_by !== caller.id && holdLasts(record.locked_at, at)) {
        const holder = db.prepare('SELECT name FROM callers WHERE id = ?').pluck().get(record.locked_by) as string;
        throw new UserError(`Record ${record.id} is being worked by ${holder}.`);
      }
      const phones = getPhones(db, record.id);
      if (input.phone !== undefined && !phones.some((p) => p.e164 === input.phone)) {
        throw new UserError(`${input.phone} is not a number of record ${record.id}.`, [{ field: 'phone', message: 'Unknown number.' }]);
      }
      const callTime = input.startedAt ?? at;
      const windowTime = callWindowTime({
        heldByCaller: record.locked_by === caller.id, heldSince: record.locked_at === null ? null : new Date(record.locked_at), startedAt: input.startedAt, at,
      });
      const refused = callRefusal(db, record, phones, input.phone, windowTime, campaign);
      if (refused) throw new UserError(refused, [{ field: input.phone === undefined ? 'record' : 'phone', message: refused }]);

      // The call goes through the flow of its campaign's scheme (store/plan.ts, shared with team mode).
      const { facts, scheme, codes, primary, fields, level, pitched, blocked } = planCall({
        flowInput: {
          record: { isExistingLead: record.existing_lead === 1, blockedAttempts: record.blocked_attempts, priorResults: priorResults(db, record.id) },
          campaign: flowCampaignInput(campaign),
          schemeId: campaign.schemeId,
        },
        events: input.events,
        choice: input,
        at,
      });
      const shift = shiftAt(db, caller.id, callTime);
      const storedFields = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v instanceof Date ? iso(v) : v]));
      const followUp = codes.flatMap((c) => c.effects).find((e) => e.kind === 'task');
      const followUpAt = followUp?.kind === 'task' && fields[followUp.field] instanceof Date ? iso(fields[followUp.field] as Date) : null;
      const reason = typeof fields['reason'] === 'string' ? fields['reason'] : null;
      const callId = Number(
        db
          .prepare(
            `INSERT INTO calls (record_id, campaign_id, caller_id, shift_id, phone, started_at, ended_at, events,
               contact_level, pitched, dm_cut_short, blocked, result, follow_up_at, reason, notes, scheme_id, scheme_version, fields)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            record.id, campaign.id, caller.id, shift?.id ?? null, input.phone ?? null, iso(input.startedAt ?? at), iso(at),
            facts.path.join(','), level, pitched ? 1 : 0, facts.flags.dmCutShort ? 1 : 0, blocked ? 1 : 0,
            primary.slug, followUpAt, reason, input.notes?.trim() ?? '', scheme.id, scheme.version, JSON.stringify(storedFields),
          ).lastInsertRowid,
      );
      const addOutcome = db.prepare('INSERT INTO call_outcomes (call_id, slug) VALUES (?, ?)');
      for (const c of codes) addOutcome.run(callId, c.slug);
      // Everything below is journalled, so that the caller can undo this log (undoLog).
      const journal = callJournal(db, callId);
      journal.inserted('calls', callId);

      // The outcomes' effects, as their scheme declares them; then the call's counts and the record's new state.
      const ctx: EffectContext = {
        db, journal, callId, scheme, code: primary, record: { id: record.id, company: record.company, tz: record.tz }, campaign, caller, phones, task, at, fields,
        state: {
          open: record.status === 'open', closed: false, lead: false, leadKind: null, existingLead: false, owner: null,
          taskDueAt: null, appointment: false, numbersAddedToDnc: 0, flags: {},
        },
      };
      applyEffects(ctx, codes);
      const { state } = ctx;
      const newLead = state.lead && record.is_lead !== 1;
      db.prepare('UPDATE calls SET new_lead = ?, lead_kind = ?, appointment = ?, flags = ? WHERE id = ?').run(
        newLead ? 1 : 0, newLead ? state.leadKind : null, state.appointment ? 1 : 0, JSON.stringify({ ...facts.flags, ...state.flags }), callId,
      );
      // An open task no new date was agreed for is done.
      if (task && state.taskDueAt === null) {
        journal.updating('tasks', [task.id], ['done_at', 'updated_at']);
        db.prepare('UPDATE tasks SET done_at = ?, updated_at = ? WHERE id = ?').run(iso(at), iso(at), task.id);
      }

      // Open records come back after the retry delay, unless a task brings them back instead.
      journal.updating('records', [record.id], RECORD_STATE);
      const retryAt = state.open && state.taskDueAt === null ? iso(new Date(at.getTime() + campaign.retryDelayHours * HOUR_MS)) : null;
      db.prepare(
        `UPDATE records SET status = ?, attempts = attempts + 1, blocked_attempts = blocked_attempts + ?,
           last_level = ?, last_result = ?, last_called_at = ?, retry_at = ?,
           is_lead = max(is_lead, ?), existing_lead = max(existing_lead, ?),
           owner = coalesce(?, owner), locked_by = NULL, locked_at = NULL
         WHERE id = ?`,
      ).run(
        state.open ? 'open' : 'closed', blocked ? 1 : 0, level, primary.slug, iso(at), retryAt,
        state.lead ? 1 : 0, state.existingLead ? 1 : 0, state.owner, record.id,
      );

      return {
        callId,
        recordId: record.id,
        status: state.open ? 'open' : 'closed',
        contactLevel: level,
        pitched,
        newLead,
        appointment: state.appointment,
        taskDueAt: state.taskDueAt,
        numbersAddedToDnc: state.numbersAddedToDnc,
        results: codes.map((c) => c.slug),
      };
    }),
  );
}

/** Records that the intro email for a logged call was sent (the mail client was opened). */
export function markIntroEmailSent(db: DB, callId: number, at = new Date()): void {
  const info = db.prepare('UPDATE calls SET intro_email_sent_at = ? WHERE id = ?').run(iso(at), callId);
  if (info.changes === 0) throw new UserError(`There is no call ${callId}.`);
}

/** How long after logging a call its caller can still undo it. */
export const UNDO_WINDOW_MS = 5 * 60_000;

/** The refusal of an undo after UNDO_WINDOW_MS (the desk's file and a team desk's outbox). */
export function tooLateToUndo(callId: number): UserError {
  return new UserError(`Call ${callId} was logged more than ${UNDO_WINDOW_MS / 60_000} minutes ago: too late to undo. Correct the record instead.`);
}

export interface UndoneLog {
  callId: number;
  recordId: number;
  result: string;
}

/**
 * Undoes the caller's last log in one transaction: everything the log wrote (the call, the
 * record's state and attempt, its task, appointment and do-not-call entries) is reverted from
 * the log's journal, so the shift totals follow. Only the caller's own last call, only within
 * UNDO_WINDOW_MS, and only while nobody has called the record since. The record comes back to
 * the caller; another record they took meanwhile is let go.
 */
export function undoLog(db: DB, input: { callId: number; caller: string; at?: Date }): UndoneLog {
  const at = input.at ?? new Date();
  return db
    .transaction((): UndoneLog => {
      const caller = callerByName(db, input.caller, at);
      const call = db.prepare('SELECT id, record_id AS recordId, caller_id AS callerId, ended_at AS endedAt, result FROM calls WHERE id = ?').get(input.callId) as
        | { id: number; recordId: number; callerId: number; endedAt: string; result: string }
        | undefined;
      if (!call) throw new UserError(`There is no call ${input.callId} to undo.`);
      if (call.callerId !== caller.id) throw new UserError(`Call ${call.id} was logged by another caller; only they can undo it.`);
      const last = db.prepare('SELECT id FROM calls WHERE caller_id = ? ORDER BY ended_at DESC, id DESC LIMIT 1').pluck().get(caller.id) as number;
      if (last !== call.id) throw new UserError(`Only your last logged call can be undone; call ${call.id} is not your last.`);
      if (db.prepare('SELECT 1 FROM calls WHERE record_id = ? AND id > ?').get(call.recordId, call.id)) {
        throw new UserError(`Record ${call.recordId} has been called again since; call ${call.id} can no longer be undone.`);
      }
      const age = at.getTime() - Date.parse(call.endedAt);
      if (age > UNDO_WINDOW_MS) throw tooLateToUndo(call.id);
      if (!db.prepare('SELECT 1 FROM call_changes WHERE call_id = ?').get(call.id)) {
        throw new UserError(`Call ${call.id} was logged before undo was possible.`);
      }
      const holder = db.prepare('SELECT locked_by FROM records WHERE id = ?').pluck().get(call.recordId) as number | null;
      if (holder !== null && holder !== caller.id) throw new UserError(`Record ${call.recordId} is being worked by another caller now.`);
      db.prepare('UPDATE records SET locked_by = NULL, locked_at = NULL WHERE locked_by = ? AND id != ?').run(caller.id, call.recordId);
      revertCall(db, call.id);
      return { callId: call.id, recordId: call.recordId, result: call.result };
    })
    .immediate();
}
