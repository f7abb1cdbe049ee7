/**
 * Team migration 14: what the command line's remaining commands need of the team database
 * (store/postgres.ts, store/team-records.ts).
 *
 * - records.held_since: when the caller holding a record took it (the server's clock), set by
 *   a trigger whenever a record gets a new lease and cleared when it is let go; a call logged
 *   soon after, with no start given, is judged against the calling window then (calls.ts).
 * - queue_peek: the records lease_next would give a caller at `at`, in its order (due
 *   follow-ups, fresh records, retries), none taken; queue_facts: what the queue holds per time
 *   zone, for the reasons it is empty (queue-empty.ts). Both read past row-level security, as
 *   lease_next does, and change nothing. A caller's login looking at another caller's queue
 *   (looks_for) sees the records that caller holds as held, not their names and numbers, which
 *   its own login could not read.
 * - add_shift: a past shift entered afterwards, in the SQLite engine's words (shifts.ts addShift).
 * - import_dnc: a do-not-call file's numbers at once; for managers only.
 */
import { definer } from './roles.ts';

const EVERYONE_FUNCTIONS = [
  'queue_peek(bigint, bigint, timestamptz, integer)',
  'queue_facts(bigint, bigint, timestamptz)',
  'add_shift(bigint, timestamptz, timestamptz)',
];
const MANAGER_FUNCTIONS = ['import_dnc(text[], text, bigint)'];

/** The records a caller could be given at p_at: free, or theirs (lease_next's conditions; theirs only shown to whoever may look for them). */
const TAKEABLE = `(r.lease_until IS NULL OR r.lease_until <= now() OR (r.leased_by = p_caller AND w.mine)) AND dialable(r.id) AND window_open(w.w, r.timezone, p_at)`;

export const CLI_SCHEMA = `
ALTER TABLE records ADD COLUMN held_since timestamptz;

CREATE FUNCTION note_held_since() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.held_since := CASE WHEN NEW.lease_token IS NULL THEN NULL ELSE now() END;
  RETURN NEW;
END $$;
CREATE TRIGGER records_held_since BEFORE UPDATE OF lease_token ON records FOR EACH ROW
  WHEN (NEW.lease_token IS DISTINCT FROM OLD.lease_token) EXECUTE FUNCTION note_held_since();
UPDATE records SET held_since = now() WHERE lease_token IS NOT NULL;

-- Whether this login may see what p_caller holds or hosts: their own caller's, or a supervisor,
-- a manager or the database's owner (session_user: the login, inside a SECURITY DEFINER function too).
CREATE FUNCTION looks_for(p_caller bigint) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = 'records'::regclass), 'MEMBER')
      OR pg_has_role(session_user, 'outcall_supervisor', 'MEMBER') OR pg_has_role(session_user, 'outcall_manager', 'MEMBER')
      OR p_caller = (SELECT id FROM callers WHERE login = session_user::text)
$$;

CREATE FUNCTION queue_peek(p_campaign bigint, p_caller bigint, p_at timestamptz, p_limit integer)
RETURNS TABLE (record_id bigint, reason text, due_at timestamptz, company text, contact_name text, timezone text, phones text[])
LANGUAGE sql STABLE AS $$
  WITH w AS (SELECT c.calling_window AS w, coalesce(c.max_attempts, 2147483647) AS max_tries, looks_for(p_caller) AS mine FROM campaigns c WHERE c.id = p_campaign),
  picked AS (
    (SELECT r.id, 'follow_up_due' AS reason, t.due_at, 1 AS stage, t.due_at AS k1, t.id AS k2
       FROM w, tasks t JOIN records r ON r.id = t.record_id
      WHERE t.campaign_id = p_campaign AND t.done_at IS NULL AND t.due_at <= p_at AND ${TAKEABLE}
      ORDER BY t.due_at, t.id LIMIT p_limit)
    UNION ALL
    (SELECT r.id, 'fresh', NULL, 2, NULL, r.id FROM w, records r
      WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts = 0 AND ${TAKEABLE}
      ORDER BY r.id LIMIT p_limit)
    UNION ALL
    (SELECT r.id, 'retry', r.next_call_at, 3, r.next_call_at, r.id FROM w, records r
      WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts > 0 AND r.attempts < w.max_tries
        AND r.next_call_at <= p_at AND ${TAKEABLE}
      ORDER BY r.next_call_at, r.id LIMIT p_limit)),
  first AS (SELECT DISTINCT ON (id) * FROM picked ORDER BY id, stage)
  SELECT f.id, f.reason, f.due_at, r.company, r.contact_name, r.timezone,
         ARRAY(SELECT p.e164 FROM phones p WHERE p.record_id = r.id AND NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = p.e164) ORDER BY p.position)
    FROM first f JOIN records r ON r.id = f.id
   ORDER BY f.stage, f.k1, f.k2 LIMIT p_limit
$$;

CREATE FUNCTION queue_facts(p_campaign bigint, p_caller bigint, p_at timestamptz) RETURNS jsonb
LANGUAGE sql STABLE AS $$
  WITH c AS (SELECT coalesce(max_attempts, 2147483647) AS max_tries, looks_for(p_caller) AS mine FROM campaigns WHERE id = p_campaign),
  r AS (SELECT r.*, dialable(r.id) AS can FROM records r WHERE r.campaign_id = p_campaign)
  SELECT jsonb_build_object(
    'records', (SELECT count(*) FROM r),
    'closed', (SELECT count(*) FROM r WHERE status = 'closed'),
    'nextTaskDue', (SELECT iso_text(min(due_at)) FROM tasks WHERE campaign_id = p_campaign AND done_at IS NULL AND due_at > p_at),
    'zones', coalesce((SELECT jsonb_agg(z ORDER BY z.tz) FROM (
      SELECT r.timezone AS tz,
             count(*) FILTER (WHERE status = 'open') AS open,
             count(*) FILTER (WHERE status = 'open' AND NOT can) AS undialable,
             count(*) FILTER (WHERE status = 'open' AND attempts > 0 AND can AND next_call_at > p_at) AS waiting,
             iso_text(min(next_call_at) FILTER (WHERE status = 'open' AND attempts > 0 AND can AND next_call_at > p_at)) AS "firstRetry",
             count(*) FILTER (WHERE status = 'open' AND can AND attempts >= (SELECT max_tries FROM c)) AS spent,
             coalesce((SELECT jsonb_agg(jsonb_build_object('name', h.name, 'n', h.n) ORDER BY h.name) FROM (
               SELECT k.name, count(*) AS n FROM r held JOIN callers k ON k.id = held.leased_by
                WHERE held.timezone = r.timezone AND held.status = 'open' AND held.lease_until > now()
                  AND (held.leased_by <> p_caller OR NOT (SELECT mine FROM c))
                GROUP BY k.name) h), '[]'::jsonb) AS held
        FROM r GROUP BY r.timezone) z), '[]'::jsonb))
$$;

-- A shift entered afterwards: never overlapping another of the caller's; their calls made in it
-- that no shift holds become its own, and it may not end before one of them ends.
CREATE FUNCTION add_shift(p_caller bigint, p_from timestamptz, p_to timestamptz) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  who text;
  s shifts%ROWTYPE;
  c calls%ROWTYPE;
  new_id bigint;
BEGIN
  SELECT name INTO who FROM callers WHERE id = p_caller FOR UPDATE;
  IF NOT FOUND THEN RAISE EXCEPTION 'caller % does not exist', p_caller USING ERRCODE = 'P0002'; END IF;
  IF p_to <= p_from THEN
    RAISE EXCEPTION 'A shift cannot end (%) before it starts (%).', iso_text(p_to), iso_text(p_from) USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO s FROM shifts WHERE caller_id = p_caller AND started_at < p_to AND (ended_at IS NULL OR ended_at > p_from) ORDER BY started_at LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'That shift would overlap %''s shift from % %.', who, iso_text(s.started_at),
      CASE WHEN s.ended_at IS NULL THEN '(still open)' ELSE 'to ' || iso_text(s.ended_at) END USING ERRCODE = 'P0001';
  END IF;
  INSERT INTO shifts (caller_id, started_at, ended_at) VALUES (p_caller, p_from, p_to) RETURNING id INTO new_id;
  UPDATE calls SET shift_id = new_id WHERE caller_id = p_caller AND shift_id IS NULL AND started_at >= p_from AND started_at <= p_to;
  SELECT * INTO c FROM calls WHERE shift_id = new_id AND ended_at > p_to ORDER BY ended_at DESC LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'The shift cannot end at %: it holds call %, which ended %. End it then or later.', iso_text(p_to), c.id, iso_text(c.ended_at)
      USING ERRCODE = 'P0001';
  END IF;
  RETURN new_id;
END $$;

-- Every number of a do-not-call file, all or none; how many were not listed before.
CREATE FUNCTION import_dnc(p_numbers text[], p_reason text, p_caller bigint) RETURNS integer
LANGUAGE sql AS $$
  WITH added AS (
    INSERT INTO dnc (e164, reason, added_by)
    SELECT DISTINCT n, coalesce(p_reason, ''), p_caller FROM unnest(p_numbers) AS n
    ON CONFLICT (e164) DO NOTHING RETURNING e164),
  logged AS (INSERT INTO dnc_log (e164, action, reason, caller_id) SELECT e164, 'add', coalesce(p_reason, ''), p_caller FROM added RETURNING 1)
  SELECT count(*)::integer FROM logged
$$;

-- A new function may be run by anyone until told otherwise (migration 3 revoked only those before it).
REVOKE EXECUTE ON FUNCTION note_held_since(), looks_for(bigint), ${[...EVERYONE_FUNCTIONS, ...MANAGER_FUNCTIONS].join(', ')} FROM PUBLIC;
${[...EVERYONE_FUNCTIONS, ...MANAGER_FUNCTIONS].map(definer).join('\n')}
GRANT EXECUTE ON FUNCTION ${EVERYONE_FUNCTIONS.join(', ')} TO outcall_caller, outcall_supervisor, outcall_manager;
GRANT EXECUTE ON FUNCTION ${MANAGER_FUNCTIONS.join(', ')} TO outcall_manager;
`;
