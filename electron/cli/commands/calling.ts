import { localTimeText } from '../../../shared/calling-window.ts';
import { ALL_CALL_EVENTS, flowOfScheme } from '../../../shared/callflow/index.ts';
import { contract, describeIssues } from '../../../shared/ipc/contract.ts';
import { getScheme, SCHEMES, withVariants, type FieldDecl, type OutcomeScheme, type ResultCode } from '../../../shared/schemes/index.ts';
import {
  addShift,
  endShift,
  findCaller,
  findCampaign,
  getCampaign,
  getRecord,
  listRecords,
  localZone,
  logCall,
  queueFor,
  startShift,
  UserError,
  whyQueueIsEmpty,
  type DB,
} from '../../engine/index.ts';
import { at, int, many, need, str, table, time, UsageError, type Command, type Values } from '../kit.ts';

/** The queue, logging calls, shifts, and looking records up. */

const TIMES = 'Times without an offset are read in the campaign\'s zone (--at) or the record\'s own zone (--follow-up, --appointment, datetime fields).';

/** A scheme's outcomes (by dimension where it has them), its fields and which outcomes ask for them. */
function schemeHelp(scheme: OutcomeScheme): string[] {
  const line = (c: ResultCode) => `  ${c.slug.padEnd(28)} ${c.label}${c.fields?.length ? `  [${c.fields.map((f) => (f.required ? f.key : `${f.key}?`)).join(', ')}]` : ''}`;
  const outcomes = scheme.dimensions
    ? scheme.dimensions.map((d) => `${d.label}${d.required ? ' (one required)' : ' (at most one)'}:\n${scheme.codes.filter((c) => c.dimension === d.key).map(line).join('\n')}`)
    : [scheme.codes.map(line).join('\n')];
  const type = (f: FieldDecl) => (f.options?.length ? `${f.type}: ${f.options.map((o) => o.value).join('|')}` : f.type);
  const fields = scheme.fields.map((f) => `  ${f.key.padEnd(28)} ${f.label} (${type(f)})`);
  const variants = scheme.variants ? [`A campaign's own reasons are codes too (${scheme.variants.slugPrefix}...).`] : [];
  return [`Result codes (${scheme.name}${scheme.dimensions ? ', one --result per dimension' : ''}):`, ...outcomes, ...variants,
    ...(fields.length ? ['Fields (--field KEY=VALUE; [key?] = optional, lists comma separated):', ...fields] : [])];
}

function eventsAndCodes(ctx?: { values: Values; db: () => DB }): string {
  const name = ctx ? str(ctx.values, 'campaign') : undefined;
  if (ctx && name) {
    const campaign = findCampaign(ctx.db(), name);
    const scheme = withVariants(getScheme(campaign.schemeId), campaign.options.notQualifiedVariants);
    const flow = flowOfScheme(scheme.id);
    return [`${campaign.name} logs with ${scheme.name}.`, `Events, in the order they happened: ${flow.events.join(', ')}.`, ...schemeHelp(scheme), TIMES].join('\n');
  }
  return [`Events, in the order they happened: ${ALL_CALL_EVENTS.join(', ')}.`, ...SCHEMES.flatMap(schemeHelp),
    'log --help --campaign NAME lists one campaign\'s events, outcomes and fields.', TIMES].join('\n');
}

/** --field KEY=VALUE options as field values: numbers for money fields, lists for choices. */
function fieldOptions(scheme: OutcomeScheme, given: readonly string[], zone: string): Record<string, string | number | string[]> {
  const fields: Record<string, string | number | string[]> = {};
  for (const kv of given) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--field takes KEY=VALUE, not "${kv}".`);
    const key = kv.slice(0, eq).trim();
    const value = kv.slice(eq + 1).trim();
    const decl = scheme.fields.find((f) => f.key === key);
    if (decl?.type === 'choices') fields[key] = value.split(',').map((x) => x.trim()).filter(Boolean);
    else if (decl?.type === 'money' && value !== '' && Number.isFinite(Number(value))) fields[key] = Number(value);
    else if (decl?.type === 'datetime') fields[key] = time({ [key]: value }, key, zone)?.toISOString() ?? value;
    else fields[key] = value;
  }
  return fields;
}

export const CALLING_COMMANDS: Record<string, Command> = {
  queue: {
    usage: 'queue --campaign NAME [--caller NAME] [--limit N] [--at TIME]',
    summary: 'Show the next records in queue order (nothing is taken or held), or why there are none.',
    details: () => '--at without an offset is read in the campaign\'s time zone.',
    options: { campaign: { type: 'string' }, caller: { type: 'string' }, limit: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const campaign = findCampaign(d, need(values, 'campaign'));
      const callerName = str(values, 'caller');
      const callerId = callerName ? findCaller(d, callerName).id : 0;
      const when = time(values, 'at', campaign.timezone) ?? new Date();
      const items = queueFor(d, campaign, { at: when, limit: int(values, 'limit') ?? 10, callerId });
      out(
        items.length
          ? table(
              ['ID', 'WHY', 'COMPANY', 'NUMBERS', 'TIME ZONE', 'LOCAL TIME'],
              items.map((i) => [i.id, i.reason, i.company || i.contactName || '(no name)', i.phones.join(' '), i.tz, localTimeText(i.tz, when)]),
            )
          : [`Nothing to call in ${campaign.name} at ${at(when, campaign.timezone)}:`, ...whyQueueIsEmpty(d, campaign, when, callerId).map((r) => `  ${r}`)].join('\n'),
        items,
      );
    },
  },
  log: {
    usage:
      'log --record ID --caller NAME --events DIAL,RECEPTION_ANSWERED,HUNG_UP --result CODE [--result CODE ...] [--field KEY=VALUE ...] ' +
      '[--follow-up TIME] [--appointment TIME] [--appointment-kind KIND] [--reason TEXT] [--notes TEXT] [--phone E164] [--at TIME]',
    summary: 'Log a call made away from the desk, with the same checks as the app.',
    details: eventsAndCodes,
    options: {
      record: { type: 'string' }, caller: { type: 'string' }, events: { type: 'string' }, result: { type: 'string', multiple: true },
      field: { type: 'string', multiple: true }, campaign: { type: 'string' },
      'follow-up': { type: 'string' }, appointment: { type: 'string' }, 'appointment-kind': { type: 'string' },
      reason: { type: 'string' }, notes: { type: 'string' }, phone: { type: 'string' }, at: { type: 'string' },
    },
    run: ({ values, db, out }) => {
      const events = need(values, 'events').split(/[,\s]+/).filter(Boolean).map((e) => e.toUpperCase());
      const unknown = events.filter((e) => !(ALL_CALL_EVENTS as readonly string[]).includes(e));
      if (unknown.length) throw new UsageError(`Unknown event ${unknown.map((e) => `"${e}"`).join(', ')}. Events: ${ALL_CALL_EVENTS.join(', ')}.`);
      const recordId = int(values, 'record');
      if (recordId === undefined) throw new UsageError('--record is required.');
      const results = many(values, 'result');
      if (results.length === 0) throw new UsageError('--result is required.');
      const d = db();
      const caller = findCaller(d, need(values, 'caller'));
      const record = getRecord(d, recordId);
      const campaign = getCampaign(d, record.campaignId);
      const named = str(values, 'campaign');
      if (named !== undefined && findCampaign(d, named).id !== campaign.id) throw new UserError(`Record ${record.id} is in campaign "${campaign.name}", not "${named}".`);
      const fields = fieldOptions(getScheme(campaign.schemeId), many(values, 'field'), record.tz);
      // The same limits the app's IPC contract puts on a logged call (the code is the engine's to judge).
      const checked = contract['call:log'].input.omit({ result: true, results: true }).safeParse({
        recordId,
        caller: caller.name,
        events,
        fields,
        notes: str(values, 'notes'),
        followUpAt: time(values, 'follow-up', record.tz)?.toISOString(),
        appointmentAt: time(values, 'appointment', record.tz)?.toISOString(),
        appointmentKind: str(values, 'appointment-kind'),
        reason: str(values, 'reason'),
        phone: str(values, 'phone'),
      });
      if (!checked.success) throw new UserError(describeIssues(checked.error).error);
      const input = checked.data;
      const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));
      const r = logCall(d, {
        ...input,
        results,
        followUpAt: date(input.followUpAt),
        appointmentAt: date(input.appointmentAt),
        startedAt: undefined,
        at: time(values, 'at', campaign.timezone),
      });
      out(
        `Logged call ${r.callId} on record ${r.recordId}${r.results.length > 1 ? ` (${r.results.join(', ')})` : ''}: ${r.contactLevel}${r.pitched ? ', pitched' : ''}; record ${r.status}` +
          `${r.newLead ? '; new lead' : ''}${r.appointment ? '; appointment' : ''}${r.taskDueAt ? `; follow-up due ${at(r.taskDueAt, record.tz)}` : ''}` +
          `${r.numbersAddedToDnc ? `; ${r.numbersAddedToDnc} numbers added to do-not-call` : ''}.`,
        r,
      );
    },
  },
  'shift start': {
    usage: 'shift start --caller NAME [--at TIME]',
    summary: "Start a caller's shift (--at without an offset is in this computer's zone).",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const zone = localZone();
      const s = startShift(d, findCaller(d, need(values, 'caller')).name, time(values, 'at', zone));
      out(`${s.caller}'s shift started ${at(s.startedAt, zone)}.`, s);
    },
  },
  'shift end': {
    usage: 'shift end --caller NAME [--at TIME]',
    summary: "End a caller's shift (and let go of any record they held).",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const zone = localZone();
      const s = endShift(d, findCaller(d, need(values, 'caller')).name, time(values, 'at', zone));
      out(`${s.caller}'s shift ended ${at(s.endedAt ?? '', zone)}.`, s);
    },
  },
  'shift add': {
    usage: 'shift add --caller NAME --from TIME --to TIME',
    summary: 'Enter a past shift afterwards; it takes the calls the caller made in it.',
    details: () => 'Times without an offset are in this computer\'s zone. Shifts of one caller never overlap.',
    options: { caller: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const zone = localZone();
      const from = time(values, 'from', zone);
      const to = time(values, 'to', zone);
      if (!from || !to) throw new UsageError('--from and --to are required.');
      const s = addShift(d, findCaller(d, need(values, 'caller')).name, from, to);
      out(`${s.caller}'s shift from ${at(s.startedAt, zone)} to ${at(s.endedAt ?? '', zone)} is entered.`, s);
    },
  },
  'records list': {
    usage: 'records list [--campaign NAME] [--open | --closed] [--result CODE] [--list ID|NAME] [--limit N] [--offset N]',
    summary: 'List records with their state, last result and numbers.',
    options: {
      campaign: { type: 'string' }, open: { type: 'boolean' }, closed: { type: 'boolean' }, result: { type: 'string' },
      list: { type: 'string' }, limit: { type: 'string' }, offset: { type: 'string' },
    },
    run: ({ values, db, out }) => {
      if (values['open'] && values['closed']) throw new UsageError('Give --open or --closed, not both.');
      const d = db();
      const campaignName = str(values, 'campaign');
      const offset = int(values, 'offset') ?? 0;
      const r = listRecords(d, {
        campaignId: campaignName ? findCampaign(d, campaignName).id : undefined,
        status: values['open'] ? 'open' : values['closed'] ? 'closed' : undefined,
        result: str(values, 'result'),
        list: str(values, 'list'),
        limit: int(values, 'limit'),
        offset,
      });
      out(
        r.records.length
          ? `${table(
              ['ID', 'CAMPAIGN', 'LIST', 'COMPANY', 'STATUS', 'ATTEMPTS', 'LAST RESULT', 'NUMBERS'],
              r.records.map((x) => [x.id, x.campaign, x.list, x.company || x.contactName, x.status, x.attempts, x.lastResult ?? '', x.phones]),
            )}\n${offset + 1}-${offset + r.records.length} of ${r.total} records.`
          : `No records match (${r.total} in all).`,
        r,
      );
    },
  },
  'records show': {
    usage: 'records show ID',
    summary: 'One record: its details, numbers, follow-up and every call, in its own time zone.',
    options: {},
    run: ({ positionals, db, out }) => {
      const id = positionals[0];
      if (!id || !/^\d{1,12}$/.test(id)) throw new UsageError('Give the record ID (a number).');
      const d = db();
      const r = getRecord(d, Number(id));
      const c = getCampaign(d, r.campaignId);
      const tz = r.tz;
      const fields = [
        ['Company', r.company], ['Contact', r.contactName], ['Title', r.title], ['Email', r.email],
        ['Address', [r.address, r.city, r.state, r.postcode, r.country].filter(Boolean).join(', ')], ['Industry', r.industry],
        ['Employees', r.employees], ['Website', r.website], ['Owner', r.owner], ...Object.entries(r.custom),
      ].filter(([, v]) => v);
      const lines = [
        `Record ${r.id} in ${c.name} (list ${r.listId}, row ${r.listRow}); time zone ${tz}`,
        `Status ${r.status}, ${r.attempts} attempts${r.lastResult ? `, last result ${r.lastResult}` : ''}${r.isLead ? ', lead' : ''}`,
        ...fields.map(([k, v]) => `  ${k}: ${v}`),
        'Numbers:',
        ...r.phones.map((p) => `  ${p.e164 ?? `${p.raw} (not a valid number)`}${p.extension ? ` ext. ${p.extension}` : ''}${p.onDnc ? ' (do-not-call)' : ''}${p.label ? ` [${p.label}]` : ''}`),
        r.task ? `Follow-up due ${at(r.task.dueAt, tz)}` : 'No follow-up due.',
        r.history.length
          ? `Calls:\n${table(['WHEN', 'CALLER', 'LEVEL', 'RESULT', 'NOTES'], r.history.map((h) => [at(h.startedAt, tz), h.caller, `${h.contactLevel}${h.pitched ? ', pitched' : ''}`, h.result, h.notes]))}`
          : 'No calls yet.',
      ];
      out(lines.join('\n'), r);
    },
  },
};
