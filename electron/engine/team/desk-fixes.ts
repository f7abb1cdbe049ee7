/**
 * What a desk does on the team database after a call or beside it (team migration 13): Undo
 * of the caller's last call, a correction of the record held, the intro email of a call. Each
 * goes through a function that checks the caller and (for a correction) the lease on the
 * server; the checking of a correction's numbers is the solo engine's (planCorrection).
 */
import type { CountryCode } from 'libphonenumber-js/max';
import { introEmailUrl } from '../api.ts';
import type { Campaign } from '../campaigns.ts';
import { planCorrection, type RecordCorrection } from '../corrections.ts';
import { regionFromCountry } from '../phones.ts';
import type { Queryable } from './admin.ts';
import type { TeamLease } from './desk.ts';

/** Takes back the caller's call (undo_call): the record as it was before it, held for the caller again. */
export async function undoTeamCall(db: Queryable, callId: string, callerId: number, leaseSeconds: number): Promise<TeamLease> {
  const { rows } = await db.query<{ record_id: string; lease_token: string; lease_until: Date; company: string }>(
    'SELECT u.record_id, u.lease_token, u.lease_until FROM undo_call($1, $2, $3) u',
    [callId, callerId, leaseSeconds],
  );
  const row = rows[0];
  if (!row) throw new Error(`The team server gave no answer to the undo of call ${callId}.`);
  return { id: Number(row.record_id), company: '', phones: [], leaseToken: row.lease_token, leaseUntil: row.lease_until };
}

/** Corrects the record held under `lease` (correct_record), checked first as the solo engine checks it. */
export async function correctTeamRecord(db: Queryable, lease: TeamLease, callerId: number, fix: RecordCorrection, campaign: Campaign): Promise<void> {
  const { rows: [record] } = await db.query<{ contact_name: string; title: string; country: string }>(
    "SELECT contact_name, coalesce(details->>'title', '') AS title, coalesce(details->>'country', '') AS country FROM records WHERE id = $1",
    [lease.id],
  );
  const { rows: phones } = await db.query<{ position: number; label: string; raw: string; e164: string }>(
    'SELECT position, label, raw, e164 FROM phones WHERE record_id = $1 ORDER BY position',
    [lease.id],
  );
  if (!record) throw new Error(`Record ${lease.id} is not to be seen from this desk.`);
  const region: CountryCode = regionFromCountry(record.country) ?? campaign.region;
  const plan = planCorrection(fix, { phones, contactName: record.contact_name, title: record.title, region });
  const change = {
    phones: plan.phones.map((p) => ({ position: p.target?.position ?? null, field: p.field, old: p.old, e164: p.e164, raw: p.raw, label: p.label, extension: p.extension })),
    ...(plan.contactName === undefined ? {} : { contact_name: plan.contactName }),
    ...(plan.title === undefined ? {} : { title: plan.title }),
  };
  await db.query('SELECT correct_record($1, $2, $3, $4)', [lease.id, callerId, lease.leaseToken, JSON.stringify(change)]);
}

/** The mailto: URL of the campaign's intro email for the caller's call, from the team database. */
export async function teamIntroEmail(db: Queryable, callId: string, callerId: number, campaign: Campaign): Promise<{ url: string }> {
  const { rows: [call] } = await db.query<{ company: string; contact_name: string; email: string; caller: string }>(
    'SELECT * FROM call_intro_email($1, $2)',
    [callId, callerId],
  );
  if (!call) throw new Error(`The team server gave no answer for call ${callId}.`);
  return { url: introEmailUrl({ contactName: call.contact_name, company: call.company, email: call.email }, campaign, call.caller) };
}

export async function markTeamIntroEmailSent(db: Queryable, callId: string, callerId: number): Promise<void> {
  await db.query('SELECT mark_intro_email_sent($1, $2)', [callId, callerId]);
}
