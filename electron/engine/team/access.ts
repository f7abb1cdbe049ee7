/**
 * Who sees which rows, and who a desk may act for (team migration 4).
 *
 * - Each person logs in as a login of their own (`outcall team add`), a member of one group
 *   role; `callers.login` ties the login to its caller row, and my_caller() gives that row for
 *   the session.
 * - Row-level security: a caller reads their own calls, dials and shifts, and the records (with
 *   their phones) they hold or that are free to take; supervisors and managers read every row;
 *   managers alone change records and phones (and, through their grants, lists and campaigns).
 * - The desk functions run as their owner and so write past the policies; what they write for a
 *   caller (a lease, a dial, a call, a shift, a do-not-call entry) must be for the caller logged
 *   in, and only the holder (or a supervisor or manager) lets go of a hold. A trigger on each of
 *   those tables checks it, whichever function writes: a login cannot act for someone else by
 *   passing another caller's id. A session that may act as the tables' owner anyway (the login
 *   that ran team init, a superuser) is trusted with the id it gives.
 */

/** Tables a write names a caller in, and the column that names them. */
const ACTING = [
  ['records', 'leased_by', 'UPDATE OF leased_by'],
  ['calls', 'caller_id', 'INSERT'],
  ['dials', 'caller_id', 'INSERT'],
  ['shifts', 'caller_id', 'INSERT OR UPDATE OF caller_id'],
  ['dnc', 'added_by', 'INSERT'],
  ['dnc_log', 'caller_id', 'INSERT'],
] as const;
/** The columns check_acting_caller is given: whom a row names. */
export const ACTING_COLUMNS = [...new Set(ACTING.map(([, column]) => column))];

/** Tables a caller reads only their own rows of. */
const OWN_ROWS = ['calls', 'dials', 'shifts'] as const;

const STAFF = 'outcall_supervisor, outcall_manager';

export const ACCESS = `
ALTER TABLE callers ADD COLUMN login text UNIQUE CHECK (login IS NULL OR length(login) BETWEEN 1 AND 63);

-- The caller row of the person logged in; null for a login that is nobody's.
CREATE FUNCTION my_caller() RETURNS bigint
LANGUAGE sql STABLE AS $$ SELECT id FROM callers WHERE login = session_user::text $$;

CREATE FUNCTION check_acting_caller() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  claimed bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;
  mine bigint;
BEGIN
  IF claimed IS NULL AND TG_OP = 'UPDATE' THEN
    -- Letting go of a hold: the holder's own, or a supervisor's or manager's.
    claimed := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;
    IF pg_has_role(session_user, 'outcall_supervisor', 'MEMBER') OR pg_has_role(session_user, 'outcall_manager', 'MEMBER') THEN RETURN NEW; END IF;
  END IF;
  IF claimed IS NULL THEN RETURN NEW; END IF;
  IF pg_has_role(session_user, (SELECT relowner FROM pg_class WHERE oid = TG_RELID), 'MEMBER') THEN RETURN NEW; END IF;
  SELECT id INTO mine FROM callers WHERE login = session_user::text;
  IF mine IS NULL THEN
    RAISE EXCEPTION 'login % is nobody in this team: a manager adds people with outcall team add', session_user USING ERRCODE = '42501';
  END IF;
  IF claimed <> mine THEN
    RAISE EXCEPTION 'login % is caller %, and cannot act for caller %', session_user, mine, claimed USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;

${ACTING.map(
  ([table, column, when]) =>
    `CREATE TRIGGER ${table}_acting_caller BEFORE ${when} ON ${table} FOR EACH ROW EXECUTE FUNCTION check_acting_caller('${column}');`,
).join('\n')}

${OWN_ROWS.map(
  (table) => `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
CREATE POLICY ${table}_own ON ${table} FOR SELECT TO outcall_caller USING (caller_id = (SELECT my_caller()));
CREATE POLICY ${table}_staff ON ${table} FOR SELECT TO ${STAFF} USING (true);`,
).join('\n')}

ALTER TABLE records ENABLE ROW LEVEL SECURITY;
CREATE POLICY records_held_or_free ON records FOR SELECT TO outcall_caller USING (
  (leased_by = (SELECT my_caller()) AND lease_until > now())
  OR (status = 'open' AND (lease_until IS NULL OR lease_until <= now())));
CREATE POLICY records_staff ON records FOR SELECT TO outcall_supervisor USING (true);
CREATE POLICY records_manager ON records FOR ALL TO outcall_manager USING (true) WITH CHECK (true);

-- A record's numbers, where its record is to be seen.
ALTER TABLE phones ENABLE ROW LEVEL SECURITY;
CREATE POLICY phones_of_visible ON phones FOR SELECT TO outcall_caller USING (EXISTS (SELECT 1 FROM records r WHERE r.id = record_id));
CREATE POLICY phones_staff ON phones FOR SELECT TO outcall_supervisor USING (true);
CREATE POLICY phones_manager ON phones FOR ALL TO outcall_manager USING (true) WITH CHECK (true);

GRANT SELECT ON ${OWN_ROWS.join(', ')}, team_migrations TO outcall_caller;
-- A manager names and re-roles callers; only team add ties a login to one.
REVOKE INSERT, UPDATE ON callers FROM outcall_manager;
GRANT INSERT (name, role), UPDATE (name, role) ON callers TO outcall_manager;

REVOKE EXECUTE ON FUNCTION my_caller(), check_acting_caller() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION my_caller() TO outcall_caller, ${STAFF};
`;
