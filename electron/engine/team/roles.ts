/**
 * Who may do what on the team database (migration 3). Three group roles, one per kind of
 * person; `team add` makes each person a login in one of them (logins.ts).
 *
 * - Nobody writes a table directly: desks write through the functions, which run as their
 *   owner (SECURITY DEFINER, with a fixed search_path).
 * - outcall_caller: the desk's functions, and reading what a desk shows.
 * - outcall_supervisor: also reads every table (shifts, calls, the logs) and force-releases.
 * - outcall_manager: also changes campaigns, lists and records, and removes do-not-call numbers.
 *
 * Which rows each reads, and tying p_caller to the login that calls: access.ts (migration 4).
 */
const DESK_FUNCTIONS = [
  'window_open(jsonb, text, timestamptz)',
  'lease_next(bigint, bigint, integer)',
  'renew_lease(bigint, bigint, uuid, integer)',
  'release(bigint, bigint, uuid)',
  'begin_dial(bigint, bigint, uuid, text)',
  'log_call(uuid, bigint, bigint, uuid, timestamptz, timestamptz, text[], text, text, boolean, boolean, timestamptz, text, text, text[], text)',
  'add_dnc(text, text, bigint)',
];
const SUPERVISOR_FUNCTIONS = ['force_release(bigint)'];
const MANAGER_FUNCTIONS = ['remove_dnc(text, text, bigint)'];

export const TEAM_ROLES = ['outcall_caller', 'outcall_supervisor', 'outcall_manager'] as const;

export const definer = (f: string) => `ALTER FUNCTION ${f} SECURITY DEFINER SET search_path = public, pg_temp;`;

/** The three group roles, as a GRANT names them. */
export const ROLE_LIST = TEAM_ROLES.join(', ');

/** A function that runs as its owner, for Outcall's roles only (PUBLIC, which PostgreSQL grants new functions to, revoked). */
export const forOurRoles = (f: string) => `${definer(f)}
REVOKE EXECUTE ON FUNCTION ${f} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${f} TO ${ROLE_LIST};`;

export const ROLES = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outcall_caller') THEN CREATE ROLE outcall_caller NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outcall_supervisor') THEN CREATE ROLE outcall_supervisor NOLOGIN; END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'outcall_manager') THEN CREATE ROLE outcall_manager NOLOGIN; END IF;
END $$;

CREATE FUNCTION remove_dnc(p_e164 text, p_reason text, p_caller bigint) RETURNS boolean
LANGUAGE plpgsql AS $f$
BEGIN
  IF length(btrim(coalesce(p_reason, ''))) = 0 THEN
    RAISE EXCEPTION 'say why % comes off the do-not-call list', p_e164 USING ERRCODE = '22023';
  END IF;
  DELETE FROM dnc WHERE e164 = p_e164;
  IF NOT FOUND THEN RETURN false; END IF;
  INSERT INTO dnc_log (e164, action, reason, caller_id) VALUES (p_e164, 'remove', p_reason, p_caller);
  RETURN true;
END $f$;

REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC;
REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO outcall_caller, outcall_supervisor, outcall_manager;

${[...DESK_FUNCTIONS, ...SUPERVISOR_FUNCTIONS, ...MANAGER_FUNCTIONS].map(definer).join('\n')}
GRANT EXECUTE ON FUNCTION ${DESK_FUNCTIONS.join(', ')} TO outcall_caller, outcall_supervisor, outcall_manager;
GRANT EXECUTE ON FUNCTION ${SUPERVISOR_FUNCTIONS.join(', ')} TO outcall_supervisor, outcall_manager;
GRANT EXECUTE ON FUNCTION ${MANAGER_FUNCTIONS.join(', ')} TO outcall_manager;

GRANT SELECT ON callers, campaigns, lists, records, phones, dnc TO outcall_caller;
GRANT SELECT ON ALL TABLES IN SCHEMA public TO outcall_supervisor, outcall_manager;
GRANT INSERT, UPDATE ON campaigns, lists, records, phones, callers TO outcall_manager;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO outcall_manager;
`;
