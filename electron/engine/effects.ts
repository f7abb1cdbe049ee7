import type { Effect, EffectKind, FieldValues, OutcomeScheme, ResultCode } from '../../shared/schemes/index.ts';
import { makesExistingLead, meetingKind } from '../../shared/schemes/index.ts';
import type { Phone } from '../../shared/ipc/types.ts';
import type { Campaign } from './campaigns.ts';
import type { DB } from './db/open.ts';
import { addNumbersToDnc } from './dnc.ts';
import { iso } from './clock.ts';
import { UserError } from './errors.ts';
import type { Journal } from './journal.ts';
import { hostsOf, pickHost } from './meetings.ts';

/**
 * The effects of an outcome (declared in its scheme, shared/schemes/types.ts `Effect`) applied
 * to the database: one function per kind. Each writes through the call's journal, so undoing
 * the log takes it back, and leaves the record's new state in `state` for the log to write.
 * Fields are read by the key the effect names, from the call's checked field values.
 */

export interface EffectContext {
  db: DB;
  journal: Journal;
  callId: number;
  scheme: OutcomeScheme;
  /** The outcome whose effects are being applied (one of the call's chosen outcomes). */
  code: ResultCode;
  record: { id: number; company: string; tz: string };
  campaign: Campaign;
  caller: { name: string };
  phones: readonly Phone[];
  /** The record's open follow-up task (before this call, or the one an earlier effect made). */
  task: { id: number } | null;
  at: Date;
  fields: FieldValues;
  /** What the effects decide about the record and the call's outcome. */
  state: {
    open: boolean;
    /** An outcome closed the record: no other outcome of the call reopens it. */
    closed: boolean;
    lead: boolean;
    leadKind: string | null;
    existingLead: boolean;
    /** The record's new owner; null leaves it. */
    owner: string | null;
    taskDueAt: string | null;
    appointment: boolean;
    numbersAddedToDnc: number;
    /** Flags the outcomes set (stored with the flow's in calls.flags). */
    flags: Record<string, boolean>;
  };
}

type Apply<K extends EffectKind> = (c: EffectContext, effect: Extract<Effect, { kind: K }>) => void;

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const date = (v: unknown): Date | null => (v instanceof Date ? v : null);

const EFFECTS: { [K in EffectKind]: Apply<K> } = {
  keep_record: (c) => {
    if (!c.state.closed) c.state.open = true;
  },
  close_record: (c) => {
    c.state.open = false;
    c.state.closed = true;
  },
  // Created, or the open one rolled forward, when a date was agreed (the window was checked before).
  task: (c, e) => {
    const at = date(c.fields[e.field]);
    if (!at) return;
    const due = iso(at);
    c.state.taskDueAt = due;
    if (c.task) {
      c.journal.updating('tasks', [c.task.id], ['due_at', 'updated_at', 'created_by_call']);
      c.db.prepare('UPDATE tasks SET due_at = ?, updated_at = ?, created_by_call = ? WHERE id = ?').run(due, iso(c.at), c.callId, c.task.id);
    } else {
      const info = c.db
        .prepare('INSERT INTO tasks (record_id, campaign_id, due_at, created_at, updated_at, created_by_call) VALUES (?, ?, ?, ?, ?, ?)')
        .run(c.record.id, c.campaign.id, due, iso(c.at), iso(c.at), c.callId);
      c.task = { id: Number(info.lastInsertRowid) };
      c.journal.inserted('tasks', c.task.id);
    }
  },
  count_lead: (c, e) => {
    c.state.lead = true;
    c.state.leadKind ??= e.leadKind;
    if (makesExistingLead(c.code, c.scheme)) c.state.existingLead = true;
  },
  book_appointment: (c, e) => {
    // A meeting only when its date was given (an outcome may book one or not, e.g. a follow-up).
    const at = date(c.fields[e.at]);
    if (!at) return;
    c.state.appointment = true;
    // A meeting of no kind given is of the first kind the scheme offers.
    const kind = meetingKind(c.scheme, e, c.fields);
    // A host chosen, else the caller when they host such meetings, else the next host in turn.
    const host = e.host ? pickHost(c.db, c.campaign.id, hostsOf(c.campaign), at, { chosen: text(c.fields[e.host]), prefer: c.caller.name, field: e.host, tz: c.record.tz }) : null;
    const info = c.db
      .prepare('INSERT INTO appointments (record_id, call_id, at, kind, host, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(c.record.id, c.callId, iso(at), kind, host, iso(c.at));
    c.journal.inserted('appointments', Number(info.lastInsertRowid));
  },
  record_deal: (c, e) => {
    const value = c.fields[e.value];
    if (typeof value !== 'number') return;
    const parentId = e.parent === undefined ? null : Number(c.fields[e.parent] ?? NaN);
    if (parentId !== null && !Number.isNaN(parentId)) {
      const parent = c.db.prepare('SELECT id FROM deals WHERE id = ? AND campaign_id = ?').get(parentId, c.campaign.id);
      if (!parent) throw new UserError(`There is no deal ${parentId} in campaign "${c.campaign.name}" to grow from.`, [{ field: e.parent as string, message: 'Unknown deal.' }]);
    }
    const pick = (key: string | undefined) => (key === undefined ? null : text(c.fields[key]));
    const currency = text(c.campaign.options.settings?.['currency']) ?? '';
    const info = c.db
      .prepare(
        `INSERT INTO deals (record_id, call_id, campaign_id, parent_id, value, currency, deal_date, product, payment, closer, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(c.record.id, c.callId, c.campaign.id, parentId !== null && !Number.isNaN(parentId) ? parentId : null, value, currency, pick(e.date), pick(e.product), pick(e.payment), pick(e.closer) ?? c.caller.name, iso(c.at));
    c.journal.inserted('deals', Number(info.lastInsertRowid));
  },
  flag: (c, e) => {
    c.state.flags[e.flag] = true;
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
};

/** Applies the effects of each chosen outcome, in scheme order, each in the order its scheme declares them. */
export function applyEffects(c: EffectContext, codes: readonly ResultCode[]): void {
  for (const code of codes) {
    c.code = code;
    for (const effect of code.effects) (EFFECTS[effect.kind] as Apply<typeof effect.kind>)(c, effect);
  }
}
