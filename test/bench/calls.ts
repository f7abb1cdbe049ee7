/**
 * A month of logged calls for the report benchmarks, written set-based by each database itself
 * (1,000,000 calls in seconds): 20 callers, 25 eight-hour shifts each from 09:00 Sydney on
 * 1 October 2026, the calls spread over the shifts and over the default scheme's outcomes, each
 * with a level it is legal at, pitched when it must be, and the lead or appointment it counts.
 * They are written in the order they were made, day by day, the callers' calls side by side,
 * as a real database receives them (which rows lie near each other matters to the reports).
 */
import type pg from 'pg';
import type { DB } from '../../electron/engine/db/open.ts';
import { callerByName } from '../../electron/engine/index.ts';
import { DEFAULT_SCHEME_ID, getScheme } from '../../shared/schemes/registry.ts';

export const CALLERS = 20;
export const DAYS = 25;
const SHIFTS = CALLERS * DAYS;
/** 2026-10-01 09:00 in Sydney. */
const DAY0 = Date.UTC(2026, 8, 30, 23) / 1000;
export const MONTH = { from: '2026-10-01', to: '2026-10-31' };

/** One row per outcome of the default scheme: how a call with it is stored. */
function shapes() {
  const scheme = getScheme(DEFAULT_SCHEME_ID);
  return scheme.codes.map((c, k) => ({
    k,
    result: c.slug,
    level: c.levels.at(-1) ?? scheme.levels[0]?.id ?? '',
    pitched: c.pitch === 'required' ? 1 : 0,
    lead: c.counts === 'lead' ? 1 : 0,
    leadKind: c.leadKind ?? null,
    appointment: c.counts === 'appointment' ? 1 : 0,
  }));
}

/** The SQLite file's calls: shifts and callers made here, the calls in one statement. */
export function fillSqliteCalls(db: DB, campaignId: number, recordId: number, calls: number): void {
  const kinds = shapes();
  db.transaction(() => {
    db.exec('CREATE TEMP TABLE bench_shapes (k INTEGER PRIMARY KEY, result TEXT, level TEXT, pitched INTEGER, lead INTEGER, lead_kind TEXT, appointment INTEGER)');
    const shape = db.prepare('INSERT INTO bench_shapes VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const s of kinds) shape.run(s.k, s.result, s.level, s.pitched, s.lead, s.leadKind, s.appointment);
    db.exec('CREATE TEMP TABLE bench_shifts (k INTEGER PRIMARY KEY, shift_id INTEGER, caller_id INTEGER, start INTEGER)');
    const addShift = db.prepare('INSERT INTO shifts (caller_id, started_at, ended_at) VALUES (?, ?, ?)');
    const note = db.prepare('INSERT INTO bench_shifts VALUES (?, ?, ?, ?)');
    for (let c = 0; c < CALLERS; c++) {
      const callerId = callerByName(db, `Caller ${c}`).id;
      for (let d = 0; d < DAYS; d++) {
        const start = DAY0 + d * 86_400;
        const id = addShift.run(callerId, new Date(start * 1000).toISOString(), new Date((start + 8 * 3600) * 1000).toISOString()).lastInsertRowid;
        note.run(c * DAYS + d, id, callerId, start);
      }
    }
    // Our own whole numbers, written into the statement (a bound number is a real in SQLite).
    const per = Math.ceil(calls / SHIFTS);
    const before = (db.prepare('SELECT coalesce(max(id), 0) FROM calls').pluck().get() as number);
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < @calls - 1)
       INSERT INTO calls (record_id, campaign_id, caller_id, shift_id, started_at, ended_at, events, contact_level, pitched,
                          dm_cut_short, blocked, result, new_lead, lead_kind, appointment, scheme_id, scheme_version, flags)
       SELECT @recordId, @campaignId, caller_id, shift_id, at, at, 'DIAL,HUNG_UP', level, pitched, 0, 0, result, lead, lead_kind, appointment, @scheme, @version,
              json_object('pitched', json(iif(pitched, 'true', 'false')), 'dmCutShort', json('false'), 'transferred', json('false'), 'blocked', json('false'))
       FROM (SELECT s.caller_id, s.shift_id, strftime('%Y-%m-%dT%H:%M:%fZ', s.start + ((n.i / ${CALLERS}) % ${per}) * 28800 / ${per}, 'unixepoch') AS at,
                    k.level, k.pitched, k.result, k.lead, k.lead_kind, k.appointment
             FROM n JOIN bench_shifts s ON s.k = (n.i % ${CALLERS}) * ${DAYS} + min(n.i / ${per * CALLERS}, ${DAYS - 1})
             JOIN bench_shapes k ON k.k = n.i % ${kinds.length})`,
    ).run({ calls, recordId, campaignId, scheme: DEFAULT_SCHEME_ID, version: getScheme(DEFAULT_SCHEME_ID).version });
    // As logCall stores them: each call's chosen outcome in call_outcomes too.
    db.prepare('INSERT INTO call_outcomes (call_id, slug) SELECT id, result FROM calls WHERE id > ?').run(before);
    db.exec('DROP TABLE bench_shapes; DROP TABLE bench_shifts');
  })();
}

/** The team database's calls, the same month: callers, shifts and calls each in one statement, with their outcomes and flags as log_desk_call stores them. */
export async function fillTeamCalls(db: pg.ClientBase, recordId: number, calls: number): Promise<void> {
  const kinds = shapes();
  await db.query('BEGIN');
  await db.query(
    `INSERT INTO callers (name) SELECT 'Caller ' || c FROM generate_series(0, $1 - 1) c ON CONFLICT (name) DO NOTHING`,
    [CALLERS],
  );
  await db.query(
    `CREATE TEMP TABLE bench_shifts ON COMMIT DROP AS
     WITH made AS (
       INSERT INTO shifts (caller_id, started_at, ended_at)
       SELECT cl.id, to_timestamp($1 + d * 86400), to_timestamp($1 + d * 86400 + 8 * 3600)
       FROM callers cl, generate_series(0, $2 - 1) d WHERE cl.name LIKE 'Caller %' ORDER BY cl.id, d
       RETURNING id, caller_id, started_at)
     SELECT (row_number() OVER (ORDER BY caller_id, started_at) - 1)::int AS k, id, caller_id, started_at FROM made`,
    [DAY0, DAYS],
  );
  await db.query(
    `INSERT INTO calls (id, record_id, campaign_id, shift_id, caller_id, lease_token, late, started_at, ended_at, events, result, level, pitched, closes,
                        scheme_id, scheme_version, new_lead, lead_kind, appointment, outcomes, flags)
     SELECT gen_random_uuid(), $1, (SELECT campaign_id FROM records WHERE id = $1), s.id, s.caller_id, '00000000-0000-4000-8000-000000000000', false,
            s.started_at + make_interval(secs => ((i / ${CALLERS}) % $4) * 28800.0 / $4), s.started_at + make_interval(secs => ((i / ${CALLERS}) % $4) * 28800.0 / $4),
            '{DIAL,HUNG_UP}', k.result, k.level, k.pitched = 1, false, $5, $6, k.lead = 1, k.lead_kind, k.appointment = 1,
            ARRAY[k.result], jsonb_build_object('pitched', k.pitched = 1, 'dmCutShort', false, 'transferred', false, 'blocked', false)
     FROM generate_series(0, $2 - 1) i
     JOIN bench_shifts s ON s.k = (i % ${CALLERS}) * ${DAYS} + least(i / ($4 * ${CALLERS}), ${DAYS - 1})
     JOIN (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(k int, result text, level text, pitched int, lead int, lead_kind text, appointment int)) k ON k.k = i % ${kinds.length}`,
    [recordId, calls, JSON.stringify(kinds.map(({ leadKind, ...k }) => ({ ...k, lead_kind: leadKind }))), Math.ceil(calls / SHIFTS), DEFAULT_SCHEME_ID, getScheme(DEFAULT_SCHEME_ID).version],
  );
  await db.query('COMMIT');
  // As autovacuum does after so many inserts: the pages are marked all-visible, so the reports read their indexes alone.
  // A snapshot taken before the insert committed (an autovacuum ANALYZE of its own, started
  // meanwhile) keeps VACUUM from marking them: it is run again, a few times at most, once that is gone.
  for (let attempt = 0; attempt < 10; attempt++) {
    await db.query('VACUUM (ANALYZE) calls, shifts');
    const { rows } = await db.query<{ share: number }>("SELECT relallvisible::float / greatest(relpages, 1) AS share FROM pg_class WHERE relname = 'calls'");
    if ((rows[0]?.share ?? 0) > 0.95) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
