import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { contract, describeIssues, type Channel, type Handlers, type Result } from '../../shared/ipc/contract.ts';
import { dialUrl, schemeOf, settingsSchema, type Settings } from '../../shared/settings.ts';
import type { AsyncEngineApi, EngineApi } from '../engine/api.ts';
import { UserError, isUserError } from '../engine/errors.ts';
import { createTeamLink, memorySecrets, type TeamLink } from './team.ts';
import { TEAM_BACKUPS, type Office } from '../engine/team/office.ts';

/**
 * The app's IPC handlers, without Electron: the main process gives them the engine worker,
 * electron-store and the OS edge (shell, dialogs, clipboard); the browser-test harness gives
 * them the engine in-process, a settings object and a recording fake edge.
 */
export interface SettingsStore {
  get(): Settings;
  set(settings: Settings): void;
}

/** What crosses the machine's edge. */
export interface Edge {
  /** Opens a URL in the OS: only dial schemes and mailto: ever reach it. */
  openExternal(url: string): Promise<void>;
  /** Asks where to save a file; null when the user cancels. */
  saveFile(defaultName: string, format: 'csv' | 'xlsx'): Promise<string | null>;
  copyText(text: string): void;
  /** Asks for a file to open; null when the user cancels. */
  openFile(kind: 'list' | 'dnc'): Promise<string | null>;
  /** Prints the window's current view to a PDF the user places; null when cancelled. */
  printToPdf(defaultName: string): Promise<string | null>;
}

type Engine = AsyncEngineApi | EngineApi;

/** Refuses what is not a regular file (a device such as /dev/zero would never end). */
function regularFile(path: string): string {
  const stat = statSync(path, { throwIfNoEntry: false });
  if (!stat) throw new UserError(`${basename(path)} cannot be read: it may have been moved or deleted.`);
  if (!stat.isFile()) throw new UserError(`${path} is not a regular file: choose a CSV, TXT or XLSX list.`);
  return path;
}

/**
 * Files the user chose in the open dialog. Main keeps each path and hands the renderer an
 * opaque token for it, so the renderer never names a file: a token it did not get from the
 * dialog opens nothing. Only regular files are accepted (no devices such as /dev/zero).
 */
export function chosenFiles(limit = 100) {
  const paths = new Map<string, string>();
  return {
    add(path: string): { token: string; name: string } {
      regularFile(path);
      const token = randomUUID();
      paths.set(token, path);
      for (const old of paths.keys()) {
        if (paths.size <= limit) break;
        paths.delete(old);
      }
      return { token, name: basename(path) };
    },
    path(token: string): string {
      const path = paths.get(token);
      if (path === undefined) throw new UserError('That file is no longer chosen: choose it again with Choose file.');
      return path;
    },
  };
}

/** Replaces the database under the engine with a backup (the engine worker restarts on it). */
export type RestoreBackup = (name: string) => Promise<{ calls: number; keptAside: string | null }>;

export function createHandlers(
  engine: Engine,
  settings: SettingsStore,
  edge: Edge,
  restoreBackup?: RestoreBackup,
  team: TeamLink = createTeamLink({ secrets: memorySecrets(), push: () => undefined }),
): Handlers {
  /** Who made a change: the name at this desk. */
  const who = () => settings.get().callerName || 'unknown';
  const files = chosenFiles();
  /** Where the caller's workspace works: the team database while Settings connect one, else this desk's file. */
  const work = () => team.desk() ?? engine;
  /**
   * The manager's and supervisor's screens: the team database while Settings connect one, under
   * that login (row-level security decides what it sees; what its role may not do is refused in
   * words), else this desk's file.
   */
  const office = (): Office | Engine => team.desk()?.office ?? engine;
  /** The desk's own file: while a team database is connected it holds only this desk's outbox. */
  const deskFile = () => {
    if (team.desk()) {
      throw new UserError(`${TEAM_BACKUPS}: this desk's file holds only its outbox while connected, so there is nothing here to back up or restore.`);
    }
    return engine;
  };
  return {
    'campaigns:list': () => work().listCampaigns(),
    'session:state': ({ caller, campaignId }) => work().sessionState(caller, campaignId),
    'shift:start': ({ caller }) => work().startShift(caller),
    'shift:end': ({ caller }) => work().endShift(caller),
    'shift:summary': ({ caller }) => work().shiftSummary(caller),
    'shift:export': async ({ caller, format }) => {
      const w = work();
      const file = await edge.saveFile(await w.defaultExportName(caller, format), format);
      if (file === null) return null;
      return w.exportShift(caller, format, file);
    },
    'queue:next': ({ campaignId, caller }) => work().nextRecord(campaignId, caller),
    'record:get': ({ recordId }) => work().recordView(recordId),
    'record:release': ({ recordId, caller }) => work().release(recordId, caller),
    'record:open': ({ recordId, caller }) => work().openRecord(recordId, caller),
    'record:correct': ({ recordId, caller, ...fix }) => work().correctRecord(recordId, fix, caller),
    'call:log': (input) => work().logCall(input),
    'call:undo': ({ callId, caller }) => work().undoLog(callId, caller),
    'call:introEmail': async ({ callId }) => {
      const w = work();
      const { url } = await w.introEmail(callId);
      if (schemeOf(url) !== 'mailto') throw new Error('intro email URL is not mailto:');
      await edge.openExternal(url);
      await w.markIntroEmailSent(callId);
      return { url };
    },
    'dial:open': async ({ recordId, e164 }) => {
      const w = work();
      const check = await w.dialCheck(recordId, e164);
      if (!check.ok) throw new UserError(check.reason);
      const made = dialUrl((await w.campaignDial(recordId)) ?? settings.get().dial, e164);
      if (!made.ok) throw new UserError(made.reason);
      await edge.openExternal(made.url);
      return { url: made.url };
    },
    'clipboard:write': ({ text }) => {
      edge.copyText(text);
      return { ok: true as const };
    },
    'tasks:list': ({ caller, campaignId }) => work().listTasks(caller, campaignId),
    'settings:get': () => settings.get(),
    'settings:set': (next) => {
      settings.set(settingsSchema.parse(next));
      return settings.get();
    },

    'campaigns:get': ({ campaignId }) => office().campaign(campaignId),
    'campaigns:save': (input) => office().saveCampaign(input),
    'import:pickFile': async () => {
      const path = await edge.openFile('list');
      return path === null ? null : files.add(path);
    },
    // The preview reads only the chosen file (no database), on either kind of desk.
    'import:preview': async ({ file, mapping }) => ({ ...(await engine.previewList(files.path(file), mapping)), file }),
    'import:start': (req) => office().startImport({ ...req, file: files.path(req.file), by: who() }),
    'import:status': ({ jobId }) => office().importStatus(jobId),
    'import:cancel': ({ jobId }) => office().cancelImport(jobId),
    'import:saveReport': async ({ jobId }) => {
      const dest = await edge.saveFile(`import-errors-${jobId}.csv`, 'csv');
      return dest === null ? null : office().saveImportReport(jobId, dest);
    },
    // Column mappings are the manager's own, kept on this desk in either mode (no team data in them).
    'templates:list': () => engine.listTemplates(),
    'templates:save': ({ name, mapping }) => engine.saveTemplate(name, mapping),
    'dnc:list': ({ search, offset }) => office().listDnc(search, offset),
    'dnc:add': ({ number, region, reason }) => work().addDnc(number, region, who(), reason),
    'dnc:remove': ({ number, region, reason }) => office().removeDnc(number, region, who(), reason),
    'dnc:import': async ({ region }) => {
      const file = await edge.openFile('dnc');
      return file === null ? null : office().importDnc(regularFile(file), region, who());
    },
    'dnc:log': ({ e164 }) => office().dncLog(e164),
    'callers:list': () => office().callers(),
    'reports:totals': ({ from, to, caller, campaignId, zone }) => office().totals(from, to, caller, campaignId, zone),
    'reports:export': async ({ from, to, caller, campaignId, format, zone }) => {
      const name = `outcall-shifts-${from}-to-${to}${caller ? `-${caller.replace(/[^\w-]+/g, '_')}` : ''}.${format}`;
      if (format === 'pdf') {
        const path = await edge.printToPdf(name);
        return path === null ? null : { path };
      }
      const dest = await edge.saveFile(name, format);
      return dest === null ? null : office().exportTotals(from, to, caller, format, dest, campaignId, zone);
    },
    'reports:outcomes': ({ campaignId, from, to, caller, zone }) => office().outcomes(campaignId, from, to, caller, zone),
    'reports:rates': ({ campaignId, from, to, caller, zone }) => office().rates(campaignId, from, to, caller, zone),
    'reports:funnel': (filter) => office().funnel(filter),
    'reports:calls': (filter) => office().calls(filter),
    'backup:list': () => deskFile().backups(),
    'backup:now': () => deskFile().backupNow(),
    'backup:restore': ({ name }) => {
      deskFile();
      if (!restoreBackup) throw new UserError('Restoring a backup is not available here.');
      return restoreBackup(name);
    },
    'reports:lists': ({ campaignId }) => office().listProgress(campaignId),
    'reports:callers': (filter) => office().callerFigures(filter),
    'reports:callerRates': (filter) => office().callerRates(filter),
    'reports:trend': (filter) => office().dayTrend(filter),
    'team:status': () => team.status(),
    'team:connect': (req) => team.connect(req),
    'team:disconnect': () => team.disconnect(),
    'team:board': ({ zone }) => team.board(zone),
  };
}

/**
 * Runs one call: the input is parsed with the channel's schema first (bad input never reaches
 * a handler), and every outcome becomes `{ ok, value }` or `{ ok: false, error }`.
 */
export async function dispatch(handlers: Handlers, channel: string, raw: unknown): Promise<Result<unknown>> {
  if (!Object.hasOwn(contract, channel)) return { ok: false, error: `Unknown channel "${channel}".` };
  const c = channel as Channel;
  const parsed = contract[c].input.safeParse(raw);
  if (!parsed.success) return { ok: false, ...describeIssues(parsed.error) };
  try {
    const handler = handlers[c] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (e) {
    if (isUserError(e)) return { ok: false, error: e.message };
    console.error(`[outcall] ${channel} failed:`, e);
    return { ok: false, error: `Something went wrong (${channel}): ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The part of ipcMain that registration needs, so that tests can pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: unknown, input: unknown) => Promise<unknown>): void;
}

export function registerHandlers(ipcMain: IpcMainLike, handlers: Handlers): void {
  for (const channel of Object.keys(contract)) {
    ipcMain.handle(channel, (_event, input) => dispatch(handlers, channel, input));
  }
}
