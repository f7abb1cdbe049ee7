import { DEFAULT_SCHEME_ID, getScheme } from './registry.ts';
import type { CallFacts, CodeAction, OutcomeScheme, ResultCode } from './types.ts';

/**
 * What every scheme's outcomes mean to the engine and the screens, read off their declarations;
 * the legality of a code for a call is the scheme's own rule (`rules.whyIllegal`).
 */

/** Why `code` may not be logged for this call, in the scheme's words; null when it may. */
export function whyIllegal(scheme: OutcomeScheme, code: ResultCode, facts: CallFacts): string | null {
  return scheme.rules.whyIllegal(scheme, code, facts);
}

/** The codes of `scheme` that may be logged for a call with these facts, in scheme order. */
export function legalCodes(scheme: OutcomeScheme, facts: CallFacts): ResultCode[] {
  return scheme.codes.filter((c) => whyIllegal(scheme, c, facts) === null);
}

/**
 * What logging `code` adds to the lead and appointment counts (DOMAIN.md rule 5): a record
 * counts as a lead once, the first time a prospect agrees to further communication; later lead
 * codes on it count no new lead. Appointments always count as appointments.
 */
export function countEffect(code: ResultCode, recordIsAlreadyLead: boolean): { newLead: boolean; appointment: boolean } {
  return {
    newLead: code.counts === 'lead' && !recordIsAlreadyLead,
    appointment: code.counts === 'appointment',
  };
}

/** Whether logging `code` of `scheme` (the default scheme when not given) makes the record an existing lead. */
export function makesExistingLead(code: ResultCode, scheme: OutcomeScheme = getScheme(DEFAULT_SCHEME_ID)): boolean {
  return code.leadKind !== undefined && (scheme.existingLeadKinds ?? []).includes(code.leadKind);
}

/** Actions that cannot be taken back by calling again: a code with one asks for confirmation. */
const DESTRUCTIVE: readonly CodeAction[] = ['add_numbers_to_dnc'];

export function isDestructive(code: ResultCode): boolean {
  return code.actions.some((a) => DESTRUCTIVE.includes(a));
}

/**
 * The legal codes in the order a caller most likely wants them at this stage of the call: the
 * ones that keep the record in play first, then leads and appointments, then codes specific to
 * fewer levels (the ones made for this stage), then the rest in scheme order, and destructive
 * codes last.
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
