/**
 * The Store over the team's PostgreSQL database. The desk plans every call as the SQLite engine
 * does (store/plan.ts, the scheme's data); the server stores it through its functions
 * (team/functions.ts, team/store-schema.ts) on its own clock. Refusals are the SQLite engine's
 * words.
 */
import pg from 'pg';
import type { CountryCode } from 'libphonenumber-js/max';
import { callerNameTaken, cleanCallerName, noSuchCaller, type Caller } from '../callers.ts';
import { callWindowTime, checkCallStart } from '../calls.ts';
import { campaignNameTaken, DEFAULT_OPTIONS, flowCampaignInput, newCampaignValues, noSuchCampaign, type Campaign } from '../campaigns.ts';
import { dncNumber } from '../dnc.ts';
import { inWords, UserError } from '../errors.ts';
import { HOLD_MS } from '../queue.ts';
import { refusalOf } from '../records.ts';
import type { Queryable } from '../team/admin.ts';
import { leaseNext, newCallId } from '../team/desk.ts';
import { deskCall, planTeamCall, priorOutcomes, sendDeskCall } from '../team/desk-call.ts';
import { teamConnection, teamTarget } from '../team/connect.ts';
import { PENDING_MEETING } from '../team/hosted-meetings.ts';
import { TEAM_SCHEMA_VERSION } from '../team/migrations.ts';
import { teamFunnel, teamRates } from './team-reports.ts';
import { teamManagement } from './team-manage.ts';
import { teamOutcomes, teamShiftTotals } from './team-totals.ts';
import { teamQueue, teamRecordCard, teamRecordList } from './team-records.ts';
import { teamCallerFigures, teamCallerRates, teamCalls, teamDayTrend, teamListProgress } from './team-progress.ts';
import { onlyFor } from './team-roles.ts';
import type { Store } from './types.ts';
import type { Shift } from '../../../shared/ipc/types.ts';

const HOLD_SECONDS = HOLD_MS / 1000;
const isoOf = (d: Date | null): string | null => (d === null ? null : d.toISOString());

export interface CampaignRow {
  id: string;
  name: string;
  client: string;
  scheme_id: string;
  region: string;
  timezone: string;
  calling_window: Campaign['callingWindow'];
  retry_delay_hours: number;
  max_attempts: number | null;
  options: Partial<Campaign['options']>;
  created_at: Date;
}

export const toCampaign = (r: CampaignRow): Campaign => ({
  id: Number(r.id), name: r.name, client: r.client, schemeId: r.scheme_id, region: r.region as CountryCode, timezone: r.timezone,
  callingWindow: r.calling_window, retryDelayHours: r.retry_delay_hours, maxAttempts: r.max_attempts,
  options: { ...DEFAULT_OPTIONS, ...r.options }, createdAt: r.created_at.toISOString(),
});

/** Opens the team database at `url`; refused in words when it cannot be reached or is not set up for this Outcall. */
export async function postgresStore(url: string, clock: () => Date = () => new Date()): Promise<Store> {
  const where = teamTarget(url);
  const pool = new pg.Pool({ ...teamConnection(url, { connectionTimeoutMillis: 15_000 }).config, max: 4 });
  pool.on('error', () => undefined);
  let version: number;
  try {
    const { rows } = await pool.query<{ v: number | null }>('SELECT max(version) AS v FROM team_migrations');
    version = rows[0]?.v ?? 0;
  } catch (e) {
    await pool.end().catch(() => undefined);
    const code = (e as { code?: string }).code;
    const why = code === '42P01' ? 'it is not set up: run outcall team init --url on it first' : (e as Error).message || String(code);
    throw new UserError(`Cannot use the team database ${where}: ${why}.`);
  }
  if (version !== TEAM_SCHEMA_VERSION) {
    await pool.end();
    throw new UserError(
      version < TEAM_SCHEMA_VERSION
        ? `The team database ${where} is at schema version ${version}: run outcall team init --url on it to bring it to ${TEAM_SCHEMA_VERSION}.`
        : `The team database ${where} is at schema version ${version}, newer than this Outcall's ${TEAM_SCHEMA_VERSION}: update Outcall on this desk.`,
    );
  }

  return teamStoreOver(pool, where, () => pool.end(), clock);
}

/**
 * The Store over a team database already reached: the command line's own pool, or a desk's
 * connection (which refuses, in words, while offline).
 */
export function teamStoreOver(pool: Queryable, where: string, close: () => Promise<void>, clock: () => Date = () => new Date()): Store {
  /** A query whose refusals (RAISE ... P0001 in the functions) reach the person in their words. */
  const q = async <T extends pg.QueryResultRow>(sql: string, args: unknown[] = []): Promise<T[]> => {
    try {
      return (await pool.query<T>(sql, args)).rows;
    } catch (e) {
      throw inWords(e);
    }
  };
  const callerNames = async () => (await q<{ name: string }>('SELECT name FROM callers ORDER BY name')).map((r) => r.name);
  const findCaller = async (name: string): Promise<Caller> => {
    const c = cleanCallerName(name);
    const [row] = await q<{ id: string; name: string }>('SELECT id, name FROM callers WHERE name = $1', [c]);
    if (!row) throw noSuchCaller(c, await callerNames());
    return { id: Number(row.id), name: row.name };
  };
  const campaignById = async (id: number): Promise<Campaign> => {
    const [row] = await q<CampaignRow>('SELECT * FROM campaigns WHERE id = $1', [id]);
    if (!row) throw new UserError(`There is no campaign with id ${id}.`);
    return toCampaign(row);
  };
  const shiftOf = async (id: number): Promise<Shift> => {
    const [s] = await q<{ id: string; caller_id: string; name: string; started_at: Date; ended_at: Date | null }>(
      'SELECT s.id, s.caller_id, k.name, s.started_at, s.ended_at FROM shifts s JOIN callers k ON k.id = s.caller_id WHERE s.id = $1',
      [id],
    );
    if (!s) throw new Error(`Shift ${id} is gone.`);
    return { id: Number(s.id), callerId: Number(s.caller_id), caller: s.name, startedAt: s.started_at.toISOString(), endedAt: isoOf(s.ended_at) };
  };

  const callerId = async (name: string | undefined) => (name === undefined ? 0 : (await findCaller(name)).id);

  return {
    mode: 'team',
    where,
    close,

    async createCampaign(c) {
      const v = newCampaignValues(c);
      try {
        const [row] = await q<CampaignRow>(
          `INSERT INTO campaigns (name, client, scheme_id, region, timezone, calling_window, retry_delay_hours, max_attempts, options)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
          [v.name, v.client, v.schemeId, v.region, v.timezone, JSON.stringify(v.callingWindow), v.retryDelayHours, v.maxAttempts, JSON.stringify(v.options)],
        );
        return toCampaign(row as CampaignRow);
      } catch (e) {
        if ((e as { code?: string }).code === '23505') throw campaignNameTaken(v.name);
        throw e;
      }
    },
    async listCampaigns() {
      const rows = await q<CampaignRow & { records: number; open: number }>(
        `SELECT c.*, count(r.id)::int AS records, count(r.id) FILTER (WHERE r.status = 'open')::int AS open
         FROM campaigns c LEFT JOIN records r ON r.campaign_id = c.id GROUP BY c.id ORDER BY c.name`,
      );
      return rows.map((r) => ({ ...toCampaign(r), records: r.records, open: r.open }));
    },
    async findCampaign(name) {
      const [row] = await q<CampaignRow>('SELECT * FROM campaigns WHERE name = $1', [name.trim()]);
      if (!row) throw noSuchCampaign(name, (await q<{ name: string }>('SELECT name FROM campaigns ORDER BY name')).map((r) => r.name));
      return toCampaign(row);
    },
    getCampaign: campaignById,
    ...teamManagement(q, campaignById),
    async addCaller(name) {
      const c = cleanCallerName(name);
      const [row] = await q<{ id: string }>('INSERT INTO callers (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id', [c]);
      if (!row) throw callerNameTaken(c);
      return { id: Number(row.id), name: c };
    },
    findCaller,
    listCallers: callerNames,

    async startShift(caller, at) {
      const c = await findCaller(caller);
      const [row] = await q<{ id: string }>('SELECT start_shift($1, $2) AS id', [c.id, at ?? clock()]);
      return shiftOf(Number(row?.id));
    },
    async endShift(caller, at) {
      const c = await findCaller(caller);
      const [row] = await q<{ id: string }>('SELECT end_shift($1, $2) AS id', [c.id, at ?? clock()]);
      return shiftOf(Number(row?.id));
    },
    async addShift(caller, from, to) {
      const c = await findCaller(caller);
      const [row] = await q<{ id: string }>('SELECT add_shift($1, $2, $3) AS id', [c.id, from, to]);
      return shiftOf(Number(row?.id));
    },

    async record(id) {
      const [r] = await q<{ campaign_id: string; company: string; timezone: string; campaign_zone: string }>(
        'SELECT r.campaign_id, r.company, r.timezone, c.timezone AS campaign_zone FROM records r JOIN campaigns c ON c.id = r.campaign_id WHERE r.id = $1',
        [id],
      );
      if (!r) throw new UserError(`There is no record ${id}.`, [{ field: 'record', message: 'Unknown record.' }]);
      return { id, campaignId: Number(r.campaign_id), company: r.company, tz: r.timezone, campaignTimezone: r.campaign_zone };
    },
    listRecords: (rq) => teamRecordList(q, rq),
    recordCard: (id) => teamRecordCard(q, id),
    queue: async (campaignId, qq) => teamQueue(q, await campaignById(campaignId), await callerId(qq.caller), qq.at, qq.limit),
    async next(campaignId, caller, at) {
      const c = await findCaller(caller);
      const lease = await leaseNext(pool, { campaignId, callerId: c.id, leaseSeconds: HOLD_SECONDS, at });
      return lease && { id: lease.id, company: lease.company, phones: lease.phones, leaseUntil: lease.leaseUntil.toISOString() };
    },
    async release(recordId, caller) {
      const c = await findCaller(caller);
      const [row] = await q<{ ok: boolean }>('SELECT release_held($1, $2) AS ok', [recordId, c.id]);
      return row?.ok === true;
    },

    async logCall(call) {
      const at = call.at ?? clock();
      if (call.startedAt) checkCallStart(call.startedAt, at);
      const caller = await findCaller(call.caller);
      const [r] = await q<{
        campaign_id: string; company: string; timezone: string; status: string; last_result: string | null; is_lead: boolean;
        existing_lead: boolean; blocked_attempts: number; holder: string | null; task: boolean; meeting: boolean; mine: boolean; held_since: Date | null;
      }>(
        `SELECT r.campaign_id, r.company, r.timezone, r.status, r.last_result, r.is_lead, r.existing_lead, r.blocked_attempts,
                r.leased_by IS NOT DISTINCT FROM $2 AS mine, r.held_since,
                (SELECT k.name FROM callers k WHERE k.id = r.leased_by AND r.leased_by <> $2 AND r.lease_until > now()) AS holder,
                EXISTS (SELECT 1 FROM tasks t WHERE t.record_id = r.id AND t.done_at IS NULL) AS task,
                EXISTS (SELECT 1 FROM appointments a JOIN calls booked ON booked.id = a.call_id WHERE a.record_id = r.id AND a.host IS NOT NULL AND ${PENDING_MEETING}) AS meeting
         FROM records r WHERE r.id = $1`,
        [call.recordId, caller.id],
      );
      if (!r) throw new UserError(`There is no record ${call.recordId}.`, [{ field: 'record', message: 'Unknown record.' }]);
      const id = call.recordId;
      // A closed record comes back through its follow-up task, or for the hosted meeting booked on it.
      if (r.status === 'closed' && !r.task && !r.meeting) {
        throw new UserError(`Record ${id}${r.company ? ` (${r.company})` : ''} is closed (${r.last_result ?? 'closed'}); it has no follow-up task to call it back.`);
      }
      if (r.holder !== null) throw new UserError(`Record ${id} is being worked by ${r.holder}.`);
      const phones = await q<{ e164: string; on_dnc: boolean }>(
        'SELECT e164, EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) AS on_dnc FROM phones p WHERE record_id = $1 ORDER BY position',
        [id],
      );
      if (call.phone !== undefined && !phones.some((p) => p.e164 === call.phone)) {
        throw new UserError(`${call.phone} is not a number of record ${id}.`, [{ field: 'phone', message: 'Unknown number.' }]);
      }
      const campaign = await campaignById(Number(r.campaign_id));
      const windowTime = callWindowTime({ heldByCaller: r.mine, heldSince: r.held_since, startedAt: call.startedAt, at });
      const refused = refusalOf({ id, tz: r.timezone }, phones.map((p) => ({ e164: p.e164, onDnc: p.on_dnc })), call.phone, windowTime, campaign);
      if (refused) throw new UserError(refused, [{ field: call.phone === undefined ? 'record' : 'phone', message: refused }]);

      const planned = await planTeamCall(pool, {
        recordId: id, company: r.company, tz: r.timezone, campaign, callerId: caller.id, callerName: caller.name,
        flowInput: {
          record: { isExistingLead: r.existing_lead, blockedAttempts: r.blocked_attempts, priorResults: await priorOutcomes(pool, id, caller.id) },
          campaign: flowCampaignInput(campaign),
          schemeId: campaign.schemeId,
        },
        wasOpen: r.status === 'open', wasLead: r.is_lead, numbersOffDnc: phones.filter((p) => !p.on_dnc).map((p) => p.e164),
        events: call.events, choice: call, startedAt: call.startedAt ?? at, at, phone: call.phone, notes: call.notes,
      }).catch((e: unknown) => {
        throw inWords(e);
      });
      const { plan, effects } = planned;
      const [held] = await q<{ token: string | null }>('SELECT hold_record($1, $2, $3) AS token', [id, caller.id, HOLD_SECONDS]);
      if (!held?.token) throw new UserError(`Record ${id} is being worked by another caller now.`);
      const callId = call.id ?? newCallId();
      const sent = deskCall({ ...planned, id: callId, leaseToken: held.token });
      let answer: 'stored' | 'late' | 'duplicate';
      try {
        answer = await sendDeskCall(pool, sent);
      } catch (e) {
        throw inWords(e);
      }
      return {
        callId, recordId: id, status: effects.open ? 'open' : 'closed', contactLevel: plan.level, pitched: plan.pitched,
        newLead: sent.plan['new_lead'] === true, appointment: effects.appointment !== null, taskDueAt: isoOf(effects.taskDueAt), numbersAddedToDnc: sent.doNotCall.length,
        results: plan.codes.map((c) => c.slug),
        stored: answer,
      };
    },

    async tasks(at, campaignId) {
      const items = async (when: string) =>
        (
          await q<{ id: string; record_id: string; campaign_id: string; campaign: string; company: string; contact_name: string; due_at: Date; timezone: string; last_result: string | null; scheme_id: string }>(
            `SELECT t.id, r.id AS record_id, r.campaign_id, c.name AS campaign, r.company, r.contact_name, t.due_at, r.timezone, r.last_result, c.scheme_id
             FROM tasks t JOIN records r ON r.id = t.record_id JOIN campaigns c ON c.id = r.campaign_id
             WHERE t.done_at IS NULL AND t.due_at ${when} $1 AND ($2::bigint IS NULL OR r.campaign_id = $2) ORDER BY t.due_at LIMIT 500`,
            [at ?? clock(), campaignId ?? null],
          )
        ).map((t) => ({
          taskId: Number(t.id), recordId: Number(t.record_id), campaignId: Number(t.campaign_id), campaign: t.campaign, company: t.company,
          contactName: t.contact_name, dueAt: t.due_at.toISOString(), tz: t.timezone, lastResult: t.last_result, schemeId: t.scheme_id,
        }));
      return { due: await items('<='), upcoming: await items('>') };
    },

    async addDnc(raw, c) {
      const e164 = dncNumber(raw, c.region);
      const [by] = await q<{ id: string }>('SELECT id FROM callers WHERE name = $1', [c.by.trim()]);
      const [row] = await q<{ added: boolean }>('SELECT add_dnc($1, $2, $3) AS added', [e164, c.reason ?? '', by?.id ?? null]);
      return { e164, added: row?.added === true };
    },
    async removeDnc(raw, c) {
      const reason = c.reason?.trim();
      if (!reason) throw new UserError('Say why the number comes off the do-not-call list (--reason).', [{ field: 'reason', message: 'A reason is required.' }]);
      const e164 = dncNumber(raw, c.region);
      const [by] = await q<{ id: string }>('SELECT id FROM callers WHERE name = $1', [c.by.trim()]);
      const [row] = await onlyFor(q, 'a manager', 'takes a number off the do-not-call list', () =>
        q<{ ok: boolean }>('SELECT remove_dnc($1, $2, $3) AS ok', [e164, reason, by?.id ?? null]),
      );
      if (!row?.ok) throw new UserError(`${e164} is not on the do-not-call list.`);
      return { e164 };
    },
    async listDnc(search, offset = 0) {
      const digits = (search ?? '').replace(/\D/g, '');
      const [count] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM dnc WHERE e164 LIKE '%' || $1 || '%'`, [digits]);
      const rows = await q<{ e164: string; added_at: Date; by: string | null; reason: string }>(
        `SELECT d.e164, d.added_at, k.name AS by, d.reason FROM dnc d LEFT JOIN callers k ON k.id = d.added_by
         WHERE d.e164 LIKE '%' || $1 || '%' ORDER BY d.added_at DESC, d.e164 LIMIT 100 OFFSET $2`,
        [digits, offset],
      );
      return {
        total: count?.n ?? 0,
        entries: rows.map((d) => ({ e164: d.e164, raw: d.e164, source: 'team', addedAt: d.added_at.toISOString(), addedBy: d.by ?? '', reason: d.reason })),
      };
    },

    async dncLog(e164) {
      const rows = await onlyFor(q, 'a supervisor or a manager', 'reads the do-not-call log', () =>
        q<{ e164: string; action: string; at: Date; by: string | null; reason: string }>(
          `SELECT l.e164, l.action, l.at, k.name AS by, l.reason FROM dnc_log l LEFT JOIN callers k ON k.id = l.caller_id
           WHERE $1::text IS NULL OR l.e164 = $1 ORDER BY l.id ${e164 ? '' : 'DESC LIMIT 500'}`,
          [e164 ?? null],
        ),
      );
      return rows.map((r) => ({ e164: r.e164, action: r.action, at: r.at.toISOString(), by: r.by ?? '', source: 'team', reason: r.reason }));
    },

    shiftTotals: (tq) => teamShiftTotals(q, tq, clock),
    outcomes: (campaignId, oq) => teamOutcomes(q, campaignId, oq),
    rates: async (campaignId, rq) => teamRates(q, await campaignById(campaignId), rq),
    funnel: (fq) => teamFunnel(q, fq),
    calls: (f) => teamCalls(q, f),
    listProgress: (campaignId) => teamListProgress(q, campaignId),
    callerFigures: (f) => teamCallerFigures(q, f),
    callerRates: (f) => teamCallerRates(q, f),
    dayTrend: (f) => teamDayTrend(q, f),
  };
}
