import type { CallFacts, FieldValues, OutcomeScheme, ResultCode, ResultProblem, SchemeRules, Selection } from '../types.ts';
import { meetingProblem } from '../windows.ts';
import { CLOSER_SETTER_CODES } from './outcomes.ts';
import { MEETING_LEVELS, type MeetingLevel } from './machine.ts';
import { FIELD, NO_SALE_REASONS, REASONS_WITH_OBJECTION, REJECTED_REASONS } from './fields.ts';

/** The rules of seed 001 between a call, its lead's earlier calls and the outcome and fields chosen. */

const KIND = new Map(CLOSER_SETTER_CODES.map((c) => [c.slug, c.callKind]));
const label = (slug: string) => CLOSER_SETTER_CODES.find((c) => c.slug === slug)?.label ?? slug;
const levelText = (level: string) => MEETING_LEVELS.find((l) => l.id === level)?.text ?? level;

/** The outcome of the lead's last discovery call, or null when it had none. */
function lastDiscovery(priorResults: readonly string[]): string | null {
  for (let i = priorResults.length - 1; i >= 0; i--) {
    const slug = priorResults[i] as string;
    if (KIND.get(slug) === 'discovery') return slug;
  }
  return null;
}

/** Why the outcome `slug` may not be logged for a call at `level` on a lead with these earlier outcomes; null when it may. */
function whyIllegalOutcome(slug: string, level: string, priorResults: readonly string[]): string | null {
  const kind = KIND.get(slug);
  const code = CLOSER_SETTER_CODES.find((c) => c.slug === slug);
  if (!kind || !code) return null;
  const discovery = lastDiscovery(priorResults);
  if (kind === 'strategy' && discovery !== 'approved') {
    const was = discovery === null ? 'has had no discovery call logged' : `had its discovery call ${label(discovery)}`;
    return `${code.label} is a strategy call outcome: this lead ${was}, and a strategy call needs an Approved discovery call first. Log the discovery call (Approved or Rejected).`;
  }
  if (kind === 'discovery' && discovery === 'approved') {
    return `This lead's discovery call was already Approved: log the strategy call's outcome (${label('sale')} or ${label('no_sale')}).`;
  }
  if (!(code.levels as readonly string[]).includes(level)) {
    return `${code.label} needs a meeting that was held; this was ${levelText(level)}.`;
  }
  return null;
}

/** The reasons an outcome takes, in order. */
function reasonsOf(slug: string): readonly { value: string; label: string }[] {
  return slug === 'rejected' ? REJECTED_REASONS : slug === 'no_sale' ? NO_SALE_REASONS : [];
}

/** The reasons that fit how far the meeting got: a no-show reason only for a no-show, a cancellation only for a cancelled one. */
const REASON_LEVEL: Readonly<Record<string, MeetingLevel>> = {
  no_show: 'no_show',
  contact_cancelled: 'meeting_cancelled',
  admin_cancelled: 'meeting_cancelled',
};

const has = (v: unknown) => v !== undefined && v !== null && v !== '';
/** A text field's value, trimmed; undefined when it holds no text. */
const textOf = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The problems between the fields of an outcome and the meeting it closes, in the closer's or setter's words. */
function fieldProblems(slug: string, level: string, fields: FieldValues): ResultProblem[] {
  const code = CLOSER_SETTER_CODES.find((c) => c.slug === slug);
  if (!code) return [];
  const problems: ResultProblem[] = [];
  const reason = textOf(fields[FIELD.reason]);
  const reasons = reasonsOf(slug);
  if (reasons.length > 0 && reason !== undefined) {
    const chosen = reasons.find((r) => r.value === reason);
    if (!chosen) {
      problems.push({ field: FIELD.reason, message: `${code.label} needs a reason: ${reasons.map((r) => r.label).join(', ')}; not "${reason}".` });
    } else {
      const fits = REASON_LEVEL[reason];
      if (fits !== undefined && fits !== level) {
        problems.push({ field: FIELD.reason, message: `${chosen.label} is for ${levelText(fits)}; this was ${levelText(level)}.` });
      } else if (fits === undefined && level !== 'held' && !(slug === 'rejected' && level === 'meeting_cancelled')) {
        const fitting = reasons.filter((r) => REASON_LEVEL[r.value] === level).map((r) => r.label);
        problems.push({ field: FIELD.reason, message: `This was ${levelText(level)}: the reason is ${fitting.join(' or ')}, not ${chosen.label}.` });
      }
      if (reason === 'other' && textOf(fields[FIELD.notes]) === undefined) {
        problems.push({ field: FIELD.notes, message: `${code.label} for another reason needs notes saying what it was.` });
      }
    }
  }
  const parent = textOf(fields[FIELD.parentDeal]);
  if (parent !== undefined && !/^[1-9][0-9]{0,11}$/.test(parent)) {
    problems.push({ field: FIELD.parentDeal, message: `The earlier deal is named by its number, not "${parent}".` });
  }
  if (slug === 'no_sale' && reason !== undefined) {
    const wantsObjection = REASONS_WITH_OBJECTION.includes(reason);
    const chosen = reasons.find((r) => r.value === reason)?.label ?? reason;
    if (wantsObjection && !has(fields[FIELD.objection])) problems.push({ field: FIELD.objection, message: `${code.label}, ${chosen}: pick the objection.` });
    // The objection, strategy call and closer given for another reason are refused by their `when`.
    if (reason === 'follow_up_scheduled' && !has(fields[FIELD.strategyAt])) problems.push({ field: FIELD.strategyAt, message: `${code.label}, ${chosen}: set the date and time of the follow-up strategy call.` });
  }
  return problems;
}

/**
 * Seed 001's rules: a strategy call only after an Approved discovery call, Sale and Approved
 * only for a meeting that was held, each reason only for the meeting it describes, and the
 * strategy call booked in the future.
 */
export const CLOSER_SETTER_RULES: SchemeRules = {
  whyIllegal: (_scheme: OutcomeScheme, code: ResultCode, facts: CallFacts) => whyIllegalOutcome(code.slug, facts.level, facts.record.priorResults),
  check: (sel: Selection) => {
    const code = sel.codes[0];
    if (!code) return [];
    const problems = fieldProblems(code.slug, sel.facts.level, sel.fields);
    const at = sel.fields[FIELD.strategyAt];
    if (at instanceof Date) {
      const problem = meetingProblem(sel.scheme, at, sel.now, FIELD.strategyAt);
      if (problem) problems.push({ ...problem, message: problem.message.replace('The meeting', 'The strategy call') });
    }
    return problems;
  },
};
