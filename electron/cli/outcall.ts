#!/usr/bin/env node
import { userInfo } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CALL_EVENTS, type AppointmentKind, type CallEventType } from '../../shared/callflow/index.ts';
import {
  addDnc,
  checkDnc,
  createCampaign,
  endShift,
  findCampaign,
  getCampaign,
  importDnc,
  ImportCancelled,
  isUserError,
  listCampaigns,
  loadTemplate,
  logCall,
  openDatabase,
  outcomeMix,
  parseMapOption,
  pickHeader,
  queueFor,
  removeDnc,
  resolveDbPath,
  saveTemplate,
  shiftTotals,
  startImport,
  startShift,
  summaryLine,
  UserError,
  writeTotals,
  callerByName,
  type DB,
  type ExportFormat,
  type ImportSummary,
  type Mapping,
} from '../engine/index.ts';
import { firstRows, openSource } from '../engine/import/source.ts';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type ImportLimits } from '../engine/import/limits.ts';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | undefined>;

interface Command {
  usage: string;
  summary: string;
  options: Options;
  run: (ctx: Context) => Promise<void> | void;
}

interface Context {
  positionals: string[];
  values: Values;
  json: boolean;
  db: () => DB;
  dbPath: string;
  out: (human: string, json?: unknown) => void;
}

const COMMON: Options = {
  db: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const COMMON_HELP = `Common options:
  --db PATH   database file (default: $OUTCALL_DB, else outcall.db in the app's data folder)
  --json      machine-readable output
  --help      this help`;

function str(v: Values, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}
function need(v: Values, name: string): string {
  const x = str(v, name);
  if (x === undefined || x.trim() === '') throw new UsageError(`--${name} is required.`);
  return x;
}
function date(v: Values, name: string): Date | undefined {
  const x = str(v, name);
  if (x === undefined) return undefined;
  const d = new Date(x);
  if (Number.isNaN(d.getTime())) throw new UsageError(`--${name} "${x}" is not a date and time (ISO 8601, e.g. 2026-11-23T14:30).`);
  return d;
}
function int(v: Values, name: string): number | undefined {
  const x = str(v, name);
  if (x === undefined) return undefined;
  if (!/^\d+$/.test(x)) throw new UsageError(`--${name} "${x}" is not a whole number.`);
  return Number(x);
}

class UsageError extends Error {}

/** `--max-cell-chars 20000` and the like; the XLSX part limit is given in megabytes. */
function limitOptions(values: Values): Partial<ImportLimits> {
  const limits: Partial<ImportLimits> = {};
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as [keyof ImportLimits, string][]) {
    const v = int(values, flag.slice(2));
    if (v !== undefined) limits[key] = key === 'maxXlsxPartBytes' ? v * 1024 * 1024 : v;
  }
  return limits;
}

const whoAmI = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};

function printImport(s: ImportSummary): string {
  const lines = [
    `${s.dryRun ? 'Dry run: would import' : 'Imported'} ${s.imported} of ${s.rows} rows (header on row ${s.headerRow}${s.encoding ? `, ${s.encoding}` : ''}${s.delimiter ? `, delimiter ${JSON.stringify(s.delimiter)}` : ''}).`,
    `  no valid phone number:   ${s.invalidPhone}`,
    `  duplicate in the file:   ${s.duplicateInFile}`,
    `  already in the campaign: ${s.duplicateInCampaign}`,
    `  on do-not-call:          ${s.onDoNotCall}`,
  ];
  if (s.examples.length) {
    lines.push('Examples:');
    for (const e of s.examples.slice(0, 8)) lines.push(`  row ${e.row}: ${e.detail}`);
  }
  if (s.errorReport) lines.push(`Error report: ${s.errorReport}`);
  lines.push(`Columns: ${Object.entries(s.mapping).filter(([, t]) => t !== 'custom' && t !== 'ignore').map(([h, t]) => `${h}=${t}`).join(', ')}`);
  return lines.join('\n');
}

const COMMANDS: Record<string, Command> = {
  'campaign create': {
    usage: 'campaign create NAME [--region CC] [--timezone ZONE] [--client TEXT]',
    summary: 'Create a campaign (default region US; time zone follows the region).',
    options: { region: { type: 'string' }, timezone: { type: 'string' }, client: { type: 'string' } },
    run: ({ positionals, values, db, out }) => {
      const name = positionals[0];
      if (!name) throw new UsageError('Give the campaign a NAME.');
      const c = createCampaign(db(), { name, region: str(values, 'region'), timezone: str(values, 'timezone'), client: str(values, 'client') });
      out(`Created campaign "${c.name}" (id ${c.id}, region ${c.region}, ${c.timezone}).`, c);
    },
  },
  'campaign list': {
    usage: 'campaign list',
    summary: 'List campaigns with their record counts.',
    options: {},
    run: ({ db, out }) => {
      const list = listCampaigns(db());
      out(
        list.length ? list.map((c) => `${c.id}\t${c.name}\t${c.region}\t${c.timezone}\t${c.open}/${c.records} open`).join('\n') : 'No campaigns yet.',
        list,
      );
    },
  },
  import: {
    usage: `import FILE --campaign NAME [--map "Header=field,..."] [--template NAME] [--save-template NAME] [--region CC] [--dry-run] [--errors PATH]
       [${LIMIT_FLAGS.maxCellChars} N] [${LIMIT_FLAGS.maxColumns} N] [${LIMIT_FLAGS.maxXlsxPartBytes} N] [${LIMIT_FLAGS.maxRejectedRows} N] [${LIMIT_FLAGS.maxReportRows} N]`,
    summary: `Import a CSV or XLSX record list into a campaign (all or nothing). Limits: ${DEFAULT_LIMITS.maxCellChars} characters a cell, ${DEFAULT_LIMITS.maxColumns} columns, ${DEFAULT_LIMITS.maxXlsxPartBytes / 1024 / 1024} MB an XLSX part, ${DEFAULT_LIMITS.maxRejectedRows} rejected rows, ${DEFAULT_LIMITS.maxReportRows} rows in the error report.`,
    options: {
      campaign: { type: 'string' }, map: { type: 'string' }, template: { type: 'string' }, 'save-template': { type: 'string' },
      region: { type: 'string' }, 'dry-run': { type: 'boolean' }, errors: { type: 'string' }, name: { type: 'string' },
      ...Object.fromEntries(Object.values(LIMIT_FLAGS).map((f) => [f.slice(2), { type: 'string' } as const])),
    },
    run: async ({ positionals, values, db, dbPath, out, json }) => {
      const file = positionals[0];
      if (!file) throw new UsageError('Give the FILE to import.');
      const campaign = findCampaign(db(), need(values, 'campaign'));
      let mapping: Partial<Mapping> = {};
      const template = str(values, 'template');
      if (template) mapping = loadTemplate(db(), template);
      const spec = str(values, 'map');
      if (spec) {
        // The header the import will pick, title rows above it skipped.
        const seen = await firstRows(await openSource(file), 50);
        const header = seen[pickHeader(seen)];
        const headers = (header?.cells ?? []).map((h, i) => h.trim() || `Column ${i + 1}`);
        mapping = { ...mapping, ...parseMapOption(spec, headers) };
      }
      const started = Date.now();
      const limits = limitOptions(values);
      const running = startImport(
        dbPath,
        { file, campaignId: campaign.id, mapping, region: str(values, 'region'), dryRun: values['dry-run'] === true, errorReportPath: str(values, 'errors'), listName: str(values, 'name'), importedBy: whoAmI(), limits },
        (p) => {
          if (!json && process.stderr.isTTY) {
            const pct = p.bytesTotal ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 0;
            process.stderr.write(`\r  ${p.rowsRead} rows read (${pct}%)`);
          }
        },
      );
      const onSignal = () => running.cancel();
      process.once('SIGINT', onSignal);
      try {
        const s = await running.result;
        if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        const saveAs = str(values, 'save-template');
        if (saveAs) saveTemplate(db(), saveAs, s.mapping);
        const { rows, imported, invalidPhone, duplicateInFile, duplicateInCampaign, onDoNotCall, errorReport } = s;
        out(`${printImport(s)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)`, {
          rows, imported, invalidPhone, duplicateInFile, duplicateInCampaign, onDoNotCall, errorReport,
          dryRun: s.dryRun, listId: s.listId, headerRow: s.headerRow, mapping: s.mapping, examples: s.examples,
        });
      } finally {
        process.off('SIGINT', onSignal);
      }
    },
  },
  'dnc add': {
    usage: 'dnc add NUMBER [--region CC] [--reason TEXT] [--by NAME]',
    summary: 'Put a number on the do-not-call list.',
    options: { region: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
    run: ({ positionals, values, db, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = addDnc(db(), n, { region: str(values, 'region'), reason: str(values, 'reason'), by: str(values, 'by') ?? whoAmI() });
      out(r.added ? `${r.e164} is now on the do-not-call list.` : `${r.e164} was already on the do-not-call list.`, r);
    },
  },
  'dnc import': {
    usage: 'dnc import FILE [--region CC] [--by NAME]',
    summary: 'Add every number in a file (one per line, or "area code,number").',
    options: { region: { type: 'string' }, by: { type: 'string' } },
    run: async ({ positionals, values, db, out }) => {
      const f = positionals[0];
      if (!f) throw new UsageError('Give the FILE.');
      const s = await importDnc(db(), f, { region: str(values, 'region'), by: str(values, 'by') ?? whoAmI() });
      const problems = s.problems.map((p) => `  line ${p.line}: ${p.value} (${p.reason})`).join('\n');
      out(`Read ${s.lines} numbers: ${s.added} added, ${s.alreadyListed} already listed, ${s.invalid} unreadable.${problems ? `\n${problems}` : ''}`, s);
    },
  },
  'dnc check': {
    usage: 'dnc check NUMBER [--region CC]',
    summary: 'Is this number (in any formatting) on the do-not-call list?',
    options: { region: { type: 'string' } },
    run: ({ positionals, values, db, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = checkDnc(db(), n, str(values, 'region'));
      out(r.listed ? `${r.e164} is on the do-not-call list (added ${r.entry?.addedAt} by ${r.entry?.addedBy}, ${r.entry?.source}).` : `${r.e164} is not on the do-not-call list.`, { listed: r.listed, e164: r.e164 });
    },
  },
  'dnc remove': {
    usage: 'dnc remove NUMBER --reason TEXT [--region CC] [--by NAME]',
    summary: 'Take a number off the do-not-call list, saying why.',
    options: { region: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
    run: ({ positionals, values, db, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = removeDnc(db(), n, { region: str(values, 'region'), reason: need(values, 'reason'), by: str(values, 'by') ?? whoAmI() });
      out(`${r.e164} is off the do-not-call list.`, r);
    },
  },
  queue: {
    usage: 'queue --campaign NAME [--caller NAME] [--limit N] [--at ISO_TIME]',
    summary: 'Show the next records in queue order (nothing is taken or held).',
    options: { campaign: { type: 'string' }, caller: { type: 'string' }, limit: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const campaign = findCampaign(d, need(values, 'campaign'));
      const callerName = str(values, 'caller');
      const callerId = callerName ? callerByName(d, callerName).id : 0;
      const items = queueFor(d, campaign, { at: date(values, 'at') ?? new Date(), limit: int(values, 'limit') ?? 10, callerId });
      out(
        items.length
          ? items.map((i) => `${i.id}\t${i.reason}\t${i.company || i.contactName || '(no name)'}\t${i.phones.join(' ')}\t${i.tz}`).join('\n')
          : 'Nothing to call now (no due follow-ups, fresh or retry records inside their calling hours).',
        items,
      );
    },
  },
  log: {
    usage: 'log --record ID --caller NAME --events DIAL,RECEPTION_ANSWERED,HUNG_UP --result CODE [--follow-up ISO] [--appointment ISO] [--appointment-kind face_to_face|phone|video] [--reason TEXT] [--notes TEXT] [--phone E164] [--at ISO_TIME]',
    summary: 'Log a call made away from the desk, with the same checks as the app.',
    options: {
      record: { type: 'string' }, caller: { type: 'string' }, events: { type: 'string' }, result: { type: 'string' },
      'follow-up': { type: 'string' }, appointment: { type: 'string' }, 'appointment-kind': { type: 'string' },
      reason: { type: 'string' }, notes: { type: 'string' }, phone: { type: 'string' }, at: { type: 'string' },
    },
    run: ({ values, db, out }) => {
      const events = need(values, 'events').split(/[,\s]+/).filter(Boolean).map((e) => e.toUpperCase());
      const unknown = events.filter((e) => !(CALL_EVENTS as readonly string[]).includes(e));
      if (unknown.length) throw new UsageError(`Unknown event ${unknown.map((e) => `"${e}"`).join(', ')}. Events: ${CALL_EVENTS.join(', ')}.`);
      const recordId = int(values, 'record');
      if (recordId === undefined) throw new UsageError('--record is required.');
      const kind = str(values, 'appointment-kind');
      const r = logCall(db(), {
        recordId,
        caller: need(values, 'caller'),
        events: events as CallEventType[],
        result: need(values, 'result'),
        notes: str(values, 'notes'),
        followUpAt: date(values, 'follow-up'),
        appointmentAt: date(values, 'appointment'),
        appointmentKind: kind as AppointmentKind | undefined,
        reason: str(values, 'reason'),
        phone: str(values, 'phone'),
        at: date(values, 'at'),
      });
      out(
        `Logged call ${r.callId} on record ${r.recordId}: ${r.contactLevel}${r.pitched ? ', pitched' : ''}; record ${r.status}` +
          `${r.newLead ? '; new lead' : ''}${r.appointment ? '; appointment' : ''}${r.taskDueAt ? `; follow-up due ${r.taskDueAt}` : ''}` +
          `${r.numbersAddedToDnc ? `; ${r.numbersAddedToDnc} numbers added to do-not-call` : ''}.`,
        r,
      );
    },
  },
  'shift start': {
    usage: 'shift start --caller NAME [--at ISO_TIME]',
    summary: "Start a caller's shift.",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const s = startShift(db(), need(values, 'caller'), date(values, 'at'));
      out(`${s.caller}'s shift started at ${s.startedAt}.`, s);
    },
  },
  'shift end': {
    usage: 'shift end --caller NAME [--at ISO_TIME]',
    summary: "End a caller's shift (and let go of any record they held).",
    options: { caller: { type: 'string' }, at: { type: 'string' } },
    run: ({ values, db, out }) => {
      const s = endShift(db(), need(values, 'caller'), date(values, 'at'));
      out(`${s.caller}'s shift ended at ${s.endedAt}.`, s);
    },
  },
  'export shifts': {
    usage: 'export shifts --from DATE --to DATE [--caller NAME] --format csv|xlsx|json --out FILE',
    summary: 'Export shift totals for timesheet entry.',
    options: { from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } },
    run: async ({ values, db, out }) => {
      const format = need(values, 'format') as ExportFormat;
      if (!['csv', 'xlsx', 'json'].includes(format)) throw new UsageError(`--format must be csv, xlsx or json, not "${format}".`);
      const rows = shiftTotals(db(), { from: need(values, 'from'), to: need(values, 'to'), caller: str(values, 'caller') });
      const file = need(values, 'out');
      await writeTotals(rows, format, file);
      out(`Wrote ${rows.length} shift rows to ${file}.${rows.length ? '\n' + rows.map(summaryLine).join('\n') : ''}`, { rows: rows.length, file, summaries: rows.map(summaryLine) });
    },
  },
  'report outcomes': {
    usage: 'report outcomes --campaign NAME --from DATE --to DATE [--caller NAME]',
    summary: 'The outcome mix of a campaign: calls, share and reporting weight per result.',
    options: { campaign: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, caller: { type: 'string' } },
    run: ({ values, db, out }) => {
      const d = db();
      const c = findCampaign(d, need(values, 'campaign'));
      const mix = outcomeMix(d, c.id, { from: need(values, 'from'), to: need(values, 'to'), caller: str(values, 'caller') });
      const lines = mix.rows.map((r) => `${String(r.calls).padStart(6)}  ${r.share.toFixed(1).padStart(5)}%  ${r.weight.padEnd(8)}  ${r.label}`);
      out(`${getCampaign(d, c.id).name}: ${mix.total} calls\n${lines.join('\n')}`, mix);
    },
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return [
    'Usage: outcall <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
    COMMON_HELP,
    '',
    'Run "outcall <command> --help" for a command\'s options.',
  ].join('\n');
}

function commandHelp(c: Command): string {
  return `Usage: outcall ${c.usage}\n\n${c.summary}\n\n${COMMON_HELP}`;
}

export async function main(argv: string[]): Promise<number> {
  // The command is the first one or two words that are not options or option values, so
  // `outcall --db x.db campaign list` and `outcall campaign list --db x.db` read alike.
  const allOptions: Options = Object.assign({}, COMMON, ...Object.values(COMMANDS).map((c) => c.options));
  const { tokens } = parseArgs({ args: argv, options: allOptions, allowPositionals: true, strict: false, tokens: true });
  const positional = tokens.flatMap((t) => (t.kind === 'positional' ? [t] : []));
  const words = positional.map((t) => t.value);
  const key = [`${words[0]} ${words[1]}`, words[0]].find((k) => k !== undefined && k in COMMANDS);
  if (!key) {
    if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) {
      console.log(help());
      return argv.length === 0 ? 2 : 0;
    }
    console.error(`outcall: unknown command "${words.slice(0, 2).join(' ')}".\n\n${help()}`);
    return 2;
  }
  const command = COMMANDS[key] as Command;
  const commandAt = new Set(positional.slice(0, key.split(' ').length).map((t) => t.index));
  const rest = argv.filter((_, i) => !commandAt.has(i));
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: rest, options: { ...COMMON, ...command.options }, allowPositionals: true, strict: true }) as {
      values: Values;
      positionals: string[];
    };
  } catch (e) {
    console.error(`outcall ${key}: ${(e as Error).message}\n\n${commandHelp(command)}`);
    return 2;
  }
  if (parsed.values['help']) {
    console.log(commandHelp(command));
    return 0;
  }
  const json = parsed.values['json'] === true;
  const dbPath = resolveDbPath(str(parsed.values, 'db'));
  let database: DB | undefined;
  const ctx: Context = {
    positionals: parsed.positionals,
    values: parsed.values,
    json,
    dbPath,
    db: () => (database ??= openDatabase(dbPath)),
    out: (human, data) => console.log(json ? JSON.stringify(data ?? null, null, 2) : human),
  };
  try {
    await command.run(ctx);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`outcall ${key}: ${e.message}\n\n${commandHelp(command)}`);
      return 2;
    }
    if (isUserError(e) || e instanceof ImportCancelled) {
      if (json) console.log(JSON.stringify({ error: e.message, details: isUserError(e) ? e.details : [] }, null, 2));
      else console.error(`outcall ${key}: ${e.message}`);
      return 1;
    }
    console.error(`outcall ${key}: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 3;
  } finally {
    database?.close();
  }
}

export { UserError };

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
