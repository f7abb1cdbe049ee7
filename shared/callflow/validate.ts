import { APPOINTMENT_KIND_LABEL, APPOINTMENT_KINDS, findCode, whyIllegal, type AppointmentKind } from '../schemes/index.ts';
import { callEnded, factsOf, schemeOf } from './b2b.ts';
import { calendarDaysBetween } from './dates.ts';
import type { CallFlowSnapshot } from './flow.ts';

export { APPOINTMENT_KINDS, type AppointmentKind };

export interface ResultProblem {
  field?: 'code' | 'followUpAt' | 'appointmentAt' | 'appointmentKind' | 'reason';
  message: string;
}

export interface ResultToValidate {
  code: string;
  snapshot: CallFlowSnapshot;
  now: Date;
  followUpAt?: Date;
  appointmentAt?: Date;
  appointmentKind?: AppointmentKind;
  reason?: string;
}

function fmtDays(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Everything that stops this result from being saved, in the caller's words; empty when it may. */
export function validateResult(r: ResultToValidate): ResultProblem[] {
  const { snapshot: s, now } = r;
  if (!callEnded(s)) {
    return [{ message: 'Finish the call first: record how it ended (hung up, no answer, voicemail or wrong number).' }];
  }
  const scheme = schemeOf(s);
  const code = findCode(scheme, r.code);
  if (!code) return [{ field: 'code', message: `"${r.code}" is not a result code of this campaign.` }];
  const illegal = whyIllegal(scheme, code, factsOf(s));
  if (illegal) return [{ field: 'code', message: illegal }];

  const problems: ResultProblem[] = [];
  const label = (slug: string) => findCode(scheme, slug)?.label ?? slug;
  const rule = code.followUp;
  if (!rule) {
    if (r.followUpAt) problems.push({ field: 'followUpAt', message: `${code.label} takes no follow-up date.` });
  } else if (!r.followUpAt) {
    if (rule.required === 'always') {
      problems.push({ field: 'followUpAt', message: `${code.label} needs a follow-up date.` });
    } else if (s.context.dmCutShort) {
      problems.push({
        field: 'followUpAt',
        message: 'The DM asked you to call back: set a call-back date and time.',
      });
    }
  } else {
    const days = calendarDaysBetween(now, r.followUpAt);
    if (Number.isNaN(days)) {
      problems.push({ field: 'followUpAt', message: 'The follow-up date is not a valid date.' });
    } else if (r.followUpAt.getTime() <= now.getTime()) {
      problems.push({ field: 'followUpAt', message: 'The follow-up date must be in the future.' });
    } else if (rule.maxDays !== null && days > rule.maxDays) {
      const use = rule.tooLateUse ? `: use ${label(rule.tooLateUse)}` : '';
      problems.push({
        field: 'followUpAt',
        message: `${code.label} is for a call back ${rule.minDays} to ${rule.maxDays} days out; this one is ${fmtDays(days)} out${use}.`,
      });
    } else if (days < rule.minDays) {
      const message = rule.tooEarlyUse
        ? `${code.label} is for a call back more than ${rule.minDays - 1} days out; this one is ${fmtDays(days)} out: use ${label(rule.tooEarlyUse)}.`
        : `${code.label} is for a call back ${rule.minDays} to ${rule.maxDays ?? scheme.horizonDays} days out; this one is ${fmtDays(days)} out.`;
      problems.push({ field: 'followUpAt', message });
    } else if (days > scheme.horizonDays) {
      problems.push({
        field: 'followUpAt',
        message: `A follow-up ${fmtDays(days)} out is beyond the ${scheme.horizonDays}-day planning horizon; pick an earlier date.`,
      });
    }
  }

  if (code.appointment) {
    if (!r.appointmentAt) {
      problems.push({ field: 'appointmentAt', message: 'Appointment Booked needs the meeting date and time.' });
    } else if (Number.isNaN(r.appointmentAt.getTime())) {
      problems.push({ field: 'appointmentAt', message: 'The meeting date is not a valid date.' });
    } else if (r.appointmentAt.getTime() <= now.getTime()) {
      problems.push({ field: 'appointmentAt', message: 'The meeting must be in the future.' });
    } else if (calendarDaysBetween(now, r.appointmentAt) > scheme.horizonDays) {
      problems.push({
        field: 'appointmentAt',
        message: `A meeting more than ${scheme.horizonDays} days out is beyond the planning horizon.`,
      });
    }
    if (r.appointmentKind !== undefined && !APPOINTMENT_KINDS.includes(r.appointmentKind)) {
      problems.push({
        field: 'appointmentKind',
        message: `Meeting kind must be ${APPOINTMENT_KINDS.map((k) => APPOINTMENT_KIND_LABEL[k].toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${String(r.appointmentKind)}".`,
      });
    }
  } else if (r.appointmentAt) {
    problems.push({ field: 'appointmentAt', message: `${code.label} books no meeting; use Appointment Booked.` });
  }

  if (code.reasons) {
    if (!r.reason || !code.reasons.some((x) => x.value === r.reason)) {
      const options = code.reasons.map((x) => x.label.toLowerCase()).join(', or ');
      problems.push({ field: 'reason', message: `${code.label} needs a reason: ${options}.` });
    }
  }
  return problems;
}
