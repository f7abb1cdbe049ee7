/**
 * Team migration 5: what the shared engine needs of PostgreSQL to be the second store beside
 * the SQLite file (engine/store/postgres.ts).
 *
 * - campaigns keep their outcome scheme, client and options; calls their scheme and version,
 *   campaign, shift and what they count (new lead and its kind, appointment), as SQLite's do;
 *   records their lead state and blocked attempts, which the call flow reads.
 * - follow-up tasks and appointments; a due task brings its record back ahead of fresh ones,
 *   also a closed record (Email Follow Up, Nurture).
 * - lease_next(campaign, caller, seconds, at): the calling window and due times at `at` (the
 *   time the call is made: --at), the lease on the server's clock; the three-argument form is
 *   `at` = now(). begin_dial lets a closed record with an open task be dialled.
 * - hold_record: a lease on one named record (a call logged from the command line without
 *   `next`); release_held: let a caller's record go without the token (`outcall release`).
 * - log_desk_call: log_call, then the call's scheme, shift and counts, the record's lead state,
 *   its task and appointment, in the same statement.
 * - start_shift / end_shift: a caller's shift, refused in the SQLite engine's words.
 * - indexes for the shift totals and the outcome report over a million calls.
 *
 * As before, no rule of a scheme lives here: the desk plans the call (store/plan.ts) and the
 * server stores what it is given.
 */
import { DEFAULT_SCHEME_ID } from '../../../shared/schemes/index.ts';
import { definer } from './roles.ts';

export const NEW_DESK_FUNCTIONS = [
  'lease_next(bigint, bigint, integer, timestamptz)',
  'hold_record(bigint, bigint, integer)',
  'release_held(bigint, bigint)',
  'log_desk_call(uuid, bigint, bigint, uuid, timestamptz, timestamptz, text[], text, text, boolean, boolean, timestamptz, text, text, text[], text, jsonb)',
  'start_shift(bigint, timestamptz)',
  'end_shift(bigint, timestamptz)',
];
/** Replaced here, so their owner's rights are set again. */
const REPLACED = ['lease_next(bigint, bigint, integer)', 'begin_dial(bigint, bigint, uuid, text)'];

if (!/^[a-z0-9-]+$/.test(DEFAULT_SCHEME_ID)) throw new Error(`The default scheme id "${DEFAULT_SCHEME_ID}" cannot go into SQL.`);

export const STORE_SCHEMA = `
CREATE FUNCTION iso_text(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
$$;

ALTER TABLE campaigns
  ADD COLUMN client text NOT NULL DEFAULT '' CHECK (length(client) <= 200),
  ADD COLUMN scheme_id text NOT NULL DEFAULT '${DEFAULT_SCHEME_ID}' CHECK (length(scheme_id) BETWEEN 1 AND 100),
  ADD COLUMN options jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(options) = 'object' AND length(options::text) <= 100000),
  ALTER COLUMN max_attempts DROP NOT NULL;

ALTER TABLE records
  ADD COLUMN is_lead boolean NOT NULL DEFAULT false,
  ADD COLUMN existing_lead boolean NOT NULL DEFAULT false,
  ADD COLUMN blocked_attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN last_level text CHECK (length(last_level) <= 100),
  ADD COLUMN owner text NOT NULL DEFAULT '' CHECK (length(owner) <= 200);

ALTER TABLE calls
  ADD COLUMN campaign_id bigint REFERENCES campaigns(id),
  ADD COLUMN shift_id bigint REFERENCES shifts(id),
  ADD COLUMN scheme_id text CHECK (length(scheme_id) <= 100),
  ADD COLUMN scheme_version integer,
  ADD COLUMN new_lead boolean NOT NULL DEFAULT false,
  ADD COLUMN lead_kind text CHECK (length(lead_kind) <= 100),
  ADD COLUMN appointment boolean NOT NULL DEFAULT false,
  ADD COLUMN blocked boolean NOT NULL DEFAULT false,
  ADD COLUMN follow_up_at timestamptz,
  ADD COLUMN reason text CHECK (length(reason) <= 500);
UPDATE calls c SET campaign_id = r.campaign_id FROM records r WHERE r.id = c.record_id;
-- Shift totals: a shift's calls; calls outside every shift by time. The outcome report by time.
CREATE INDEX calls_shift ON calls (shift_id) WHERE shift_id IS NOT NULL;
CREATE INDEX calls_outside ON calls (started_at) WHERE shift_id IS NULL;
CREATE INDEX calls_started ON calls (started_at) INCLUDE (result, campaign_id, caller_id);

CREATE TABLE tasks (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  campaign_id bigint NOT NULL REFERENCES campaigns(id),
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  created_by_call uuid REFERENCES calls(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tasks_open ON tasks (record_id) WHERE done_at IS NULL;
CREATE INDEX tasks_due ON tasks (campaign_id, due_at) WHERE done_at IS NULL;

CREATE TABLE appointments (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  call_id uuid NOT NULL REFERENCES calls(id),
  at timestamptz NOT NULL,
  kind text NOT NULL CHECK (length(kind) BETWEEN 1 AND 50),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE FUNCTION dialable(p_record bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM phones p WHERE p.record_id = p_record AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164))
$$;

-- A desk asks for its own caller only (migration 4 checks every write; this checks the reads
-- that hand back a record already held): the database's owner may act for anyone.
CREATE FUNCTION acting_as(p_caller bigint) RETURNS void LANGUAGE plpgsql STABLE AS $$
DECLARE
  mine bigint;
BEGIN
  IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'records'::regclass), 'MEMBER') THEN RETURN; END IF;
  SELECT id INTO mine FROM callers WHERE login = session_user::text;
  IF mine IS NULL THEN
    RAISE EXCEPTION 'login % is nobody in this team: a manager adds people with outcall team add', session_user USING ERRCODE = '42501';
  END IF;
  IF p_caller <> mine THEN
    RAISE EXCEPTION 'login % is caller %, and cannot act for caller %', session_user, mine, p_caller USING ERRCODE = '42501';
  END IF;
END $$;
REVOKE EXECUTE ON FUNCTION acting_as(bigint) FROM PUBLIC;

CREATE FUNCTION lease_next(p_campaign bigint, p_caller bigint, p_lease_seconds integer, p_at timestamptz)
RETURNS TABLE (record_id bigint, lease_token uuid, lease_until timestamptz)
LANGUAGE plpgsql ROWS 1 AS $$
DECLARE
  found_id bigint;
  token uuid;
  until timestamptz := now() + make_interval(secs => p_lease_seconds);
  w jsonb;
  max_tries integer;
BEGIN
  PERFORM acting_as(p_caller);
  IF p_lease_seconds NOT BETWEEN 1 AND 86400 THEN
    RAISE EXCEPTION 'a lease lasts 1 second to a day, not % seconds', p_lease_seconds USING ERRCODE = '22023';
  END IF;
  SELECT c.calling_window, coalesce(c.max_attempts, 2147483647) INTO w, max_tries FROM campaigns c WHERE c.id = p_campaign;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'campaign % does not exist', p_campaign USING ERRCODE = 'P0002';
  END IF;
  SELECT r.id, r.lease_token INTO found_id, token FROM records r
   WHERE r.leased_by = p_caller AND r.campaign_id = p_campaign AND r.lease_until > now()
   ORDER BY r.id LIMIT 1 FOR UPDATE;
  IF found_id IS NOT NULL THEN
    RETURN QUERY SELECT r.id, r.lease_token, r.lease_until FROM records r WHERE r.id = found_id;
    RETURN;
  END IF;
  token := gen_random_uuid();
  -- Follow-ups that are due, the longest due first, open or closed.
  SELECT r.id INTO found_id FROM tasks t JOIN records r ON r.id = t.record_id
   WHERE t.campaign_id = p_campaign AND t.done_at IS NULL AND t.due_at <= p_at
     AND (r.lease_until IS NULL OR r.lease_until <= now()) AND dialable(r.id) AND window_open(w, r.timezone, p_at)
   ORDER BY t.due_at, t.id LIMIT 1
   FOR UPDATE OF r SKIP LOCKED;
  IF found_id IS NULL THEN
    SELECT r.id INTO found_id FROM records r
     WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts = 0
       AND (r.lease_until IS NULL OR r.lease_until <= now()) AND dialable(r.id) AND window_open(w, r.timezone, p_at)
     ORDER BY r.id LIMIT 1
     FOR UPDATE SKIP LOCKED;
  END IF;
  IF found_id IS NULL THEN
    SELECT r.id INTO found_id FROM records r
     WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts > 0 AND r.attempts < max_tries
       AND r.next_call_at <= p_at
       AND (r.lease_until IS NULL OR r.lease_until <= now()) AND dialable(r.id) AND window_open(w, r.timezone, p_at)
     ORDER BY r.next_call_at, r.id LIMIT 1
     FOR UPDATE SKIP LOCKED;
  END IF;
  IF found_id IS NULL THEN RETURN; END IF;
  UPDATE records SET lease_token = token, leased_by = p_caller, lease_until = until WHERE id = found_id;
  RETURN QUERY SELECT found_id, token, until;
END $$;

CREATE OR REPLACE FUNCTION lease_next(p_campaign bigint, p_caller bigint, p_lease_seconds integer)
RETURNS TABLE (record_id bigint, lease_token uuid, lease_until timestamptz)
LANGUAGE sql ROWS 1 AS $$
  SELECT * FROM lease_next(p_campaign, p_caller, p_lease_seconds, now())
$$;

-- A lease on this record for this caller: theirs already, free, or run out. NULL when another holds it.
CREATE FUNCTION hold_record(p_record bigint, p_caller bigint, p_lease_seconds integer) RETURNS uuid
LANGUAGE plpgsql AS $$
DECLARE
  r records%ROWTYPE;
BEGIN
  PERFORM acting_as(p_caller);
  SELECT * INTO r FROM records WHERE id = p_record FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'record % does not exist', p_record USING ERRCODE = 'P0002'; END IF;
  IF r.leased_by IS NOT NULL AND r.leased_by <> p_caller AND r.lease_until > now() THEN RETURN NULL; END IF;
  IF r.leased_by = p_caller AND r.lease_until > now() THEN RETURN r.lease_token; END IF;
  UPDATE records SET lease_token = gen_random_uuid(), leased_by = p_caller,
         lease_until = now() + make_interval(secs => least(greatest(p_lease_seconds, 1), 86400))
   WHERE id = p_record RETURNING lease_token INTO r.lease_token;
  RETURN r.lease_token;
END $$;

CREATE FUNCTION release_held(p_record bigint, p_caller bigint) RETURNS boolean
LANGUAGE sql AS $$
  WITH done AS (
    UPDATE records SET lease_token = NULL, leased_by = NULL, lease_until = NULL
     WHERE id = p_record AND leased_by = p_caller RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM done)
$$;

CREATE OR REPLACE FUNCTION begin_dial(p_record bigint, p_caller bigint, p_token uuid, p_e164 text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  r records%ROWTYPE;
  w jsonb;
BEGIN
  SELECT * INTO r FROM records WHERE id = p_record FOR UPDATE;
  IF NOT FOUND THEN RETURN 'no_record'; END IF;
  IF r.lease_token IS DISTINCT FROM p_token OR r.leased_by IS DISTINCT FROM p_caller THEN RETURN 'not_held'; END IF;
  IF r.lease_until <= now() THEN RETURN 'lease_lapsed'; END IF;
  IF r.status <> 'open' AND NOT EXISTS (SELECT 1 FROM tasks WHERE record_id = p_record AND done_at IS NULL) THEN RETURN 'closed'; END IF;
  IF NOT EXISTS (SELECT 1 FROM phones WHERE record_id = p_record AND e164 = p_e164) THEN RETURN 'not_on_record'; END IF;
  IF EXISTS (SELECT 1 FROM dnc WHERE e164 = p_e164) THEN RETURN 'do_not_call'; END IF;
  SELECT calling_window INTO w FROM campaigns WHERE id = r.campaign_id;
  IF NOT window_open(w, r.timezone, now()) THEN RETURN 'outside_window'; END IF;
  INSERT INTO dials (record_id, caller_id, lease_token, e164) VALUES (p_record, p_caller, p_token, p_e164);
  RETURN 'ok';
END $$;

-- p_plan: {"scheme_id", "scheme_version", "new_lead", "lead_kind", "appointment", "blocked",
-- "follow_up_at", "reason", "lead", "existing_lead", "owner", "task_due_at", "appointment_at",
-- "appointment_kind"}, as the desk planned it from the scheme.
CREATE FUNCTION log_desk_call(
  p_id uuid, p_record bigint, p_caller bigint, p_token uuid,
  p_started timestamptz, p_ended timestamptz, p_events text[], p_result text, p_level text,
  p_pitched boolean, p_closes boolean, p_next_call_at timestamptz, p_phone text, p_notes text,
  p_dnc text[], p_dnc_reason text, p_plan jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  answer text;
  task_due timestamptz := (p_plan->>'task_due_at')::timestamptz;
BEGIN
  answer := log_call(p_id, p_record, p_caller, p_token, p_started, p_ended, p_events, p_result, p_level,
                     p_pitched, p_closes, p_next_call_at, p_phone, p_notes, p_dnc, p_dnc_reason);
  IF answer = 'duplicate' THEN RETURN answer; END IF;
  UPDATE calls SET
    campaign_id = (SELECT campaign_id FROM records WHERE id = p_record),
    shift_id = (SELECT s.id FROM shifts s WHERE s.caller_id = p_caller AND s.started_at <= p_started
                  AND (s.ended_at IS NULL OR s.ended_at >= p_started) ORDER BY s.started_at DESC LIMIT 1),
    scheme_id = p_plan->>'scheme_id',
    scheme_version = (p_plan->>'scheme_version')::integer,
    new_lead = coalesce((p_plan->>'new_lead')::boolean, false),
    lead_kind = p_plan->>'lead_kind',
    appointment = coalesce((p_plan->>'appointment')::boolean, false),
    blocked = coalesce((p_plan->>'blocked')::boolean, false),
    follow_up_at = (p_plan->>'follow_up_at')::timestamptz,
    reason = p_plan->>'reason'
  WHERE id = p_id;
  IF answer = 'late' THEN RETURN answer; END IF;
  UPDATE records SET
    is_lead = is_lead OR coalesce((p_plan->>'lead')::boolean, false),
    existing_lead = existing_lead OR coalesce((p_plan->>'existing_lead')::boolean, false),
    blocked_attempts = blocked_attempts + CASE WHEN coalesce((p_plan->>'blocked')::boolean, false) THEN 1 ELSE 0 END,
    last_level = p_level,
    owner = coalesce(p_plan->>'owner', owner)
  WHERE id = p_record;
  IF task_due IS NOT NULL THEN
    UPDATE tasks SET due_at = task_due, updated_at = now(), created_by_call = p_id WHERE record_id = p_record AND done_at IS NULL;
    IF NOT FOUND THEN
      INSERT INTO tasks (record_id, campaign_id, due_at, created_by_call)
      SELECT p_record, campaign_id, task_due, p_id FROM records WHERE id = p_record;
    END IF;
  ELSE
    UPDATE tasks SET done_at = p_ended, updated_at = now() WHERE record_id = p_record AND done_at IS NULL;
  END IF;
  IF p_plan->>'appointment_at' IS NOT NULL THEN
    INSERT INTO appointments (record_id, call_id, at, kind)
    VALUES (p_record, p_id, (p_plan->>'appointment_at')::timestamptz, p_plan->>'appointment_kind');
  END IF;
  RETURN answer;
END $$;

-- A caller's shift from p_at: never two open, never overlapping a later one; their calls from
-- p_at on that no shift holds become this shift's.
CREATE FUNCTION start_shift(p_caller bigint, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  who text;
  s shifts%ROWTYPE;
  new_id bigint;
BEGIN
  SELECT name INTO who FROM callers WHERE id = p_caller FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'caller % does not exist', p_caller USING ERRCODE = 'P0002'; END IF;
  SELECT * INTO s FROM shifts WHERE caller_id = p_caller AND ended_at IS NULL;
  IF FOUND THEN
    RAISE EXCEPTION '% is already on a shift, started %. End it first.', who, iso_text(s.started_at) USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO s FROM shifts WHERE caller_id = p_caller AND ended_at > p_at ORDER BY started_at LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'A shift starting % would overlap %''s shift from % to %.', iso_text(p_at), who, iso_text(s.started_at), iso_text(s.ended_at)
      USING ERRCODE = 'P0001';
  END IF;
  INSERT INTO shifts (caller_id, started_at) VALUES (p_caller, p_at) RETURNING id INTO new_id;
  UPDATE calls SET shift_id = new_id WHERE caller_id = p_caller AND shift_id IS NULL AND started_at >= p_at;
  RETURN new_id;
END $$;

-- Ends the caller's open shift at p_at, never before a call it holds, and lets go of their records.
CREATE FUNCTION end_shift(p_caller bigint, p_at timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  who text;
  s shifts%ROWTYPE;
  c calls%ROWTYPE;
BEGIN
  SELECT name INTO who FROM callers WHERE id = p_caller FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'caller % does not exist', p_caller USING ERRCODE = 'P0002'; END IF;
  SELECT * INTO s FROM shifts WHERE caller_id = p_caller AND ended_at IS NULL;
  IF NOT FOUND THEN RAISE EXCEPTION '% has no shift to end.', who USING ERRCODE = 'P0001'; END IF;
  IF p_at < s.started_at THEN
    RAISE EXCEPTION 'A shift cannot end (%) before it started (%).', iso_text(p_at), iso_text(s.started_at) USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO c FROM calls WHERE shift_id = s.id AND ended_at > p_at ORDER BY ended_at DESC LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'The shift cannot end at %: it holds call %, which ended %. End it then or later.', iso_text(p_at), c.id, iso_text(c.ended_at)
      USING ERRCODE = 'P0001';
  END IF;
  UPDATE shifts SET ended_at = p_at WHERE id = s.id;
  UPDATE records SET lease_token = NULL, leased_by = NULL, lease_until = NULL WHERE leased_by = p_caller;
  RETURN s.id;
END $$;

${[...NEW_DESK_FUNCTIONS, ...REPLACED].map(definer).join('\n')}
GRANT EXECUTE ON FUNCTION ${NEW_DESK_FUNCTIONS.join(', ')} TO outcall_caller, outcall_supervisor, outcall_manager;
GRANT SELECT ON tasks, appointments TO outcall_caller, outcall_supervisor, outcall_manager;
GRANT INSERT, UPDATE ON tasks TO outcall_manager;
`;
