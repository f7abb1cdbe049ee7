/**
 * Team migration 19: what a desk's next record, dial and call cost the server, a third less
 * (npm run bench -- --team; pg_stat_statements over one desk: take_next 0.78 -> 0.31 ms,
 * log_desk_call 0.60 -> 0.49 ms, begin_dial 0.23 -> 0.17 ms; the server's CPU a cycle
 * 1.75 -> 1.11 ms).
 *
 * - Who a login is (my_caller, acting_caller, looks_for) was looked up by reading every row of
 *   callers: `session_user::text` carries the collation of `name` ("C"), and callers.login's
 *   unique index is in the database's, so the planner could not use it. Seven times a cycle, and
 *   more the more people a team has. Compared in the index's collation, it is one index probe.
 *   And they name their tables with their schema: my_caller runs in the row-level policies, in
 *   the caller's own search path, where a temporary table named callers came first and let a
 *   caller read another caller's calls and shifts.
 * - The small helpers the desk's functions call per record were `LANGUAGE sql` functions that
 *   PostgreSQL cannot inline (a FROM, SECURITY DEFINER, SET search_path): each call parsed and
 *   planned its SELECT again. Before this migration, 42% of the server's time under fifty desks
 *   was in that (perf). Now:
 *   - window_open is one expression PostgreSQL puts in place of the call (no table read, so it
 *     needs neither its owner's rights nor a search path);
 *   - dialable, looks_for and my_caller are plpgsql, whose plans a session keeps;
 *   - take_next is plpgsql.
 * - The trigger that checks whom a write names (check_acting_caller, on every lease, dial and
 *   call) read that one column by making the whole row jsonb; it reads the column by name.
 * - lease_next looks at a host's queue (hosted_queue) only for a caller who hosts meetings:
 *   one index probe instead of the whole function for every other caller.
 * - log_desk_call is one function: migration 13's kept what a call changes for Undo and called
 *   migration 10's (renamed store_desk_call), which locked the record a second time.
 * - begin_dial and log_desk_call plan their statements once a session (PLANNED_ONCE).
 * Same answers: the team suites run unchanged against them.
 */
import { ACCESS, ACTING_COLUMNS } from './access.ts';
import { ACTING_ONCE } from './acting.ts';
import { CLI_SCHEMA } from './cli-schema.ts';
import { between, functionText, remade, replaced } from './derive.ts';
import { DESK_SPEED } from './desk-speed.ts';
import { HOST_QUEUE } from './host-queue.ts';
import { definer } from './roles.ts';
import { LEASE_TUNING } from './tuning.ts';
import { DESK_CALL_ARGS, UNDO_SCHEMA } from './undo-schema.ts';

/**
 * Who the login is, by callers' index; its tables named with their schema, as the row-level
 * policies call my_caller in the caller's own search path, where a temporary table comes first.
 */
const WHO: [string, string][] = [['FROM callers WHERE login = session_user::text', 'FROM public.callers WHERE login = session_user::text COLLATE pg_catalog."default"']];
const OWNER: [string, string] = ["(SELECT relowner FROM pg_class WHERE oid = 'records'::regclass)", "(SELECT relowner FROM pg_catalog.pg_class WHERE oid = 'public.records'::regclass)"];

/** A scalar `LANGUAGE sql` function's one SELECT, returned by plpgsql instead. */
function asPlpgsql(sql: string, name: string, ...changes: [string, string][]): string {
  const text = remade(sql, name, ...changes);
  const open = text.indexOf('$$') + 2;
  const close = text.lastIndexOf('$$;');
  return `${replaced(text.slice(0, open), ['LANGUAGE sql', 'LANGUAGE plpgsql'])}
BEGIN
  RETURN (${text.slice(open, close).trim()});
END $$;`;
}

/** The column the trigger is given, of `row`, as `claimed`: by name, not through the whole row made jsonb. */
const claimedOf = (row: string) =>
  `${ACTING_COLUMNS.map((c, i) => `${i === 0 ? 'IF' : 'ELSIF'} TG_ARGV[0] = '${c}' THEN claimed := ${row}.${c};`).join('\n  ')}
  ELSE RAISE EXCEPTION 'check_acting_caller is given no column it knows: %', TG_ARGV[0];
  END IF;
`;
const CHECK_ACTING_CALLER = remade(
  ACTING_ONCE,
  'check_acting_caller',
  ['  claimed bigint := (to_jsonb(NEW) ->> TG_ARGV[0])::bigint;\nBEGIN\n', `  claimed bigint;\nBEGIN\n  ${claimedOf('NEW')}`],
  ['    claimed := (to_jsonb(OLD) ->> TG_ARGV[0])::bigint;\n', `    ${claimedOf('OLD').replaceAll('\n  ', '\n    ')}`],
);

const HOSTED = '  SELECT r.id INTO found_id FROM hosted_queue(p_campaign, p_caller, p_at) h';
const LEASE_NEXT = remade(
  HOST_QUEUE,
  'lease_next',
  [HOSTED, `  IF EXISTS (SELECT 1 FROM appointments a JOIN callers k ON a.host = k.name WHERE k.id = p_caller) THEN\n${HOSTED}`],
  ['FOR UPDATE OF r SKIP LOCKED;\n  IF found_id IS NULL THEN\n', 'FOR UPDATE OF r SKIP LOCKED;\n  END IF;\n  IF found_id IS NULL THEN\n'],
);

const undoWrapper = functionText(UNDO_SCHEMA, 'log_desk_call');
const LOG_DESK_CALL = remade(
  DESK_SPEED,
  'log_desk_call',
  ['DECLARE\n', `DECLARE\n${between(undoWrapper, 'DECLARE\n', '  answer text;\n')}`],
  [
    "    RETURN 'duplicate';\n  END IF;\n",
    `    RETURN 'duplicate';\n  END IF;\n  -- What the call is about to change, for Undo (undo_call).\n  before := to_jsonb(r);\n${between(undoWrapper, 'FOR UPDATE;\n', '  answer := ')}`,
  ],
  ["  RETURN 'stored';\nEND $$;", `${between(undoWrapper, "IF answer = 'stored' THEN\n", '  END IF;').replace(/^ {2}/, '')}  RETURN 'stored';\nEND $$;`],
);

const TAKE_NEXT = remade(HOST_QUEUE, 'take_next', ['LANGUAGE sql ROWS 1 AS $$\n', 'LANGUAGE plpgsql ROWS 1 AS $$\n#variable_conflict use_column\nBEGIN\n  RETURN QUERY\n']);

/**
 * A dial and a logged call plan their statements once a session: with PostgreSQL's default,
 * their statements were planned again at every call wherever the plan kept looked dearer than
 * the last ones (planning was 11% of the server's CPU with fifty desks working, perf; 946 ->
 * 1,022 records a second in the bench). Theirs are lookups by key and writes, one plan for
 * every value. lease_next keeps PostgreSQL's choice: planned without the campaign in hand, the
 * queue's walk in a small campaign became a sort of all its fresh records (migration 10's test
 * counts them).
 */
const PLANNED_ONCE = [
  'begin_dial(bigint, bigint, uuid, text)',
  `log_desk_call(${DESK_CALL_ARGS})`,
]
  .map((f) => `ALTER FUNCTION ${f} SET plan_cache_mode = force_generic_plan;`)
  .join('\n');

export const DESK_LEAN = `
${asPlpgsql(ACCESS, 'my_caller', ...WHO)}
${remade(ACTING_ONCE, 'acting_caller', ...WHO, OWNER)}
${asPlpgsql(CLI_SCHEMA, 'looks_for', ...WHO, OWNER)}
${asPlpgsql(LEASE_TUNING, 'dialable')}

-- Migration 2's window_open, one expression: the record's local day and time at \`at\`.
CREATE OR REPLACE FUNCTION window_open(w jsonb, tz text, at timestamptz) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(jsonb_typeof(w -> lower(to_char(at AT TIME ZONE tz, 'Dy'))) = 'object'
     AND to_char(at AT TIME ZONE tz, 'HH24:MI') >= (w -> lower(to_char(at AT TIME ZONE tz, 'Dy'))) ->> 'start'
     AND to_char(at AT TIME ZONE tz, 'HH24:MI') < (w -> lower(to_char(at AT TIME ZONE tz, 'Dy'))) ->> 'end', false)
$$;
ALTER FUNCTION window_open(jsonb, text, timestamptz) SECURITY INVOKER RESET ALL;

${CHECK_ACTING_CALLER}

${LEASE_NEXT}
${definer('lease_next(bigint, bigint, integer, timestamptz)')}

${LOG_DESK_CALL}
${definer(`log_desk_call(${DESK_CALL_ARGS})`)}
DROP FUNCTION store_desk_call(${DESK_CALL_ARGS});

${replaced(TAKE_NEXT, ['\n$$;', ';\nEND $$;'])}
${definer('take_next(bigint, bigint, integer, timestamptz)')}
${PLANNED_ONCE}
`;
