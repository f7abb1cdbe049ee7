import pg from 'pg';
import { UserError, type ImportSummary } from '../../engine/index.ts';
import { cannotConnect, importTeamList, initTeam, teamCampaignId, teamTarget, type TeamImportOptions } from '../../engine/team/index.ts';
import { str, UsageError, type Command } from '../kit.ts';

/**
 * `outcall import FILE --campaign NAME --team URL` (or OUTCALL_TEAM_URL): the list into a team
 * campaign, in this process; Ctrl+C cancels it and nothing is saved.
 */
export async function importIntoTeam(url: string, campaign: string, options: Omit<TeamImportOptions, 'campaignId' | 'signal'>): Promise<ImportSummary> {
  const database = teamTarget(url);
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 15_000 });
  pool.on('error', () => undefined);
  const cancel = new AbortController();
  const onSignal = () => cancel.abort();
  process.once('SIGINT', onSignal);
  try {
    const campaignId = await teamCampaignId(pool, campaign).catch((e: unknown) => {
      if (e instanceof UserError) throw e;
      throw cannotConnect(database, e);
    });
    return await importTeamList(pool, { ...options, campaignId, signal: cancel.signal });
  } finally {
    process.off('SIGINT', onSignal);
    await pool.end();
  }
}

/** `outcall team ...`: the shared PostgreSQL database of a calling team. */
export const TEAM_COMMANDS: Record<string, Command> = {
  'team init': {
    usage: 'team init --url postgres://USER@HOST:PORT/DATABASE',
    summary: 'Create the team schema and its roles on an empty PostgreSQL database (14 or later), or bring it up to date.',
    details: () =>
      `--url may also come from OUTCALL_TEAM_URL. Run it as the database's owner, with the right to
create roles: it makes the group roles outcall_caller, outcall_supervisor and outcall_manager.
A database that holds tables of anything else is refused and left as it was.`,
    options: { url: { type: 'string' } },
    run: async ({ values, out }) => {
      const url = str(values, 'url') ?? process.env['OUTCALL_TEAM_URL'];
      if (!url) throw new UsageError('--url (or OUTCALL_TEAM_URL) is required.');
      const r = await initTeam(url);
      const what =
        r.from === r.to
          ? `${r.database} is already at team schema version ${r.to}; nothing to do.`
          : r.from === 0
            ? `Set up ${r.database}: team schema version ${r.to}, roles ${r.roles.join(', ')}.`
            : `Brought ${r.database} from team schema version ${r.from} to ${r.to}.`;
      out(what, r);
    },
  },
};
