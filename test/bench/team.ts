/**
 * npm run bench -- --team [--rows N] [--desks N] [--seconds N]
 * Team mode on a throwaway local PostgreSQL: next-record and log-call latency with many desks
 * working one campaign at once; then the shift totals export and the outcome report over
 * 1,000,000 calls through the team store. Figures only. (The 1,000,000-row COPY import comes
 * with the team importer.)
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { writeTotals } from '../../electron/engine/index.ts';
import { postgresStore } from '../../electron/engine/store/postgres.ts';
import pg from 'pg';
import {
  addTeamCaller,
  addTeamRecords,
  beginDial,
  createTeamCampaign,
  leaseNext,
  logTeamCall,
  migrateTeam,
  newCallId,
} from '../../electron/engine/team/index.ts';
import { startCluster } from '../team/cluster.ts';

export async function benchTeam(options: { rows: number; desks: number; seconds: number }): Promise<string[]> {
  const lines: string[] = [];
  const report = (line: string) => {
    lines.push(line);
    console.log(line);
  };
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? 0;
  const ms = (x: number) => `${x.toFixed(1)} ms`;

  const cluster = await startCluster({ maxConnections: options.desks + 20 });
  const pool = new pg.Pool({ connectionString: cluster.url, max: 4 });
  try {
    const { rows: version } = await pool.query<{ v: string }>("SELECT current_setting('server_version') AS v");
    report(`team: PostgreSQL ${version[0]?.v} on 127.0.0.1 (throwaway cluster, fsync off)`);
    const setup = await pool.connect();
    await migrateTeam(setup);
    setup.release();
    const always = { start: '00:00', end: '23:59' };
    const campaignId = await createTeamCampaign(pool, {
      name: 'Bench',
      region: 'US',
      timezone: 'America/New_York',
      callingWindow: { mon: always, tue: always, wed: always, thu: always, fri: always, sat: always, sun: always },
    });
    const l0 = performance.now();
    for (let start = 0; start < options.rows; start += 10_000) {
      const batch = Array.from({ length: Math.min(10_000, options.rows - start) }, (_, k) => {
        const i = start + k;
        return { company: `Company ${i}`, phones: [`(212) ${200 + Math.floor(i / 10_000) % 800} ${String(i % 10_000).padStart(4, '0')}`] };
      });
      await addTeamRecords(pool, campaignId, `batch ${start}`, batch);
    }
    report(`team: ${options.rows.toLocaleString('en')} records loaded in ${((performance.now() - l0) / 1000).toFixed(1)} s (batched inserts, not yet the COPY importer)`);

    const callers = await Promise.all(Array.from({ length: options.desks }, (_, i) => addTeamCaller(pool, `Desk ${i + 1}`)));
    const next: number[] = [];
    const log: number[] = [];
    const deadline = performance.now() + options.seconds * 1000;
    await Promise.all(
      callers.map(async (callerId) => {
        const desk = new pg.Client({ connectionString: cluster.url });
        await desk.connect();
        try {
          for (let turn = 0; turn < options.rows && performance.now() < deadline; turn++) {
            const t0 = performance.now();
            const held = await leaseNext(desk, { campaignId, callerId, leaseSeconds: 300 });
            next.push(performance.now() - t0);
            if (!held) break;
            await beginDial(desk, held, callerId, held.phones[0] ?? '', 'US');
            const ended = new Date();
            const t1 = performance.now();
            await logTeamCall(desk, {
              id: newCallId(), recordId: held.id, callerId, leaseToken: held.leaseToken,
              startedAt: new Date(ended.getTime() - 30_000), endedAt: ended, events: ['DIAL', 'NO_ANSWER'],
              result: 'bench', level: 'bench', pitched: false, closes: turn % 2 === 0, nextCallAt: null,
              phone: held.phones[0] ?? null, notes: '', doNotCall: [], doNotCallReason: '',
            });
            log.push(performance.now() - t1);
          }
        } finally {
          await desk.end();
        }
      }),
    );
    report(`team next record (lease_next), ${options.desks} desks for ${options.seconds} s: p50 ${ms(pct(next, 50))}, p99 ${ms(pct(next, 99))} over ${next.length} (target p99 < 50 ms)`);
    report(`team log call (log_call), ${options.desks} desks: p50 ${ms(pct(log, 50))}, p99 ${ms(pct(log, 99))} over ${log.length} (target p99 < 50 ms)`);
    for (const line of await reportsOverCalls(pool, cluster.url, campaignId)) report(line);
  } finally {
    await pool.end();
    await cluster.stop();
  }
  return lines;
}

/**
 * 1,000,000 calls over 20 callers' 25 shifts in October (the SQLite bench's mix), then the shift
 * totals export (CSV) and the outcome report of the month through the team store.
 */
async function reportsOverCalls(pool: pg.Pool, url: string, campaignId: number): Promise<string[]> {
  const CALLS = 1_000_000;
  const g0 = performance.now();
  await pool.query(`
    WITH k AS (INSERT INTO callers (name) SELECT 'Reports ' || c FROM generate_series(0, 19) c RETURNING id),
    s AS (
      INSERT INTO shifts (caller_id, started_at, ended_at)
      SELECT k.id, timestamptz '2026-10-01 22:00Z' + d * interval '1 day', timestamptz '2026-10-02 06:00Z' + d * interval '1 day'
      FROM k, generate_series(0, 24) d RETURNING id, caller_id, started_at)
    SELECT count(*) FROM s`);
  await pool.query(
    `WITH sh AS (SELECT row_number() OVER (ORDER BY id) - 1 AS n, id, caller_id, started_at FROM shifts
                 WHERE caller_id IN (SELECT id FROM callers WHERE name LIKE 'Reports %')),
     x AS (SELECT i, (ARRAY['no_contact', 'no_contact', 'no_contact', 'wrong_number', 'not_interested_no_pitch',
                            'pitched_not_interested', 'email_follow_up', 'appointment_booked'])[i % 8 + 1] AS code
           FROM generate_series(0, $2 - 1) i)
     INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes,
                        campaign_id, shift_id, new_lead, lead_kind, appointment)
     SELECT gen_random_uuid(), r.id, sh.caller_id, gen_random_uuid(), false, sh.started_at + (x.i % 28800) * interval '1 second',
            sh.started_at + (x.i % 28800) * interval '1 second', '{DIAL,HUNG_UP}', x.code,
            CASE WHEN x.code IN ('no_contact', 'wrong_number') THEN 'reception' ELSE 'decision_maker' END,
            x.code NOT IN ('no_contact', 'wrong_number', 'not_interested_no_pitch'), false,
            $1, sh.id, x.code = 'email_follow_up', CASE WHEN x.code = 'email_follow_up' THEN x.code END, x.code = 'appointment_booked'
     FROM x JOIN sh ON sh.n = x.i % 500 CROSS JOIN (SELECT min(id) AS id FROM records) r`,
    [campaignId, CALLS],
  );
  await pool.query('ANALYZE calls, shifts');
  const lines = [`team: ${CALLS.toLocaleString('en')} calls generated in ${((performance.now() - g0) / 1000).toFixed(1)} s`];
  const store = await postgresStore(url);
  const file = join(tmpdir(), `outcall-bench-team-${process.pid}.csv`);
  try {
    const e0 = performance.now();
    const totals = await store.shiftTotals({ from: '2026-10-01', to: '2026-10-31', zone: 'Australia/Sydney' });
    await writeTotals(totals, 'csv', file);
    const exportMs = performance.now() - e0;
    const counted = totals.reduce((n, r) => n + Number(r['dials']), 0);
    lines.push(`team export shift totals: ${exportMs.toFixed(0)} ms for ${totals.length} shifts over ${counted.toLocaleString('en')} calls (CSV; target < 1 s)`);
    const o0 = performance.now();
    const mix = await store.outcomes(campaignId, { from: '2026-10-01', to: '2026-10-31', zone: 'Australia/Sydney' });
    lines.push(`team outcome report: ${(performance.now() - o0).toFixed(0)} ms over ${mix.total.toLocaleString('en')} calls (target < 1 s)`);
  } finally {
    await store.close();
    rmSync(file, { force: true });
  }
  return lines;
}
