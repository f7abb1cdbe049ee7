import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../electron/engine/db/migrations.ts';
import { endShift, logCall, migrate, openDatabase, resolveDbPath, defaultDataDir, shiftTotals, startShift, undoLog } from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

describe('migration 1: the first schema', () => {
  it('creates every table as STRICT and records the version', () => {
    const { db } = tempDb();
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    const tables = db
      .prepare(`SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string; sql: string }[];
    expect(tables.map((t) => t.name)).toEqual([
      'appointments', 'call_changes', 'call_outcomes', 'callers', 'calls', 'campaign_zones', 'campaigns', 'deals', 'dnc', 'dnc_log', 'import_templates',
      'lists', 'outbox', 'phones', 'record_changes', 'records', 'shifts', 'tasks',
    ]);
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT/);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('refuses values of the wrong type (STRICT) and rows pointing nowhere (foreign keys)', () => {
    const { db } = tempDb();
    expect(() =>
      db
        .prepare(`INSERT INTO campaigns (name, scheme_id, region, timezone, calling_window, retry_delay_hours, created_at) VALUES ('A', 's', 'US', 'UTC', '{}', ?, 'now')`)
        .run('soon'),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
    expect(() =>
      db.prepare(`INSERT INTO lists (campaign_id, name, source_file, imported_at, mapping, region) VALUES (99, 'x', 'x', 'x', '{}', 'US')`).run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('serves the hot queue and duplicate queries from indexes', () => {
    const { db } = tempDb();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(
      plan(`SELECT id FROM records WHERE campaign_id = 1 AND tz = 'x' AND status = 'open' AND attempts = 0 AND dialable > 0 ORDER BY id LIMIT 1`),
    ).toMatch(/USING (COVERING )?INDEX records_fresh/);
    expect(
      plan(`SELECT id FROM records WHERE campaign_id = 1 AND tz = 'x' AND status = 'open' AND attempts > 0 AND dialable > 0 AND retry_at <= 'z' ORDER BY retry_at LIMIT 1`),
    ).toMatch(/USING INDEX records_retry/);
    expect(plan(`SELECT record_id FROM phones WHERE campaign_id = 1 AND e164 = '+1'`)).toMatch(/INDEX phones_campaign_e164/);
    expect(plan(`SELECT id FROM tasks WHERE campaign_id = 1 AND done_at IS NULL AND due_at <= 'z' ORDER BY due_at`)).toMatch(/INDEX tasks_due/);
    expect(plan(`SELECT 1 FROM dnc WHERE e164 = '+1'`)).toMatch(/PRIMARY KEY|INDEX/);
  });
});

describe('migration 2: calls join the shift that contains them', () => {
  it('moves calls entered afterwards out of the shift that was open then, into the one they were made in', async () => {
    const { db, path } = tempDb();
    const [id = 0, other = 0] = await seed(db, campaign(db), [{ company: 'A', phone: us(1) }, { company: 'B', phone: us(2) }]);
    const t = (h: number) => new Date(Date.UTC(2026, 10, 23, h));
    const morning = startShift(db, 'Al', t(1));
    endShift(db, 'Al', t(3));
    const evening = startShift(db, 'Al', t(8));
    const made = logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: t(2) }).callId;
    const loose = logCall(db, { recordId: other, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: t(5) }).callId;
    // As version 1 saved them: both joined the shift open when they were entered.
    db.prepare('UPDATE calls SET shift_id = ?').run(evening.id);
    const migration2 = MIGRATIONS.find((m) => m.version === 2);
    db.transaction(() => migration2?.up(db))();
    db.close();
    const again = openDatabase(path);
    const shiftOf = (callId: number) => again.prepare('SELECT shift_id FROM calls WHERE id = ?').pluck().get(callId);
    expect([shiftOf(made), shiftOf(loose)]).toEqual([morning.id, null]);
    expect(again.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    again.close();
  });
});

describe('migration 4: record corrections', () => {
  it('adds record_changes to a version 1 database, keeping its records, and removes changes with their record', () => {
    const dir = tempDir();
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    migrate(raw, MIGRATIONS.filter((m) => m.version === 1));
    raw.exec(`INSERT INTO campaigns (id, name, scheme_id, region, timezone, calling_window, created_at) VALUES (1, 'Old', 's', 'US', 'UTC', '{}', 'x');
      INSERT INTO lists (id, campaign_id, name, source_file, imported_at, mapping, region) VALUES (1, 1, 'l', 'f', 'x', '{}', 'US');
      INSERT INTO records (id, campaign_id, list_id, list_row, company, tz) VALUES (7, 1, 1, 2, 'Kept Co', 'UTC');`);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT company FROM records WHERE id = 7').pluck().get()).toBe('Kept Co');
    db.prepare(`INSERT INTO record_changes (record_id, at, by, field, old_value, new_value) VALUES (7, 'x', 'Dana', 'title', '', 'Owner')`).run();
    expect(() => db.prepare(`INSERT INTO record_changes (record_id, at, by, field) VALUES (99, 'x', 'Dana', 'title')`).run()).toThrow(/FOREIGN KEY/);
    db.prepare('DELETE FROM records WHERE id = 7').run();
    expect(db.prepare('SELECT count(*) FROM record_changes').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migration 5: lists being imported', () => {
  it('marks no existing list as importing, and takes only 0 or 1', () => {
    const dir = tempDir();
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    migrate(raw, MIGRATIONS.filter((m) => m.version === 1));
    const c = campaign(raw);
    raw.prepare(`INSERT INTO lists (campaign_id, name, source_file, imported_at, mapping, region) VALUES (?, 'old', 'old.csv', 'x', '{}', 'US')`).run(c.id);
    raw.close();
    const db = openDatabase(path);
    expect(db.prepare('SELECT name, importing, importer_pid AS pid, heartbeat_at AS beat FROM lists').all()).toEqual([
      { name: 'old', importing: 0, pid: null, beat: null },
    ]);
    expect(() => db.prepare('UPDATE lists SET importing = 2').run()).toThrow(/CHECK constraint/);
    db.close();
  });
});

describe('running migrations', () => {
  it('is a no-op on a current database and keeps its data', () => {
    const { db, path } = tempDb();
    campaign(db, { name: 'Kept' });
    db.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT name FROM campaigns').pluck().all()).toEqual(['Kept']);
    expect(migrate(again)).toEqual({ from: LATEST_VERSION, to: LATEST_VERSION });
    again.close();
  });

  it('refuses a database from a newer Outcall with a clear message and leaves the file as it was', () => {
    const dir = tempDir();
    const path = join(dir, 'future.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE future_thing (x INTEGER) STRICT');
    raw.pragma(`user_version = ${LATEST_VERSION + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(`newer version of Outcall (schema ${LATEST_VERSION + 5}; this version knows up to ${LATEST_VERSION})`);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 5);
    expect(check.prepare(`SELECT name FROM sqlite_schema WHERE name = 'campaigns'`).get()).toBeUndefined();
    check.close();
  });

  it('applies all pending migrations in one transaction: a failing one leaves nothing of the others', () => {
    const dir = tempDir();
    const raw = new Database(join(dir, 'm.db'));
    const failing: Migration[] = [
      ...MIGRATIONS,
      { version: LATEST_VERSION + 1, name: 'adds a table', up: (db) => db.exec('CREATE TABLE extra (x INTEGER) STRICT') },
      { version: LATEST_VERSION + 2, name: 'breaks', up: (db) => db.exec('ALTER TABLE nowhere ADD COLUMN y TEXT') },
    ];
    expect(() => migrate(raw, failing)).toThrow(/no such table: nowhere/);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare(`SELECT count(*) FROM sqlite_schema`).pluck().get()).toBe(0);
    raw.close();
  });

  it('does not open a file that is not a database', () => {
    const dir = tempDir();
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'these are my notes, not a database'.repeat(50));
    expect(() => openDatabase(path)).toThrow(/not a database/);
  });
});

describe('migration 3: what each log changed', () => {
  it('adds the journal to a database of version 1 and keeps its calls, which cannot be undone', async () => {
    const dir = tempDir();
    const path = join(dir, 'v1.db');
    const raw = new Database(path);
    migrate(raw, MIGRATIONS.filter((m) => m.version === 1));
    raw.close();
    const db = openDatabase(path);
    const [id = 0] = await seed(db, campaign(db), [{ company: 'Old Co', phone: us(1) }]);
    const at = new Date('2026-11-23T01:00:00Z');
    const { callId } = logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at });
    db.prepare('DELETE FROM call_changes').run(); // as a call logged before the journal existed
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(() => undoLog(db, { callId, caller: 'Al', at })).toThrow(`Call ${callId} was logged before undo was possible.`);
    db.close();
  });
});

describe('where the database lives', () => {
  it('uses --db, then OUTCALL_DB, then the app data folder the desktop app uses', () => {
    expect(resolveDbPath('/x/given.db', { OUTCALL_DB: '/y/env.db' })).toBe('/x/given.db');
    expect(resolveDbPath(undefined, { OUTCALL_DB: '/y/env.db' })).toBe('/y/env.db');
    expect(resolveDbPath(undefined, { XDG_CONFIG_HOME: '/home/a/.config' })).toBe('/home/a/.config/Outcall/outcall.db');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32')).toMatch(/Roaming.Outcall$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Outcall$/);
  });
});

describe('do-not-call marking', () => {
  it('finds a number across campaigns through the (campaign, number) index', () => {
    const { db } = tempDb();
    const plan = (db.prepare(`EXPLAIN QUERY PLAN UPDATE phones SET on_dnc = 1 WHERE campaign_id IN (SELECT id FROM campaigns) AND e164 = '+1'`).all() as { detail: string }[])
      .map((r) => r.detail)
      .join(' | ');
    expect(plan).toMatch(/USING (COVERING )?INDEX phones_campaign_e164 \(campaign_id=\? AND e164=\?\)/);
  });
});

describe('migration 6: every call stores its outcome scheme and version', () => {
  it('writes the scheme of the call\'s campaign and its version with each logged call', async () => {
    const { db } = tempDb();
    const [id = 0] = await seed(db, campaign(db), [{ company: 'New Co', phone: us(1) }]);
    const { callId } = logCall(db, { recordId: id, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-23T15:00:00Z') });
    expect(db.prepare('SELECT scheme_id AS schemeId, scheme_version AS version FROM calls WHERE id = ?').get(callId)).toEqual({ schemeId: 'b2b-appointment-setting', version: 1 });
    db.close();
  });

  it('gives calls logged before it the scheme of their campaign, version 1', async () => {
    const { db, path } = tempDb();
    const first = campaign(db, { name: 'First' });
    const second = campaign(db, { name: 'Second' });
    const [a = 0] = await seed(db, first, [{ company: 'A', phone: us(1) }]);
    const [b = 0] = await seed(db, second, [{ company: 'B', phone: us(2) }]);
    const at = new Date('2026-11-23T15:00:00Z');
    for (const recordId of [a, b]) logCall(db, { recordId, caller: 'Al', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at });
    // As a database before migration 6 held them (without migration 10's indexes over the
    // scheme), with the second campaign on another scheme.
    db.exec('DROP INDEX calls_shift_totals; DROP INDEX calls_campaign_outcome');
    db.exec('ALTER TABLE calls DROP COLUMN scheme_id; ALTER TABLE calls DROP COLUMN scheme_version');
    db.prepare(`UPDATE campaigns SET scheme_id = 'another-scheme' WHERE id = ?`).run(second.id);
    const migration6 = MIGRATIONS.find((m) => m.version === 6);
    db.transaction(() => migration6?.up(db))();
    db.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT campaign_id AS campaignId, scheme_id AS schemeId, scheme_version AS version FROM calls ORDER BY id').all()).toEqual([
      { campaignId: first.id, schemeId: 'b2b-appointment-setting', version: 1 },
      { campaignId: second.id, schemeId: 'another-scheme', version: 1 },
    ]);
    again.close();
  });
});

describe('migration 7: outcome schemes as plug-ins', () => {
  /** A version 6 database with one B2B call that booked a meeting and made a task, as version 6 wrote them. */
  function version6(): { path: string } {
    const dir = tempDir();
    const path = join(dir, 'v6.db');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    migrate(raw, MIGRATIONS.filter((m) => m.version <= 6));
    raw.exec(`
      INSERT INTO callers (id, name, created_at) VALUES (1, 'Al', '2026-11-01T00:00:00Z');
      INSERT INTO campaigns (id, name, scheme_id, region, timezone, calling_window, created_at)
        VALUES (1, 'Old', 'b2b-appointment-setting', 'US', 'America/New_York', '{}', '2026-11-01T00:00:00Z');
      INSERT INTO lists (id, campaign_id, name, source_file, imported_at, mapping, region) VALUES (1, 1, 'l', 'l.csv', 'x', '{}', 'US');
      INSERT INTO records (id, campaign_id, list_id, list_row, tz) VALUES (1, 1, 1, 1, 'America/New_York');
      INSERT INTO calls (id, record_id, campaign_id, caller_id, started_at, ended_at, events, contact_level, pitched, dm_cut_short,
          blocked, result, appointment, follow_up_at, reason, scheme_id, scheme_version)
        VALUES (7, 1, 1, 1, '2026-11-23T15:00:00Z', '2026-11-23T15:05:00Z', 'DIAL,DM_ANSWERED,PITCHED,HUNG_UP', 'decision_maker', 1, 0,
          0, 'appointment_booked', 1, NULL, NULL, 'b2b-appointment-setting', 1),
               (8, 1, 1, 1, '2026-11-22T15:00:00Z', '2026-11-22T15:01:00Z', 'DIAL,RECEPTION_ANSWERED,HUNG_UP', 'reception', 0, 0,
          1, 'no_contact', 0, '2026-11-25T15:00:00Z', NULL, 'b2b-appointment-setting', 1);
      INSERT INTO appointments (id, record_id, call_id, at, kind, created_at) VALUES (3, 1, 7, '2026-11-30T15:00:00Z', 'video', 'x');
      INSERT INTO tasks (id, record_id, campaign_id, due_at, created_at, updated_at, created_by_call) VALUES (4, 1, 1, '2026-11-25T15:00:00Z', 'x', 'x', 8);
      INSERT INTO call_changes (call_id, tbl, row_key, op) VALUES (7, 'appointments', '3', 'insert');
    `);
    raw.close();
    return { path };
  }

  it('keeps every call, meeting, task and journal entry, gives each call its result as its one outcome, and its known fields and flags', () => {
    const { path } = version6();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.prepare('SELECT id, result, contact_level AS level, fields, flags FROM calls ORDER BY id').all()).toEqual([
      { id: 7, result: 'appointment_booked', level: 'decision_maker', fields: '{}', flags: '{"pitched":true,"dmCutShort":false,"blocked":false}' },
      { id: 8, result: 'no_contact', level: 'reception', fields: '{"follow_up_at":"2026-11-25T15:00:00Z"}', flags: '{"pitched":false,"dmCutShort":false,"blocked":true}' },
    ]);
    expect(db.prepare('SELECT call_id AS callId, slug FROM call_outcomes ORDER BY call_id').all()).toEqual([
      { callId: 7, slug: 'appointment_booked' },
      { callId: 8, slug: 'no_contact' },
    ]);
    expect(db.prepare('SELECT id, call_id AS callId, kind, host FROM appointments').all()).toEqual([{ id: 3, callId: 7, kind: 'video', host: null }]);
    expect(db.prepare('SELECT created_by_call FROM tasks WHERE id = 4').pluck().get()).toBe(8);
    expect(db.prepare('SELECT count(*) FROM call_changes WHERE call_id = 7').pluck().get()).toBe(1);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('takes any scheme\'s levels and meeting kinds, removes a call\'s outcomes and deals with it, and refuses field values that are not a JSON object', () => {
    const { path } = version6();
    const db = openDatabase(path);
    db.prepare(`UPDATE calls SET contact_level = 'answered' WHERE id = 8`).run();
    db.prepare(`INSERT INTO appointments (record_id, call_id, at, kind, created_at, host) VALUES (1, 8, 'x', 'listing consultation', 'x', 'Sam')`).run();
    db.prepare(`INSERT INTO deals (record_id, call_id, campaign_id, value, created_at) VALUES (1, 8, 1, 1200.5, 'x')`).run();
    expect(() => db.prepare(`UPDATE calls SET fields = '[1]' WHERE id = 8`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO deals (record_id, call_id, campaign_id, value, created_at) VALUES (1, 8, 1, -1, 'x')`).run()).toThrow(/CHECK/);
    db.prepare('DELETE FROM tasks WHERE created_by_call = 8').run();
    db.prepare('DELETE FROM calls WHERE id = 8').run();
    expect(db.prepare('SELECT count(*) FROM call_outcomes WHERE call_id = 8').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM deals').pluck().get()).toBe(0);
    db.close();
  });
});

describe('migrations 8 and 11: covering indexes for the outcome report and the shift totals', () => {
  it('reads the outcome mix and a shift\'s counts from an index alone, in the order they are counted', () => {
    const { db } = tempDb();
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    // Each result of a scheme of a campaign is a stretch of days: counted without sorting the calls.
    const outcomes = plan(
      `SELECT c.result, count(*) FROM calls c WHERE c.campaign_id IN (SELECT id FROM campaigns) AND c.started_at >= 'a' AND c.started_at < 'b'
       AND c.scheme_id IN ('s') AND c.result IN ('x', 'y') GROUP BY c.campaign_id, c.scheme_id, c.result`,
    );
    expect(outcomes).toMatch(/USING COVERING INDEX calls_campaign_outcome \(campaign_id=\? AND scheme_id=\? AND result=\? AND started_at>\? AND started_at<\?\)/);
    expect(outcomes).not.toMatch(/TEMP B-TREE/);
    // A shift's calls grouped by everything the timesheet columns look at, flags included.
    const shifts = plan(
      `SELECT c.shift_id, c.result, c.scheme_id, c.contact_level, c.flags, c.pitched, c.new_lead, c.lead_kind, c.appointment, count(*) FROM calls c
       WHERE c.shift_id IN (SELECT id FROM shifts s WHERE s.started_at >= 'a') AND +c.campaign_id = 1
       GROUP BY c.shift_id, c.result, c.scheme_id, c.contact_level, c.flags, c.pitched, c.new_lead, c.lead_kind, c.appointment`,
    );
    expect(shifts).toMatch(/USING COVERING INDEX calls_shift_totals/);
    expect(shifts).not.toMatch(/TEMP B-TREE/);
    const indexes = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'calls' ORDER BY name`).pluck().all();
    expect(indexes).not.toContain('calls_shift');
    expect(indexes).not.toContain('calls_shift_counts');
    expect(indexes).not.toContain('calls_campaign_started');
  });

  it('brings a version 6 file up to date with its calls, whose totals stay the same', async () => {
    const path = join(tempDir(), 'v6.db');
    const raw = new Database(path);
    raw.pragma('foreign_keys = ON');
    migrate(raw, MIGRATIONS.filter((m) => m.version <= 7));
    const c = campaign(raw);
    const [id] = await seed(raw, c, [{ company: 'A', phone: us(1) }]);
    startShift(raw, 'Ann', new Date('2026-11-23T14:00:00Z'));
    logCall(raw, { recordId: id ?? 0, caller: 'Ann', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date('2026-11-23T15:00:00Z') });
    const q = { from: '2026-11-23', to: '2026-11-23', zone: 'America/New_York', now: new Date('2026-11-24T00:00:00Z') };
    const before = shiftTotals(raw, q);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(shiftTotals(db, q)).toEqual(before);
    expect(before[0]).toMatchObject({ caller: 'Ann', dials: 1, result_no_contact: 1 });
    db.close();
  });
});

describe('migration 9: the team outbox', () => {
  it('adds an empty outbox to an older database, keeps only JSON payloads, and finds what waits by its index', () => {
    const dir = tempDir();
    const path = join(dir, 'v6.db');
    const raw = new Database(path);
    migrate(raw, MIGRATIONS.filter((m) => m.version < 9));
    campaign(raw);
    raw.close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT count(*) FROM outbox').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM campaigns').pluck().get()).toBe(1);
    const insert = db.prepare('INSERT INTO outbox (id, payload, created_at) VALUES (?, ?, ?)');
    expect(() => insert.run('00000000-0000-4000-8000-000000000001', 'not json', '2026-01-01T00:00:00.000Z')).toThrow(/CHECK constraint/);
    expect(() => insert.run('short', '{}', '2026-01-01T00:00:00.000Z')).toThrow(/CHECK constraint/);
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT id FROM outbox WHERE sent_at IS NULL AND refusals < 5 ORDER BY created_at, rowid')
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toContain('outbox_pending');
    db.close();
  });
});
