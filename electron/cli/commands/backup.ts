import { join, resolve } from 'node:path';
import { TEAM_BACKUPS } from '../../engine/team/office.ts';
import { backupDir, backupTo, backupToday, openDatabase, restoreDatabase, UserError } from '../../engine/index.ts';
import { str, type Command } from '../kit.ts';

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/** `outcall backup` and `outcall restore`: the same backups the desktop app takes and restores. */
/** In team mode these copy nothing: the team database has its server's own backups. */
function localOnly(teamUrl: string | undefined): void {
  if (teamUrl) throw new UserError(`${TEAM_BACKUPS}; outcall backup and restore work on a desk's own file (without --team and OUTCALL_TEAM_URL).`);
}

export const BACKUP_COMMANDS: Record<string, Command> = {
  backup: {
    usage: 'backup [--out FILE]',
    summary: "Copy the database while it is in use (default: today's copy in backups/ beside it).",
    options: { out: { type: 'string' } },
    team: 'own',
    run: async ({ values, db, dbPath, out, teamUrl }) => {
      localOnly(teamUrl);
      const dest = str(values, 'out');
      if (dest !== undefined && resolve(dest) === resolve(dbPath)) throw new UserError('--out must be another file than the database itself.');
      let made: { path: string; bytes: number };
      if (dest !== undefined) made = await backupTo(db(), dest);
      else {
        const today = await backupToday(db(), new Date());
        made = { path: join(backupDir(dbPath), today.name), bytes: today.bytes };
      }
      out(`Backed up ${dbPath} to ${made.path} (${mb(made.bytes)}).`, made);
    },
  },
  restore: {
    usage: 'restore FILE',
    summary: 'Put a backup in place of the database (close the app first); the current file is kept aside.',
    options: {},
    team: 'own',
    run: ({ positionals, dbPath, out, teamUrl }) => {
      localOnly(teamUrl);
      const file = positionals[0];
      if (!file) throw new UserError('Give the backup FILE to restore.');
      const r = restoreDatabase(dbPath, file, new Date());
      openDatabase(dbPath).close(); // brings an older backup's schema up to date
      out(
        `Restored ${file} (${r.calls} calls) to ${dbPath}.${r.keptAside ? ` The previous database is kept as ${r.keptAside}.` : ''}`,
        { restored: file, db: dbPath, calls: r.calls, keptAside: r.keptAside },
      );
    },
  },
};
