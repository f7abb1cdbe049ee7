import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  checkZone,
  dayIn,
  localZone,
  summaryLine,
  TEXT_COLUMNS,
  totalsColumns,
  UserError,
  writeTotals,
  type ExportFormat,
} from '../../engine/index.ts';
import type { Store } from '../../engine/store/types.ts';
import { FUNNEL_STAGES, TIMESHEET_COLUMNS } from '../../../shared/schemes/index.ts';
import { need, oneOf, str, table, UsageError, type Command, type Values } from '../kit.ts';

/** What supervisors read: shift totals for timesheets, the funnel and the outcome mix. */

const DAY_MS = 86_400_000;
const RANGE_HELP = '--from and --to are days (YYYY-MM-DD), both included; by default the last 7 days up to today.';

/** The calendar day `n` days before a YYYY-MM-DD day (left as it is when it is no date). */
function daysBefore(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? day : new Date(t - n * DAY_MS).toISOString().slice(0, 10);
}

/** --from and --to, the last 7 days by default; --caller checked against the callers that exist. */
async function scope(store: Store, v: Values, zone: string): Promise<{ from: string; to: string; caller?: string }> {
  const to = str(v, 'to') ?? dayIn(new Date(), zone);
  const from = str(v, 'from') ?? daysBefore(to, 6);
  const callerName = str(v, 'caller');
  return { from, to, ...(callerName ? { caller: (await store.findCaller(callerName)).name } : {}) };
}

const zoneOf = (v: Values) => checkZone(str(v, 'zone') ?? localZone());

/** What a campaign report covers: --campaign, its range and caller (scope), and --zone. */
async function campaignScope(store: Store, v: Values) {
  const campaign = await store.findCampaign(need(v, 'campaign'));
  const zone = zoneOf(v);
  const s = await scope(store, v, zone);
  return { c: campaign, zone, s, q: { ...s, zone } };
}
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
const rate = (a: number, b: number) => (b ? `${(Math.round((a / b) * 1000) / 10).toFixed(1)}%` : '-');

export const REPORT_COMMANDS: Record<string, Command> = {
  'export shifts': {
    usage: 'export shifts [--from DATE] [--to DATE] [--caller NAME] [--zone ZONE] --format csv|xlsx|json --out FILE',
    summary: 'Export shift totals for timesheet entry.',
    details: () => `${RANGE_HELP}\nDays and times are in --zone, by default this computer's, named in the time_zone column.`,
    options: { from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, zone: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const format = oneOf(values, 'format', ['csv', 'xlsx', 'json'] as const satisfies readonly ExportFormat[]);
      if (!format) throw new UsageError('--format is required.');
      const file = resolve(need(values, 'out'));
      const folder = dirname(file);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) throw new UserError(`Cannot write ${file}: the folder ${folder} does not exist.`);
      if (existsSync(file) && statSync(file).isDirectory()) throw new UserError(`Cannot write ${file}: it is a folder.`);
      const st = await store();
      const zone = zoneOf(values);
      const rows = await st.shiftTotals({ ...(await scope(st, values, zone)), zone });
      await writeTotals(rows, format, file);
      out(`Wrote ${rows.length} shift rows to ${file} (times in ${zone}).${rows.length ? '\n' + rows.map((r) => summaryLine(r)).join('\n') : ''}`, {
        rows: rows.length, file, zone, summaries: rows.map((r) => summaryLine(r)),
      });
    },
  },
  'report shifts': {
    usage: 'report shifts [--from DATE] [--to DATE] [--caller NAME] [--zone ZONE]',
    summary: 'Shift totals per caller and shift, with a totals line.',
    details: () => `${RANGE_HELP}\nCalls outside every shift of their caller are totalled per caller and day.`,
    options: { from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, zone: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const zone = zoneOf(values);
      const s = await scope(st, values, zone);
      const rows = await st.shiftTotals({ ...s, zone });
      // The timesheet columns of the schemes of the calls shown.
      const cols = totalsColumns(rows).filter((c) => !TEXT_COLUMNS.includes(c) && c !== 'hours' && !c.startsWith('result_'));
      const heading = (c: string) => (TIMESHEET_COLUMNS.find((t) => t.column === c)?.label ?? c).toUpperCase();
      const sum = (c: string) => rows.reduce((n, r) => n + Number(r[c] ?? 0), 0);
      const body = rows.map((r) => [r['date'], r['caller'], String(r['shift_start']).slice(11), String(r['shift_end']).slice(11) || (r['shift_start'] ? '-' : ''), r['shift'], Number(r['hours']).toFixed(2), ...cols.map((c) => r[c])]);
      out(
        rows.length
          ? `Shifts ${s.from} to ${s.to}, times in ${zone}:\n${table(
              ['DATE', 'CALLER', 'START', 'END', 'SHIFT', 'HOURS', ...cols.map(heading)],
              [...body, ['Total', plural(new Set(rows.map((r) => r['caller'])).size, 'caller'), '', '', '', sum('hours').toFixed(2), ...cols.map(sum)]],
            )}`
          : `No shifts or calls from ${s.from} to ${s.to}${s.caller ? ` for ${s.caller}` : ''}.`,
        { from: s.from, to: s.to, zone, rows },
      );
    },
  },
  'report funnel': {
    usage: 'report funnel [--campaign NAME] [--from DATE] [--to DATE] [--caller NAME] [--zone ZONE]',
    summary: 'Dials, reception or further, decision maker, pitched, leads and appointments, with the rate from each stage.',
    details: () => `${RANGE_HELP}\nDays are in --zone, by default this computer's.`,
    options: { campaign: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, zone: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const name = str(values, 'campaign');
      const campaign = name ? await st.findCampaign(name) : undefined;
      const zone = zoneOf(values);
      const s = await scope(st, values, zone);
      const f = await st.funnel({ ...s, zone, ...(campaign ? { campaignId: campaign.id } : {}) });
      const stages = FUNNEL_STAGES.map((x): [string, number, number | null] => [x.label, f[x.key] ?? 0, x.rateFrom === null ? null : (f[x.rateFrom] ?? 0)]);
      out(
        `Funnel ${s.from} to ${s.to}${campaign ? `, ${campaign.name}` : ', all campaigns'}${s.caller ? `, ${s.caller}` : ''}:\n` +
          table(['STAGE', 'CALLS', 'RATE'], stages.map(([stage, n, before]) => [stage, n, before === null ? '' : rate(n, before)])),
        { from: s.from, to: s.to, ...f },
      );
    },
  },
  'report rates': {
    usage: 'report rates --campaign NAME [--from DATE] [--to DATE] [--caller NAME] [--zone ZONE]',
    summary: "The rates the campaign's outcome scheme declares, for the campaign and per caller (or product, host).",
    details: () => `${RANGE_HELP}\nDays are in --zone, by default this computer's. A rate is a count of calls over another; a sum (such as deal value) is given per call counted below it.`,
    options: { campaign: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, zone: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const { c, zone, s, q } = await campaignScope(st, values);
      const r = await st.rates(c.id, q);
      const shown = (x: (typeof r.rows)[number]) => (x.value === null ? '-' : x.sum ? x.value.toFixed(2) : `${x.value.toFixed(1)}%`);
      const body = r.rows.map((x) => [x.label, x.per === 'campaign' ? 'campaign' : `${x.per}: ${x.who}`, x.numerator, x.denominator, shown(x)]);
      const definitions = [...new Map(r.rows.map((x) => [x.key, `  ${x.label}: ${x.definition}`])).values()];
      out(
        `${c.name} (${r.schemeId}), ${s.from} to ${s.to}${s.caller ? `, ${s.caller}` : ''}:\n` +
          (body.length ? `${table(['RATE', 'FOR', 'OF', 'OVER', 'VALUE'], body)}\n${definitions.join('\n')}` : 'The scheme declares no rates.'),
        { ...r, campaign: c.name, caller: s.caller ?? null, zone },
      );
    },
  },
  'report outcomes': {
    usage: 'report outcomes --campaign NAME [--from DATE] [--to DATE] [--caller NAME] [--zone ZONE]',
    summary: 'The outcome mix of a campaign: calls, share and reporting weight per result (every outcome chosen for a call counts).',
    details: () => `${RANGE_HELP}\nDays are in --zone, by default this computer's.`,
    options: { campaign: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, zone: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const { c, s, q } = await campaignScope(st, values);
      const mix = await st.outcomes(c.id, q);
      out(
        `${c.name}, ${s.from} to ${s.to}: ${plural(mix.total, 'call')}\n` +
          table(['CALLS', 'SHARE', 'WEIGHT', 'RESULT'], mix.rows.map((r) => [String(r.calls).padStart(5), `${r.share.toFixed(1).padStart(5)}%`, r.weight, r.label])),
        { from: s.from, to: s.to, ...mix },
      );
    },
  },
};
