import type { CodeAction, Counts, Effect, ResultCode } from './types.ts';

/** How an outcome is declared: everything but what its effects already say. */
export type OutcomeDeclaration = Omit<ResultCode, 'open' | 'counts' | 'leadKind' | 'followUp' | 'appointment' | 'actions'>;

const ACTION: Partial<Record<Effect['kind'], CodeAction>> = {
  add_numbers_to_dnc: 'add_numbers_to_dnc',
  move_owner: 'move_owner_to_client',
  send_intro_email: 'send_intro_email',
};

/**
 * An outcome from its declaration: whether the record stays open, what it counts as, its
 * follow-up window, whether it books a meeting and its other actions are read off its effects,
 * so that each is said once. An outcome keeps or closes its record, exactly one of the two.
 */
export function outcome(d: OutcomeDeclaration): ResultCode {
  const of = <K extends Effect['kind']>(kind: K) => d.effects.find((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
  const keeps = of('keep_record') !== undefined;
  if (keeps === (of('close_record') !== undefined)) throw new Error(`Outcome ${d.slug} must either keep or close its record.`);
  const lead = of('count_lead');
  const meeting = of('book_appointment') !== undefined;
  const counts: Counts = lead ? 'lead' : meeting ? 'appointment' : null;
  const window = of('task')?.window;
  return {
    ...d,
    open: keeps,
    counts,
    ...(lead ? { leadKind: lead.leadKind } : {}),
    ...(window ? { followUp: window } : {}),
    ...(meeting ? { appointment: true } : {}),
    actions: d.effects.flatMap((e) => (ACTION[e.kind] ? [ACTION[e.kind] as CodeAction] : [])),
  };
}
