import { initTeam } from '../../engine/team/index.ts';
import { str, UsageError, type Command } from '../kit.ts';

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
    team: 'own',
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
