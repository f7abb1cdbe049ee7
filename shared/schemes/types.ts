/**
 * Outcome schemes as data. A scheme is a list of result codes; each code says, in data, where
 * it is legal (contact level, pitch, record and campaign conditions), what logging it requires
 * (a follow-up date inside a window, an appointment, a reason) and what it does (close the
 * record, count a lead, add numbers to do-not-call, move the owner). The call-flow machine and
 * the engine read these fields; neither knows any code by name except through them.
 */

import type { CampaignOptions, ContactLevel, LeadKind } from './b2b/vocabulary.ts';

export type { CampaignOptions, ContactLevel, LeadKind };

export type ReportingWeight = 'positive' | 'neutral' | 'negative';

/** What a code counts as in the shift totals. */
export type Counts = 'lead' | 'appointment' | null;

/**
 * What logging an outcome does, declared as data and applied by the engine through one effect
 * registry (electron/engine/effects.ts); undoing the log takes every one back.
 */
export type Effect =
  /** The record stays on the list: called again after the campaign's retry delay, or when its task falls due. */
  | { kind: 'keep_record' }
  /** The record falls off the list. */
  | { kind: 'close_record' }
  /** A follow-up task is created (or the open one rolled) at the agreed date, inside this window. */
  | { kind: 'task'; window: FollowUpRule }
  /** The record counts as a lead (once: DOMAIN.md rule 5), of this kind. */
  | { kind: 'count_lead'; leadKind: LeadKind }
  /** A meeting is booked at the agreed date, time and kind, and counts as an appointment. */
  | { kind: 'book_appointment' }
  /** Every phone number of the record goes on the do-not-call list. */
  | { kind: 'add_numbers_to_dnc' }
  /** The record's owner moves to the client's sales rep. */
  | { kind: 'move_owner'; to: 'client' }
  /** The caller sends the campaign's intro email; the app offers the mail client. */
  | { kind: 'send_intro_email' };

export type EffectKind = Effect['kind'];

/** The effects a code lists under `actions`: the ones beyond the record, task and counts. */
export type CodeAction = 'add_numbers_to_dnc' | 'move_owner_to_client' | 'send_intro_email';

/** Whether the decision maker must (or must not) have heard the pitch. */
export type PitchRule = 'required' | 'forbidden' | 'any';

/**
 * Follow-up date rule. Days are whole calendar days from the day of the call to the day of the
 * call back. `min`/`max` are inclusive; `max: null` means no upper bound other than the
 * scheme's horizon.
 */
export interface FollowUpRule {
  required: 'always' | 'when_dm_cut_short';
  minDays: number;
  maxDays: number | null;
  /** Code to suggest when the date is past `maxDays` (e.g. "use Nurture"). */
  tooLateUse?: string;
  /** Code to suggest when the date is before `minDays` (e.g. "use Email Follow Up"). */
  tooEarlyUse?: string;
}

export interface ResultCode {
  slug: string;
  label: string;
  /** "When to use" text from the seed, in the caller's words. */
  whenToUse: string;
  /** Contact levels at which the code is legal. */
  levels: readonly ContactLevel[];
  pitch: PitchRule;
  /** What logging the code does, in order: the one declaration the fields below are read from. */
  effects: readonly Effect[];
  /** Open records stay on the list; closed ones fall off (from `effects`). */
  open: boolean;
  /** What the code counts as (from `effects`). */
  counts: Counts;
  leadKind?: LeadKind;
  /** The follow-up window (from the `task` effect). */
  followUp?: FollowUpRule;
  /** Logging needs a meeting date, time and kind (from `book_appointment`). */
  appointment?: boolean;
  /** Logging needs one of these reasons. */
  reasons?: readonly { value: string; label: string }[];
  /** The effects beyond the record, task and counts (from `effects`). */
  actions: readonly CodeAction[];
  weight: ReportingWeight;
  /** Legal only when this campaign switch is on. */
  campaignOption?: keyof CampaignOptions;
  /**
   * Record conditions. `existingLead: true` = only on an existing lead; `false` = never on one
   * (the code is replaced there by the one named in `onExistingLeadUse`).
   */
  existingLead?: boolean;
  onExistingLeadUse?: string;
  /**
   * When the DM said "can't talk, call back" before the pitch, only codes marked here are legal
   * (DOMAIN.md rule 3: the result is No Contact with a call-back task, or Follow Up on a lead).
   */
  legalWhenDmCutShort?: true;
  /** Legal only after this many earlier blocked attempts on the record. */
  minBlockedAttempts?: number;
  /** A variant of another code (campaign-specific Not Qualified reasons). */
  variantOf?: string;
  /** Single key that picks the code in the result picker. */
  shortcut: string;
}

/** Which calls a count takes: those matching every condition given (none: every call). */
export interface CallCount {
  level?: ContactLevel;
  /** Any of these levels. */
  levels?: readonly ContactLevel[];
  pitched?: true;
  /** Calls that made the record a lead (once per record). */
  newLead?: true;
  leadKind?: LeadKind;
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
  counts: CallCount;
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
  /** How far a call got, with a label for tables and words for sentences, in the flow's order. */
  levels: readonly { id: ContactLevel; label: string; text: string }[];
  /** The kinds of lead the scheme's timesheet tells apart. */
  leadKinds: readonly LeadKind[];
  /**
   * Where a campaign's own reasons (such as "No Roof") go: copies of `base`, with its legality,
   * placed after the code `after`; `prompt` labels the campaign setting. Absent when the scheme
   * takes no such reasons.
   */
  variants?: { base: string; after: string; prompt: string };
  /** The campaign switches some outcomes depend on, as the campaign's settings show them. */
  switches: readonly { key: keyof CampaignOptions; label: string }[];
  /** The count columns of the shift totals, in order (after date, caller, shift and hours). */
  timesheet: readonly TimesheetColumn[];
  /** The funnel report's stages, from dials on, each with its rate from an earlier stage. */
  funnel: readonly FunnelStage[];
  /** The reminder printed above the cheat sheet's table. */
  cheatSheet: { title: string; text: string; stress: string };
}
