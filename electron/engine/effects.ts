import { APPOINTMENT_KINDS, getScheme, makesExistingLead, type Effect, type EffectKind, type ResultCode } from '../../shared/schemes/index.ts';
import type { Phone } from '../../shared/ipc/types.ts';
import type { Campaign } from './campaigns.ts';
import type { DB } from './db/open.ts';
import { addNumbersToDnc } from './dnc.ts';
import { iso } from './clock.ts';
import type { Journal } from './journal.ts';

/**
 * The effects of an outcome (declared in its scheme, shared/schemes/types.ts `Effect`) applied
 * to the database: one function per kind. Each writes through the call's journal, so undoing
 * the log takes it back, and leaves the record's new state in `state` for the log to write.
 */

export interface EffectContext {
  db: DB;
  journal: Journal;
  callId: number;
  code: ResultCode;
  record: { id: number; company: string };
  campaign: Campaign;
  caller: { name: string };
  phones: readonly Phone[];
  /** The record's open follow-up task before this call. */
  task: { id: number } | null;
  at: Date;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: string;
  /** What the effects decide about the record and the call's outcome. */
  state: {
    open: boolean;
    lead: boolean;
    existingLead: boolean;
    /** The record's new owner; null leaves it. */
    owner: string | null;
    taskDueAt: string | null;
    numbersAddedToDnc: number;
  };
}

type Apply<K extends EffectKind> = (c: EffectContext, effect: Extract<Effect, { kind: K }>) => void;

const EFFECTS: { [K in EffectKind]: Apply<K> } = {
  keep_record: (c) => {
    c.state.open = true;
  },
  close_record: (c) => {
    c.state.open = false;
  },
  // Created, or the open one rolled forward, when a date was agreed (the window was checked before).
  task: (c) => {
    if (!c.followUpAt) return;
    const due = iso(c.followUpAt);
    c.state.taskDueAt = due;
    if (c.task) {
      c.journal.updating('tasks', [c.task.id], ['due_at', 'updated_at', 'created_by_call']);
      c.db.prepare('UPDATE tasks SET due_at = ?, updated_at = ?, created_by_call = ? WHERE id = ?').run(due, iso(c.at), c.callId, c.task.id);
    } else {
      const info = c.db
        .prepare('INSERT INTO tasks (record_id, campaign_id, due_at, created_at, updated_at, created_by_call) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.record.id, c.campaign.id, due, iso(c.at), iso(c.at), c.callId);
      c.journal.inserted('tasks', Number(info.lastInsertRowid));
    }
  },
  count_lead: (c) => {
    c.state.lead = true;
    if (makesExistingLead(c.code, getScheme(c.campaign.schemeId))) c.state.existingLead = true;
  },
  book_appointment: (c) => {
    if (!c.appointmentAt) return;
    const info = c.db
      .prepare('INSERT INTO appointments (record_id, call_id, at, kind, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(c.record.id, c.callId, iso(c.appointmentAt), c.appointmentKind ?? APPOINTMENT_KINDS[0], iso(c.at));
    c.journal.inserted('appointments', Number(info.lastInsertRowid));
  },
  add_numbers_to_dnc: (c) => {
    const numbers = c.phones.flatMap((p) => (p.e164 ? [p.e164] : []));
    const reason = `${c.code.label} (record ${c.record.id}${c.record.company ? `, ${c.record.company}` : ''})`;
    c.state.numbersAddedToDnc += addNumbersToDnc(c.db, numbers, { by: c.caller.name, source: `call:${c.callId}`, reason, now: c.at }, c.journal);
  },
  move_owner: (c) => {
    c.state.owner = c.campaign.client || 'client';
  },
  // Nothing to write: the app offers the mail client once the call is logged (markIntroEmailSent).
  send_intro_email: () => {},
  record_deal: () => {},
  flag: () => {},
};

/** Applies the code's effects in the order its scheme declares them. */
export function applyEffects(c: EffectContext): void {
  for (const effect of c.code.effects) (EFFECTS[effect.kind] as Apply<typeof effect.kind>)(c, effect);
}
