/**
 * npm run bench -- --team [--rows N] [--desks N] [--seconds N]
 * Team mode on a throwaway local PostgreSQL, figures only:
 * 1. the import of the benchmark's list (1,000,000 messy rows) through COPY, against
 *    PostgreSQL's own COPY of the same file into a bare table, in the same run;
 * 2. next-record and log-call latency with many desks working the imported campaign at once;
 * 3. the shift totals export and the outcome report over 1,000,000 calls, on PostgreSQL and on
 *    a SQLite file.
 */
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { createCampaign, importList, openDatabase, outcomeMix, shiftTotals, writeTotals } from '../../electron/engine/index.ts';
import {
  addTeamLogin,
  beginDial,
  createTeamCampaign,
  importTeamList,
  leaseNext,
  migrateTeam,
  newCallId,
  teamNumber,
} from '../../electron/engine/team/index.ts';
import { startCluster } from '../team/cluster.ts';
import { fillSqliteCalls, fillTeamCalls, MONTH } from './calls.ts';
import { generateList } from './list.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import { sendDeskCall } from '../../electron/engine/team/desk-call.ts';
import { DEFAULT_SCHEME_ID } from '../../shared/schemes/index.ts';

const ZONE = 'Australia/Sydney';
const always = { start: '00:00', end: '23:59' };
const ALL_WEEK = { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always };

/**
 * What the tables' own integrity costs: the imported list's records and numbers copied into
 * staging tables (ids taken beforehand, untimed), then written again as plain INSERT ... SELECT,
 * timed, and rolled back; then once more with the foreign-key triggers off (the bench's
 * superuser only: a measurement, which no import can do), to tell the foreign keys' share.
 * VACUUM clears what each rollback left, for what follows.
 */
async function writeFloor(pool: pg.Pool, listId: number): Promise<{ records: number; phones: number; ms: number; recordsMs: number; withoutKeysMs: number }> {
  const client = await pool.connect();
  try {
    await client.query(`CREATE TEMP TABLE floor_ids AS
      SELECT id AS old, nextval('records_id_seq') AS id FROM (SELECT id FROM records WHERE list_id = $1 ORDER BY id) r`, [listId]);
    await client.query(`CREATE TEMP TABLE floor_records AS
      SELECT i.id, r.campaign_id, r.list_id, r.list_row, r.company, r.contact_name, r.timezone, r.details
      FROM records r JOIN floor_ids i ON i.old = r.id ORDER BY i.id`);
    await client.query(`CREATE TEMP TABLE floor_phones AS
      SELECT i.id AS record_id, p.position, p.e164, p.label, p.raw, p.extension
      FROM phones p JOIN floor_ids i ON i.old = p.record_id ORDER BY i.id, p.position`);
    const write = async (keys: boolean) => {
      await client.query('BEGIN');
      if (!keys) await client.query('SET LOCAL session_replication_role = replica');
      const t0 = performance.now();
      const records = await client.query(`INSERT INTO records (id, campaign_id, list_id, list_row, company, contact_name, timezone, details)
        SELECT id, campaign_id, list_id, list_row, company, contact_name, timezone, details FROM floor_records`);
      const t1 = performance.now();
      const phones = await client.query('INSERT INTO phones (record_id, position, e164, label, raw, extension) SELECT * FROM floor_phones');
      const t2 = performance.now();
      await client.query('ROLLBACK');
      await client.query('VACUUM records, phones');
      return { records: records.rowCount ?? 0, phones: phones.rowCount ?? 0, ms: t2 - t0, recordsMs: t1 - t0 };
    };
    const floor = await write(true);
    const withoutKeys = await write(false);
    await client.query('DROP TABLE floor_ids, floor_records, floor_phones');
    return { ...floor, withoutKeysMs: withoutKeys.ms };
  } finally {
    client.release();
  }
}

export async function benchTeam(options: { rows: number; desks: number; seconds: number; calls?: number }): Promise<string[]> {
  const calls = options.calls ?? 1_000_000;
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const s = (x: number) => `${(x / 1000).toFixed(2)} s`;

  const dir = mkdtempSync(join(tmpdir(), 'outcall-bench-team-'));
  const csv = join(dir, 'list.csv');
  const dncFile = join(dir, 'dnc.txt');
  console.log(`Generating ${options.rows.toLocaleString('en')} rows in ${dir} ...`);
  await generateList(csv, dncFile, options.rows);

  const cluster = await startCluster({ maxConnections: options.desks + 20 });
  const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
  let bareMs: number;
  try {
    const { rows: version } = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    report(`team: PostgreSQL ${version[0]?.v} on 127.0.0.1 (throwaway cluster, fsync off)`);
    report(`rows: ${options.rows.toLocaleString('en')} (${(statSync(csv).size / 1e6).toFixed(1)} MB CSV, the list npm run bench imports)`);
    const setup = await pool.connect();
    try {
      await migrateTeam(setup);
      // The do-not-call list the import washes against.
      const dnc = readFileSync(dncFile, 'utf8').split('\n').filter(Boolean).map((n) => teamNumber(n, 'US'));
      await setup.query('INSERT INTO dnc (e164) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [dnc]);
      await setup.query('ANALYZE dnc');

      // 1. PostgreSQL's own COPY of the file into a bare table, then Outcall's import of it.
      await setup.query('CREATE TABLE bare (company text, contact text, title text, area_code text, phone text, state text, employees text)');
      const b0 = performance.now();
      await pipeline(createReadStream(csv), setup.query(copyFrom('COPY bare FROM STDIN (FORMAT csv, HEADER true)')));
      bareMs = performance.now() - b0;
      await setup.query('DROP TABLE bare');
      report(`COPY of the file into a bare table: ${s(bareMs)}`);
    } finally {
      setup.release();
    }
    const campaignId = await createTeamCampaign(pool, { name: 'Bench', region: 'US', timezone: 'America/New_York', callingWindow: ALL_WEEK });
    const i0 = performance.now();
    const steps: string[] = [];
    const summary = await importTeamList(pool, {
      file: csv, campaignId, reportDir: dir, limits: { maxRejectedRows: options.rows },
      onTiming: (step, took) => steps.push(`  ${s(took)}  ${step}`),
    });
    const importMs = performance.now() - i0;
    report(
      `team import: ${s(importMs)}, ${Math.round(options.rows / (importMs / 1000)).toLocaleString('en')} rows/s (${summary.imported.toLocaleString('en')} imported, ${summary.invalidPhone} invalid, ${summary.duplicateInFile} duplicates, ${summary.onDoNotCall} on do-not-call); ${(importMs / bareMs).toFixed(2)}x the bare COPY (target within 2x)`,
    );

    for (const step of steps) report(step);
    const floor = await writeFloor(pool, summary.listId ?? 0);
    report(
      `the floor: the same ${floor.records.toLocaleString('en')} records and ${floor.phones.toLocaleString('en')} numbers INSERT ... SELECT from a staged copy into records and phones (their keys, indexes, checks and foreign keys, nothing else): ${s(floor.ms)} (records ${s(floor.recordsMs)}, phones ${s(floor.ms - floor.recordsMs)}); ${(floor.ms / bareMs).toFixed(2)}x the bare COPY; ${s(floor.withoutKeysMs)} with the foreign-key triggers off (measured as superuser)`,
    );

    // 2. Desks working the imported campaign.
    // Each desk logs in as its caller, as desks do (row-level security and the acting-caller checks apply).
    const callers: { callerId: number; url: string }[] = [];
    const admin = await pool.connect();
    try {
      for (let i = 0; i < options.desks; i++) {
        const { login, callerId } = await addTeamLogin(admin, { name: `Desk ${i + 1}`, role: 'caller' });
        const url = new URL(cluster.url);
        url.username = login;
        callers.push({ callerId, url: url.href });
      }
    } finally {
      admin.release();
    }
    // Each desk first works WARM_UP records untimed: a desk stays connected for its shift, and a
    // connection's first statements compile its functions and plan their statements (the plans
    // a session keeps). Those first cycles, fifty fresh desks at once, are reported apart.
    const WARM_UP = 8;
    const next: number[] = [];
    const dial: number[] = [];
    const log: number[] = [];
    const firstNext: number[] = [];
    const firstLog: number[] = [];
    let deadline = Infinity;
    let warm = 0;
    let allWarm: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (allWarm = resolve));
    /** One record taken, dialled and logged; false when the queue is empty. */
    const cycle = async (desk: pg.Client, callerId: number, turn: number, nexts: number[], logs: number[], dials: number[] = []): Promise<boolean> => {
      const t0 = performance.now();
      const held = await leaseNext(desk, { campaignId, callerId, leaseSeconds: 300 });
      nexts.push(performance.now() - t0);
      if (!held) return false;
      const d0 = performance.now();
      await beginDial(desk, held, callerId, held.phones[0] ?? '', 'US');
      dials.push(performance.now() - d0);
      const ended = new Date();
      const t1 = performance.now();
      // As a desk sends it (log_desk_call, with the plan the engine made).
      await sendDeskCall(desk, {
        id: newCallId(), recordId: held.id, callerId, leaseToken: held.leaseToken,
        startedAt: new Date(ended.getTime() - 30_000), endedAt: ended, events: ['DIAL', 'NO_ANSWER'],
        result: 'bench', level: 'bench', pitched: false, closes: turn % 2 === 0, nextCallAt: null,
        phone: held.phones[0] ?? null, notes: '', doNotCall: [], doNotCallReason: '',
        plan: { scheme_id: DEFAULT_SCHEME_ID, scheme_version: 1, results: ['bench'], flags: { pitched: false }, fields: {}, task_due_at: null },
      });
      logs.push(performance.now() - t1);
      return true;
    };
    await Promise.all(
      callers.map(async ({ callerId, url }) => {
        const desk = new pg.Client({ connectionString: url });
        await desk.connect();
        try {
          let turn = 0;
          let more = true;
          try {
            for (; more && turn < WARM_UP; turn++) more = await cycle(desk, callerId, turn, turn === 0 ? firstNext : [], turn === 0 ? firstLog : []);
          } finally {
            // Counted also when this desk failed, so that the others do not wait for it forever.
            warm += 1;
            if (warm === callers.length) {
              deadline = performance.now() + options.seconds * 1000;
              allWarm();
            }
          }
          await started;
          for (; more && turn < options.rows && performance.now() < deadline; turn++) more = await cycle(desk, callerId, turn, next, log, dial);
        } finally {
          await desk.end();
        }
      }),
    );
    report(`team next record (lease_next), ${options.desks} desks for ${options.seconds} s: p50 ${ms(pct(next, 50))}, p99 ${ms(pct(next, 99))} over ${next.length} (target p99 < 50 ms)`);
    report(`team log call (log_desk_call), ${options.desks} desks: p50 ${ms(pct(log, 50))}, p99 ${ms(pct(log, 99))} over ${log.length} (target p99 < 50 ms)`);
    report(`  (the dial between them, begin_dial: p50 ${ms(pct(dial, 50))}, p99 ${ms(pct(dial, 99))}; ${Math.round(next.length / options.seconds)} records a second in all)`);
    report(
      `  (before the clock, each desk's first record on its fresh connection, ${options.desks} at once: next p50 ${ms(pct(firstNext, 50))}, max ${ms(Math.max(...firstNext))}; log p50 ${ms(pct(firstLog, 50))}, max ${ms(Math.max(...firstLog))})`,
    );

    // 3. Reports over a month of calls, on PostgreSQL.
    const { rows: first } = await pool.query<{ id: string }>('SELECT min(id) AS id FROM records WHERE campaign_id = $1', [campaignId]);
    const filler = await pool.connect();
    const f0 = performance.now();
    try {
      await fillTeamCalls(filler, Number(first[0]?.id), calls);
    } finally {
      filler.release();
    }
    console.log(`(${calls.toLocaleString('en')} team calls written in ${s(performance.now() - f0)})`);
    // The reports read their indexes alone only over all-visible pages (as autovacuum leaves them).
    const { rows: seen } = await pool.query<{ all: number; pages: number }>("SELECT relallvisible AS all, relpages AS pages FROM pg_class WHERE relname = 'calls'");
    report(`team calls' pages all-visible: ${seen[0]?.all} of ${seen[0]?.pages}`);
    // The team store's own reports, as the command line and the desk ask for them.
    const store = await postgresStore(cluster.url);
    try {
      const t0 = performance.now();
      const totals = await store.shiftTotals({ ...MONTH, zone: ZONE });
      await writeTotals(totals, 'csv', join(dir, 'team-totals.csv'));
      const counted = totals.reduce((sum, r) => sum + Number(r['dials']), 0);
      report(`team shift totals export: ${s(performance.now() - t0)} for ${totals.length} shifts over ${counted.toLocaleString('en')} calls (CSV; target < 1 s)`);
      const o0 = performance.now();
      const mix = await store.outcomes(undefined, { ...MONTH, zone: ZONE });
      report(`team outcome report: ${s(performance.now() - o0)}, ${mix.rows.length} outcomes over ${mix.total.toLocaleString('en')} calls (target < 1 s)`);
    } finally {
      await store.close();
    }
  } finally {
    await pool.end();
    await cluster.stop();
  }

  // 3b. The same reports on a SQLite file.
  const dbFile = join(dir, 'bench.db');
  const db = openDatabase(dbFile);
  try {
    const campaign = createCampaign(db, { name: 'Bench', region: 'US', timezone: 'America/New_York', callingWindow: ALL_WEEK as never });
    const one = join(dir, 'one.csv');
    writeFileSync(one, 'Company,Phone\nBench,(212) 555-0100\n');
    const imported = await importList(db, { file: one, campaignId: campaign.id, reportDir: dir });
    const recordId = db.prepare('SELECT id FROM records WHERE list_id = ?').pluck().get(imported.listId) as number;
    const f0 = performance.now();
    fillSqliteCalls(db, campaign.id, recordId, calls);
    console.log(`(${calls.toLocaleString('en')} SQLite calls written in ${s(performance.now() - f0)})`);
    const t0 = performance.now();
    const totals = shiftTotals(db, { ...MONTH, zone: ZONE });
    await writeTotals(totals, 'csv', join(dir, 'totals.csv'));
    const counted = totals.reduce((sum, r) => sum + Number(r['dials']), 0);
    report(`SQLite shift totals export: ${s(performance.now() - t0)} for ${totals.length} shifts over ${counted.toLocaleString('en')} calls (CSV; target < 1 s)`);
    const o0 = performance.now();
    const mix = outcomeMix(db, undefined, { ...MONTH, zone: ZONE });
    report(`SQLite outcome report: ${s(performance.now() - o0)}, ${mix.rows.length} outcomes over ${mix.total.toLocaleString('en')} calls (target < 1 s)`);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n' + lines.join('\n'));
  return lines;
}
