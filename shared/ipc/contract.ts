import { z } from 'zod';
import { APPOINTMENT_KINDS, CALL_EVENTS } from '../callflow/index.ts';
import { settingsSchema, type Settings } from '../settings.ts';
import type { CampaignSummary, LoggedCall, RecordView, SessionState, Shift, TaskItem } from './types.ts';

/**
 * The one IPC contract: channel name -> input schema (checked with zod in main before any
 * handler runs) and output type. The preload exposes one named function per channel; the
 * renderer never sees ipcRenderer or a generic invoke.
 */

const id = z.number().int().positive();
const caller = z.string().trim().min(1, 'Enter your name in Settings first: calls are logged under it.').max(100);
const when = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' });

export const contract = {
  'campaigns:list': { input: z.object({}) },
  'session:state': { input: z.object({ caller }) },
  'shift:start': { input: z.object({ caller }) },
  'shift:end': { input: z.object({ caller }) },
  'shift:summary': { input: z.object({ caller }) },
  'shift:export': { input: z.object({ caller, format: z.enum(['csv', 'xlsx']) }) },
  'queue:next': { input: z.object({ campaignId: id, caller }) },
  'record:get': { input: z.object({ recordId: id }) },
  'record:release': { input: z.object({ recordId: id, caller }) },
  'call:log': {
    input: z.object({
      recordId: id,
      caller,
      events: z.array(z.enum(CALL_EVENTS)).min(1, 'The call has no events: dial first.').max(50),
      result: z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be a result code'),
      notes: z.string().max(5000, 'Notes: at most 5000 characters.').optional(),
      followUpAt: when.optional(),
      appointmentAt: when.optional(),
      appointmentKind: z.enum(APPOINTMENT_KINDS).optional(),
      reason: z.string().max(100).optional(),
      phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number').optional(),
      startedAt: when.optional(),
    }),
  },
  'call:introEmail': { input: z.object({ callId: id }) },
  'dial:open': { input: z.object({ recordId: id, e164: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number') }) },
  'clipboard:write': { input: z.object({ text: z.string().max(10_000) }) },
  'tasks:list': { input: z.object({ caller, campaignId: id.optional() }) },
  'settings:get': { input: z.object({}) },
  'settings:set': { input: settingsSchema },
} as const;

export type Channel = keyof typeof contract;
export type Input<C extends Channel> = z.input<(typeof contract)[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<(typeof contract)[C]['input']>;

export interface Outputs {
  'campaigns:list': CampaignSummary[];
  'session:state': SessionState;
  'shift:start': Shift;
  'shift:end': Shift;
  'shift:summary': { line: string };
  'shift:export': { path: string } | null;
  'queue:next': RecordView | null;
  'record:get': RecordView;
  'record:release': { released: boolean };
  'call:log': LoggedCall;
  'call:introEmail': { url: string };
  'dial:open': { url: string };
  'clipboard:write': { ok: true };
  'tasks:list': { due: TaskItem[]; upcoming: TaskItem[] };
  'settings:get': Settings;
  'settings:set': Settings;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: string; fields?: Record<string, string> };

/** A handler per channel, given parsed input. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<Outputs[C]> | Outputs[C] };

/** "field: message; other: message", naming each bad field. */
export function describeIssues(error: z.ZodError): { error: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.join('.') || 'input';
    fields[path] ??= issue.message;
  }
  return { error: Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; '), fields };
}
