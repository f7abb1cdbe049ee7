/**
 * Team migration 10: next record and log call with fifty desks at once (npm run bench -- --team).
 *
 * - lease_next (migration 5) walks the queue's own indexes. With one campaign in the database
 *   its `campaign_id = p_campaign` filters nothing, so the planner took the primary key for
 *   `ORDER BY r.id` and walked every record ever called before the first fresh one: 2,900
 *   records read per lease at 20,000, more as a list is worked (pg_stat_user_indexes over a
 *   50-desk run: records_fresh never used). Asked for the campaign as a range and for
 *   `ORDER BY campaign_id, ...`, only records_fresh and records_retry give that order, so the
 *   scan starts at the campaign's first fresh (or due) record whatever the statistics say.
 *   (An equality would not do: the planner drops a column compared with one value from the
 *   order it needs.)
 * - log_desk_call stores the call in one INSERT and changes the record in one UPDATE. It was
 *   log_call (migration 2) followed by an UPDATE of the call just inserted (every index of calls
 *   written twice: the shift totals', the outcomes', the times') and a second UPDATE of the
 *   record. Same answers, same rows.
 *
 * Both are derived from the text of the migrations that made them (derive.ts).
 */
import { between, functionText, remade, replaced } from './derive.ts';
import { FUNCTIONS } from './functions.ts';
import { definer } from './roles.ts';
import { SCHEME_SCHEMA } from './scheme-schema.ts';
import { STORE_SCHEMA } from './store-schema.ts';

const LEASE_NEXT = remade(
  STORE_SCHEMA,
  'lease_next',
  ["WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts = 0", "WHERE r.campaign_id BETWEEN p_campaign AND p_campaign AND r.status = 'open' AND r.attempts = 0"],
  ['ORDER BY r.id LIMIT 1\n     FOR UPDATE SKIP LOCKED', 'ORDER BY r.campaign_id, r.id LIMIT 1\n     FOR UPDATE SKIP LOCKED'],
  ["WHERE r.campaign_id = p_campaign AND r.status = 'open' AND r.attempts > 0", "WHERE r.campaign_id BETWEEN p_campaign AND p_campaign AND r.status = 'open' AND r.attempts > 0"],
  ['ORDER BY r.next_call_at, r.id LIMIT 1', 'ORDER BY r.campaign_id, r.next_call_at, r.id LIMIT 1'],
);

const logCall = functionText(FUNCTIONS, 'log_call');
const deskCall = functionText(SCHEME_SCHEMA, 'log_desk_call');

/** Migration 8's `UPDATE calls SET col = expr, ...` after log_call's INSERT, as columns and values of that INSERT. */
const callColumns = between(deskCall, '  UPDATE calls SET\n    ', '\n  WHERE id = p_id;')
  .split(/,\n {4}(?=[a-z_]+ = )/)
  .map((set) => {
    const at = set.indexOf(' = ');
    return { column: set.slice(0, at), value: set.slice(at + 3) };
  });
const recordEnd = "    owner = coalesce(p_plan->>'owner', owner)\n  WHERE id = p_record;\n";

const LOG_DESK_CALL = [
  replaced(deskCall.slice(0, deskCall.indexOf('BEGIN\n')), ['DECLARE\n', `DECLARE\n${between(logCall, 'DECLARE\n', 'BEGIN\n')}`], ['  answer text;\n', '']),
  'BEGIN\n',
  replaced(
    between(logCall, 'BEGIN\n', "  RETURN 'stored';\nEND $$;"),
    ['  stale := ', '  campaign := r.campaign_id;\n  stale := '],
    ['pitched, closes, next_call_at, phone, notes)', `pitched, closes, next_call_at, phone, notes,\n                     ${callColumns.map((c) => c.column).join(', ')})`],
    ["coalesce(p_notes, ''));", `coalesce(p_notes, ''),\n          ${callColumns.map((c) => c.value).join(',\n          ')});`],
    [
      '    lease_token = NULL, leased_by = NULL, lease_until = NULL\n  WHERE id = p_record;',
      `    lease_token = NULL, leased_by = NULL, lease_until = NULL,\n${between(deskCall, '  UPDATE records SET\n', recordEnd)}${recordEnd.trimEnd()}`,
    ],
  ),
  replaced(between(deskCall, recordEnd, 'END $$;'), ['  RETURN answer;', "  RETURN 'stored';"]),
  'END $$;',
].join('');

export const DESK_SPEED = `
${LEASE_NEXT}
${definer('lease_next(bigint, bigint, integer, timestamptz)')}

${LOG_DESK_CALL}
${definer('log_desk_call(uuid, bigint, bigint, uuid, timestamptz, timestamptz, text[], text, text, boolean, boolean, timestamptz, text, text, text[], text, jsonb)')}
`;
