/**
 * Team migration 12 (with hosted-meetings.ts): who a session may act for, checked by one function.
 *
 * - acting_caller(caller): the one check that a login acts only for its own caller (the
 *   database's owner for anyone). Migration 4's trigger (check_acting_caller, on every write
 *   that names a caller) and migration 5's acting_as (in the functions that hand back a record
 *   already held) stated it twice; both now call it.
 */
import { functionText, replaced } from './derive.ts';
import { STORE_SCHEMA } from './store-schema.ts';

const ROLES = 'outcall_caller, outcall_supervisor, outcall_manager';
/** Migration 5's acting_as, under the name both now call (its text, so the words stay one). */
const ACTING_CALLER = replaced(functionText(STORE_SCHEMA, 'acting_as'), ['CREATE FUNCTION acting_as(', 'CREATE FUNCTION acting_caller(']);

export const ACTING_ONCE = `
${ACTING_CALLER}
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

`;
