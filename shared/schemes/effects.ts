import type { CodeAction, Counts, Effect, FieldUse, FieldValues, OutcomeScheme, ResultCode } from './types.ts';

/** How an outcome is declared: everything but what its effects already say. */
export type OutcomeDeclaration = Omit<ResultCode, 'open' | 'counts' | 'leadKind' | 'followUp' | 'appointment' | 'actions'>;

const ACTION: Partial<Record<Effect['kind'], CodeAction>> = {
  add_numbers_to_dnc: 'add_numbers_to_dnc',
  move_owner: 'move_owner_to_client',
  send_intro_email: 'send_intro_email',
};

/** The fields an effect reads, and whether it needs them. */
function fieldsOf(e: Effect): FieldUse[] {
  const use = (key: string | undefined, required: boolean) => (key ? [{ key, required }] : []);
  switch (e.kind) {
    case 'task':
      return use(e.field, e.window.required === 'always');
    case 'book_appointment':
      return [...use(e.at, true), ...use(e.kindField, false), ...use(e.host, false)];
    case 'record_deal':
      return [...use(e.value, true), ...use(e.date, false), ...use(e.product, false), ...use(e.payment, false), ...use(e.closer, false), ...use(e.parent, false)];
    default:
      return [];
  }
}

/**
 * An outcome from its declaration: whether the record stays open, what it counts as, its
 * follow-up window, whether it books a meeting, its other actions and the fields its effects
 * read are taken from its effects, so that each is said once (fields it declares itself come
 * first). An outcome keeps or closes its record, exactly one of the two.
 */
export function outcome(d: OutcomeDeclaration): ResultCode {
  const of = <K extends Effect['kind']>(kind: K) => d.effects.find((e): e is Extract<Effect, { kind: K }> => e.kind === kind);
  const keeps = of('keep_record') !== undefined;
  if (keeps === (of('close_record') !== undefined)) throw new Error(`Outcome ${d.slug} must either keep or close its record.`);
  const lead = of('count_lead');
  const meeting = of('book_appointment') !== undefined;
  const counts: Counts = lead ? 'lead' : meeting ? 'appointment' : null;
  const window = of('task')?.window;
  const fields = [...(d.fields ?? []), ...d.effects.flatMap(fieldsOf)].filter((f, i, all) => all.findIndex((x) => x.key === f.key) === i);
  return {
    ...d,
    open: keeps,
    counts,
    ...(lead ? { leadKind: lead.leadKind } : {}),
    ...(window ? { followUp: window } : {}),
    ...(meeting ? { appointment: true } : {}),
    ...(fields.length ? { fields } : {}),
    actions: d.effects.flatMap((e) => (ACTION[e.kind] ? [ACTION[e.kind] as CodeAction] : [])),
  };
}

/**
 * The kind of meeting an outcome books: the one chosen, else the first its scheme offers for
 * that field; '' when the outcome asks for no kind (a closer-setter strategy call).
 */
export function meetingKind(scheme: OutcomeScheme, effect: Extract<Effect, { kind: 'book_appointment' }>, fields: FieldValues): string {
  if (effect.kindField === undefined) return '';
  const chosen = fields[effect.kindField];
  if (typeof chosen === 'string' && chosen !== '') return chosen;
  return scheme.fields.find((f) => f.key === effect.kindField)?.options?.[0]?.value ?? '';
}
