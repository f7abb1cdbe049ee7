/**
 * A record as a desk shows it from the team database: its card (company, contact, the list's
 * other columns, numbers as written, earlier calls, corrections), whether each number may be
 * dialled now, and the flow's input for its campaign's scheme.
 */
import { viewOfCampaign } from '../api.ts';
import type { Campaign } from '../campaigns.ts';
import { UserError } from '../errors.ts';
import { refusalOf } from '../records.ts';
import { toCampaign, type CampaignRow } from '../store/postgres.ts';
import type { CallHistoryItem, RecordChange, RecordView } from '../../../shared/ipc/types.ts';
import type { Queryable } from './admin.ts';
import { priorOutcomes } from './desk-call.ts';

/** The card's text fields a list's other columns (records.details) may hold. */
const DETAILS = ['title', 'email', 'address', 'city', 'state', 'postcode', 'country', 'industry', 'employees', 'website'] as const;

export interface TeamRecord {
  view: RecordView;
  campaign: Campaign;
  isLead: boolean;
  /** Numbers of the record not on the do-not-call list when it was read. */
  offDnc: string[];
}

/**
 * The record's view at `now`; with `callerId` (the record this desk holds) every caller's
 * earlier outcomes on it are read for the scheme's rules (prior_outcomes).
 */
export async function readTeamRecord(db: Queryable, now: Date, recordId: number, callerId?: number): Promise<TeamRecord> {
  const { rows } = await db.query<{
    campaign_id: string; list_id: string | null; list_row: number | null; company: string; contact_name: string; timezone: string; status: 'open' | 'closed';
    attempts: number; blocked_attempts: number; last_level: string | null; last_result: string | null; last_call_at: Date | null;
    is_lead: boolean; existing_lead: boolean; owner: string; leased_by: string | null; task_id: string | null; task_due: Date | null;
    details: Record<string, unknown>;
  }>(
    `SELECT r.*, t.id AS task_id, t.due_at AS task_due FROM records r
     LEFT JOIN tasks t ON t.record_id = r.id AND t.done_at IS NULL WHERE r.id = $1`,
    [recordId],
  );
  const r = rows[0];
  if (!r) throw new UserError(`There is no record ${recordId} in the team database.`);
  const { rows: campaigns } = await db.query<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [r.campaign_id]);
  const campaign = toCampaign(campaigns[0] as CampaignRow);
  const { rows: phones } = await db.query<{ e164: string; raw: string; label: string; extension: string | null; on_dnc: boolean }>(
    'SELECT e164, raw, label, extension, EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) AS on_dnc FROM phones p WHERE record_id = $1 ORDER BY position',
    [recordId],
  );
  const { rows: calls } = await db.query<{ name: string; started_at: Date; level: string; pitched: boolean; result: string; notes: string; follow_up_at: Date | null }>(
    `SELECT k.name, c.started_at, c.level, c.pitched, c.result, c.notes, c.follow_up_at FROM calls c JOIN callers k ON k.id = c.caller_id
     WHERE c.record_id = $1 AND NOT c.late ORDER BY c.started_at DESC LIMIT 100`,
    [recordId],
  );
  const { rows: changes } = await db.query<{ id: string; at: Date; by: string | null; field: string; old_value: string; new_value: string }>(
    `SELECT x.id, x.at, k.name AS by, x.field, x.old_value, x.new_value FROM record_changes x LEFT JOIN callers k ON k.id = x.caller_id
     WHERE x.record_id = $1 ORDER BY x.at DESC, x.id DESC LIMIT 200`,
    [recordId],
  );
  // Every caller's outcomes on it, for the scheme's rules: only for the record this desk holds.
  const prior = callerId === undefined ? [] : await priorOutcomes(db, recordId, callerId);
  const history: CallHistoryItem[] = calls.map((c, i) => ({
    id: calls.length - i, caller: c.name, startedAt: c.started_at.toISOString(), contactLevel: c.level, pitched: c.pitched,
    result: c.result, outcomes: [c.result], notes: c.notes, followUpAt: c.follow_up_at?.toISOString() ?? null,
  }));
  const detail = (k: string) => (typeof r.details[k] === 'string' ? (r.details[k] as string) : '');
  const custom = r.details['custom'];
  const record = {
    id: recordId, campaignId: campaign.id, listId: Number(r.list_id ?? 0), listRow: r.list_row ?? 0, company: r.company, contactName: r.contact_name,
    ...(Object.fromEntries(DETAILS.map((k) => [k, detail(k)])) as Record<(typeof DETAILS)[number], string>),
    custom: custom !== null && typeof custom === 'object' ? (custom as Record<string, string>) : {},
    tz: r.timezone, status: r.status, attempts: r.attempts, blockedAttempts: r.blocked_attempts, lastLevel: r.last_level, lastResult: r.last_result,
    lastCalledAt: r.last_call_at?.toISOString() ?? null, isLead: r.is_lead, existingLead: r.existing_lead, owner: r.owner,
    lockedBy: r.leased_by === null ? null : Number(r.leased_by),
    phones: phones.map((p) => ({ label: p.label, raw: p.raw || p.e164, e164: p.e164, extension: p.extension, onDnc: p.on_dnc })),
    task: r.task_id && r.task_due ? { id: Number(r.task_id), dueAt: r.task_due.toISOString() } : null,
    history,
    changes: changes.map(
      (x): RecordChange => ({ id: Number(x.id), at: x.at.toISOString(), by: x.by ?? '', field: x.field, oldValue: x.old_value, newValue: x.new_value }),
    ),
  };
  const numbers = phones.map((p) => ({ e164: p.e164, onDnc: p.on_dnc }));
  const dial = phones.map((p) => {
    const refused = refusalOf({ id: recordId, tz: r.timezone }, numbers, p.e164, now, campaign);
    return { e164: p.e164, canDial: refused === null, reason: refused };
  });
  const view: RecordView = { record, reason: null, dial, ...viewOfCampaign(campaign, record, now, prior) };
  return { view, campaign, isLead: r.is_lead, offDnc: phones.filter((p) => !p.on_dnc).map((p) => p.e164) };
}
