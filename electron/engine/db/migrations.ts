import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
  /**
   * The migration rebuilds tables others point to (SQLite's way to change a column's
   * constraints): foreign keys are off while it runs, and checked before it commits.
   */
  rebuilds?: true;
}

/**
 * Numbered, forward-only migrations. A migration is never edited once released: later changes
 * are new migrations. All pending ones run in one transaction, tracked by `user_version`.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'campaigns, records, calls, tasks, do-not-call, shifts',
    up: (db) =>
      db.exec(`
        CREATE TABLE callers (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL COLLATE NOCASE UNIQUE,
          created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE campaigns (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL COLLATE NOCASE UNIQUE,
          client TEXT NOT NULL DEFAULT '',
          scheme_id TEXT NOT NULL,
          region TEXT NOT NULL,
          timezone TEXT NOT NULL,
          calling_window TEXT NOT NULL,
          retry_delay_hours INTEGER NOT NULL DEFAULT 48 CHECK (retry_delay_hours >= 0),
          max_attempts INTEGER CHECK (max_attempts IS NULL OR max_attempts > 0),
          options TEXT NOT NULL DEFAULT '{}',
          created_at TEXT NOT NULL
        ) STRICT;

        -- The time zones a campaign's records are in, so the queue knows which are inside
        -- their calling window without scanning the records.
        CREATE TABLE campaign_zones (
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          tz TEXT NOT NULL,
          PRIMARY KEY (campaign_id, tz)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE lists (
          id INTEGER PRIMARY KEY,
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          name TEXT NOT NULL,
          source_file TEXT NOT NULL,
          imported_at TEXT NOT NULL,
          imported_by TEXT,
          row_count INTEGER NOT NULL DEFAULT 0,
          imported_count INTEGER NOT NULL DEFAULT 0,
          mapping TEXT NOT NULL,
          region TEXT NOT NULL
        ) STRICT;

        CREATE TABLE import_templates (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL COLLATE NOCASE UNIQUE,
          mapping TEXT NOT NULL,
          created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE records (
          id INTEGER PRIMARY KEY,
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
          list_row INTEGER NOT NULL,
          company TEXT NOT NULL DEFAULT '',
          contact_name TEXT NOT NULL DEFAULT '',
          title TEXT NOT NULL DEFAULT '',
          email TEXT NOT NULL DEFAULT '',
          address TEXT NOT NULL DEFAULT '',
          city TEXT NOT NULL DEFAULT '',
          state TEXT NOT NULL DEFAULT '',
          postcode TEXT NOT NULL DEFAULT '',
          country TEXT NOT NULL DEFAULT '',
          industry TEXT NOT NULL DEFAULT '',
          employees TEXT NOT NULL DEFAULT '',
          website TEXT NOT NULL DEFAULT '',
          custom TEXT NOT NULL DEFAULT '{}',
          tz TEXT NOT NULL,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
          -- Phones not on the do-not-call list; the queue offers only records with one.
          dialable INTEGER NOT NULL DEFAULT 1,
          attempts INTEGER NOT NULL DEFAULT 0,
          blocked_attempts INTEGER NOT NULL DEFAULT 0,
          last_level TEXT,
          last_result TEXT,
          last_called_at TEXT,
          retry_at TEXT,
          is_lead INTEGER NOT NULL DEFAULT 0,
          existing_lead INTEGER NOT NULL DEFAULT 0,
          owner TEXT NOT NULL DEFAULT '',
          locked_by INTEGER REFERENCES callers(id),
          locked_at TEXT
        ) STRICT;
        CREATE INDEX records_fresh ON records (campaign_id, tz, id)
          WHERE status = 'open' AND attempts = 0 AND dialable > 0;
        CREATE INDEX records_retry ON records (campaign_id, tz, retry_at)
          WHERE status = 'open' AND attempts > 0 AND dialable > 0;
        CREATE INDEX records_locked ON records (locked_by) WHERE locked_by IS NOT NULL;
        CREATE INDEX records_list ON records (list_id);

        CREATE TABLE phones (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          campaign_id INTEGER NOT NULL,
          position INTEGER NOT NULL,
          label TEXT NOT NULL DEFAULT '',
          raw TEXT NOT NULL,
          e164 TEXT,
          extension TEXT,
          on_dnc INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        CREATE INDEX phones_record ON phones (record_id, position);
        CREATE INDEX phones_campaign_e164 ON phones (campaign_id, e164);

        CREATE TABLE dnc (
          e164 TEXT PRIMARY KEY,
          raw TEXT NOT NULL,
          source TEXT NOT NULL,
          added_at TEXT NOT NULL,
          added_by TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT ''
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE dnc_log (
          id INTEGER PRIMARY KEY,
          e164 TEXT NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
          at TEXT NOT NULL,
          by TEXT NOT NULL,
          source TEXT NOT NULL,
          reason TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX dnc_log_e164 ON dnc_log (e164, at);

        CREATE TABLE shifts (
          id INTEGER PRIMARY KEY,
          caller_id INTEGER NOT NULL REFERENCES callers(id),
          started_at TEXT NOT NULL,
          ended_at TEXT,
          CHECK (ended_at IS NULL OR ended_at >= started_at)
        ) STRICT;
        CREATE UNIQUE INDEX shifts_one_open ON shifts (caller_id) WHERE ended_at IS NULL;
        CREATE INDEX shifts_started ON shifts (started_at);

        CREATE TABLE calls (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          caller_id INTEGER NOT NULL REFERENCES callers(id),
          shift_id INTEGER REFERENCES shifts(id),
          phone TEXT,
          started_at TEXT NOT NULL,
          ended_at TEXT NOT NULL,
          events TEXT NOT NULL,
          contact_level TEXT NOT NULL CHECK (contact_level IN ('no_contact', 'reception', 'decision_maker')),
          pitched INTEGER NOT NULL,
          dm_cut_short INTEGER NOT NULL,
          blocked INTEGER NOT NULL,
          result TEXT NOT NULL,
          new_lead INTEGER NOT NULL DEFAULT 0,
          lead_kind TEXT,
          appointment INTEGER NOT NULL DEFAULT 0,
          follow_up_at TEXT,
          reason TEXT,
          notes TEXT NOT NULL DEFAULT '',
          intro_email_sent_at TEXT
        ) STRICT;
        CREATE INDEX calls_record ON calls (record_id, started_at);
        CREATE INDEX calls_shift ON calls (shift_id);
        CREATE INDEX calls_caller_started ON calls (caller_id, started_at);
        CREATE INDEX calls_campaign_started ON calls (campaign_id, started_at);

        CREATE TABLE tasks (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          campaign_id INTEGER NOT NULL,
          due_at TEXT NOT NULL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          created_by_call INTEGER REFERENCES calls(id),
          done_at TEXT
        ) STRICT;
        CREATE UNIQUE INDEX tasks_one_open ON tasks (record_id) WHERE done_at IS NULL;
        CREATE INDEX tasks_due ON tasks (campaign_id, due_at) WHERE done_at IS NULL;

        CREATE TABLE appointments (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('face_to_face', 'phone', 'video')),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX appointments_at ON appointments (at);
      `),
  },
  {
    version: 2,
    name: 'calls belong to the shift whose start and end contain them',
    // Calls entered afterwards used to join whatever shift was open when they were entered.
    up: (db) =>
      db.exec(`
        CREATE INDEX IF NOT EXISTS shifts_caller_started ON shifts (caller_id, started_at);
        UPDATE calls SET shift_id = (
          SELECT s.id FROM shifts s
          WHERE s.caller_id = calls.caller_id AND s.started_at <= calls.started_at
            AND (s.ended_at IS NULL OR s.ended_at >= calls.started_at)
          ORDER BY s.started_at DESC LIMIT 1);
      `),
  },
  {
    version: 3,
    name: 'what each logged call changed, so that the caller can undo the last log',
    up: (db) =>
      db.exec(`
        -- One row per row a call's log inserted or updated, in order: an insert is undone by
        -- deleting the row, an update by writing back the columns' earlier values (before).
        CREATE TABLE call_changes (
          id INTEGER PRIMARY KEY,
          call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
          tbl TEXT NOT NULL,
          row_key TEXT NOT NULL,
          op TEXT NOT NULL CHECK (op IN ('insert', 'update')),
          before TEXT
        ) STRICT;
        CREATE INDEX call_changes_call ON call_changes (call_id, id);
      `),
  },
  {
    version: 4,
    name: 'record corrections a caller makes, kept as the record\'s history',
    up: (db) =>
      db.exec(`
        CREATE TABLE record_changes (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          by TEXT NOT NULL,
          field TEXT NOT NULL,
          old_value TEXT NOT NULL DEFAULT '',
          new_value TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX record_changes_record ON record_changes (record_id, at);
      `),
  },
  {
    version: 5,
    name: 'lists being imported stay out of sight until they are complete',
    // An import writes its rows in short transactions into a list marked as importing, so that
    // calls are saved meanwhile; the list is made visible in one transaction at the end. The
    // importer's process and its latest write tell a live import from one a crash left behind.
    up: (db) =>
      db.exec(`
        ALTER TABLE lists ADD COLUMN importing INTEGER NOT NULL DEFAULT 0 CHECK (importing IN (0, 1));
        ALTER TABLE lists ADD COLUMN importer_pid INTEGER;
        ALTER TABLE lists ADD COLUMN heartbeat_at TEXT;
      `),
  },
  {
    version: 6,
    name: 'every call stores the outcome scheme and the scheme version it was logged with',
    // Calls logged before were all logged with their campaign's scheme, in its first version.
    up: (db) =>
      db.exec(`
        ALTER TABLE calls ADD COLUMN scheme_id TEXT NOT NULL DEFAULT '';
        ALTER TABLE calls ADD COLUMN scheme_version INTEGER NOT NULL DEFAULT 1;
        UPDATE calls SET scheme_id = (SELECT m.scheme_id FROM campaigns m WHERE m.id = calls.campaign_id), scheme_version = 1;
      `),
  },
  {
    version: 7,
    name: 'outcome schemes as plug-ins: any scheme\'s levels and meeting kinds, several outcomes and field values per call, deals',
    rebuilds: true,
    // Migration 1 pinned calls.contact_level and appointments.kind to B2B's words: both tables
    // are rebuilt without those CHECKs (same columns, same order, same rows and ids). Every call
    // keeps its one result as its one chosen outcome; its flow flags move into calls.flags.
    up: (db) =>
      db.exec(`
        CREATE TABLE calls_v7 (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          caller_id INTEGER NOT NULL REFERENCES callers(id),
          shift_id INTEGER REFERENCES shifts(id),
          phone TEXT,
          started_at TEXT NOT NULL,
          ended_at TEXT NOT NULL,
          events TEXT NOT NULL,
          contact_level TEXT NOT NULL CHECK (contact_level <> ''),
          pitched INTEGER NOT NULL,
          dm_cut_short INTEGER NOT NULL,
          blocked INTEGER NOT NULL,
          result TEXT NOT NULL,
          new_lead INTEGER NOT NULL DEFAULT 0,
          lead_kind TEXT,
          appointment INTEGER NOT NULL DEFAULT 0,
          follow_up_at TEXT,
          reason TEXT,
          notes TEXT NOT NULL DEFAULT '',
          intro_email_sent_at TEXT,
          scheme_id TEXT NOT NULL DEFAULT '',
          scheme_version INTEGER NOT NULL DEFAULT 1,
          fields TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(fields) AND json_type(fields) = 'object'),
          flags TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(flags) AND json_type(flags) = 'object')
        ) STRICT;
        INSERT INTO calls_v7 (id, record_id, campaign_id, caller_id, shift_id, phone, started_at, ended_at, events, contact_level,
            pitched, dm_cut_short, blocked, result, new_lead, lead_kind, appointment, follow_up_at, reason, notes,
            intro_email_sent_at, scheme_id, scheme_version, fields, flags)
          SELECT id, record_id, campaign_id, caller_id, shift_id, phone, started_at, ended_at, events, contact_level,
            pitched, dm_cut_short, blocked, result, new_lead, lead_kind, appointment, follow_up_at, reason, notes,
            intro_email_sent_at, scheme_id, scheme_version,
            json_object('follow_up_at', follow_up_at, 'reason', reason),
            json_object('pitched', json(iif(pitched, 'true', 'false')), 'dmCutShort', json(iif(dm_cut_short, 'true', 'false')),
                        'blocked', json(iif(blocked, 'true', 'false')))
          FROM calls;
        UPDATE calls_v7 SET fields = json_remove(json_remove(fields, iif(json_extract(fields, '$.follow_up_at') IS NULL, '$.follow_up_at', '$.none')),
                                                 iif(json_extract(fields, '$.reason') IS NULL, '$.reason', '$.none'));
        DROP TABLE calls;
        ALTER TABLE calls_v7 RENAME TO calls;
        CREATE INDEX calls_record ON calls (record_id, started_at);
        CREATE INDEX calls_shift ON calls (shift_id);
        CREATE INDEX calls_caller_started ON calls (caller_id, started_at);
        CREATE INDEX calls_campaign_started ON calls (campaign_id, started_at);

        -- Every outcome chosen for a call (a scheme with dimensions takes one per dimension).
        CREATE TABLE call_outcomes (
          call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
          slug TEXT NOT NULL CHECK (slug <> ''),
          PRIMARY KEY (call_id, slug)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX call_outcomes_slug ON call_outcomes (slug, call_id);
        INSERT INTO call_outcomes (call_id, slug) SELECT id, result FROM calls;

        CREATE TABLE appointments_v7 (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
          at TEXT NOT NULL,
          kind TEXT NOT NULL DEFAULT '',
          created_at TEXT NOT NULL,
          host TEXT
        ) STRICT;
        INSERT INTO appointments_v7 (id, record_id, call_id, at, kind, created_at) SELECT id, record_id, call_id, at, kind, created_at FROM appointments;
        DROP TABLE appointments;
        ALTER TABLE appointments_v7 RENAME TO appointments;
        CREATE INDEX appointments_at ON appointments (at);

        -- A deal a call closed (closer-setter): its value and what it was for; an upsell or a
        -- renewal points at the deal it grows from.
        CREATE TABLE deals (
          id INTEGER PRIMARY KEY,
          record_id INTEGER NOT NULL REFERENCES records(id) ON DELETE CASCADE,
          call_id INTEGER NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
          campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
          parent_id INTEGER REFERENCES deals(id),
          value REAL NOT NULL CHECK (value >= 0),
          currency TEXT NOT NULL DEFAULT '',
          deal_date TEXT,
          product TEXT,
          payment TEXT,
          closer TEXT,
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE INDEX deals_campaign ON deals (campaign_id, created_at);
        CREATE INDEX deals_call ON deals (call_id);
      `),
  },
  {
    version: 8,
    name: 'the outcome report and the shift totals read their calls from covering indexes',
    // Over 1,000,000 calls the outcome mix went from the campaign's calls to each call's row
    // (3.7-5.3 s on a loaded machine) and now reads the index alone (0.7 s); a shift's counts
    // likewise, with the first call's time (2.6 s to 0.4 s). Each new index begins with the
    // columns of the one it replaces.
    up: (db) =>
      db.exec(`
        CREATE INDEX calls_campaign_started_result ON calls (campaign_id, started_at, result);
        DROP INDEX calls_campaign_started;
        CREATE INDEX calls_shift_counts ON calls (shift_id, result, contact_level, pitched, new_lead, lead_kind, appointment, campaign_id, started_at);
        DROP INDEX calls_shift;
      `),
  },
  {
    version: 9,
    name: 'team mode: the desk\'s outbox of calls waiting to reach the team database',
    // A call logged in team mode is kept here first, under the id the desk made for it, and
    // sent in order until the team database answers; a re-send of the same id stores nothing.
    up: (db) =>
      db.exec(`
        CREATE TABLE outbox (
          id TEXT PRIMARY KEY CHECK (length(id) = 36),
          payload TEXT NOT NULL CHECK (json_valid(payload) AND length(payload) <= 100000),
          created_at TEXT NOT NULL,
          attempts INTEGER NOT NULL DEFAULT 0,
          refusals INTEGER NOT NULL DEFAULT 0,
          last_error TEXT,
          sent_at TEXT,
          answer TEXT CHECK (answer IS NULL OR answer IN ('stored', 'late', 'duplicate'))
        ) STRICT;
        CREATE INDEX outbox_pending ON outbox (created_at) WHERE sent_at IS NULL;
      `),
  },
  {
    version: 10,
    name: 'the shift totals and the outcome report read every column they count from an index',
    // Since the schemes became plug-ins the totals count flags (calls.flags) and tell calls of
    // schemes with dimensions apart (calls.scheme_id), which migration 8's indexes lack: over
    // 1,000,000 calls each shift's calls were read row by row (5-7 s on a loaded machine), and
    // the outcome report went through call_outcomes call by call and sorted every call by its
    // result (1-2.5 s). The shift index replaces migration 8's, beginning with the same column
    // and the result second, so a shift's per-result counts come out of it in order; the
    // outcome index gives each result of each scheme of a campaign its stretch of days.
    up: (db) =>
      db.exec(`
        CREATE INDEX calls_shift_totals ON calls (shift_id, result, scheme_id, contact_level, flags, pitched, new_lead, lead_kind, appointment, campaign_id);
        DROP INDEX calls_shift_counts;
        CREATE INDEX calls_campaign_outcome ON calls (campaign_id, scheme_id, result, started_at, caller_id);
      `),
  },
];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
