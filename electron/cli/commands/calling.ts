import { localTimeText } from '../../../shared/calling-window.ts';
import { ALL_CALL_EVENTS, flowOfScheme } from '../../../shared/callflow/index.ts';
import { contract, describeIssues } from '../../../shared/ipc/contract.ts';
import { getScheme, SCHEMES, whenWords, withVariants, type FieldDecl, type OutcomeScheme, type ResultCode } from '../../../shared/schemes/index.ts';
import { HOLD_MS, localZone, UserError, type TaskItem } from '../../engine/index.ts';
import type { Store } from '../../engine/store/types.ts';
import { at, int, many, need, str, table, time, UsageError, type Command, type Values } from '../kit.ts';

/** The queue, logging calls, shifts, and looking records up. */

const TIMES = 'Times without an offset are read in the campaign\'s zone (--at) or the record\'s own zone (--follow-up, --appointment, datetime fields).';

/** A scheme's outcomes (by dimension where it has them), its fields and which outcomes ask for them. */
function schemeHelp(scheme: OutcomeScheme): string[] {
  const line = (c: ResultCode) => {
    const fields = c.fields?.length ? `  [${c.fields.map((f) => (f.required ? f.key : `${f.key}?`)).join(', ')}]` : '';
    const when = (c.fields ?? []).flatMap((f) => (f.when ? [`\n  ${''.padEnd(28)}   ${f.key} only when ${whenWords(scheme, f.when)}`] : []));
    return `  ${c.slug.padEnd(28)} ${c.label}${fields}${when.join('')}`;
  };
  const outcomes = scheme.dimensions
    ? scheme.dimensions.map((d) => `${d.label}${d.required ? ' (one required)' : ' (at most one)'}:\n${scheme.codes.filter((c) => c.dimension === d.key).map(line).join('\n')}`)
    : [scheme.codes.map(line).join('\n')];
  const type = (f: FieldDecl) => (f.options?.length ? `${f.type}: ${f.options.map((o) => o.value).join('|')}` : f.type);
  const fields = scheme.fields.map((f) => `  ${f.key.padEnd(28)} ${f.label} (${type(f)})`);
  const variants = scheme.variants ? [`A campaign's own reasons are codes too (${scheme.variants.slugPrefix}...).`] : [];
  return [`Result codes (${scheme.name}${scheme.dimensions ? ', one --result per dimension' : ''}):`, ...outcomes, ...variants,
    ...(fields.length ? ['Fields (--field KEY=VALUE; [key?] = optional, lists comma separated):', ...fields] : [])];
}

async function eventsAndCodes(ctx?: { values: Values; store: () => Promise<Store> }): Promise<string> {
  const name = ctx ? str(ctx.values, 'campaign') : undefined;
  if (ctx && name) {
    const campaign = await (await ctx.store()).findCampaign(name);
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
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const campaign = await st.findCampaign(need(values, 'campaign'));
      const callerName = str(values, 'caller');
      const caller = callerName === undefined ? undefined : (await st.findCaller(callerName)).name;
      const when = time(values, 'at', campaign.timezone) ?? new Date();
      const { items, reasons } = await st.queue(campaign.id, { at: when, limit: int(values, 'limit') ?? 10, caller });
      out(
        items.length
          ? table(
              ['ID', 'WHY', 'COMPANY', 'NUMBERS', 'TIME ZONE', 'LOCAL TIME'],
              items.map((i) => [i.id, i.reason, i.company || i.contactName || '(no name)', i.phones.join(' '), i.tz, localTimeText(i.tz, when)]),
            )
          : [`Nothing to call in ${campaign.name} at ${at(when, campaign.timezone)}:`, ...reasons.map((r) => `  ${r}`)].join('\n'),
        items,
      );
    },
  },
  next: {
    usage: 'next --campaign NAME --caller NAME [--at TIME]',
    summary: `Take the caller's next record and hold it for them (${HOLD_MS / 60_000} minutes, or until logged or let go).`,
    details: () =>
      `A caller who holds a record gets it back. --at (without an offset read in the campaign's zone) is when the call is made:
the calling window and due follow-ups are read then; the hold runs on the clock (the team server's with --team).
A hold that runs out is offered again.`,
    options: { campaign: { type: 'string' }, caller: { type: 'string' }, at: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const campaign = await st.findCampaign(need(values, 'campaign'));
      const caller = await st.findCaller(need(values, 'caller'));
      const when = time(values, 'at', campaign.timezone);
      const lease = await st.next(campaign.id, caller.name, when);
      out(
        lease
          ? `${caller.name} holds record ${lease.id} (${lease.company || 'no name'}) until ${at(lease.leaseUntil, localZone())}; numbers: ${lease.phones.join(' ')}.`
          : `Nothing for ${caller.name} to call in ${campaign.name} at ${at(when ?? new Date(), campaign.timezone)}.` +
              ` outcall queue --campaign "${campaign.name}" says why.`,
        lease,
      );
    },
  },
  release: {
    usage: 'release --record ID --caller NAME',
    summary: 'Let a record the caller holds go back to the queue.',
    options: { record: { type: 'string' }, caller: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const recordId = int(values, 'record');
      if (recordId === undefined) throw new UsageError('--record is required.');
      const st = await store();
      const caller = await st.findCaller(need(values, 'caller'));
      await st.record(recordId);
      const released = await st.release(recordId, caller.name);
      if (!released) throw new UserError(`${caller.name} does not hold record ${recordId}.`);
      out(`Record ${recordId} is back in the queue.`, { recordId, released });
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
    team: 'store',
    run: async ({ values, store, out }) => {
      const events = need(values, 'events').split(/[,\s]+/).filter(Boolean).map((e) => e.toUpperCase());
      const unknown = events.filter((e) => !(ALL_CALL_EVENTS as readonly string[]).includes(e));
      if (unknown.length) throw new UsageError(`Unknown event ${unknown.map((e) => `"${e}"`).join(', ')}. Events: ${ALL_CALL_EVENTS.join(', ')}.`);
      const recordId = int(values, 'record');
      if (recordId === undefined) throw new UsageError('--record is required.');
      const results = many(values, 'result');
      if (results.length === 0) throw new UsageError('--result is required.');
      const st = await store();
      const caller = await st.findCaller(need(values, 'caller'));
      const record = await st.record(recordId);
      const campaign = await st.getCampaign(record.campaignId);
      const named = str(values, 'campaign');
      if (named !== undefined && (await st.findCampaign(named)).id !== campaign.id) throw new UserError(`Record ${record.id} is in campaign "${campaign.name}", not "${named}".`);
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
      const r = await st.logCall({
        ...input,
        results,
        followUpAt: date(input.followUpAt),
        appointmentAt: date(input.appointmentAt),
        startedAt: undefined,
        at: time(values, 'at', record.campaignTimezone),
      });
      out(
        `Logged call ${r.callId} on record ${r.recordId}${r.results.length > 1 ? ` (${r.results.join(', ')})` : ''}: ${r.contactLevel}${r.pitched ? ', pitched' : ''}; record ${r.status}` +
          `${r.stored === 'late' ? ' (stored late: another desk holds the record now, so it changed nothing)' : ''}` +
          `${r.newLead ? '; new lead' : ''}${r.appointment ? '; appointment' : ''}${r.taskDueAt ? `; follow-up due ${at(r.taskDueAt, record.tz)}` : ''}` +
          `${r.numbersAddedToDnc ? `; ${r.numbersAddedToDnc} numbers added to do-not-call` : ''}.`,
        r,
      );
    },
  },
  tasks: {
    usage: 'tasks [--campaign NAME] [--at TIME]',
    summary: 'Follow-up tasks: those due (by --at, now by default) and those to come, each in its record\'s time zone.',
    options: { campaign: { type: 'string' }, at: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const st = await store();
      const name = str(values, 'campaign');
      const campaign = name ? await st.findCampaign(name) : undefined;
      const t = await st.tasks(time(values, 'at', campaign?.timezone ?? localZone()), campaign?.id);
      const rows = (items: TaskItem[]) => table(['DUE', 'RECORD', 'COMPANY', 'CAMPAIGN', 'LAST RESULT'], items.map((i) => [at(i.dueAt, i.tz), i.recordId, i.company || i.contactName, i.campaign, i.lastResult ?? '']));
      out(
        [t.due.length ? `Due:\n${rows(t.due)}` : 'Nothing due.', t.upcoming.length ? `To come:\n${rows(t.upcoming)}` : 'Nothing to come.'].join('\n'),
        t,
      );
    },
  },
  'shift start': {
    usage: 'shift start --caller NAME [--at TIME]',
    summary: "Start a caller's shift (--at without an offset is in this computer's zone).",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const zone = localZone();
      const s = await (await store()).startShift(need(values, 'caller'), time(values, 'at', zone));
      out(`${s.caller}'s shift started ${at(s.startedAt, zone)}.`, s);
    },
  },
  'shift end': {
    usage: 'shift end --caller NAME [--at TIME]',
    summary: "End a caller's shift (and let go of any record they held).",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const zone = localZone();
      const s = await (await store()).endShift(need(values, 'caller'), time(values, 'at', zone));
      out(`${s.caller}'s shift ended ${at(s.endedAt ?? '', zone)}.`, s);
    },
  },
  'shift add': {
    usage: 'shift add --caller NAME --from TIME --to TIME',
    summary: 'Enter a past shift afterwards; it takes the calls the caller made in it.',
    details: () => 'Times without an offset are in this computer\'s zone. Shifts of one caller never overlap.',
    options: { caller: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
    team: 'store',
    run: async ({ values, store, out }) => {
      const zone = localZone();
      const from = time(values, 'from', zone);
      const to = time(values, 'to', zone);
      if (!from || !to) throw new UsageError('--from and --to are required.');
      const s = await (await store()).addShift(need(values, 'caller'), from, to);
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
    details: () => 'With --team a caller sees the records they hold or could take; supervisors and managers see every record.',
    team: 'store',
    run: async ({ values, store, out }) => {
      if (values['open'] && values['closed']) throw new UsageError('Give --open or --closed, not both.');
      const st = await store();
      const campaignName = str(values, 'campaign');
      const offset = int(values, 'offset') ?? 0;
      const r = await st.listRecords({
        campaignId: campaignName ? (await st.findCampaign(campaignName)).id : undefined,
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
    team: 'store',
    run: async ({ positionals, store, out }) => {
      const id = positionals[0];
      if (!id || !/^\d{1,12}$/.test(id)) throw new UsageError('Give the record ID (a number).');
      const st = await store();
      const r = await st.recordCard(Number(id));
      const c = await st.getCampaign(r.campaignId);
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
