/**
 * Team mode's tables on PostgreSQL (migration 1). What the desks share: callers, campaigns,
 * lists, records with their leases, phones, the do-not-call list and its log, shifts, dials
 * and calls. Times are timestamptz; "now" is always the server's.
 *
 * No rule of the call flow lives here: which results close a record, when it comes back and
 * which numbers go on the do-not-call list are planned by the desk from the scheme and passed
 * to log_call (functions.ts).
 */
export const TABLES = `
CREATE TABLE callers (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 100),
  role text NOT NULL DEFAULT 'caller' CHECK (role IN ('caller', 'manager', 'supervisor')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE campaigns (
  id bigserial PRIMARY KEY,
  name text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  region text NOT NULL CHECK (region ~ '^[A-Z]{2}$'),
  timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  -- The shape of shared/calling-window.ts: {"mon": {"start": "09:00", "end": "17:00"}, "sat": null, ...}
  calling_window jsonb NOT NULL CHECK (jsonb_typeof(calling_window) = 'object'),
  retry_delay_hours integer NOT NULL DEFAULT 24 CHECK (retry_delay_hours BETWEEN 0 AND 8760),
  max_attempts integer NOT NULL DEFAULT 6 CHECK (max_attempts BETWEEN 1 AND 1000),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE lists (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns(id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  imported_by bigint REFERENCES callers(id),
  imported_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE records (
  id bigserial PRIMARY KEY,
  campaign_id bigint NOT NULL REFERENCES campaigns(id),
  list_id bigint REFERENCES lists(id),
  company text NOT NULL DEFAULT '' CHECK (length(company) <= 500),
  contact_name text NOT NULL DEFAULT '' CHECK (length(contact_name) <= 500),
  timezone text NOT NULL CHECK (length(timezone) BETWEEN 1 AND 64),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  attempts integer NOT NULL DEFAULT 0,
  next_call_at timestamptz,
  last_result text,
  last_call_at timestamptz,
  -- The lease: who holds the record, under which token, until when (server time).
  lease_token uuid,
  leased_by bigint REFERENCES callers(id),
  lease_until timestamptz,
  CHECK ((lease_token IS NULL) = (leased_by IS NULL) AND (lease_token IS NULL) = (lease_until IS NULL))
);
-- The queue's two orders: fresh records in list order, then retries as they fall due.
CREATE INDEX records_fresh ON records (campaign_id, id) WHERE status = 'open' AND attempts = 0;
CREATE INDEX records_retry ON records (campaign_id, next_call_at, id) WHERE status = 'open' AND attempts > 0;
CREATE INDEX records_leased_by ON records (leased_by) WHERE leased_by IS NOT NULL;

CREATE TABLE phones (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id) ON DELETE CASCADE,
  position integer NOT NULL,
  e164 text NOT NULL CHECK (e164 ~ '^\\+[1-9][0-9]{6,14}$'),
  label text NOT NULL DEFAULT '' CHECK (length(label) <= 100),
  UNIQUE (record_id, position)
);
CREATE INDEX phones_e164 ON phones (e164);

CREATE TABLE dnc (
  e164 text PRIMARY KEY CHECK (e164 ~ '^\\+[1-9][0-9]{6,14}$'),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  added_by bigint REFERENCES callers(id),
  added_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE dnc_log (
  id bigserial PRIMARY KEY,
  e164 text NOT NULL,
  action text NOT NULL CHECK (action IN ('add', 'remove')),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  caller_id bigint REFERENCES callers(id),
  at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE shifts (
  id bigserial PRIMARY KEY,
  caller_id bigint NOT NULL REFERENCES callers(id),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  CHECK (ended_at IS NULL OR ended_at > started_at)
);
CREATE INDEX shifts_caller ON shifts (caller_id, started_at);

-- Every dial begin_dial allowed: which desk, under which lease, which number.
CREATE TABLE dials (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  caller_id bigint NOT NULL REFERENCES callers(id),
  lease_token uuid NOT NULL,
  e164 text NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dials_record ON dials (record_id);

-- A logged call. Its id is made by the desk, so a re-sent call is stored once.
CREATE TABLE calls (
  id uuid PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  caller_id bigint NOT NULL REFERENCES callers(id),
  lease_token uuid NOT NULL,
  -- Logged under a lease that another desk holds by now: kept, but it changed nothing.
  late boolean NOT NULL,
  started_at timestamptz NOT NULL,
  ended_at timestamptz NOT NULL,
  events text[] NOT NULL CHECK (cardinality(events) <= 100),
  result text NOT NULL CHECK (length(result) BETWEEN 1 AND 100),
  level text NOT NULL CHECK (length(level) BETWEEN 1 AND 100),
  pitched boolean NOT NULL,
  closes boolean NOT NULL,
  next_call_at timestamptz,
  phone text CHECK (phone IS NULL OR phone ~ '^\\+[1-9][0-9]{6,14}$'),
  notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
  received_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ended_at >= started_at AND ended_at - started_at <= interval '1 day')
);
CREATE INDEX calls_record ON calls (record_id);
CREATE INDEX calls_caller ON calls (caller_id, started_at);
`;
