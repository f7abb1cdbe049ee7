import type { CallFacts, OutcomeScheme, ResultCode, ResultProblem, SchemeRules, Selection } from '../types.ts';
import { followUpProblem, meetingProblem } from '../windows.ts';
import { APPOINTMENT_KIND_LABEL, APPOINTMENT_KINDS, FIELD, levelText, type ContactLevel } from './vocabulary.ts';

function labelOf(scheme: OutcomeScheme, slug: string): string {
  return scheme.codes.find((c) => c.slug === slug)?.label ?? slug;
}

/**
 * Why `code` may not be logged for this call, in the caller's words; `null` when it may.
 * The order of checks gives the most useful reason first.
 */
function whyIllegal(scheme: OutcomeScheme, code: ResultCode, f: CallFacts): string | null {
  const level = f.level as ContactLevel;
  const pitched = f.flags.pitched === true;
  const dmCutShort = f.flags.dmCutShort === true;
  const { isExistingLead, blockedAttempts } = f.record;
  if (code.campaignOption && !f.campaign[code.campaignOption]) {
    return `${code.label} is not enabled for this campaign.`;
  }
  if (code.existingLead === true && !isExistingLead) {
    return `${code.label} is only for an existing lead (a DM who earlier agreed to an email or a call back). Log No Contact and call again.`;
  }
  if (code.existingLead === false && isExistingLead && code.onExistingLeadUse) {
    return `This record is an existing lead: log ${labelOf(scheme, code.onExistingLeadUse)} instead of ${code.label}, and roll the task forward.`;
  }
  if (dmCutShort && !code.legalWhenDmCutShort) {
    const use = isExistingLead ? 'follow_up' : 'no_contact';
    return `The DM cut you short before the pitch: log ${labelOf(scheme, use)} with a call-back task.`;
  }
  if (!code.levels.includes(level)) {
    if (code.levels.length === 1 && code.levels[0] === 'decision_maker') {
      if (level === 'reception') {
        return `Only a decision maker can give ${code.label}; whatever reception says, log No Contact and call again.`;
      }
      return `${code.label} needs a conversation with the decision maker; this call reached ${levelText(level)}.`;
    }
    const allowed = code.levels.map((l) => levelText(l as ContactLevel)).join(' or ');
    return `${code.label} is for calls that reached ${allowed}; this call reached ${levelText(level)}.`;
  }
  if (code.pitch === 'required' && !pitched) {
    return `${code.label} needs a pitched DM: at least the first paragraph of the pitch delivered and listened to.`;
  }
  if (code.pitch === 'forbidden' && pitched) {
    return code.slug === 'not_interested_no_pitch'
      ? 'The DM heard the pitch: log Pitched - Not Interested.'
      : `${code.label} is not for a DM who heard the pitch.`;
  }
  if (code.minBlockedAttempts !== undefined && blockedAttempts < code.minBlockedAttempts) {
    return `${code.label} is a last resort: it needs at least ${code.minBlockedAttempts} earlier blocked attempts (this record has ${blockedAttempts}). Log No Contact and try again another day.`;
  }
  return null;
}

/** The follow-up date, the meeting and the reason of the one B2B code chosen (seed 003). */
function check(sel: Selection): ResultProblem[] {
  const { scheme, now, fields } = sel;
  const code = sel.codes[0];
  if (!code) return [];
  const problems: ResultProblem[] = [];
  const followUpAt = fields[FIELD.followUp] as Date | undefined;
  const appointmentAt = fields[FIELD.appointmentAt] as Date | undefined;
  const appointmentKind = fields[FIELD.appointmentKind] as string | undefined;
  const reason = fields[FIELD.reason] as string | undefined;

  const rule = code.followUp;
  if (!rule) {
    if (followUpAt) problems.push({ field: FIELD.followUp, message: `${code.label} takes no follow-up date.` });
  } else if (!followUpAt) {
    if (rule.required === 'always') {
      problems.push({ field: FIELD.followUp, message: `${code.label} needs a follow-up date.` });
    } else if (rule.required === 'when_dm_cut_short' && sel.facts.flags.dmCutShort) {
      problems.push({ field: FIELD.followUp, message: 'The DM asked you to call back: set a call-back date and time.' });
    }
  } else {
    const problem = followUpProblem(scheme, code, followUpAt, now, FIELD.followUp);
    if (problem) problems.push(problem);
  }

  if (code.appointment) {
    if (!appointmentAt) {
      problems.push({ field: FIELD.appointmentAt, message: 'Appointment Booked needs the meeting date and time.' });
    } else {
      const problem = meetingProblem(scheme, appointmentAt, now, FIELD.appointmentAt);
      if (problem) problems.push(problem);
    }
    if (appointmentKind !== undefined && !(APPOINTMENT_KINDS as readonly string[]).includes(appointmentKind)) {
      problems.push({
        field: FIELD.appointmentKind,
        message: `Meeting kind must be ${APPOINTMENT_KINDS.map((k) => APPOINTMENT_KIND_LABEL[k].toLowerCase()).join(', ').replace(/, ([^,]*)$/, ' or $1')}, not "${String(appointmentKind)}".`,
      });
    }
  } else if (appointmentAt) {
    problems.push({ field: FIELD.appointmentAt, message: `${code.label} books no meeting; use Appointment Booked.` });
  }

  if (code.reasons) {
    if (!reason || !code.reasons.some((x) => x.value === reason)) {
      const options = code.reasons.map((x) => x.label.toLowerCase()).join(', or ');
      problems.push({ field: FIELD.reason, message: `${code.label} needs a reason: ${options}.` });
    }
  }
  return problems;
}

/** Seed 003's rules: where each code is legal, and what logging it needs. */
export const B2B_RULES: SchemeRules = { whyIllegal, check };
