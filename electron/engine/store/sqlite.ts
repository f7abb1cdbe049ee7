/** The Store over this machine's SQLite file: the synchronous engine, as it is, behind promises. */
import { addCaller, findCaller, listCallers } from '../callers.ts';
import { logCall } from '../calls.ts';
import { createCampaign, findCampaign, getCampaign, listCampaigns, updateCampaign } from '../campaigns.ts';
import { iso } from '../clock.ts';
import type { DB } from '../db/open.ts';
import { addDnc, checkDnc, dncLog, importDnc, listDnc, removeDnc } from '../dnc.ts';
import { HOLD_MS, queueFor, release, takeNext } from '../queue.ts';
import { whyQueueIsEmpty } from '../queue-empty.ts';
import { listRecords } from '../record-list.ts';
import { getRecord, getRecordRow } from '../records.ts';
import { addShift, endShift, startShift } from '../shifts.ts';
import { listTasks } from '../tasks.ts';
import { campaignRates } from '../rates.ts';
import { outcomeMix, shiftTotals } from '../totals.ts';
import { callerFigures, callerRates, listProgress } from '../progress.ts';
import { dailyTrend } from '../trend.ts';
import { callsBehind, funnel } from '../reports.ts';
import type { Store } from './types.ts';

export function sqliteStore(db: DB, clock: () => Date = () => new Date()): Store {
  return {
    mode: 'solo',
    where: db.name,
    close: async () => {
      if (db.open) db.close();
    },

    createCampaign: async (c) => createCampaign(db, c, clock()),
    listCampaigns: async () => listCampaigns(db),
    findCampaign: async (name) => findCampaign(db, name),
    getCampaign: async (id) => getCampaign(db, id),
    updateCampaign: async (id, patch) => updateCampaign(db, id, patch),

    addCaller: async (name) => addCaller(db, name, clock()),
    findCaller: async (name) => findCaller(db, name),
    listCallers: async () => listCallers(db),

    startShift: async (caller, at) => startShift(db, findCaller(db, caller).name, at ?? clock()),
    endShift: async (caller, at) => endShift(db, findCaller(db, caller).name, at ?? clock()),
    addShift: async (caller, from, to) => addShift(db, findCaller(db, caller).name, from, to),

    async record(id) {
      const r = getRecordRow(db, id);
      return { id: r.id, campaignId: r.campaign_id, company: r.company, tz: r.tz, campaignTimezone: getCampaign(db, r.campaign_id).timezone };
    },
    listRecords: async (q) => listRecords(db, q),
    recordCard: async (id) => getRecord(db, id),
    async queue(campaignId, q) {
      const campaign = getCampaign(db, campaignId);
      const callerId = q.caller === undefined ? 0 : findCaller(db, q.caller).id;
      const items = queueFor(db, campaign, { at: q.at, limit: q.limit, callerId });
      return { items, reasons: items.length ? [] : whyQueueIsEmpty(db, campaign, q.at, callerId) };
    },
    async next(campaignId, caller, at) {
      const now = clock();
      const item = takeNext(db, campaignId, findCaller(db, caller).id, at ?? now, now);
      if (!item) return null;
      const lockedAt = getRecordRow(db, item.id).locked_at ?? iso(now);
      return { id: item.id, company: item.company, phones: item.phones, leaseUntil: iso(new Date(Date.parse(lockedAt) + HOLD_MS)) };
    },
    release: async (recordId, caller) => release(db, recordId, findCaller(db, caller).id),
    async logCall(call) {
      findCaller(db, call.caller);
      const { id: _deskId, ...input } = call;
      void _deskId;
      return { ...logCall(db, { ...input, at: call.at ?? clock() }), stored: 'stored' };
    },

    tasks: async (at, campaignId) => listTasks(db, at ?? clock(), campaignId),

    addDnc: async (raw, c) => addDnc(db, raw, { ...c, now: clock() }),
    removeDnc: async (raw, c) => removeDnc(db, raw, { ...c, now: clock() }),
    listDnc: async (search, offset) => listDnc(db, { search, offset }),
    dncLog: async (e164) => dncLog(db, e164),
    checkDnc: async (raw, region) => checkDnc(db, raw, region),
    importDnc: async (file, c) => importDnc(db, file, { ...c, now: clock() }),

    shiftTotals: async (q) => shiftTotals(db, { ...q, now: q.now ?? clock() }),
    outcomes: async (campaignId, q) => outcomeMix(db, campaignId, q),
    funnel: async (q) => funnel(db, q),
    rates: async (campaignId, q) => campaignRates(db, campaignId, q),
    calls: async (f) => callsBehind(db, f),
    listProgress: async (campaignId) => listProgress(db, campaignId),
    callerFigures: async (f) => callerFigures(db, f),
    callerRates: async (f) => callerRates(db, f),
    dayTrend: async (f) => dailyTrend(db, f),
  };
}
