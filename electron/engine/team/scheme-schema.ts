/**
 * Team migration 8: the scheme plug-ins in team mode, as SQLite's migration 7 keeps them.
 *
 * - calls keep every chosen outcome (`outcomes`, the first the call's result; indexed for the
 *   outcome report), their field values (`fields`) and their flags (the flow's and the `flag`
 *   effects');
 * - appointments keep their kind as free text (a scheme's own meeting kinds) and their host;
 * - deals: what a `record_deal` effect wrote, read as calls are (a caller their own, staff all);
 * - log_desk_call stores them from its JSON argument (`results`, `fields`, `flags`,
 *   `appointment_host`, `deal`), as the desk planned them; writes still go only through it.
 */
import { definer } from './roles.ts';

const LOG_DESK_CALL =
  'log_desk_call(uuid, bigint, bigint, uuid, timestamptz, timestamptz, text[], text, text, boolean, boolean, timestamptz, text, text, text[], text, jsonb)';

export const SCHEME_SCHEMA = `
ALTER TABLE calls
  ADD COLUMN outcomes text[] NOT NULL DEFAULT '{}' CHECK (cardinality(outcomes) <= 50),
  ADD COLUMN fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(fields) = 'object' AND length(fields::text) <= 100000),
  ADD COLUMN flags jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(flags) = 'object' AND length(flags::text) <= 10000);
UPDATE calls SET outcomes = ARRAY[result],
  flags = jsonb_build_object('pitched', pitched) || CASE WHEN blocked THEN '{"blocked": true}'::jsonb ELSE '{}'::jsonb END;
CREATE INDEX calls_outcomes ON calls USING gin (outcomes);

ALTER TABLE appointments
  DROP CONSTRAINT IF EXISTS appointments_kind_check,
  ALTER COLUMN kind SET DEFAULT '',
  ADD CONSTRAINT appointments_kind_length CHECK (length(kind) <= 100),
  ADD COLUMN host text CHECK (length(host) <= 200);
CREATE INDEX appointments_host ON appointments (host, at) WHERE host IS NOT NULL;

-- A deal a call closed: its value and what it was for; an upsell or a renewal points at the
-- deal it grows from.
CREATE TABLE deals (
  id bigserial PRIMARY KEY,
  record_id bigint NOT NULL REFERENCES records(id),
  call_id uuid NOT NULL REFERENCES calls(id),
  campaign_id bigint NOT NULL REFERENCES campaigns(id),
  caller_id bigint NOT NULL REFERENCES callers(id),
  parent_id bigint REFERENCES deals(id),
  value numeric NOT NULL CHECK (value >= 0),
  currency text NOT NULL DEFAULT '' CHECK (length(currency) <= 10),
  deal_date text CHECK (length(deal_date) <= 40),
  product text CHECK (length(product) <= 200),
  payment text CHECK (length(payment) <= 100),
  closer text CHECK (length(closer) <= 200),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deals_campaign ON deals (campaign_id, created_at);
CREATE INDEX deals_call ON deals (call_id);
ALTER TABLE deals ENABLE ROW LEVEL SECURITY;
CREATE POLICY deals_own ON deals FOR SELECT TO outcall_caller USING (caller_id = (SELECT my_caller()));
CREATE POLICY deals_staff ON deals FOR SELECT TO outcall_supervisor, outcall_manager USING (true);
GRANT SELECT ON deals TO outcall_caller, outcall_supervisor, outcall_manager;

-- p_plan as in migration 5, and: "results" (every chosen outcome, in the scheme's order),
-- "fields" (their values), "flags", "appointment_host", "deal" ({"value", "currency",
-- "deal_date", "product", "payment", "closer", "parent"}, or null).
CREATE OR REPLACE FUNCTION log_desk_call(
  p_id uuid, p_record bigint, p_caller bigint, p_token uuid,
  p_started timestamptz, p_ended timestamptz, p_events text[], p_result text, p_level text,
  p_pitched boolean, p_closes boolean, p_next_call_at timestamptz, p_phone text, p_notes text,
  p_dnc text[], p_dnc_reason text, p_plan jsonb
) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
  answer text;
  task_due timestamptz := (p_plan->>'task_due_at')::timestamptz;
  deal jsonb := p_plan->'deal';
  campaign bigint;
  parent bigint;
BEGIN
  answer := log_call(p_id, p_record, p_caller, p_token, p_started, p_ended, p_events, p_result, p_level,
                     p_pitched, p_closes, p_next_call_at, p_phone, p_notes, p_dnc, p_dnc_reason);
  IF answer = 'duplicate' THEN RETURN answer; END IF;
  SELECT campaign_id INTO campaign FROM records WHERE id = p_record;
  UPDATE calls SET
    campaign_id = campaign,
    shift_id = (SELECT s.id FROM shifts s WHERE s.caller_id = p_caller AND s.started_at <= p_started
                  AND (s.ended_at IS NULL OR s.ended_at >= p_started) ORDER BY s.started_at DESC LIMIT 1),
    scheme_id = p_plan->>'scheme_id',
    scheme_version = (p_plan->>'scheme_version')::integer,
    new_lead = coalesce((p_plan->>'new_lead')::boolean, false),
    lead_kind = p_plan->>'lead_kind',
    appointment = coalesce((p_plan->>'appointment')::boolean, false),
    blocked = coalesce((p_plan->>'blocked')::boolean, false),
    follow_up_at = (p_plan->>'follow_up_at')::timestamptz,
    reason = p_plan->>'reason',
    outcomes = CASE WHEN jsonb_typeof(p_plan->'results') = 'array'
                    THEN ARRAY(SELECT jsonb_array_elements_text(p_plan->'results')) ELSE ARRAY[p_result] END,
    fields = CASE WHEN jsonb_typeof(p_plan->'fields') = 'object' THEN p_plan->'fields' ELSE '{}' END,
    flags = CASE WHEN jsonb_typeof(p_plan->'flags') = 'object' THEN p_plan->'flags' ELSE jsonb_build_object('pitched', p_pitched) END
  WHERE id = p_id;
  IF answer = 'late' THEN RETURN answer; END IF;
  UPDATE records SET
    is_lead = is_lead OR coalesce((p_plan->>'lead')::boolean, false),
    existing_lead = existing_lead OR coalesce((p_plan->>'existing_lead')::boolean, false),
    blocked_attempts = blocked_attempts + CASE WHEN coalesce((p_plan->>'blocked')::boolean, false) THEN 1 ELSE 0 END,
    last_level = p_level,
    owner = coalesce(p_plan->>'owner', owner)
  WHERE id = p_record;
  IF task_due IS NOT NULL THEN
    UPDATE tasks SET due_at = task_due, updated_at = now(), created_by_call = p_id WHERE record_id = p_record AND done_at IS NULL;
    IF NOT FOUND THEN
      INSERT INTO tasks (record_id, campaign_id, due_at, created_by_call) VALUES (p_record, campaign, task_due, p_id);
    END IF;
  ELSE
    UPDATE tasks SET done_at = p_ended, updated_at = now() WHERE record_id = p_record AND done_at IS NULL;
  END IF;
  IF p_plan->>'appointment_at' IS NOT NULL THEN
    INSERT INTO appointments (record_id, call_id, at, kind, host)
    VALUES (p_record, p_id, (p_plan->>'appointment_at')::timestamptz, coalesce(p_plan->>'appointment_kind', ''), p_plan->>'appointment_host');
  END IF;
  IF jsonb_typeof(deal) = 'object' THEN
    parent := (deal->>'parent')::bigint;
    IF parent IS NOT NULL AND NOT EXISTS (SELECT 1 FROM deals WHERE id = parent AND campaign_id = campaign) THEN
      RAISE EXCEPTION 'There is no deal % in this campaign to grow from.', parent USING ERRCODE = 'P0001';
    END IF;
    INSERT INTO deals (record_id, call_id, campaign_id, caller_id, parent_id, value, currency, deal_date, product, payment, closer)
    VALUES (p_record, p_id, campaign, p_caller, parent, (deal->>'value')::numeric, coalesce(deal->>'currency', ''),
            deal->>'deal_date', deal->>'product', deal->>'payment', deal->>'closer');
  END IF;
  RETURN answer;
END $$;
${definer(LOG_DESK_CALL)}
`;
