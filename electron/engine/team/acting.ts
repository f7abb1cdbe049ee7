/**
 * Team migration 12 (with hosted-meetings.ts): who a session may act for, checked by one function.
 *
 * - acting_caller(caller): the one check that a login acts only for its own caller (the
 *   database's owner for anyone). Migration 4's trigger (check_acting_caller, on every write
 *   that names a caller) and migration 5's acting_as (in the functions that hand back a record
 *   already held) stated it twice; both now call it.
 */
import { ACCESS } from './access.ts';
import { between, functionText, remade, replaced } from './derive.ts';
import { ROLE_LIST } from './roles.ts';
import { STORE_SCHEMA } from './store-schema.ts';

/** Migration 5's acting_as, under the name both now call (its text, so the words stay one). */
const ACTING_CALLER = replaced(functionText(STORE_SCHEMA, 'acting_as'), ['CREATE FUNCTION acting_as(', 'CREATE FUNCTION acting_caller(']);
/** Migration 4's trigger function with its own check of the login replaced by acting_caller's. */
const checkText = functionText(ACCESS, 'check_acting_caller');
const OWN_CHECK = 'IF claimed IS NULL THEN RETURN NEW; END IF;\n';
const CHECK_ACTING_CALLER = remade(
  ACCESS,
  'check_acting_caller',
  ['  mine bigint;\n', ''],
  [`${OWN_CHECK}${between(checkText, OWN_CHECK, '  RETURN NEW;\nEND $$;')}`, 'IF claimed IS NOT NULL THEN PERFORM acting_caller(claimed); END IF;\n'],
);

export const ACTING_ONCE = `
${ACTING_CALLER}
REVOKE EXECUTE ON FUNCTION acting_caller(bigint) FROM PUBLIC;
-- The trigger runs as whoever writes: a manager changing records directly calls it too.
GRANT EXECUTE ON FUNCTION acting_caller(bigint) TO ${ROLE_LIST};

CREATE OR REPLACE FUNCTION acting_as(p_caller bigint) RETURNS void LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM acting_caller(p_caller);
END $$;

${CHECK_ACTING_CALLER}

`;
