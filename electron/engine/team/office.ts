/**
 * The manager's and supervisor's screens on a team database: campaign settings, list imports
 * (team/import.ts, COPY), the do-not-call list and its log, the callers and every report, asked
 * of PostgreSQL under the connected person's own login. Row-level security decides what they
 * see; what their role may not do is refused by the server, and said in words naming the role
 * (store/team-roles.ts). The methods are the engine's (api.ts): the app's handlers ask either
 * the same way.
 */
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type pg from 'pg';
import type { CampaignDetail } from '../../../shared/ipc/types.ts';
import { campaignValues, totalsView, type EngineApi } from '../api.ts';
import { UserError } from '../errors.ts';
import { importJobs, type ImportOrder } from '../jobs.ts';
import { writeTotals } from '../totals.ts';
import { localZone } from '../zone.ts';
import { toCampaign, type CampaignRow } from '../store/postgres.ts';
import { onlyFor, roleRefusal } from '../store/team-roles.ts';
import type { Query } from '../store/team-reports.ts';
import type { Store } from '../store/types.ts';
import type { Queryable } from './admin.ts';
import type { DeskConnection } from './connection.ts';
import type { DeskCall } from './desk-call.ts';
import { importTeamList } from './import.ts';

/** Why Outcall's backups (of a desk's own file) do not cover a team database: said by the app and `outcall backup/restore`. */
export const TEAM_BACKUPS = "The team database is backed up on its server, with PostgreSQL's own tools (pg_dump, pg_restore)";

/** What the manager's and supervisor's screens ask, named as the engine names it. */
type OfficeMethod =
  | 'campaign' | 'saveCampaign' | 'startImport' | 'importStatus' | 'cancelImport' | 'saveImportReport' | 'listDnc' | 'removeDnc' | 'importDnc' | 'dncLog'
  | 'callers' | 'totals' | 'exportTotals' | 'outcomes' | 'rates' | 'listProgress' | 'callerFigures' | 'callerRates' | 'dayTrend' | 'funnel' | 'calls';
export type Office = { [K in OfficeMethod]: (...args: Parameters<EngineApi[K]>) => Promise<Awaited<ReturnType<EngineApi[K]>>> };

export function teamOffice(connection: DeskConnection<DeskCall>, db: Queryable, store: Store, clock: () => Date): Office {
  const q: Query = async <T extends pg.QueryResultRow>(sql: string, args: unknown[] = []) => (await db.query<T>(sql, args)).rows;
  const detail = async (id: number): Promise<CampaignDetail> => {
    const [row] = await q<CampaignRow & { records: number; open: number; calls: number }>(
      `SELECT c.*, (SELECT count(*)::int FROM records r WHERE r.campaign_id = c.id) AS records,
              (SELECT count(*)::int FROM records r WHERE r.campaign_id = c.id AND r.status = 'open') AS open,
              (SELECT count(*)::int FROM calls k WHERE k.campaign_id = c.id) AS calls
       FROM campaigns c WHERE c.id = $1`,
      [id],
    );
    if (!row) throw new UserError(`There is no campaign with id ${id} in the team database.`);
    const c = toCampaign(row);
    return {
      id: c.id, name: c.name, client: c.client, region: c.region, timezone: c.timezone, callingWindow: c.callingWindow, records: row.records,
      open: row.open, calls: row.calls, schemeId: c.schemeId, retryDelayHours: c.retryDelayHours, maxAttempts: c.maxAttempts, options: c.options,
    };
  };
  const mayImport = async () => {
    const [row] = await q<{ ok: boolean }>("SELECT has_table_privilege('lists', 'INSERT') AS ok");
    if (!row?.ok) throw await roleRefusal(q, 'a manager', 'imports a list');
  };
  const jobs = importJobs<ImportOrder>((order, onProgress) => {
    const cancel = new AbortController();
    const result = connection.longRun(async (pool) => {
      const [me] = (await pool.query<{ id: string | null }>('SELECT my_caller() AS id')).rows;
      return importTeamList(pool, {
        ...order, importedBy: me?.id == null ? undefined : Number(me.id), signal: cancel.signal, onProgress, now: clock(),
        // The report is kept until the window saves it where the user chooses.
        reportDir: join(tmpdir(), 'outcall-team-import-reports'),
      });
    });
    return { result, cancel: () => cancel.abort() };
  });

  return {
    campaign: detail,
    saveCampaign: (input) =>
      onlyFor(q, 'a manager', 'changes a campaign', async () => {
        const current = input.id === undefined ? undefined : await store.getCampaign(input.id);
        const { id, values } = campaignValues(input, current?.schemeId);
        return detail(id === undefined ? (await store.createCampaign(values)).id : (await store.updateCampaign(id, values)).id);
      }),
    async startImport(req) {
      await mayImport();
      await detail(req.campaignId);
      return jobs.start({ file: req.file, campaignId: req.campaignId, mapping: req.mapping, region: req.region, dryRun: req.dryRun });
    },
    importStatus: async (jobId) => jobs.status(jobId),
    cancelImport: async (jobId) => jobs.cancel(jobId),
    saveImportReport: async (jobId, dest) => jobs.saveReport(jobId, dest),

    listDnc: (search, offset) => store.listDnc(search, offset),
    removeDnc: (number, region, by, reason) => store.removeDnc(number, { region, by, reason }),
    importDnc: (file, region, by) => store.importDnc(file, { region, by, reason: `imported from ${basename(file)}` }),
    dncLog: (e164) => store.dncLog(e164),

    callers: () => store.listCallers(),
    totals: async (from, to, caller, campaignId, zone) => {
      const z = zone ?? localZone();
      const schemeIds = campaignId === undefined ? [] : [(await store.getCampaign(campaignId)).schemeId];
      return totalsView(await store.shiftTotals({ from, to, caller, campaignId, zone: z, now: clock() }), z, schemeIds);
    },
    async exportTotals(from, to, caller, format, file, campaignId, zone) {
      await writeTotals(await store.shiftTotals({ from, to, caller, campaignId, zone, now: clock() }), format, file);
      return { path: file };
    },
    outcomes: (campaignId, from, to, caller, zone) => store.outcomes(campaignId, { from, to, caller, zone }),
    rates: (campaignId, from, to, caller, zone) => store.rates(campaignId, { from, to, caller, zone }),
    listProgress: (campaignId) => store.listProgress(campaignId),
    callerFigures: (f) => store.callerFigures(f),
    callerRates: (f) => store.callerRates(f),
    dayTrend: (f) => store.dayTrend(f),
    funnel: (f) => store.funnel(f),
    calls: (f) => store.calls(f),
  };
}
