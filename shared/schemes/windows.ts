import { calendarDaysBetween } from '../callflow/dates.ts';
import type { OutcomeScheme, ResultCode, ResultProblem } from './types.ts';

/**
 * The date checks every scheme shares: a follow-up inside its code's window, a meeting in the
 * future and inside the scheme's horizon. `field` is the field key a problem names.
 */

const fmtDays = (n: number) => (n === 1 ? '1 day' : `${n} days`);

/** What is wrong with the follow-up date `at` for `code` (whose `followUp` window it checks); null when nothing. */
export function followUpProblem(scheme: OutcomeScheme, code: ResultCode, at: Date, now: Date, field: string): ResultProblem | null {
  const rule = code.followUp;
  if (!rule) return null;
  const label = (slug: string) => scheme.codes.find((c) => c.slug === slug)?.label ?? slug;
  const days = calendarDaysBetween(now, at);
  if (Number.isNaN(days)) return { field, message: 'The follow-up date is not a valid date.' };
  if (at.getTime() <= now.getTime()) return { field, message: 'The follow-up date must be in the future.' };
  if (rule.maxDays !== null && days > rule.maxDays) {
    const use = rule.tooLateUse ? `: use ${label(rule.tooLateUse)}` : '';
    return { field, message: `${code.label} is for a call back ${rule.minDays} to ${rule.maxDays} days out; this one is ${fmtDays(days)} out${use}.` };
  }
  if (days < rule.minDays) {
    const message = rule.tooEarlyUse
      ? `${code.label} is for a call back more than ${rule.minDays - 1} days out; this one is ${fmtDays(days)} out: use ${label(rule.tooEarlyUse)}.`
      : `${code.label} is for a call back ${rule.minDays} to ${rule.maxDays ?? scheme.horizonDays} days out; this one is ${fmtDays(days)} out.`;
    return { field, message };
  }
  if (days > scheme.horizonDays) {
    return { field, message: `A follow-up ${fmtDays(days)} out is beyond the ${scheme.horizonDays}-day planning horizon; pick an earlier date.` };
  }
  return null;
}

/** What is wrong with a meeting at `at`; null when nothing. */
export function meetingProblem(scheme: OutcomeScheme, at: Date, now: Date, field: string): ResultProblem | null {
  if (Number.isNaN(at.getTime())) return { field, message: 'The meeting date is not a valid date.' };
  if (at.getTime() <= now.getTime()) return { field, message: 'The meeting must be in the future.' };
  if (calendarDaysBetween(now, at) > scheme.horizonDays) {
    return { field, message: `A meeting more than ${scheme.horizonDays} days out is beyond the planning horizon.` };
  }
  return null;
}
