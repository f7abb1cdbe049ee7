/**
 * npm run bench -- --team [--rows N] [--desks N] [--seconds N]
 * Team mode on a throwaway local PostgreSQL: next-record and log-call latency with many desks
 * working one campaign at once. Figures only. (The 1,000,000-row COPY import and the reports
 * over 1,000,000 calls come with the team importer and reports.)
 */
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
  } finally {
    await pool.end();
    await cluster.stop();
  }
  return lines;
}
