/**
 * Setting a team database up: callers, campaigns, records and the shared do-not-call list.
 * Numbers are normalised here, on the desk, with the engine's own phone functions; the server
 * stores E.164 only.
 */
import type pg from 'pg';
import { windowProblems, type CallingWindow } from '../../../shared/calling-window.ts';
import { UserError } from '../errors.ts';
import { isRegion, normalizePhone } from '../phones.ts';
import { isValidTimeZone } from '../timezones.ts';

export type Queryable = pg.Pool | pg.ClientBase;
export type TeamRole = 'caller' | 'manager' | 'supervisor';

export async function addTeamCaller(db: Queryable, name: string, role: TeamRole = 'caller'): Promise<number> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw new UserError(`A caller's name must be 1 to 100 characters, not "${name}".`);
  const { rows } = await db.query<{ id: string }>(
    'INSERT INTO callers (name, role) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role RETURNING id',
    [clean, role],
  );
  return Number(rows[0]?.id);
}

export interface NewTeamCampaign {
  name: string;
  region: string;
  timezone: string;
  callingWindow: CallingWindow;
  retryDelayHours?: number;
  maxAttempts?: number;
}

export async function createTeamCampaign(db: Queryable, c: NewTeamCampaign): Promise<number> {
  const problems = windowProblems(c.callingWindow);
  if (problems.length) throw new UserError(`Campaign "${c.name}": calling window: ${problems.join(' ')}`);
  if (!isRegion(c.region)) throw new UserError(`Campaign "${c.name}": region "${c.region}" is not a country code.`);
  if (!isValidTimeZone(c.timezone)) throw new UserError(`Campaign "${c.name}": "${c.timezone}" is not a time zone.`);
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO campaigns (name, region, timezone, calling_window, retry_delay_hours, max_attempts)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [c.name.trim(), c.region, c.timezone, JSON.stringify(c.callingWindow), c.retryDelayHours ?? 24, c.maxAttempts ?? 6],
  );
  return Number(rows[0]?.id);
}

export async function teamCampaignId(db: Queryable, name: string): Promise<number> {
  const { rows } = await db.query<{ id: string }>('SELECT id FROM campaigns WHERE name = $1', [name.trim()]);
  if (!rows[0]) throw new UserError(`There is no campaign "${name}" in the team database.`);
  return Number(rows[0].id);
}

export interface NewTeamRecord {
  company: string;
  contactName?: string;
  /** The record's IANA zone; the campaign's when missing. */
  timezone?: string;
  /** As written in the list; normalised with the campaign's region. */
  phones: string[];
}

/**
 * Adds records to a campaign as one list, in one transaction. (A stand-in until the importer
 * writes to PostgreSQL with COPY.) A row without a valid number is refused, naming the row.
 */
export async function addTeamRecords(pool: pg.Pool, campaignId: number, listName: string, rows: NewTeamRecord[]): Promise<number[]> {
  const { rows: found } = await pool.query<{ region: string; timezone: string }>(
    'SELECT region, timezone FROM campaigns WHERE id = $1',
    [campaignId],
  );
  const campaign = found[0];
  if (!campaign || !isRegion(campaign.region)) throw new UserError(`There is no campaign ${campaignId} in the team database.`);
  const region = campaign.region;
  const records = rows.map((row, i) => {
    const phones: string[] = [];
    for (const raw of row.phones) {
      const n = normalizePhone(raw, region);
      if (n.ok && !phones.includes(n.e164)) phones.push(n.e164);
    }
    if (!phones.length) throw new UserError(`Row ${i + 1} (${row.company}): no valid phone number in "${row.phones.join(', ')}".`);
    const timezone = row.timezone ?? campaign.timezone;
    if (!isValidTimeZone(timezone)) throw new UserError(`Row ${i + 1} (${row.company}): "${timezone}" is not a time zone.`);
    return { ...row, timezone, phones };
  });
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows: list } = await client.query<{ id: string }>('INSERT INTO lists (campaign_id, name) VALUES ($1, $2) RETURNING id', [
      campaignId,
      listName,
    ]);
    const { rows: ids } = await client.query<{ id: string }>(
      `INSERT INTO records (campaign_id, list_id, company, contact_name, timezone)
       SELECT $1, $2, c, n, z FROM unnest($3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS t(c, n, z, o) ORDER BY o
       RETURNING id`,
      [campaignId, list[0]?.id, records.map((r) => r.company), records.map((r) => r.contactName ?? ''), records.map((r) => r.timezone)],
    );
    const recordIds = ids.map((r) => Number(r.id));
    const phoneRows = records.flatMap((r, i) => r.phones.map((e164, position) => ({ record: recordIds[i], position, e164 })));
    await client.query(
      'INSERT INTO phones (record_id, position, e164) SELECT * FROM unnest($1::bigint[], $2::int[], $3::text[])',
      [phoneRows.map((p) => p.record), phoneRows.map((p) => p.position), phoneRows.map((p) => p.e164)],
    );
    await client.query('COMMIT');
    // Fresh statistics, so lease_next walks the queue's index instead of scanning the campaign
    // (without them, 20,000 new records made it 12 times slower).
    await client.query('ANALYZE records, phones');
    return recordIds;
  } catch (e) {
    await client.query('ROLLBACK');
    throw e;
  } finally {
    client.release();
  }
}

/** A number as written, normalised to E.164 with `region`; refused in words when it is none. */
export function teamNumber(raw: string, region: string): string {
  if (!isRegion(region)) throw new UserError(`"${region}" is not a country code.`);
  const n = normalizePhone(raw, region);
  if (!n.ok) throw new UserError(`"${raw}" is not a phone number: ${n.reason}.`);
  return n.e164;
}

/** Puts a number on the team's shared do-not-call list; false when it was on it already. */
export async function addTeamDnc(db: Queryable, raw: string, region: string, reason: string, callerId: number): Promise<boolean> {
  if (reason.length > 500) throw new UserError('A do-not-call reason is at most 500 characters.');
  const { rows } = await db.query<{ added: boolean }>('SELECT add_dnc($1, $2, $3) AS added', [teamNumber(raw, region), reason, callerId]);
  return rows[0]?.added === true;
}
