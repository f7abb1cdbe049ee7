import {
  callEnded,
  contactLevel,
  replay,
  schemeOf,
  validateResult,
  wasBlockedByReception,
  wasPitched,
  type AppointmentKind,
  type CallEventType,
} from '../../shared/callflow/index.ts';
import { countEffect, findCode, makesExistingLead } from '../../shared/schemes/index.ts';
import type { DB } from './db/open.ts';
import { promptly } from './db/promptly.ts';
import { flowCampaignInput, getCampaign } from './campaigns.ts';
import { callerByName } from './callers.ts';
import { addNumbersToDnc } from './dnc.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { getPhones, getRecordRow, openTask } from './records.ts';
import { openShift } from './shifts.ts';
import type { LoggedCall } from '../../shared/ipc/types.ts';

export type { LoggedCall };

export interface LogCallInput {
  recordId: number;
  caller: string;
  events: readonly CallEventType[];
  result: string;
  notes?: string;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: AppointmentKind;
  reason?: string;
  /** The number dialled (E.164); must be one of the record's and off the do-not-call list. */
  phone?: string;
  startedAt?: Date;
  /** When the call ended and was logged; now by default. */
  at?: Date;
}

const HOUR_MS = 3_600_000;

/**
 * Logs a call in one transaction: the call, the record's new state, its follow-up task, the
 * appointment and any do-not-call numbers. The call's event path is replayed through the
 * call-flow machine first, and an illegal result or a bad date is refused with the rulebook's
 * message; nothing is written then.
 */
export function logCall(db: DB, input: LogCallInput): LoggedCall {
  const at = input.at ?? new Date();
  return promptly(
    db,
    db.transaction((): LoggedCall => {
      const caller = callerByName(db, input.caller, at);
      const record = getRecordRow(db, input.recordId);
      const campaign = getCampaign(db, record.campaign_id);
      const task = openTask(db, record.id);
      if (record.status === 'closed' && !task) {
        throw new UserError(
          `Record ${record.id}${record.company ? ` (${record.company})` : ''} is closed (${record.last_result ?? 'closed'}); it has no follow-up task to call it back.`,
        );
      }
      if (record.locked_by !== null && record.locked_by !== caller.id) {
        const holder = db.prepare('SELECT name FROM callers WHERE id = ?').pluck().get(record.locked_by) as string;
        throw new UserError(`Record ${record.id} is being worked by ${holder}.`);
      }
      const phones = getPhones(db, record.id);
      if (input.phone !== undefined) {
        const phone = phones.find((p) => p.e164 === input.phone);
        if (!phone) throw new UserError(`${input.phone} is not a number of record ${record.id}.`, [{ field: 'phone', message: 'Unknown number.' }]);
        if (phone.onDnc) throw new UserError(`${input.phone} is on the do-not-call list and cannot have been dialled.`, [{ field: 'phone', message: 'On do-not-call.' }]);
      }

      const snapshot = replay(input.events, {
        record: { isExistingLead: record.existing_lead === 1, blockedAttempts: record.blocked_attempts },
        campaign: flowCampaignInput(campaign),
        schemeId: campaign.schemeId,
      });
      const problems = validateResult({
        code: input.result,
        snapshot,
        now: at,
        followUpAt: input.followUpAt,
        appointmentAt: input.appointmentAt,
        appointmentKind: input.appointmentKind,
        reason: input.reason,
      });
      if (!callEnded(snapshot) && problems.length === 0) throw new UserError('The call has not ended.');
      if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);
      const code = findCode(schemeOf(snapshot), input.result);
      if (!code) throw new UserError(`Unknown result "${input.result}".`);

      const effect = countEffect(code, record.is_lead === 1);
      const blocked = wasBlockedByReception(snapshot);
      const level = contactLevel(snapshot);
      const pitched = wasPitched(snapshot);
      const shift = openShift(db, caller.id);
      const callId = Number(
        db
          .prepare(
            `INSERT INTO calls (record_id, campaign_id, caller_id, shift_id, phone, started_at, ended_at, events,
               contact_level, pitched, dm_cut_short, blocked, result, new_lead, lead_kind, appointment,
               follow_up_at, reason, notes)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          )
          .run(
            record.id, campaign.id, caller.id, shift?.id ?? null, input.phone ?? null, iso(input.startedAt ?? at), iso(at),
            snapshot.context.path.join(','), level, pitched ? 1 : 0, snapshot.context.dmCutShort ? 1 : 0, blocked ? 1 : 0,
            code.slug, effect.newLead ? 1 : 0, effect.newLead ? (code.leadKind ?? null) : null, effect.appointment ? 1 : 0,
            input.followUpAt ? iso(input.followUpAt) : null, input.reason ?? null, input.notes?.trim() ?? '',
          ).lastInsertRowid,
      );

      // The follow-up task: created or rolled forward when a date was agreed, else done.
      let taskDueAt: string | null = null;
      if (input.followUpAt) {
        taskDueAt = iso(input.followUpAt);
        if (task) {
          db.prepare('UPDATE tasks SET due_at = ?, updated_at = ?, created_by_call = ? WHERE id = ?').run(taskDueAt, iso(at), callId, task.id);
        } else {
          db.prepare(
            'INSERT INTO tasks (record_id, campaign_id, due_at, created_at, updated_at, created_by_call) VALUES (?, ?, ?, ?, ?, ?)',
          ).run(record.id, campaign.id, taskDueAt, iso(at), iso(at), callId);
        }
      } else if (task) {
        db.prepare('UPDATE tasks SET done_at = ?, updated_at = ? WHERE id = ?').run(iso(at), iso(at), task.id);
      }

      if (code.appointment && input.appointmentAt) {
        db.prepare('INSERT INTO appointments (record_id, call_id, at, kind, created_at) VALUES (?, ?, ?, ?, ?)').run(
          record.id, callId, iso(input.appointmentAt), input.appointmentKind ?? 'face_to_face', iso(at),
        );
      }

      let numbersAddedToDnc = 0;
      if (code.actions.includes('add_numbers_to_dnc')) {
        const numbers = phones.flatMap((p) => (p.e164 ? [p.e164] : []));
        numbersAddedToDnc = addNumbersToDnc(db, numbers, {
          by: caller.name,
          source: `call:${callId}`,
          reason: `${code.label} (record ${record.id}${record.company ? `, ${record.company}` : ''})`,
          now: at,
        });
      }

      // Open records come back after the retry delay, unless a task brings them back instead.
      const retryAt = code.open && !input.followUpAt ? iso(new Date(at.getTime() + campaign.retryDelayHours * HOUR_MS)) : null;
      db.prepare(
        `UPDATE records SET status = ?, attempts = attempts + 1, blocked_attempts = blocked_attempts + ?,
           last_level = ?, last_result = ?, last_called_at = ?, retry_at = ?,
           is_lead = max(is_lead, ?), existing_lead = max(existing_lead, ?),
           owner = CASE WHEN ? THEN ? ELSE owner END, locked_by = NULL, locked_at = NULL
         WHERE id = ?`,
      ).run(
        code.open ? 'open' : 'closed', blocked ? 1 : 0, level, code.slug, iso(at), retryAt,
        code.counts === 'lead' ? 1 : 0, makesExistingLead(code) ? 1 : 0,
        code.actions.includes('move_owner_to_client') ? 1 : 0, campaign.client || 'client', record.id,
      );

      return {
        callId,
        recordId: record.id,
        status: code.open ? 'open' : 'closed',
        contactLevel: level,
        pitched,
        newLead: effect.newLead,
        appointment: effect.appointment,
        taskDueAt,
        numbersAddedToDnc,
      };
    }),
  );
}

/** Records that the intro email for a logged call was sent (the mail client was opened). */
export function markIntroEmailSent(db: DB, callId: number, at = new Date()): void {
  const info = db.prepare('UPDATE calls SET intro_email_sent_at = ? WHERE id = ?').run(iso(at), callId);
  if (info.changes === 0) throw new UserError(`There is no call ${callId}.`);
}
