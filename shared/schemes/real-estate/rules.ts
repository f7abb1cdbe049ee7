import { followUpProblem, meetingProblem } from '../windows.ts';
import type { CallFacts, OutcomeScheme, ResultCode, ResultProblem, SchemeRules, Selection } from '../types.ts';

/**
 * The rules of seed 000 that are not data: where an outcome may be logged (the consumer flow's
 * levels), the rules between the outcomes chosen together, and the dates they take, in the
 * caller's words.
 */

const words = (scheme: OutcomeScheme, level: string) => scheme.levels.find((l) => l.id === level)?.text ?? level;

/** Why `code` may not be logged for a call with these facts; null when it may. */
function whyIllegal(scheme: OutcomeScheme, code: ResultCode, facts: CallFacts): string | null {
  if (code.levels.includes(facts.level)) return null;
  const reached = `this call reached ${words(scheme, facts.level)}`;
  const only = code.levels.length === 1 ? code.levels[0] : undefined;
  if (only === 'voicemail') return `${code.label} is only for a call that reached voicemail; ${reached}.`;
  if (only === 'wrong_number') return `${code.label} is for a call that reached someone other than the prospect, or a dead number; ${reached}.`;
  if (only === 'answered') return `${code.label} needs a conversation with the prospect; ${reached}.`;
  return `${code.label} is for calls that reached ${code.levels.map((l) => words(scheme, l)).join(' or ')}; ${reached}.`;
}

/** An outcome chosen with `with` must be chosen with `needs` too. */
const IMPLIES: readonly { with: string; needs: string; message: string }[] = [
  {
    with: 'appointment_set',
    needs: 'asked_for_appointment',
    message: 'Appointment Set means you asked for the appointment: pick Asked for Appointment as well.',
  },
];

/** Outcomes that contradict each other, with the reason in the caller's words. */
const EXCLUDES: readonly { a: string; b: readonly string[]; message: (b: string) => string }[] = [
  {
    a: 'appointment_set',
    b: ['call_back_requested', 'follow_up_requested'],
    message: (b) =>
      `A follow-up call is never an appointment: Appointment Set is a meeting (listing consultation, showing, buyer consultation or video). For a call back, log ${b} with Appointment Not Set.`,
  },
  {
    a: 'appointment_set',
    b: ['not_interested', 'do_not_call'],
    message: (b) => `${b} and Appointment Set contradict each other: pick the one that happened.`,
  },
  {
    a: 'do_not_call',
    b: ['next_step_created', 'call_back_requested', 'follow_up_requested'],
    message: (b) => `Do Not Call means no further contact: it cannot go with ${b}.`,
  },
];

/**
 * The dimensions a conversation with the prospect must answer, where the scheme has them:
 * whether the caller asked for an appointment and whether one was set (what the ask and
 * appointment rates count).
 */
const ON_A_CONVERSATION: readonly string[] = ['appointment', 'ask'];

/** Everything wrong with the outcomes chosen together for one call and their dates; empty when they may be saved. */
function check({ scheme, codes, facts, fields, now }: Selection): ResultProblem[] {
  const chosen = new Set(codes.map((c) => c.slug));
  const label = (slug: string) => scheme.codes.find((c) => c.slug === slug)?.label ?? slug;
  const problems: ResultProblem[] = [];
  const implied = IMPLIES.filter((rule) => chosen.has(rule.with) && !chosen.has(rule.needs));
  if (facts.level === 'answered') {
    for (const key of ON_A_CONVERSATION) {
      const answered = codes.some((c) => c.dimension === key) || implied.some((rule) => scheme.codes.find((c) => c.slug === rule.needs)?.dimension === key);
      if (answered || !scheme.dimensions?.some((d) => d.key === key)) continue;
      const options = scheme.codes.filter((c) => c.dimension === key).map((c) => c.label);
      problems.push({ field: 'code', message: `You spoke to the prospect: pick ${options.join(' or ')}.` });
    }
  }
  for (const rule of implied) problems.push({ field: 'code', message: rule.message });
  for (const rule of EXCLUDES) {
    if (!chosen.has(rule.a)) continue;
    for (const b of rule.b) if (chosen.has(b)) problems.push({ field: 'code', message: rule.message(label(b)) });
  }
  for (const code of codes) {
    for (const effect of code.effects) {
      const key = effect.kind === 'task' ? effect.field : effect.kind === 'book_appointment' ? effect.at : undefined;
      const at = key === undefined ? undefined : fields[key];
      if (key === undefined || !(at instanceof Date)) continue;
      const problem = effect.kind === 'task' ? followUpProblem(scheme, code, at, now, key) : meetingProblem(scheme, at, now, key);
      if (problem) problems.push(problem);
    }
  }
  return problems.filter((p, i, all) => all.findIndex((x) => x.message === p.message) === i);
}

export const REAL_ESTATE_RULES: SchemeRules = { whyIllegal, check };
