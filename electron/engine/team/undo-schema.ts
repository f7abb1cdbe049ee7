/**
 * Team migration 13: the caller's desk takes back, corrects and follows up what it logged.
 *
 * - Undo: log_desk_call now keeps, beside each call it stores, what it is about to change (the
 *   record's row, its open follow-up task, the numbers the call puts on the do-not-call list) in
 *   call_undo; migration 8's function is kept under the name store_desk_call and called from the
 *   new log_desk_call. undo_call(call, caller, seconds) takes back exactly what the call did, in
 *   one transaction: its deals, meeting, task (a new one removed, the one before restored),
 *   do-not-call entries (logged as removed), the record's state and attempt, the call itself; the
 *   record is held by the caller again. Only the caller who logged it, only their last call,
 *   within the solo engine's undo window by the server's clock, and refused when the record was
 *   called since or another desk holds it.
 * - Corrections: correct_record(record, caller, token, change) applies a correction the desk
 *   checked (engine/corrections.ts planCorrection) to the record the caller holds under that
 *   lease, each change kept in record_changes with who and when.
 * - The intro email: call_intro_email(call, caller) gives the caller's own call's record (company,
 *   contact, email) and campaign; mark_intro_email_sent(call, caller) notes it was sent.
 */
import { UNDO_WINDOW_MS } from '../calls.ts';
import { functionText, replaced } from './derive.ts';
import { DESK_SPEED } from './desk-speed.ts';
import { definer, ROLE_LIST } from './roles.ts';
import { NEW_DESK_FUNCTIONS } from './store-schema.ts';

/** log_desk_call's arguments, as ALTER, GRANT and DROP name it. */
export const DESK_CALL_ARGS = 'uuid, bigint, bigint, uuid, timestamptz, timestamptz, text[], text, text, boolean, boolean, timestamptz, text, text, text[], text, jsonb';
const FUNCTIONS = [
  `log_desk_call(${DESK_CALL_ARGS})`,
  'undo_call(uuid, bigint, integer)',
  'correct_record(bigint, bigint, uuid, jsonb)',
  'call_intro_email(uuid, bigint)',
  'mark_intro_email_sent(uuid, bigint)',
];
/** Migration 10's log_desk_call up to its body (name, arguments, result), for the new one that keeps its name. */
const deskCall = functionText(DESK_SPEED, 'log_desk_call');
const DESK_CALL_HEAD = replaced(deskCall.slice(0, deskCall.indexOf('DECLARE\n')), ['CREATE OR REPLACE FUNCTION', 'CREATE FUNCTION']);

/** The caller's own call, or refused in words (a caller never learns of another's call). */
const OWN_CALL = `
  PERFORM acting_caller(p_caller);
  SELECT * INTO c FROM calls WHERE id = p_call;
  IF NOT FOUND OR c.caller_id <> p_caller THEN
    RAISE EXCEPTION 'There is no call of yours % in the team database.', p_call USING ERRCODE = 'P0001';
  END IF;`;

export const UNDO_SCHEMA = `
CREATE TABLE call_undo (
  call_id uuid PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
  record_before jsonb NOT NULL,
  task_before jsonb,
  dnc_added text[] NOT NULL DEFAULT '{}'
);

ALTER FUNCTION log_desk_call(${DESK_CALL_ARGS}) RENAME TO store_desk_call;
-- Run by the new log_desk_call only (as its owner), by nobody else: PUBLIC included, which migration 5
-- left its new functions to (migration 3 revoked PUBLIC only from the functions before it).
REVOKE EXECUTE ON FUNCTION store_desk_call(${DESK_CALL_ARGS}) FROM PUBLIC, ${ROLE_LIST};
REVOKE EXECUTE ON FUNCTION ${NEW_DESK_FUNCTIONS.filter((f) => !f.startsWith('log_desk_call(')).join(', ')} FROM PUBLIC;

${DESK_CALL_HEAD}DECLARE
  before jsonb;
  task jsonb;
  fresh text[];
  answer text;
BEGIN
  SELECT to_jsonb(r) INTO before FROM records r WHERE r.id = p_record FOR UPDATE;
  SELECT to_jsonb(t) INTO task FROM tasks t WHERE t.record_id = p_record AND t.done_at IS NULL;
  fresh := ARRAY(SELECT DISTINCT n FROM unnest(coalesce(p_dnc, '{}')) AS n WHERE NOT EXISTS (SELECT 1 FROM dnc WHERE dnc.e164 = n));
  answer := store_desk_call(p_id, p_record, p_caller, p_token, p_started, p_ended, p_events, p_result, p_level,
                            p_pitched, p_closes, p_next_call_at, p_phone, p_notes, p_dnc, p_dnc_reason, p_plan);
  IF answer = 'stored' THEN
    INSERT INTO call_undo (call_id, record_before, task_before, dnc_added) VALUES (p_id, before, task, fresh);
  END IF;
  RETURN answer;
END $$;

CREATE FUNCTION undo_call(p_call uuid, p_caller bigint, p_lease_seconds integer)
RETURNS TABLE (record_id bigint, lease_token uuid, lease_until timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
  c calls%ROWTYPE;
  u call_undo%ROWTYPE;
  r records%ROWTYPE;
  token uuid := gen_random_uuid();
  until timestamptz := now() + make_interval(secs => least(greatest(p_lease_seconds, 1), 86400));
  kept bigint;
BEGIN
  ${OWN_CALL}
  SELECT * INTO r FROM records WHERE id = c.record_id FOR UPDATE;
  IF EXISTS (SELECT 1 FROM calls k WHERE k.caller_id = p_caller AND k.id <> c.id AND k.received_at >= c.received_at) THEN
    RAISE EXCEPTION 'Only your last logged call can be undone; call % is not your last.', p_call USING ERRCODE = 'P0001';
  END IF;
  IF EXISTS (SELECT 1 FROM calls k WHERE k.record_id = c.record_id AND k.id <> c.id AND k.received_at >= c.received_at) THEN
    RAISE EXCEPTION 'Record % has been called again since; call % can no longer be undone.', c.record_id, p_call USING ERRCODE = 'P0001';
  END IF;
  IF now() - c.received_at > make_interval(secs => ${UNDO_WINDOW_MS / 1000}) THEN
    RAISE EXCEPTION 'Call % was logged more than ${UNDO_WINDOW_MS / 60_000} minutes ago: too late to undo. Correct the record instead.', p_call USING ERRCODE = 'P0001';
  END IF;
  SELECT * INTO u FROM call_undo WHERE call_id = p_call;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'Call % cannot be undone: it reached the team database after another desk took the record, or before undo was possible.', p_call
      USING ERRCODE = 'P0001';
  END IF;
  IF r.leased_by IS NOT NULL AND r.leased_by <> p_caller AND r.lease_until > now() THEN
    RAISE EXCEPTION 'Record % is being worked by another caller now.', c.record_id USING ERRCODE = 'P0001';
  END IF;
  -- Another record the caller took meanwhile goes back to the team.
  UPDATE records SET lease_token = NULL, leased_by = NULL, lease_until = NULL WHERE leased_by = p_caller AND id <> c.record_id;
  DELETE FROM deals WHERE call_id = p_call;
  DELETE FROM appointments WHERE call_id = p_call;
  kept := (u.task_before->>'id')::bigint;
  DELETE FROM tasks WHERE created_by_call = p_call AND id IS DISTINCT FROM kept;
  IF kept IS NOT NULL THEN
    UPDATE tasks t SET due_at = b.due_at, done_at = b.done_at, updated_at = b.updated_at, created_by_call = b.created_by_call
      FROM jsonb_populate_record(NULL::tasks, u.task_before) b WHERE t.id = kept;
  END IF;
  WITH gone AS (DELETE FROM dnc WHERE e164 = ANY (u.dnc_added) RETURNING e164)
  INSERT INTO dnc_log (e164, action, reason, caller_id) SELECT e164, 'remove', 'call ' || p_call || ' undone', p_caller FROM gone;
  UPDATE records t SET status = b.status, attempts = b.attempts, next_call_at = b.next_call_at, last_result = b.last_result,
         last_call_at = b.last_call_at, is_lead = b.is_lead, existing_lead = b.existing_lead, blocked_attempts = b.blocked_attempts,
         last_level = b.last_level, owner = b.owner, lease_token = token, leased_by = p_caller, lease_until = until
    FROM jsonb_populate_record(NULL::records, u.record_before) b WHERE t.id = c.record_id;
  DELETE FROM calls WHERE id = p_call;
  RETURN QUERY SELECT c.record_id, token, until;
END $$;

-- What a caller changed on a record while working it.
CREATE TABLE record_changes (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  caller_id bigint REFERENCES callers(id),
  at timestamptz NOT NULL DEFAULT now(),
  field text NOT NULL CHECK (field IN ('phone', 'direct_line', 'contact_name', 'title')),
  old_value text NOT NULL DEFAULT '' CHECK (length(old_value) <= 10000),
  new_value text NOT NULL DEFAULT '' CHECK (length(new_value) <= 10000)
);
CREATE INDEX record_changes_record ON record_changes (record_id, at);
CREATE TRIGGER record_changes_acting_caller BEFORE INSERT ON record_changes FOR EACH ROW EXECUTE FUNCTION check_acting_caller('caller_id');
ALTER TABLE record_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY record_changes_of_visible ON record_changes FOR SELECT TO outcall_caller USING (EXISTS (SELECT 1 FROM records r WHERE r.id = record_id));
CREATE POLICY record_changes_staff ON record_changes FOR SELECT TO outcall_supervisor, outcall_manager USING (true);
GRANT SELECT ON record_changes TO ${ROLE_LIST};

-- p_change: {"phones": [{"position" (null: a new number), "field", "old", "e164", "raw", "label", "extension"}],
-- "contact_name", "title"}, as the desk checked it.
CREATE FUNCTION correct_record(p_record bigint, p_caller bigint, p_token uuid, p_change jsonb) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r records%ROWTYPE;
  ch jsonb;
BEGIN
  PERFORM acting_caller(p_caller);
  SELECT * INTO r FROM records WHERE id = p_record FOR UPDATE;
  IF NOT FOUND OR r.leased_by IS DISTINCT FROM p_caller OR r.lease_token IS DISTINCT FROM p_token OR r.lease_until <= now() THEN
    RAISE EXCEPTION 'Record % is not held at this desk any more: take it again to correct it.', p_record USING ERRCODE = 'P0001';
  END IF;
  FOR ch IN SELECT * FROM jsonb_array_elements(coalesce(p_change->'phones', '[]')) LOOP
    IF ch->>'position' IS NULL THEN
      INSERT INTO phones (record_id, position, e164, raw, label, extension)
      SELECT p_record, coalesce(max(position), -1) + 1, ch->>'e164', ch->>'raw', ch->>'label', ch->>'extension' FROM phones WHERE record_id = p_record;
    ELSE
      UPDATE phones SET e164 = ch->>'e164', raw = ch->>'raw', label = ch->>'label', extension = ch->>'extension'
       WHERE record_id = p_record AND position = (ch->>'position')::integer;
    END IF;
    INSERT INTO record_changes (record_id, caller_id, field, old_value, new_value) VALUES (p_record, p_caller, ch->>'field', coalesce(ch->>'old', ''), ch->>'e164');
  END LOOP;
  IF p_change ? 'contact_name' THEN
    UPDATE records SET contact_name = p_change->>'contact_name' WHERE id = p_record;
    INSERT INTO record_changes (record_id, caller_id, field, old_value, new_value) VALUES (p_record, p_caller, 'contact_name', r.contact_name, p_change->>'contact_name');
  END IF;
  IF p_change ? 'title' THEN
    UPDATE records SET details = jsonb_set(details, '{title}', p_change->'title') WHERE id = p_record;
    INSERT INTO record_changes (record_id, caller_id, field, old_value, new_value) VALUES (p_record, p_caller, 'title', coalesce(r.details->>'title', ''), p_change->>'title');
  END IF;
END $$;

ALTER TABLE calls ADD COLUMN intro_email_sent_at timestamptz;

CREATE FUNCTION call_intro_email(p_call uuid, p_caller bigint)
RETURNS TABLE (company text, contact_name text, email text, campaign_id bigint, caller text)
LANGUAGE plpgsql STABLE AS $$
DECLARE
  c calls%ROWTYPE;
BEGIN
  ${OWN_CALL}
  RETURN QUERY SELECT r.company, r.contact_name, coalesce(r.details->>'email', ''), r.campaign_id, k.name
    FROM records r, callers k WHERE r.id = c.record_id AND k.id = p_caller;
END $$;

CREATE FUNCTION mark_intro_email_sent(p_call uuid, p_caller bigint) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  c calls%ROWTYPE;
BEGIN
  ${OWN_CALL}
  UPDATE calls SET intro_email_sent_at = now() WHERE id = p_call;
END $$;

${FUNCTIONS.map(definer).join('\n')}
REVOKE EXECUTE ON FUNCTION ${FUNCTIONS.join(', ')} FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${FUNCTIONS.join(', ')} TO ${ROLE_LIST};
`;
