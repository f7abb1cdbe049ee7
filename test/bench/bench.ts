/**
 * npm run bench [-- --rows N]   (npm run bench -- --team: team mode on PostgreSQL, test/bench/team.ts)
 * Import, queue and logging speed on a generated list of messy numbers. Figures only: no
 * assertions; the targets are printed beside the results.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  callerByName,
  createCampaign,
  logCall,
  openDatabase,
  outcomeMix,
  shiftTotals,
  takeNext,
  writeTotals,
} from '../../electron/engine/index.ts';
import { DNC_SIZE, generateList } from './list.ts';

const { values } = parseArgs({
  options: { rows: { type: 'string' }, keep: { type: 'boolean' }, team: { type: 'boolean' }, desks: { type: 'string' }, seconds: { type: 'string' } },
});
if (values.team) {
  // npm run bench -- --team: team mode on a throwaway PostgreSQL (test/bench/team.ts).
  const { benchTeam } = await import('./team.ts');
  await benchTeam({ rows: Number(values.rows ?? 100_000), desks: Number(values.desks ?? 50), seconds: Number(values.seconds ?? 10) });
  process.exit(0);
}
const ROWS = Number(values.rows ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'outcall-bench-'));
const csv = join(dir, 'list.csv');
const dbPath = join(dir, 'bench.db');
const dncFile = join(dir, 'dnc.txt');

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;
const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};

console.log(`Generating ${ROWS.toLocaleString('en')} rows in ${dir} ...`);
await generateList(csv, dncFile, ROWS);
report(`rows: ${ROWS.toLocaleString('en')} (${(statSync(csv).size / 1e6).toFixed(1)} MB CSV; about 5% without a valid number, 3% duplicates, 2% on do-not-call, some with several numbers or the area code in its own column)`);

// 1. The import, in its worker, with the process's peak memory sampled.
const db = openDatabase(dbPath);
const campaign = createCampaign(db, {
  name: 'Bench',
  region: 'US',
  timezone: 'America/New_York',
  callingWindow: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, { start: '00:00', end: '23:59' }])) as never,
});
// The do-not-call list the import washes against, loaded first through the command line, in a
// process of its own (a large parent would count towards the import child's peak memory).
const d0 = performance.now();
const dncRun = spawnSync(process.execPath, [new URL('../../electron/cli/outcall.ts', import.meta.url).pathname, '--db', dbPath, '--json', 'dnc', 'import', dncFile, '--region', 'US', '--by', 'bench'], { encoding: 'utf8' });
if (dncRun.status !== 0) throw new Error(`do-not-call import failed: ${dncRun.stderr}`);
const dncLoaded = JSON.parse(dncRun.stdout) as { added: number };
report(`do-not-call list: ${dncLoaded.added.toLocaleString('en')} of ${DNC_SIZE.toLocaleString('en')} numbers loaded in ${((performance.now() - d0) / 1000).toFixed(2)} s (command line, whole process)`);
// The import runs in a process of its own, so that its peak memory is its own.
const child = spawnSync(process.execPath, [new URL('./import-child.ts', import.meta.url).pathname, dbPath, csv, String(campaign.id), join(dir, 'errors.csv')], {
  encoding: 'utf8',
  maxBuffer: 1 << 24,
});
if (child.status !== 0) throw new Error(`import failed: ${child.stderr}`);
const result = JSON.parse(child.stdout) as { ms: number; checkpointMs: number; maxRssMb: number; summary: { imported: number; invalidPhone: number; duplicateInFile: number; onDoNotCall: number } };
const importMs = result.ms;
const summary = result.summary;
report(`import: ${(importMs / 1000).toFixed(2)} s, ${Math.round(ROWS / (importMs / 1000)).toLocaleString('en')} rows/s (${summary.imported.toLocaleString('en')} imported, ${summary.invalidPhone} invalid, ${summary.duplicateInFile} duplicates, ${summary.onDoNotCall} on do-not-call)`);
report(`  then the write-ahead log copied into the database file, after the import reported done: ${(result.checkpointMs / 1000).toFixed(2)} s`);
report(`import peak memory: ${Math.round(result.maxRssMb)} MB resident, whole process (target < 400 MB)`);

// 1b. A caller keeps logging calls while the same list is imported again, into a second
// campaign, by another process: each call's wait (p50/p99) and any call that failed.
{
  const second = createCampaign(db, { name: 'Bench 2', region: 'US', timezone: campaign.timezone, callingWindow: campaign.callingWindow });
  const caller = callerByName(db, 'Busy Caller');
  const waits: number[] = [];
  const failures: string[] = [];
  const t0 = performance.now();
  const importer = spawn(process.execPath, [new URL('./import-child.ts', import.meta.url).pathname, dbPath, csv, String(second.id), join(dir, 'errors-2.csv')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  importer.stdout.on('data', (c: Buffer) => (out += c.toString()));
  importer.stderr.on('data', (c: Buffer) => (err += c.toString()));
  let running = true;
  const exited = new Promise<number | null>((resolve) => importer.on('exit', (code) => {
    running = false;
    resolve(code);
  }));
  // Until the import is done: a call logged every 10 ms (a whole floor of callers at once).
  // Each is "Log and next": the call saved, then the next record taken.
  let next = takeNext(db, campaign.id, caller.id);
  while (running && next) {
    await new Promise((r) => setTimeout(r, 10));
    const a = performance.now();
    try {
      logCall(db, { recordId: next.id, caller: caller.name, events: ['DIAL', 'NO_ANSWER'], result: 'no_contact' });
      next = takeNext(db, campaign.id, caller.id);
      waits.push(performance.now() - a);
    } catch (e) {
      failures.push((e as Error).message);
    }
  }
  const code = await exited;
  if (code !== 0) throw new Error(`second import failed: ${err}`);
  const again = JSON.parse(out) as { ms: number };
  report(`log call and take the next record while the list is imported again: p50 ${ms(pct(waits, 50))}, p99 ${ms(pct(waits, 99))}, max ${ms(Math.max(0, ...waits))} over ${waits.length} calls, ${failures.length} failed${failures.length ? ` (${[...new Set(failures)].join('; ')})` : ''} (target p99 < 500 ms, none failed)`);
  report(`  that import meanwhile: ${(again.ms / 1000).toFixed(2)} s, ${Math.round(ROWS / (again.ms / 1000)).toLocaleString('en')} rows/s (${((performance.now() - t0) / 1000).toFixed(2)} s with its process start)`);
}

// 2. The same file through sqlite3's own .import into a bare table, when sqlite3 is installed.
const hasSqlite = spawnSync('sqlite3', ['-version']).status === 0;
let bareMs = 0;
if (hasSqlite) {
  const bare = join(dir, 'bare.db');
  const s0 = performance.now();
  execFileSync('sqlite3', [bare, '.mode csv', '.import ' + csv + ' bare']);
  bareMs = performance.now() - s0;
  report(`sqlite3 .import into a bare table: ${(bareMs / 1000).toFixed(2)} s; Outcall's import is ${(importMs / bareMs).toFixed(2)}x that (target within 4x)`);
} else {
  report('sqlite3 .import: sqlite3 is not installed (apt-get install sqlite3), no ratio');
}

// 2b. The floor under any import through better-sqlite3: as many rows, already read and
// checked, written into the records and phones tables of an empty Outcall database with the
// secondary indexes dropped and foreign keys off, in one transaction. No import can beat this.
{
  const floorDb = openDatabase(join(dir, 'floor.db'));
  floorDb.exec('DROP INDEX records_fresh; DROP INDEX records_list; DROP INDEX phones_record; DROP INDEX phones_campaign_e164');
  floorDb.pragma('foreign_keys = OFF');
  const f0 = performance.now();
  floorDb.exec('BEGIN');
  const rec = floorDb.prepare('INSERT INTO records (campaign_id, list_id, list_row, company, contact_name, title, state, employees, tz) VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?)');
  const ph = floorDb.prepare("INSERT INTO phones (record_id, campaign_id, position, label, raw, e164, extension) VALUES (?, 1, 0, 'Phone', ?, ?, NULL)");
  for (let i = 0; i < ROWS; i++) {
    const id = rec.run(i + 2, `Company ${i}, Inc`, `Contact ${i}`, 'Owner', 'NY', '12', 'America/New_York').lastInsertRowid;
    ph.run(id, '(212) 555-0100', `+1212${String(2_000_000 + i)}`);
  }
  floorDb.exec('COMMIT');
  const floorMs = performance.now() - f0;
  floorDb.close();
  report(`writes alone (no reading, checking or indexes): ${(floorMs / 1000).toFixed(2)} s${bareMs ? `, ${(floorMs / bareMs).toFixed(2)}x the bare .import` : ''}`);
}

// 3. Next record and logging, as a caller works the list.
const caller = callerByName(db, 'Bench Caller');
const nextTimes: number[] = [];
const logTimes: number[] = [];
const at = new Date();
const outcomes: [string, string, object][] = [
  ['DIAL NO_ANSWER', 'no_contact', {}],
  ['DIAL RECEPTION_ANSWERED HUNG_UP', 'no_contact', {}],
  ['DIAL RECEPTION_ANSWERED TRANSFERRED VOICEMAIL', 'no_contact', {}],
  ['DIAL DM_ANSWERED HUNG_UP', 'not_interested_no_pitch', {}],
  ['DIAL DM_ANSWERED PITCHED HUNG_UP', 'email_follow_up', { followUpAt: new Date(at.getTime() + 7 * 86_400_000) }],
  ['DIAL WRONG_NUMBER', 'wrong_number', {}],
];
for (let i = 0; i < 3000; i++) {
  const a = performance.now();
  const next = takeNext(db, campaign.id, caller.id, at);
  const b = performance.now();
  if (!next) break;
  const [events, result, extra] = outcomes[i % outcomes.length] as [string, string, object];
  logCall(db, { recordId: next.id, caller: caller.name, events: events.split(' ') as never, result, at, ...extra });
  const c = performance.now();
  nextTimes.push(b - a);
  logTimes.push(c - b);
}
report(`next record: p50 ${ms(pct(nextTimes, 50))}, p99 ${ms(pct(nextTimes, 99))} over ${nextTimes.length} (target p99 < 2 ms)`);
report(`log call: p50 ${ms(pct(logTimes, 50))}, p99 ${ms(pct(logTimes, 99))} over ${logTimes.length} (target p99 < 5 ms)`);

// 4. Shift totals over 1,000,000 logged calls: calls spread over 20 callers' shifts in a month.
const CALLS = 1_000_000;
db.transaction(() => {
  const day0 = Date.UTC(2026, 9, 1, 22); // shifts start 09:00 Sydney
  const insShift = db.prepare('INSERT INTO shifts (caller_id, started_at, ended_at) VALUES (?, ?, ?)');
  const shiftIds: number[] = [];
  for (let c = 0; c < 20; c++) {
    const id = callerByName(db, `Caller ${c}`).id;
    for (let d = 0; d < 25; d++) {
      const start = day0 + d * 86_400_000;
      shiftIds.push(Number(insShift.run(id, new Date(start).toISOString(), new Date(start + 8 * 3_600_000).toISOString()).lastInsertRowid));
    }
  }
  const codes = ['no_contact', 'no_contact', 'no_contact', 'wrong_number', 'not_interested_no_pitch', 'pitched_not_interested', 'email_follow_up', 'appointment_booked'];
  const ins = db.prepare(
    `INSERT INTO calls (record_id, campaign_id, caller_id, shift_id, started_at, ended_at, events, contact_level, pitched, dm_cut_short, blocked, result, new_lead, lead_kind, appointment)
     SELECT ?, ?, s.caller_id, s.id, ?, ?, 'DIAL,HUNG_UP', ?, ?, 0, 0, ?, ?, ?, ? FROM shifts s WHERE s.id = ?`,
  );
  const recordId = db.prepare('SELECT min(id) FROM records').pluck().get() as number;
  for (let i = 0; i < CALLS; i++) {
    const shift = shiftIds[i % shiftIds.length] as number;
    const code = codes[i % codes.length] as string;
    const dm = code !== 'no_contact' && code !== 'wrong_number';
    const startedAt = new Date(day0 + (i % 25) * 86_400_000 + (i % 28_800) * 1000).toISOString();
    ins.run(recordId, campaign.id, startedAt, startedAt, dm ? 'decision_maker' : 'reception', dm && code !== 'not_interested_no_pitch' ? 1 : 0, code,
      code === 'email_follow_up' ? 1 : 0, code === 'email_follow_up' ? 'email_follow_up' : null, code === 'appointment_booked' ? 1 : 0, shift);
  }
})();
const e0 = performance.now();
const totals = shiftTotals(db, { from: '2026-10-01', to: '2026-10-31' });
await writeTotals(totals, 'csv', join(dir, 'totals.csv'));
const exportMs = performance.now() - e0;
const counted = totals.reduce((s, r) => s + Number(r['dials']), 0);
report(`export shift totals: ${ms(exportMs)} for ${totals.length} shifts over ${counted.toLocaleString('en')} calls (CSV)`);
const o0 = performance.now();
const mix = outcomeMix(db, campaign.id, { from: '2026-10-01', to: '2026-10-31' });
report(`outcome report: ${ms(performance.now() - o0)} over ${mix.total.toLocaleString('en')} calls (target < 1 s)`);

db.close();
if (!values.keep) rmSync(dir, { recursive: true, force: true });
console.log('\n' + lines.join('\n'));
