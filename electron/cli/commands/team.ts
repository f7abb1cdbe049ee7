import { UserError } from '../../engine/index.ts';
import { addTeamLogin, checkDeskHost, deskUrl, initTeam, isLoopbackUrl, openTeamClient, TEAM_LOGIN_ROLES, teamSession } from '../../engine/team/index.ts';
import { oneOf, str, UsageError, type Command, type Values } from '../kit.ts';

/** The team database's URL: --url, else OUTCALL_TEAM_URL. */
function teamUrl(values: Values): string {
  const url = str(values, 'url') ?? process.env['OUTCALL_TEAM_URL'];
  if (!url) throw new UsageError('--url (or OUTCALL_TEAM_URL) is required.');
  return url;
}

/** A password given on standard input, alone on its line; at most 1,000 bytes are read. */
async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 1000) throw new UserError('--password-stdin: over 1,000 bytes on standard input; give the password alone, on one line.');
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (/[\r\n]/.test(text)) throw new UserError('--password-stdin: the password is one line.');
  if (!text) throw new UserError('--password-stdin: standard input was empty.');
  return text;
}

const shellQuote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;

const TLS_HELP = `Connections use TLS unless the URL says sslmode=disable: without sslmode the server must
offer TLS (its certificate is checked when the URL names sslrootcert=PATH); sslmode=verify-full
also checks the host name. prefer and allow are refused: Outcall never falls back to plain.`;

/** `outcall team ...`: the shared PostgreSQL database of a calling team. */
export const TEAM_COMMANDS: Record<string, Command> = {
  'team init': {
    usage: 'team init --url postgres://USER@HOST:PORT/DATABASE',
    summary: 'Create the team schema and its roles on an empty PostgreSQL database (14 or later), or bring it up to date.',
    details: () =>
      `--url may also come from OUTCALL_TEAM_URL. Run it as the database's owner, with the right to
create roles: it makes the group roles outcall_caller, outcall_supervisor and outcall_manager.
A database that holds tables of anything else is refused and left as it was.

${TLS_HELP}`,
    options: { url: { type: 'string' } },
    team: 'own',
    run: async ({ values, out }) => {
      const r = await initTeam(teamUrl(values));
      const what =
        r.from === r.to
          ? `${r.database} is already at team schema version ${r.to}; nothing to do.`
          : r.from === 0
            ? `Set up ${r.database}: team schema version ${r.to}, roles ${r.roles.join(', ')}.`
            : `Brought ${r.database} from team schema version ${r.from} to ${r.to}.`;
      out(what, r);
    },
  },
  'team add': {
    usage:
      'team add NAME --role caller|manager|supervisor --url postgres://OWNER@HOST:PORT/DATABASE [--login LOGIN] [--password-stdin] [--host HOST[:PORT]]',
    summary: "Make one person's login in their role and print the one command that connects their desk.",
    details: () =>
      `Run it as the database's owner (as team init). The login is made from the name (Ann O'Hara:
ann_o_hara) unless --login gives one; a caller of that name without a login gets it. A new
password is made and shown once, inside the connect command, to be passed on privately; with
--password-stdin the password is read from standard input instead (12 to 200 printable
characters) and not printed. The server is sent only its SCRAM verifier, never the password.
The connect command names the server as --url does, or as --host gives it (the name desks
reach it by, when you run team add on the server itself).

${TLS_HELP}`,
    options: {
      url: { type: 'string' },
      role: { type: 'string' },
      login: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      host: { type: 'string' },
    },
    run: async ({ positionals, values, out, note }) => {
      const name = positionals.join(' ').trim();
      if (!name) throw new UsageError('Give the person\'s name: team add "Ann Smith" --role caller.');
      const role = oneOf(values, 'role', TEAM_LOGIN_ROLES);
      if (!role) throw new UsageError(`--role ${TEAM_LOGIN_ROLES.join('|')} is required.`);
      const url = teamUrl(values);
      const host = str(values, 'host');
      if (host !== undefined) checkDeskHost(host);
      const chosen = values['password-stdin'] === true ? await passwordFromStdin() : undefined;
      const { client, target } = await openTeamClient(url);
      let added;
      try {
        added = await addTeamLogin(client, { name, role, login: str(values, 'login'), password: chosen });
      } finally {
        await client.end().catch(() => undefined);
      }
      const connect = `outcall team connect --url ${shellQuote(deskUrl(url, added.login, added.password, host))}${added.password ? '' : ' --password-stdin'}`;
      if (host === undefined && isLoopbackUrl(url)) {
        note('the connect command names this machine, as --url does: for desks elsewhere, run team add with --host and the name they reach the server by.');
      }
      const how = added.password
        ? `${added.name} connects their desk with this one command; it holds their password, shown only this once, so pass it on privately:`
        : `${added.name} connects their desk with this one command, giving the password you chose on standard input:`;
      out(`Added ${added.name} as a ${role}: login ${added.login} on ${target}.\n${how}\n  ${connect}`, {
        name: added.name,
        role,
        login: added.login,
        callerId: added.callerId,
        database: target,
        connect,
      });
    },
  },
  'team connect': {
    usage: 'team connect --url postgres://LOGIN[:PASSWORD]@HOST:PORT/DATABASE [--password-stdin]',
    summary: 'Connect this desk to the team database as its person, and say who, in which role, over what.',
    details: () =>
      `The URL is the one team add printed (or OUTCALL_TEAM_URL). The password comes from the URL,
from standard input with --password-stdin, or from PGPASSWORD. Refused, in words, when the
login is nobody in the team, the password is wrong, or the team database's schema is not this
Outcall's.

${TLS_HELP}`,
    options: { url: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    run: async ({ values, out }) => {
      let url = teamUrl(values);
      if (values['password-stdin'] === true) {
        const withPassword = new URL(url);
        withPassword.password = await passwordFromStdin();
        url = withPassword.href;
      }
      const { client, target } = await openTeamClient(url);
      try {
        const me = await teamSession(client);
        const over = me.tls ? `over ${me.tls}` : 'over a plain connection (sslmode=disable)';
        out(
          `Connected to ${target} as ${me.name} (${me.role}, login ${me.login}) ${over}; team schema version ${me.schemaVersion}.`,
          { database: target, ...me },
        );
      } finally {
        await client.end().catch(() => undefined);
      }
    },
  },
};
