/**
 * Team migration 12 (with acting.ts): hosted meetings on the server.
 *
 * - host_bookings(campaign, at, within): the hosts with a meeting still to be held within
 *   `within` seconds of `at` ('busy') and the host of the campaign's last meeting ('last'), for
 *   round robin (meetings.ts chooseHost, through desk-call.ts teamHost). It runs as its owner:
 *   under a caller's login, row-level security hides other callers' records and with them their
 *   meetings, so a check made by the desk itself would be blind. It hands back host names only:
 *   no meeting, record or time.
 * - prior_outcomes(record, caller): the outcomes of a record's earlier calls, oldest first (each
 *   call's result first), that a scheme's rules look back on (a strategy call needs an Approved
 *   discovery call, most often logged by another caller, whose calls a caller's login cannot
 *   read); for a record the caller holds or could take, and nothing else of those calls.
 * - begin_dial and renew_lease: a closed record is dialled (and its lease kept) for its open
 *   follow-up task (migration 5) and now also for its hosted meeting still to be held (a
 *   strategy call booked by Approved), as the store path and the SQLite engine let it be logged.
 *   Derived from migrations 5's and 2's text.
 */
import { functionText, remade, replaced } from './derive.ts';
import { definer, forOurRoles } from './roles.ts';
import { FUNCTIONS } from './functions.ts';
import { STORE_SCHEMA } from './store-schema.ts';

const HOST_BOOKINGS = 'host_bookings(bigint, timestamptz, integer)';
const PRIOR_OUTCOMES = 'prior_outcomes(bigint, bigint)';

/** A meeting `a` booked by the call `booked`, with no call logged on its record since: still to be held. */
export const PENDING_MEETING = 'NOT EXISTS (SELECT 1 FROM calls later WHERE later.record_id = a.record_id AND later.ended_at > booked.ended_at)';

/** A closed record that still has a call to make: its follow-up task is open, or its hosted meeting is still to be held. */
const CLOSED_BUT_DUE = `(EXISTS (SELECT 1 FROM tasks WHERE record_id = p_record AND done_at IS NULL)
     OR EXISTS (SELECT 1 FROM appointments a JOIN calls booked ON booked.id = a.call_id
                WHERE a.record_id = p_record AND a.host IS NOT NULL AND ${PENDING_MEETING}))`;

/** begin_dial (migration 5) and renew_lease (migration 2): a closed record with a hosted meeting to be held is dialled and kept like one with a task. */
const DIAL_FOR_MEETINGS = [
  replaced(functionText(STORE_SCHEMA, 'begin_dial'), [
    "IF r.status <> 'open' AND NOT EXISTS (SELECT 1 FROM tasks WHERE record_id = p_record AND done_at IS NULL) THEN",
    `IF r.status <> 'open' AND NOT ${CLOSED_BUT_DUE} THEN`,
  ]),
  remade(FUNCTIONS, 'renew_lease', ["AND status = 'open'", `AND (status = 'open' OR ${CLOSED_BUT_DUE})`]),
].join('\n');

export const HOSTED_MEETINGS = `
CREATE FUNCTION host_bookings(p_campaign bigint, p_at timestamptz, p_within integer)
RETURNS TABLE (host text, why text) LANGUAGE sql STABLE AS $$
  SELECT DISTINCT a.host, 'busy' FROM appointments a JOIN records r ON r.id = a.record_id JOIN calls booked ON booked.id = a.call_id
   WHERE r.campaign_id = p_campaign AND a.host IS NOT NULL
     AND a.at > p_at - make_interval(secs => p_within) AND a.at < p_at + make_interval(secs => p_within)
     AND ${PENDING_MEETING}
  UNION ALL
  (SELECT a.host, 'last' FROM appointments a JOIN records r ON r.id = a.record_id
    WHERE r.campaign_id = p_campaign AND a.host IS NOT NULL ORDER BY a.id DESC LIMIT 1)
$$;
${forOurRoles(HOST_BOOKINGS)}

CREATE FUNCTION prior_outcomes(p_record bigint, p_caller bigint) RETURNS text[] LANGUAGE plpgsql STABLE AS $$
BEGIN
  PERFORM acting_caller(p_caller);
  IF EXISTS (SELECT 1 FROM records WHERE id = p_record AND leased_by <> p_caller AND lease_until > now()) THEN
    RAISE EXCEPTION 'Record % is being worked at another desk right now.', p_record USING ERRCODE = 'P0001';
  END IF;
  RETURN ARRAY(SELECT u.o FROM calls c, unnest(c.outcomes) AS u(o) WHERE c.record_id = p_record AND NOT c.late
               ORDER BY c.ended_at, c.started_at, u.o <> c.result, u.o);
END $$;
${forOurRoles(PRIOR_OUTCOMES)}

${DIAL_FOR_MEETINGS}
${definer('begin_dial(bigint, bigint, uuid, text)')}
${definer('renew_lease(bigint, bigint, uuid, integer)')}
`;
