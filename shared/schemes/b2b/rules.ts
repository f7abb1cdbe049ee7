import type { CodeAction, OutcomeScheme, ResultCode } from '../types.ts';
import { EXISTING_LEAD_KINDS, levelText, type CampaignOptions, type ContactLevel } from './vocabulary.ts';

/** What is known about a call once it has ended, plus the record and campaign it belongs to. */
export interface CallFacts {
  level: ContactLevel;
  pitched: boolean;
  /** The DM answered but said "can't talk, call back" before the pitch. */
  dmCutShort: boolean;
  isExistingLead: boolean;
  blockedAttempts: number;
  campaign: CampaignOptions;
}

function labelOf(scheme: OutcomeScheme, slug: string): string {
  return scheme.codes.find((c) => c.slug === slug)?.label ?? slug;
}

/**
 * Why `code` may not be logged for this call, in the caller's words; `null` when it may.
 * The order of checks gives the most useful reason first.
 */
export function whyIllegal(scheme: OutcomeScheme, code: ResultCode, f: CallFacts): string | null {
  if (code.campaignOption && !f.campaign[code.campaignOption]) {
    return `${code.label} is not enabled for this campaign.`;
  }
  if (code.existingLead === true && !f.isExistingLead) {
    return `${code.label} is only for an existing lead (a DM who earlier agreed to an email or a call back). Log No Contact and call again.`;
  }
  if (code.existingLead === false && f.isExistingLead && code.onExistingLeadUse) {
    return `This record is an existing lead: log ${labelOf(scheme, code.onExistingLeadUse)} instead of ${code.label}, and roll the task forward.`;
  }
  if (f.dmCutShort && !code.legalWhenDmCutShort) {
    const use = f.isExistingLead ? 'follow_up' : 'no_contact';
    return `The DM cut you short before the pitch: log ${labelOf(scheme, use)} with a call-back task.`;
  }
  if (!code.levels.includes(f.level)) {
    if (code.levels.length === 1 && code.levels[0] === 'decision_maker') {
      if (f.level === 'reception') {
        return `Only a decision maker can give ${code.label}; whatever reception says, log No Contact and call again.`;
      }
      return `${code.label} needs a conversation with the decision maker; this call reached ${levelText(f.level)}.`;
    }
    const allowed = code.levels.map(levelText).join(' or ');
    return `${code.label} is for calls that reached ${allowed}; this call reached ${levelText(f.level)}.`;
  }
  if (code.pitch === 'required' && !f.pitched) {
    return `${code.label} needs a pitched DM: at least the first paragraph of the pitch delivered and listened to.`;
  }
  if (code.pitch === 'forbidden' && f.pitched) {
    return code.slug === 'not_interested_no_pitch'
      ? 'The DM heard the pitch: log Pitched - Not Interested.'
      : `${code.label} is not for a DM who heard the pitch.`;
  }
  if (code.minBlockedAttempts !== undefined && f.blockedAttempts < code.minBlockedAttempts) {
    return `${code.label} is a last resort: it needs at least ${code.minBlockedAttempts} earlier blocked attempts (this record has ${f.blockedAttempts}). Log No Contact and try again another day.`;
  }
  return null;
}

/** The codes of `scheme` that may be logged for a call with these facts, in scheme order. */
export function legalCodes(scheme: OutcomeScheme, f: CallFacts): ResultCode[] {
  return scheme.codes.filter((c) => whyIllegal(scheme, c, f) === null);
}

/**
 * What logging `code` adds to the lead and appointment counts (DOMAIN.md rule 5): a record
 * counts as a lead once, the first time a DM agrees to further communication; later lead codes
 * on it roll the task forward and count no new lead. Appointments always count as appointments.
 */
export function countEffect(code: ResultCode, recordIsAlreadyLead: boolean): { newLead: boolean; appointment: boolean } {
  return {
    newLead: code.counts === 'lead' && !recordIsAlreadyLead,
    appointment: code.counts === 'appointment',
  };
}

/**
 * Whether a record becomes (or stays) an existing lead, the state in which Follow Up is the
 * code for calls that miss the DM: a DM agreed to a call back with an email or a nurture.
 */
export function makesExistingLead(code: ResultCode): boolean {
  return code.leadKind !== undefined && EXISTING_LEAD_KINDS.includes(code.leadKind);
}

/** Actions that cannot be taken back by calling again: a code with one asks for confirmation. */
const DESTRUCTIVE: readonly CodeAction[] = ['add_numbers_to_dnc'];

export function isDestructive(code: ResultCode): boolean {
  return code.actions.some((a) => DESTRUCTIVE.includes(a));
}

/**
 * The legal codes in the order a caller most likely wants them at this stage of the call: the
 * ones that keep the record in play first, then leads and appointments, then codes specific to
 * fewer contact levels (the ones made for this stage), then the rest in scheme order, and
 * destructive codes last.
 */
export function orderForCall(codes: readonly ResultCode[]): ResultCode[] {
  const rank = (c: ResultCode) => [isDestructive(c) ? 1 : 0, c.open ? 0 : 1, c.counts ? 0 : 1, c.levels.length];
  return codes
    .map((c, i) => ({ c, key: [...rank(c), i] }))
    .sort((a, b) => {
      for (let k = 0; k < a.key.length; k++) {
        const d = (a.key[k] ?? 0) - (b.key[k] ?? 0);
        if (d !== 0) return d;
      }
      return 0;
    })
    .map((x) => x.c);
}
