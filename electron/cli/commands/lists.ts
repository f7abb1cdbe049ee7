import {
  findCampaign,
  loadTemplate,
  parseMapOption,
  pickHeader,
  saveTemplate,
  startImport,
  type ImportProgress,
  type ImportSummary,
  type Mapping,
} from '../../engine/index.ts';
import { DEFAULT_LIMITS, LIMIT_FLAGS, type ImportLimits } from '../../engine/import/limits.ts';
import { firstRows, openSource } from '../../engine/import/source.ts';
import { inputFile } from '../db.ts';
import { importIntoTeam } from './team.ts';
import { int, need, str, UsageError, whoAmI, type Command, type Values } from '../kit.ts';

/** Record lists and the do-not-call list. */

/** `--max-cell-chars 20000` and the like; the XLSX part limit is given in megabytes. */
function limitOptions(values: Values): Partial<ImportLimits> {
  const limits: Partial<ImportLimits> = {};
  for (const [key, flag] of Object.entries(LIMIT_FLAGS) as [keyof ImportLimits, string][]) {
    const v = int(values, flag.slice(2));
    if (v !== undefined) limits[key] = key === 'maxXlsxPartBytes' ? v * 1024 * 1024 : v;
  }
  return limits;
}

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

export const LIST_COMMANDS: Record<string, Command> = {
  import: {
    usage: `import FILE --campaign NAME [--team URL] [--map "Header=field,..."] [--template NAME] [--save-template NAME] [--region CC] [--dry-run] [--errors PATH]
       [${LIMIT_FLAGS.maxCellChars} N] [${LIMIT_FLAGS.maxColumns} N] [${LIMIT_FLAGS.maxXlsxPartBytes} N] [${LIMIT_FLAGS.maxRejectedRows} N] [${LIMIT_FLAGS.maxReportRows} N]`,
    summary: `Import a CSV or XLSX record list into a campaign (all or nothing). Limits: ${DEFAULT_LIMITS.maxCellChars} characters a cell, ${DEFAULT_LIMITS.maxColumns} columns, ${DEFAULT_LIMITS.maxXlsxPartBytes / 1024 / 1024} MB an XLSX part, ${DEFAULT_LIMITS.maxRejectedRows} rejected rows, ${DEFAULT_LIMITS.maxReportRows} rows in the error report.`,
    options: {
      campaign: { type: 'string' }, map: { type: 'string' }, template: { type: 'string' }, 'save-template': { type: 'string' },
      region: { type: 'string' }, 'dry-run': { type: 'boolean' }, errors: { type: 'string' }, name: { type: 'string' }, team: { type: 'string' },
      ...Object.fromEntries(Object.values(LIMIT_FLAGS).map((f) => [f.slice(2), { type: 'string' } as const])),
    },
    team: 'own',
    details: () =>
      `With --team URL (or OUTCALL_TEAM_URL) the list goes into a campaign of the team's PostgreSQL
database, checked against the team's do-not-call list and the campaign's records; desks see it
when it is complete. Templates stay on this desk: give --map instead.`,
    run: async ({ positionals, values, db, dbPath, out, json, teamUrl }) => {
      if (!positionals[0]) throw new UsageError('Give the FILE to import.');
      const file = inputFile(positionals[0]);
      if (teamUrl && (values['template'] !== undefined || values['save-template'] !== undefined)) {
        throw new UsageError('Templates are kept in this desk\'s own database: with --team give the columns with --map.');
      }
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
      const summary = (s: ImportSummary) => {
        if (!json && process.stderr.isTTY) process.stderr.write('\r\x1b[K');
        const { rows, imported, invalidPhone, duplicateInFile, duplicateInCampaign, onDoNotCall, errorReport } = s;
        out(`${printImport(s)}\n(${((Date.now() - started) / 1000).toFixed(1)} s)`, {
          rows, imported, invalidPhone, duplicateInFile, duplicateInCampaign, onDoNotCall, errorReport,
          dryRun: s.dryRun, listId: s.listId, headerRow: s.headerRow, mapping: s.mapping, examples: s.examples,
        });
      };
      const progress = (p: ImportProgress) => {
        if (!json && process.stderr.isTTY) {
          const pct = p.bytesTotal ? Math.floor((p.bytesRead / p.bytesTotal) * 100) : 0;
          process.stderr.write(`\r  ${p.rowsRead} rows read (${pct}%)`);
        }
      };
      const options = { file, mapping, region: str(values, 'region'), dryRun: values['dry-run'] === true, errorReportPath: str(values, 'errors'), listName: str(values, 'name'), limits };
      if (teamUrl) {
        summary(await importIntoTeam(teamUrl, need(values, 'campaign'), { ...options, onProgress: progress }));
        return;
      }
      const campaign = findCampaign(db(), need(values, 'campaign'));
      const running = startImport(dbPath, { ...options, campaignId: campaign.id, importedBy: whoAmI() }, progress);
      const onSignal = () => running.cancel();
      process.once('SIGINT', onSignal);
      try {
        const s = await running.result;
        const saveAs = str(values, 'save-template');
        if (saveAs) saveTemplate(db(), saveAs, s.mapping);
        summary(s);
      } finally {
        process.off('SIGINT', onSignal);
      }
    },
  },
  'dnc add': {
    usage: 'dnc add NUMBER [--region CC] [--reason TEXT] [--by NAME]',
    summary: 'Put a number on the do-not-call list.',
    options: { region: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = await (await store()).addDnc(n, { region: str(values, 'region'), reason: str(values, 'reason'), by: str(values, 'by') ?? whoAmI() });
      out(r.added ? `${r.e164} is now on the do-not-call list.` : `${r.e164} was already on the do-not-call list.`, r);
    },
  },
  'dnc import': {
    usage: 'dnc import FILE [--region CC] [--by NAME]',
    summary: 'Add every number in a file (one per line, or "area code,number").',
    details: () => 'On a team database (--team) only a manager imports a do-not-call file.',
    options: { region: { type: 'string' }, by: { type: 'string' } },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      if (!positionals[0]) throw new UsageError('Give the FILE.');
      const f = inputFile(positionals[0]);
      const s = await (await store()).importDnc(f, { region: str(values, 'region'), by: str(values, 'by') ?? whoAmI() });
      const problems = s.problems.map((p) => `  line ${p.line}: ${p.value} (${p.reason})`).join('\n');
      out(`Read ${s.lines} numbers: ${s.added} added, ${s.alreadyListed} already listed, ${s.invalid} unreadable.${problems ? `\n${problems}` : ''}`, s);
    },
  },
  'dnc check': {
    usage: 'dnc check NUMBER [--region CC]',
    summary: 'Is this number (in any formatting) on the do-not-call list?',
    options: { region: { type: 'string' } },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = await (await store()).checkDnc(n, str(values, 'region'));
      out(r.listed ? `${r.e164} is on the do-not-call list (added ${r.entry?.addedAt} by ${r.entry?.addedBy}, ${r.entry?.source}).` : `${r.e164} is not on the do-not-call list.`, { listed: r.listed, e164: r.e164 });
    },
  },
  'dnc remove': {
    usage: 'dnc remove NUMBER --reason TEXT [--region CC] [--by NAME]',
    summary: 'Take a number off the do-not-call list, saying why.',
    options: { region: { type: 'string' }, reason: { type: 'string' }, by: { type: 'string' } },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      const n = positionals[0];
      if (!n) throw new UsageError('Give the NUMBER.');
      const r = await (await store()).removeDnc(n, { region: str(values, 'region'), reason: need(values, 'reason'), by: str(values, 'by') ?? whoAmI() });
      out(`${r.e164} is off the do-not-call list.`, r);
    },
  },
};
