#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { ImportCancelled, isUserError, resolveDbPath, UserError, type DB } from '../engine/index.ts';
import { BACKUP_COMMANDS } from './commands/backup.ts';
import { CALLING_COMMANDS } from './commands/calling.ts';
import { LIST_COMMANDS } from './commands/lists.ts';
import { REPORT_COMMANDS } from './commands/reports.ts';
import { SCHEME_COMMANDS } from './commands/schemes.ts';
import { SETUP_COMMANDS } from './commands/setup.ts';
import { TEAM_COMMANDS } from './commands/team.ts';
import { openCliDatabase, describeError } from './db.ts';
import { postgresStore } from '../engine/store/postgres.ts';
import { sqliteStore } from '../engine/store/sqlite.ts';
import type { Store } from '../engine/store/types.ts';
import { str, UsageError, type Command, type Context, type Options, type Values } from './kit.ts';

const COMMANDS: Record<string, Command> = { ...SETUP_COMMANDS, ...SCHEME_COMMANDS, ...LIST_COMMANDS, ...CALLING_COMMANDS, ...REPORT_COMMANDS, ...BACKUP_COMMANDS, ...TEAM_COMMANDS };

const COMMON: Options = {
  db: { type: 'string' },
  team: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
};

const COMMON_HELP = `Common options:
  --db PATH   database file (default: $OUTCALL_DB, else outcall.db in the app's data folder);
              its folder must exist (only the app's data folder is made), and a new file is
              announced on stderr
  --team URL  act on the team's PostgreSQL database (postgres://USER@HOST:PORT/DATABASE)
              instead of the local file (default: $OUTCALL_TEAM_URL; --db overrides it)
  --json      machine-readable output
  --help      this help

Exit codes: 0 done; 1 refused (bad input or state: an unknown name, a rule, a file that
cannot be read or written), with a one-line message; 2 usage (an unknown command or option,
a missing or malformed value), with the command's help.`;

/**
 * The team database's URL when the command is to act on it: --team, else OUTCALL_TEAM_URL
 * unless --db names a local file. --team and --db together are refused.
 */
function teamUrlOf(values: Values): string | undefined {
  const team = str(values, 'team');
  if (team !== undefined && str(values, 'db') !== undefined) throw new UsageError('Give --team or --db, not both.');
  if (team !== undefined) return team;
  return str(values, 'db') === undefined ? process.env['OUTCALL_TEAM_URL'] || undefined : undefined;
}

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

async function commandHelp(c: Command, ctx?: Pick<Context, 'values' | 'store'>): Promise<string> {
  return `Usage: outcall ${c.usage}\n\n${c.summary}${c.details ? `\n\n${await c.details(ctx)}` : ''}\n\n${COMMON_HELP}`;
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
    console.error(`outcall ${key}: ${(e as Error).message}\n\n${await commandHelp(command)}`);
    return 2;
  }
  const json = parsed.values['json'] === true;
  const dbPath = resolveDbPath(str(parsed.values, 'db'));
  let database: DB | undefined;
  let store: Promise<Store> | undefined;
  const note = (text: string) => console.error(`outcall: ${text}`);
  let teamUrl: string | undefined;
  try {
    teamUrl = teamUrlOf(parsed.values);
  } catch (e) {
    console.error(`outcall ${key}: ${(e as Error).message}\n\n${await commandHelp(command)}`);
    return 2;
  }
  const ctx: Context = {
    positionals: parsed.positionals,
    values: parsed.values,
    json,
    dbPath,
    db: () => (database ??= openCliDatabase(dbPath, note, { defaultLocation: str(parsed.values, 'db') === undefined && !process.env['OUTCALL_DB'] })),
    store: () => (store ??= teamUrl ? postgresStore(teamUrl) : Promise.resolve(sqliteStore(ctx.db()))),
    teamUrl,
    out: (human, data) => console.log(json ? JSON.stringify(data ?? null, null, 2) : human),
    note,
  };
  try {
    if (parsed.values['help']) {
      console.log(await commandHelp(command, ctx));
      return 0;
    }
    if (teamUrl && command.team === undefined) {
      throw new UserError(`not available in team mode yet: it works on the local file (without --team and OUTCALL_TEAM_URL).`);
    }
    await command.run(ctx);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`outcall ${key}: ${e.message}\n\n${await commandHelp(command)}`);
      return 2;
    }
    // Everything else is one line and exit 1: a refused input or state, or a file that could
    // not be read or written. A stack trace is shown only with OUTCALL_DEBUG=1.
    const message = isUserError(e) || e instanceof ImportCancelled ? e.message : describeError(e);
    if (json) console.log(JSON.stringify({ error: message ?? String(e), details: isUserError(e) ? e.details : [] }, null, 2));
    if (message !== null) {
      if (!json) console.error(`outcall ${key}: ${message}`);
    } else {
      console.error(`outcall ${key}: unexpected error: ${e instanceof Error ? e.message : String(e)}${process.env['OUTCALL_DEBUG'] ? `\n${(e as Error).stack}` : ''}`);
    }
    return 1;
  } finally {
    await store?.then((s) => (s.mode === 'team' ? s.close() : undefined)).catch(() => undefined);
    try {
      database?.close();
    } catch {
      // closing a database that failed half-way must not hide the message above
    }
  }
}

export { UserError };

if (import.meta.main) {
  process.exitCode = await main(process.argv.slice(2));
}
