/** A migrated team database on a throwaway PostgreSQL, for one test file. */
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { addTeamCaller, createTeamCampaign, migrateTeam, TEAM_MIGRATIONS, type NewTeamCampaign } from '../../electron/engine/team/index.ts';
import { startCluster, type Cluster, type ClusterOptions } from './cluster.ts';

/** Open around the clock every day, so tests about leases are not about the hour they run. */
const ALWAYS = { start: '00:00', end: '23:59' };
export const ALL_DAY = { mon: ALWAYS, tue: ALWAYS, wed: ALWAYS, thu: ALWAYS, fri: ALWAYS, sat: ALWAYS, sun: ALWAYS };

export interface TeamDb {
  cluster: Cluster;
  /** A pool for set-up and checks (the supervisor's view). */
  pool: pg.Pool;
  /** A connection of its own, as a desk has. */
  desk(): Promise<pg.Client>;
}

/** Starts the cluster before the file's tests and removes it after them, also when they fail. */
export function teamSuite(options: ClusterOptions = {}): TeamDb {
  const team = {} as TeamDb;
  const desks: pg.Client[] = [];
  beforeAll(async () => {
    team.cluster = await startCluster(options);
    team.pool = new pg.Pool({ connectionString: team.cluster.url, max: 4 });
    // An idle connection the server cut (a restart) is replaced on the next query.
    team.pool.on('error', () => undefined);
    const client = await team.pool.connect();
    try {
      await migrateTeam(client);
    } finally {
      client.release();
    }
    team.desk = async () => {
      const c = new pg.Client({ connectionString: team.cluster.url });
      // A desk whose connection is cut (a test kills it) finds out on its next query.
      c.on('error', () => undefined);
      await c.connect();
      desks.push(c);
      return c;
    };
  }, 60_000);
  afterAll(async () => {
    await Promise.allSettled(desks.map((d) => d.end()));
    await team.pool?.end();
    await team.cluster?.stop();
  }, 60_000);
  return team;
}

/** A second database on the suite's cluster as an older Outcall left it: migrated up to `version` only. End it when done. */
export async function databaseAt(team: TeamDb, name: string, version: number): Promise<pg.Pool> {
  await team.pool.query(`CREATE DATABASE ${name}`);
  const db = new pg.Pool({ connectionString: team.cluster.url.replace('/outcall?', `/${name}?`), max: 2 });
  db.on('error', () => undefined);
  await db.query('CREATE TABLE team_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  for (const m of TEAM_MIGRATIONS.filter((x) => x.version <= version)) {
    await db.query(m.sql);
    await db.query('INSERT INTO team_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
  }
  return db;
}

let campaigns = 0;
/** A campaign open all week (unless `c` says otherwise), with a name of its own. */
export function teamCampaign(db: pg.Pool, c: Partial<NewTeamCampaign> = {}): Promise<number> {
  campaigns += 1;
  return createTeamCampaign(db, { name: `Team ${campaigns}`, region: 'US', timezone: 'America/New_York', callingWindow: ALL_DAY, ...c });
}

export const caller = (db: pg.Pool, name: string) => addTeamCaller(db, name);

/** A node of a plan as `EXPLAIN (FORMAT JSON)` gives it (with ANALYZE, its rows and loops too). */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}
/** A plan's nodes, the top one first. */
export const planNodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(planNodes)];
