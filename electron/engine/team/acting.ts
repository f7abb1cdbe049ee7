/**
 * Team migration 12: who a session may act for, checked by one function; and which hosts are
 * busy, asked of the server.
 *
 * - acting_caller(caller): the one check that a login acts only for its own caller (the
 *   database's owner for anyone). Migration 4's trigger (check_acting_caller, on every write
 *   that names a caller) and migration 5's acting_as (in the functions that hand back a record
 *   already held) stated it twice; both now call it.
 * - host_bookings(campaign, at, within): the hosts with a meeting still to be held within
 *   `within` seconds of `at` ('busy') and the host of the campaign's last meeting ('last'), for
 *   round robin (meetings.ts chooseHost). It runs as its owner: under a caller's login, row-level
 *   security hides other callers' records and with them their meetings, so the check made by the
 *   desk itself would be blind. It hands back host names only, no meeting, record or time.
 */
import { definer } from './roles.ts';

const ROLES = 'outcall_caller, outcall_supervisor, outcall_manager';
const HOST_BOOKINGS = 'host_bookings(bigint, timestamptz, integer)';

export const ACTING_ONCE = `
CREATE FUNCTION acting_caller(p_caller bigint) RETURNS void LANGUAGE plpgsql STABLE AS $$
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
REVOKE EXECUTE ON FUNCTION acting_caller(bigint) FROM PUBLIC;
-- The trigger runs as whoever writes: a manager changing records directly calls it too.
GRANT EXECUTE ON FUNCTION acting_caller(bigint) TO ${ROLES};

CREATE OR REPLACE FUNCTION acting_as(p_caller bigint) RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM acting_caller(p_caller);
END $$;

CREATE OR REPLACE FUNCTION check_acting_caller() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  claimed bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
BEGIN
  IF claimed IS NULL AND TG_OP = 'UPDATE' THEN
    -- Letting go of a hold: the holder's own, or a supervisor's or manager's.
    claimed := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
    IF pg_has_role(session_user, 'outcall_supervisor', 'MEMBER') OR pg_has_role(session_user, 'outcall_manager', 'MEMBER') THEN RETURN NEW; END IF;
  END IF;
  IF claimed IS NOT NULL THEN PERFORM acting_caller(claimed); END IF;
  RETURN NEW;
END $$;

CREATE FUNCTION host_bookings(p_campaign bigint, p_at timestamptz, p_within integer)
RETURNS TABLE (host text, why text) LANGUAGE sql STABLE AS $$
  SELECT DISTINCT a.host, 'busy' FROM appointments a JOIN records r ON r.id = a.record_id JOIN calls booked ON booked.id = a.call_id
   WHERE r.campaign_id = p_campaign AND a.host IS NOT NULL
     AND a.at > p_at - make_interval(secs => p_within) AND a.at < p_at + make_interval(secs => p_within)
     -- Still to be held: no call logged on its record since it was booked.
     AND NOT EXISTS (SELECT 1 FROM calls later WHERE later.record_id = a.record_id AND later.ended_at > booked.ended_at)
  UNION ALL
  (SELECT a.host, 'last' FROM appointments a JOIN records r ON r.id = a.record_id
    WHERE r.campaign_id = p_campaign AND a.host IS NOT NULL ORDER BY a.id DESC LIMIT 1)
$$;
${definer(HOST_BOOKINGS)}
REVOKE EXECUTE ON FUNCTION ${HOST_BOOKINGS} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${HOST_BOOKINGS} TO ${ROLES};
`;
