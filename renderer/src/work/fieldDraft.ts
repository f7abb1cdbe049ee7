import { asks, type FieldDecl, type FieldInputs, type FollowUpRule, type OutcomeScheme, type ResultCode } from '../../../shared/schemes/index.ts';
import { instantFromWall } from '../format.ts';

/**
 * The result step's fields as the caller types them (strings; several choices as a list), and
 * the values they stand for: what parseFields (the zod schema the scheme's declarations build,
 * the same one main checks the call with) and the IPC take.
 */
export type FieldDraft = Readonly<Record<string, string | readonly string[]>>;

/** A host field's choice for "let the round robin pick": no host named. */
export const ROUND_ROBIN = '';

/** A field the chosen outcomes ask for: whether any of them requires it, and the call-back window when a task reads it. */
export interface AskedField {
  decl: FieldDecl;
  required: boolean;
  /** The window of the follow-up task this field dates (the first chosen outcome's with one). */
  window?: FollowUpRule;
  /** The value it takes when the caller leaves it: a meeting's kind is the first one. */
  preset?: string;
}

/** The chosen outcomes of `scheme`, in scheme order. */
export function chosenCodes(scheme: OutcomeScheme, slugs: readonly string[]): ResultCode[] {
  return scheme.codes.filter((c) => slugs.includes(c.slug));
}

/**
 * The fields the chosen outcomes ask for, in the scheme's order of declaration, each once; with
 * the `draft` typed so far, a field asked for only when another says so (its `when`) is left
 * out while that one does not (without a draft, every field they may ask for).
 */
export function fieldsAskedFor(scheme: OutcomeScheme, codes: readonly ResultCode[], draft?: FieldDraft): AskedField[] {
  const required = new Map<string, boolean>();
  const windows = new Map<string, FollowUpRule>();
  const kinds = new Set<string>();
  for (const c of codes) {
    for (const f of c.fields ?? []) if (!draft || asks(f, draft)) required.set(f.key, (required.get(f.key) ?? false) || f.required);
    for (const e of c.effects) {
      if (e.kind === 'task' && !windows.has(e.field)) windows.set(e.field, e.window);
      if (e.kind === 'book_appointment' && e.kindField) kinds.add(e.kindField);
    }
  }
  return scheme.fields.flatMap((decl) => {
    if (!required.has(decl.key)) return [];
    const window = windows.get(decl.key);
    const preset = kinds.has(decl.key) ? decl.options?.[0]?.value : undefined;
    return [{ decl, required: required.get(decl.key) ?? false, ...(window ? { window } : {}), ...(preset ? { preset } : {}) }];
  });
}

/** Whether the caller typed or chose anything in this field. */
export function filled(v: FieldDraft[string] | undefined): boolean {
  return typeof v === 'string' ? v.trim() !== '' : (v?.length ?? 0) > 0;
}

/**
 * What the draft says, as field inputs: a date and time typed in the prospect's zone `tz` as an
 * instant (ISO; text that is no date stays as typed, for the schema to refuse), several choices
 * as a list; empty fields are left out, or take their preset.
 */
export function fieldInputs(asked: readonly AskedField[], draft: FieldDraft, tz: string): FieldInputs {
  const inputs: Record<string, string | readonly string[]> = {};
  for (const { decl, preset } of asked) {
    const v = draft[decl.key];
    if (Array.isArray(v)) {
      if (v.length > 0) inputs[decl.key] = v;
      continue;
    }
    const text = typeof v === 'string' ? v.trim() : '';
    if (!text) {
      if (preset) inputs[decl.key] = preset;
      continue;
    }
    inputs[decl.key] = decl.type === 'datetime' ? (instantFromWall(text, tz)?.toISOString() ?? text) : text;
  }
  return inputs;
}
