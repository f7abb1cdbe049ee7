/**
 * Live updates (team migration 6): triggers raise a NOTIFY on channel `outcall` when a call is
 * stored, a number goes on or off the do-not-call list, a record's lease changes hands and a
 * shift starts or ends. Payloads are small JSON objects naming ids only; a desk that hears one
 * asks for what it shows. A notification goes out when its transaction commits.
 */
export { parseTeamEvent, type TeamEvent } from '../../../shared/team/events.ts';

export const TEAM_CHANNEL = 'outcall';

export const NOTIFY = `
CREATE FUNCTION notify_call() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'call', 'caller', NEW.caller_id, 'record', NEW.record_id,
    'campaign', (SELECT campaign_id FROM records WHERE id = NEW.record_id))::text);
  RETURN NULL;
END $$;
CREATE TRIGGER calls_notify AFTER INSERT ON calls FOR EACH ROW EXECUTE FUNCTION notify_call();

CREATE FUNCTION notify_dnc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'dnc', 'e164', NEW.e164, 'action', NEW.action)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER dnc_log_notify AFTER INSERT ON dnc_log FOR EACH ROW EXECUTE FUNCTION notify_dnc();

-- Taken, released, force-released or freed by a logged call; a renewal (same token) is quiet.
CREATE FUNCTION notify_lease() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'lease', 'record', NEW.id, 'campaign', NEW.campaign_id,
    'caller', NEW.leased_by, 'before', OLD.leased_by)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER records_lease_notify AFTER UPDATE OF lease_token ON records FOR EACH ROW
  WHEN (OLD.lease_token IS DISTINCT FROM NEW.lease_token) EXECUTE FUNCTION notify_lease();

CREATE FUNCTION notify_shift() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('${TEAM_CHANNEL}', json_build_object('kind', 'shift', 'caller', NEW.caller_id, 'open', NEW.ended_at IS NULL)::text);
  RETURN NULL;
END $$;
CREATE TRIGGER shifts_notify AFTER INSERT OR UPDATE OF ended_at ON shifts FOR EACH ROW EXECUTE FUNCTION notify_shift();
`;
