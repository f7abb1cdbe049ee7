/**
 * Outcome schemes as plug-ins. A scheme is one folder under shared/schemes/ holding, as data:
 * its outcomes (label, when to use it, group, open or closed, what it counts as, follow-up
 * window, reporting weight, key), the fields an outcome asks for, the effects of an outcome,
 * its metrics (timesheet columns and rates), the campaign settings it takes, the guidance shown
 * to callers, and its rules (which outcomes fit a call, and which go together) as functions.
 * The engine, the command line and the screens draw everything from here; nothing outside a
 * scheme's folder names one of its outcomes, levels or lead kinds.
 */

export type ReportingWeight = 'positive' | 'neutral' | 'negative';

/** What a code counts as in the shift totals. */
export type Counts = 'lead' | 'appointment' | null;

/* ------------------------------------------------------------------------------------------ */
/* Fields: what an outcome asks the caller for.                                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * The kinds of field a scheme can declare. `datetime` is read in the prospect's time zone;
 * `choice` is one of `options`, `choices` any of them; `money` a non-negative amount in the
 * campaign's currency; `host` one of the campaign's hosts or closers (its `closers` setting);
 * `product` one of the campaign's products or a new one.
 */
export type FieldType = 'datetime' | 'date' | 'choice' | 'choices' | 'text' | 'money' | 'host' | 'product';

export interface FieldOption {
  value: string;
  label: string;
}

/** A field a scheme declares once; outcomes (and campaign settings) name it by `key`. */
export interface FieldDecl {
  /** snake_case; also the key in calls.fields and in `--field key=value`. */
  key: string;
  label: string;
  type: FieldType;
  /** The values of a `choice` or `choices` field. */
  options?: readonly FieldOption[];
  /** Longest text (text, host, product; each item of choices); 500 when not given. */
  maxLength?: number;
  /** Bounds of a money amount. */
  min?: number;
  max?: number;
  /** A line of help under the field. */
  help?: string;
}

/**
 * When an outcome asks for a field at all: while another of its fields (`field`, a choice)
 * holds one of the values `in`. Otherwise the form hides it and a value given is refused.
 */
export interface FieldWhen {
  field: string;
  in: readonly string[];
}

/** A field an outcome asks for, and whether logging it needs a value (only while `when` holds, when given). */
export interface FieldUse {
  key: string;
  required: boolean;
  when?: FieldWhen;
}

/** A field's value as typed (IPC, the command line): dates as ISO text, amounts as numbers. */
export type FieldInput = string | number | readonly string[];
export type FieldInputs = Readonly<Record<string, FieldInput>>;

/** A field's value once checked against its declaration: dates as Date. */
export type FieldValue = string | number | Date | readonly string[];
export type FieldValues = Readonly<Record<string, FieldValue>>;

/* ------------------------------------------------------------------------------------------ */
/* Effects: what logging an outcome does.                                                       */
/* ------------------------------------------------------------------------------------------ */

/**
 * What logging an outcome does, declared as data and applied by the engine through one effect
 * registry (electron/engine/effects.ts); undoing the log takes every one back. Fields are named
 * by their key in the scheme's `fields`.
 */
export type Effect =
  /** The record stays on the list: called again after the campaign's retry delay, or when its task falls due. */
  | { kind: 'keep_record' }
  /** The record falls off the list. */
  | { kind: 'close_record' }
  /** A follow-up task is created (or the open one rolled) at the date in `field`, inside this window. */
  | { kind: 'task'; field: string; window: FollowUpRule }
  /** The record counts as a lead (once: DOMAIN.md rule 5), of this kind. */
  | { kind: 'count_lead'; leadKind: string }
  /**
   * A meeting is booked at the date in `at` (of the kind in `kindField`, with the host in
   * `host`), and the call counts as an appointment.
   */
  | { kind: 'book_appointment'; at: string; kindField?: string; host?: string }
  /**
   * A deal is recorded: its value, date, product, payment and closer from these fields (the
   * closer: whoever logs the call, when no field names one); `parent`
   * names a field holding an earlier deal's id (an upsell or a renewal of it).
   */
  | { kind: 'record_deal'; value: string; date?: string; product?: string; payment?: string; closer?: string; parent?: string }
  /** The call carries this flag (e.g. a prohibited topic came up); counted with `CallCount.flag`. */
  | { kind: 'flag'; flag: string }
  /** Every phone number of the record goes on the do-not-call list. */
  | { kind: 'add_numbers_to_dnc' }
  /** The record's owner moves to the client's sales rep. */
  | { kind: 'move_owner'; to: 'client' }
  /** The caller sends the campaign's intro email; the app offers the mail client. */
  | { kind: 'send_intro_email' };

export type EffectKind = Effect['kind'];

/** The effects a code lists under `actions`: the ones beyond the record, task and counts. */
export type CodeAction = 'add_numbers_to_dnc' | 'move_owner_to_client' | 'send_intro_email';

/** Whether the decision maker must (or must not) have heard the pitch (read by B2B's rules). */
export type PitchRule = 'required' | 'forbidden' | 'any';

/**
 * Follow-up date rule. Days are whole calendar days from the day of the call to the day of the
 * call back. `min`/`max` are inclusive; `max: null` means no upper bound other than the
 * scheme's horizon. `optional`: a date may be given; `when_dm_cut_short`: needed when the flow's
 * dmCutShort flag is set (B2B's rule 3).
 */
export interface FollowUpRule {
  required: 'always' | 'when_dm_cut_short' | 'optional';
  minDays: number;
  maxDays: number | null;
  /** Code to suggest when the date is past `maxDays` (e.g. "use Nurture"). */
  tooLateUse?: string;
  /** Code to suggest when the date is before `minDays` (e.g. "use Email Follow Up"). */
  tooEarlyUse?: string;
}

/* ------------------------------------------------------------------------------------------ */
/* Outcomes.                                                                                    */
/* ------------------------------------------------------------------------------------------ */

export interface ResultCode {
  slug: string;
  label: string;
  /** "When to use" text from the seed, in the caller's words. */
  whenToUse: string;
  /** The heading it sits under in the seed (e.g. "Appointment Outcomes"), if the seed groups them. */
  group?: string;
  /** The dimension it answers, in a scheme with `dimensions` (one outcome per dimension per call). */
  dimension?: string;
  /** The flow's level ids at which the code is legal. */
  levels: readonly string[];
  /** What logging the code does, in order: the one declaration the derived fields below are read from. */
  effects: readonly Effect[];
  /** The fields logging this code asks for (keys of the scheme's `fields`). */
  fields?: readonly FieldUse[];
  /** Open records stay on the list; closed ones fall off (from `effects`). */
  open: boolean;
  /** What the code counts as (from `effects`). */
  counts: Counts;
  leadKind?: string;
  /** The follow-up window (from the `task` effect). */
  followUp?: FollowUpRule;
  /** Logging books a meeting (from `book_appointment`). */
  appointment?: boolean;
  /** The effects beyond the record, task and counts (from `effects`). */
  actions: readonly CodeAction[];
  weight: ReportingWeight;
  /** Single key that picks the code in the result picker ('' for none). */
  shortcut: string;
  /** A variant of another code (a campaign's own reasons, such as Not Qualified - No Roof). */
  variantOf?: string;

  // Conditions read by the scheme's own rules (B2B's today); other schemes may leave them out.
  pitch?: PitchRule;
  /** Logging needs one of these reasons (B2B: the `reason` field's options). */
  reasons?: readonly FieldOption[];
  /** Legal only when this campaign switch is on. */
  campaignOption?: string;
  /** `true` = only on an existing lead; `false` = never on one (use `onExistingLeadUse` there). */
  existingLead?: boolean;
  onExistingLeadUse?: string;
  /** Legal when the DM cut the call short before the pitch (DOMAIN.md rule 3). */
  legalWhenDmCutShort?: true;
  /** Legal only after this many earlier blocked attempts on the record. */
  minBlockedAttempts?: number;
}

/** A dimension of a scheme that takes several outcomes per call: at most one outcome of each. */
export interface Dimension {
  key: string;
  label: string;
  /** The caller must pick an outcome of this dimension. */
  required?: boolean;
}

/* ------------------------------------------------------------------------------------------ */
/* Rules.                                                                                       */
/* ------------------------------------------------------------------------------------------ */

/** Everything a scheme's rules know about a call once it has ended. */
export interface CallFacts {
  /** The flow's level id the call reached. */
  level: string;
  /** The flow's flags (B2B: pitched, dmCutShort, transferred, blocked). */
  flags: Readonly<Record<string, boolean>>;
  record: {
    isExistingLead: boolean;
    blockedAttempts: number;
    /** The slugs of the record's earlier calls' outcomes, oldest first. */
    priorResults: readonly string[];
  };
  /** The campaign's options, with the settings the scheme declares. */
  campaign: Readonly<Record<string, unknown>>;
}

/** The outcomes a caller chose for one call, with the fields they filled in. */
export interface Selection {
  /** The scheme as the campaign sees it (with its variants). */
  scheme: OutcomeScheme;
  /** The chosen outcomes, in scheme order. */
  codes: readonly ResultCode[];
  facts: CallFacts;
  /** Checked field values by key (dates as Date). */
  fields: FieldValues;
  /** When the call is logged. */
  now: Date;
}

/** What stops a selection from being saved, in the caller's words; `field` names the field key (or 'code'). */
export interface ResultProblem {
  field?: string;
  message: string;
}

export interface SchemeRules {
  /** Why `code` may not be logged for this call, in the caller's words; null when it may. */
  whyIllegal(scheme: OutcomeScheme, code: ResultCode, facts: CallFacts): string | null;
  /**
   * Everything else that stops the selection (legal codes each) from being saved: combinations
   * of outcomes, field values and their windows. Empty when it may be saved.
   */
  check(selection: Selection): ResultProblem[];
}

/* ------------------------------------------------------------------------------------------ */
/* Metrics.                                                                                     */
/* ------------------------------------------------------------------------------------------ */

/** Which calls a count takes: those matching every condition given (none: every call). */
export interface CallCount {
  level?: string;
  /** Any of these levels. */
  levels?: readonly string[];
  /** Calls carrying this flag (a flow's flag such as pitched, or a `flag` effect's). */
  flag?: string;
  /** Calls with this outcome among their chosen ones. */
  outcome?: string;
  /** Calls with any of these outcomes among their chosen ones. */
  outcomes?: readonly string[];
  /** Calls whose field `key` equals `equals` or is one of `in`; with `notIn`, calls whose field is none of them (or not given). */
  field?: { key: string; equals?: string | number; in?: readonly (string | number)[]; notIn?: readonly (string | number)[] };
  /** Calls that made the record a lead (once per record). */
  newLead?: true;
  leadKind?: string;
  appointment?: true;
}

/** A count column of the shift totals (timesheet, exports, reports), declared by a scheme. */
export interface TimesheetColumn {
  /** The column's name in exports, snake_case. */
  column: string;
  /** The short heading on screen. */
  label: string;
  /** Its words in the one-line timesheet summary, where they differ from the heading. */
  words?: string;
  /** Those words for a count of one, where they differ ("1 dial", "1 voicemail left"). */
  one?: string;
  /**
   * Its name on the caller's shift bar, where the bar shows it live: a few figures a caller
   * keeps an eye on all day (a scheme that names none has every column there, by its heading).
   */
  bar?: string;
  counts: CallCount;
}

/** What a rate is broken down by, besides the whole campaign. */
export type RatePer = 'caller' | 'campaign' | 'product' | 'host';

/** A rate a scheme reports: a count of calls over another (or the sum of a field over a count). */
export interface Rate {
  key: string;
  label: string;
  /** What it measures, in the supervisor's words. */
  definition: string;
  numerator: CallCount;
  denominator: CallCount;
  per?: readonly RatePer[];
  /** A field to sum over the numerator's calls (e.g. deal_value) instead of counting them. */
  sum?: string;
}

/**
 * A stage of the funnel report: the calls it counts, and its rate, declared as its own count
 * (numerator) over the count of the stage named by `rateFrom` (denominator).
 */
export interface FunnelStage {
  key: string;
  label: string;
  counts: CallCount;
  rateFrom: string | null;
}

/** Guidance shown on the caller's screen (e.g. the topics an ISA must not talk about). */
export interface Guidance {
  title: string;
  intro: string;
  items: readonly { label: string; example?: string }[];
  alternatives?: string;
}

/** A level of a call flow: how far a call got, lowest first. */
export interface FlowLevel {
  id: string;
  label: string;
  /** The level as words inside a sentence ("the decision maker"). */
  text: string;
}

/* ------------------------------------------------------------------------------------------ */
/* The scheme.                                                                                  */
/* ------------------------------------------------------------------------------------------ */

export interface OutcomeScheme {
  id: string;
  /** Raised whenever the scheme's outcomes or rules change; every call stores the version it was logged with. */
  version: number;
  name: string;
  description: string;
  /** Which call-flow machine drives calls logged with this scheme: an id in shared/callflow's registry. */
  flow: string;
  /** The farthest a follow-up or appointment may be booked, in days. */
  horizonDays: number;
  codes: readonly ResultCode[];
  /** Several outcomes per call, one per dimension; absent: exactly one outcome per call. */
  dimensions?: readonly Dimension[];
  /** Every field an outcome of the scheme may ask for. */
  fields: readonly FieldDecl[];
  rules: SchemeRules;
  /** How far a call got: the flow's levels (the same list), lowest first. */
  levels: readonly FlowLevel[];
  /**
   * The levels at which a call counts as a contact in the supervisors' caller figures; every
   * level above the lowest when absent (B2B: reception and the decision maker).
   */
  contactLevels?: readonly string[];
  /** The kinds of lead the scheme's timesheet tells apart. */
  leadKinds: readonly string[];
  /** Lead kinds after which the record is an existing lead (B2B: Follow Up is then its call-back code). */
  existingLeadKinds?: readonly string[];
  /**
   * Where a campaign's own reasons (such as "No Roof") go: copies of `base`, with its legality,
   * placed after the code `after`, slugs starting `slugPrefix`, labels `labelPrefix`; `prompt`
   * labels the campaign setting. Absent when the scheme takes no such reasons.
   */
  variants?: { base: string; after: string; prompt: string; slugPrefix: string; labelPrefix: string };
  /** The campaign switches some outcomes depend on, as the campaign's settings show them. */
  switches: readonly { key: string; label: string }[];
  /** Campaign settings the scheme declares (e.g. closers, products, currency), kept in the campaign's options. */
  settings?: readonly FieldDecl[];
  /** Shown on the caller's screen beside the call. */
  guidance?: Guidance;
  /** The count columns of the shift totals, in order (after date, caller, shift and hours). */
  timesheet: readonly TimesheetColumn[];
  /**
   * The columns (of `timesheet`) the supervisor's team board shows per caller beside its dials,
   * calls and records closed; absent: the bar's columns but one counting every call.
   */
  board?: readonly string[];
  /**
   * The Reports screen's trend by day: its columns (counted as the timesheet's, headed by their
   * `bar` name, else their label) and those of them the chart draws; absent: the bar's columns,
   * the chart drawing the first four.
   */
  trend?: { columns: readonly TimesheetColumn[]; chart: readonly string[] };
  /**
   * The scheme's part of the one-line timesheet summary (Copy summary), from its columns'
   * counts; absent: each column's count and words ("3 asked for an appointment").
   */
  summary?: (count: (column: string) => number) => string;
  /** The rates the scheme reports (report rates, the Reports screen). */
  rates: readonly Rate[];
  /**
   * The rates (keys of `rates`) the Reports screen's per-caller figures show; absent: every
   * share the scheme breaks down per caller (a rate without `sum`).
   */
  callerRates?: readonly string[];
  /** The funnel report's stages, from dials on, each with its rate from an earlier stage. */
  funnel: readonly FunnelStage[];
  /** The reminder printed above the cheat sheet's table. */
  cheatSheet: { title: string; text: string; stress: string };
}
