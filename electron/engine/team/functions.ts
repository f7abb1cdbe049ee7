/**
 * The SQL functions desks call in team mode (migration 2). Every time they compare is the
 * server's `now()`, so a desk whose clock is wrong still sees leases and calling windows as
 * the server does.
 *
 * - lease_next(campaign, caller, lease_seconds): the caller's next record, taken with
 *   FOR UPDATE SKIP LOCKED, so two desks asking at once never get the same one. A record the
 *   caller already holds comes back first (a desk that restarted gets its record again).
 * - renew_lease / release / force_release: keep or give up a hold.
 * - begin_dial(record, caller, token, e164): before every dial; the lease, the number on the
 *   record, the shared do-not-call list and the calling window in the record's zone.
 * - log_call(...): stores a call under the desk's own id (a re-send is stored once); a call
 *   under a token that no longer holds the record is stored as late and changes nothing else.
 * - add_dnc(e164, reason, caller): puts a number on the shared list, logged.
 */
export const FUNCTIONS = `
-- Whether a calling window (shared/calling-window.ts's shape) is open at \`at\` in zone \`tz\`:
-- from start (inclusive) to end (exclusive), by the minute.
CREATE FUNCTION window_open(w jsonb, tz text, at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_typeof(d) = 'object' AND hm >= d->>'start' AND hm < d->>'end', false)
  FROM (SELECT at AT TIME ZONE tz AS local) l,
       LATERAL (SELECT w -> lower(to_char(l.local, 'Dy')) AS d, to_char(l.local, 'HH24:MI') AS hm) x
$$;

CREATE FUNCTION lease_next(p_campaign bigint, p_caller bigint, p_lease_seconds integer)
RETURNS TABLE (record_id bigint, lease_token uuid, lease_until timestamptz)
-- One row at most: the planner then looks the record up by its key instead of hashing them all.
LANGUAGE plpgsql ROWS 1 AS $$
DECLARE
  found_id bigint;
  token uuid;
  until timestamptz := now() + make_interval(secs => p_lease_seconds);
  w jsonb;
  max_tries integer;
BEGIN
  IF p_lease_seconds NOT BETWEEN 1 AND 86400 THEN
    RAISE EXCEPTION 'a lease lasts 1 second to a day, not % seconds', p_lease_seconds USING ERRCODE = '22023';
  END IF;
  SELECT c.calling_window, c.max_attempts INTO w, max_tries FROM campaigns c WHERE c.id = p_campaign;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'campaign % does not exist', p_campaign USING ERRCODE = 'P0002';
  END IF;
  -- A record this caller already holds in the campaign.
  SELECT r.id, r.lease_token INTO found_id, token FROM records r
   WHERE r.leased_by = p_caller AND r.campaign_id = p_campaign AND r.lease_until > now() AND r.status = 'open'
   ORDER BY r.id LIMIT 1 FOR UPDATE;
  IF found_id IS NULL THEN
    token := gen_random_uuid();
    -- Fresh records first, in list order. Rows another desk is taking right now are skipped,
    -- never waited for and never taken twice. The index gives the order; the first free,
    -- dialable record inside its calling hours ends the scan.
    SELECT r.id INTO found_id FROM records r
     WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts = 0
       AND (r.lease_until IS NULL OR r.lease_until <= now())
       AND EXISTS (SELECT 1 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164))
       AND window_open(w, r.timezone, now())
     ORDER BY r.id LIMIT 1
     FOR UPDATE SKIP LOCKED;
  END IF;
  IF found_id IS NULL THEN
    -- Then retries that are due, the longest due first.
    SELECT r.id INTO found_id FROM records r
     WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts > 0 AND r.attempts < max_tries
       AND r.next_call_at <= now()
       AND (r.lease_until IS NULL OR r.lease_until <= now())
       AND EXISTS (SELECT 1 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164))
       AND window_open(w, r.timezone, now())
     ORDER BY r.next_call_at, r.id LIMIT 1
     FOR UPDATE SKIP LOCKED;
  END IF;
  IF found_id IS NULL THEN RETURN; END IF;
  UPDATE records SET lease_token = token, leased_by = p_caller, lease_until = until WHERE id = found_id;
  RETURN QUERY SELECT found_id, token, until;
END $$;

CREATE FUNCTION renew_lease(p_record bigint, p_caller bigint, p_token uuid, p_lease_seconds integer)
RETURNS timestamptz LANGUAGE sql AS $$
  UPDATE records SET lease_until = now() + make_interval(secs => least(greatest(p_lease_seconds, 1), 86400))
   WHERE id = p_record AND leased_by = p_caller AND lease_token = p_token AND status = 'open'
  RETURNING lease_until
$$;

CREATE FUNCTION release(p_record bigint, p_caller bigint, p_token uuid) RETURNS boolean
LANGUAGE sql AS $$
  WITH done AS (
    UPDATE records SET lease_token = NULL, leased_by = NULL, lease_until = NULL
     WHERE id = p_record AND leased_by = p_caller AND lease_token = p_token RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM done)
$$;

CREATE FUNCTION force_release(p_record bigint) RETURNS boolean
LANGUAGE sql AS $$
  WITH done AS (
    UPDATE records SET lease_token = NULL, leased_by = NULL, lease_until = NULL
     WHERE id = p_record AND lease_token IS NOT NULL RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM done)
$$;

-- 'ok' (and the dial is recorded), or why not: 'no_record', 'not_held', 'lease_lapsed',
-- 'closed', 'not_on_record', 'do_not_call', 'outside_window'.
CREATE FUNCTION begin_dial(p_record bigint, p_caller bigint, p_token uuid, p_e164 text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  r records%ROWTYPE;
  w jsonb;
BEGIN
  SELECT * INTO r FROM records WHERE id = p_record FOR UPDATE;
  IF NOT FOUND THEN RETURN 'no_record'; END IF;
  IF r.lease_token IS DISTINCT FROM p_token OR r.leased_by IS DISTINCT FROM p_caller THEN RETURN 'not_held'; END IF;
  IF r.lease_until <= now() THEN RETURN 'lease_lapsed'; END IF;
  IF r.status <> 'open' THEN RETURN 'closed'; END IF;
  IF NOT EXISTS (SELECT 1 FROM phones WHERE record_id = p_record AND e164 = p_e164) THEN RETURN 'not_on_record'; END IF;
  IF EXISTS (SELECT 1 FROM dnc WHERE e164 = p_e164) THEN RETURN 'do_not_call'; END IF;
  SELECT calling_window INTO w FROM campaigns WHERE id = r.campaign_id;
  IF NOT window_open(w, r.timezone, now()) THEN RETURN 'outside_window'; END IF;
  INSERT INTO dials (record_id, caller_id, lease_token, e164) VALUES (p_record, p_caller, p_token, p_e164);
  RETURN 'ok';
END $$;

-- 'stored', 'late' (kept, but another desk holds the record now: its state is untouched) or
-- 'duplicate' (this call id was stored before; nothing changes).
CREATE FUNCTION log_call(
  p_id uuid, p_record bigint, p_caller bigint, p_token uuid,
  p_started timestamptz, p_ended timestamptz, p_events text[], p_result text, p_level text,
  p_pitched boolean, p_closes boolean, p_next_call_at timestamptz, p_phone text, p_notes text,
  p_dnc text[], p_dnc_reason text
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  r records%ROWTYPE;
  stale boolean;
  delay integer;
BEGIN
  -- One writer per record at a time: a re-send waits for the first send and then sees it.
  SELECT * INTO r FROM records WHERE id = p_record FOR UPDATE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'record % does not exist', p_record USING ERRCODE = 'P0002';
  END IF;
  IF EXISTS (SELECT 1 FROM calls WHERE id = p_id) THEN
    IF NOT EXISTS (SELECT 1 FROM calls WHERE id = p_id AND record_id = p_record AND caller_id = p_caller) THEN
      RAISE EXCEPTION 'call % was stored for another record or caller', p_id USING ERRCODE = '23505';
    END IF;
    RETURN 'duplicate';
  END IF;
  stale := r.lease_token IS DISTINCT FROM p_token OR r.leased_by IS DISTINCT FROM p_caller;
  INSERT INTO calls (id, record_id, caller_id, lease_token, late, started_at, ended_at, events, result, level,
                     pitched, closes, next_call_at, phone, notes)
  VALUES (p_id, p_record, p_caller, p_token, stale, p_started, p_ended, p_events, p_result, p_level,
          p_pitched, p_closes, p_next_call_at, p_phone, coalesce(p_notes, ''));
  -- A number the prospect asked never to be called on again goes on the list, late or not.
  WITH added AS (
    INSERT INTO dnc (e164, reason, added_by)
    SELECT DISTINCT n, coalesce(p_dnc_reason, ''), p_caller FROM unnest(coalesce(p_dnc, '{}')) AS n
    ON CONFLICT (e164) DO NOTHING RETURNING e164)
  INSERT INTO dnc_log (e164, action, reason, caller_id) SELECT e164, 'add', coalesce(p_dnc_reason, ''), p_caller FROM added;
  IF stale THEN RETURN 'late'; END IF;
  SELECT retry_delay_hours INTO delay FROM campaigns WHERE id = r.campaign_id;
  UPDATE records SET
    attempts = attempts + 1,
    status = CASE WHEN p_closes THEN 'closed' ELSE 'open' END,
    -- The retry delay runs from the call's end, by the server's clock when the desk's runs ahead.
    next_call_at = CASE WHEN p_closes THEN NULL ELSE coalesce(p_next_call_at, least(p_ended, now()) + make_interval(hours => delay)) END,
    last_result = p_result,
    last_call_at = p_ended,
    lease_token = NULL, leased_by = NULL, lease_until = NULL
  WHERE id = p_record;
  RETURN 'stored';
END $$;

CREATE FUNCTION add_dnc(p_e164 text, p_reason text, p_caller bigint) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dnc (e164, reason, added_by) VALUES (p_e164, coalesce(p_reason, ''), p_caller) ON CONFLICT (e164) DO NOTHING;
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO dnc_log (e164, action, reason, caller_id) VALUES (p_e164, 'add', coalesce(p_reason, ''), p_caller);
  RETURN true;
END $$;
`;
