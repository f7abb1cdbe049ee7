import { z } from 'zod';
import { ALL_CALL_EVENTS } from '../callflow/index.ts';
import { ALL_LEAD_KINDS, ALL_LEVELS, FIELD_TEXT_MAX, findScheme, SCHEMES } from '../schemes/index.ts';
import { dialSchema, settingsSchema, type Settings } from '../settings.ts';
import { WEEKDAYS } from '../calling-window.ts';
import type {
  BackupView,
  CallerFigures,
  CallerRates,
  CallRowView,
  CampaignDetail,
  CampaignSummary,
  ColumnTarget,
  DncEntryView,
  DayTrend,
  DncLogView,
  FunnelView,
  ImportJobView,
  ImportPreview,
  ListProgress,
  LoggedCall,
  OutcomeMixView,
  RatesView,
  RecordView,
  SessionState,
  Shift,
  TaskItem,
  TeamBoard,
  TeamStatusView,
  TotalsRow,
} from './types.ts';

/**
 * The one IPC contract: channel name -> input schema (checked with zod in main before any
 * handler runs) and output type. The preload exposes one named function per channel; the
 * renderer never sees ipcRenderer or a generic invoke.
 */

const id = z.number().int().positive();
const caller = z.string().trim().min(1, 'Enter your name in Settings first: calls are logged under it.').max(100);
/** Dates a person can mean: years 2000 to 2099 (year 1 or 9999 is a bug or an attack). */
const sensibleYear = (v: string) => {
  const year = Number(v.slice(0, 4));
  return year >= 2000 && year <= 2099;
};
const YEARS = 'must be in the years 2000 to 2099';
const when = z.iso.datetime({ offset: true, message: 'must be a date and time (ISO 8601)' }).refine(sensibleYear, YEARS);
const day = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' }).refine(sensibleYear, YEARS);
const region = z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code such as US, GB or AU');
/** A file chosen in main's open dialog, named by the token main gave for it: never a path. */
const file = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'choose a file with Choose file (Outcall opens only files chosen in its dialog)');
const phone = z.string().trim().min(1, 'enter a phone number').max(40);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:MM)');
const TARGETS = ['company', 'contact_name', 'first_name', 'last_name', 'title', 'email', 'phone', 'area_code', 'address', 'city', 'state', 'postcode', 'country', 'industry', 'employees', 'website', 'custom', 'ignore'] as const satisfies readonly ColumnTarget[];
// Checked entry by entry: z.record drops a header named "__proto__", a column like any other.
const target = z.enum(TARGETS);
const mapping = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be a column mapping')
  .superRefine((v, ctx) => {
    const entries = Object.entries(v);
    if (entries.length > 5000) ctx.addIssue({ code: 'custom', message: 'has more than 5000 columns' });
    for (const [header, t] of entries) {
      if (header.length > 200) ctx.addIssue({ code: 'custom', path: [header.slice(0, 40)], message: 'a column name is longer than 200 characters' });
      const r = target.safeParse(t);
      if (!r.success) ctx.addIssue({ code: 'custom', path: [header], message: r.error.issues[0]?.message ?? 'is not a field' });
    }
  })
  .transform((v): Record<string, ColumnTarget> => Object.fromEntries(Object.entries(v)) as Record<string, ColumnTarget>);
/** An IANA zone name; the engine checks that it exists. */
const zone = z.string().min(1).max(64).regex(/^[A-Za-z][A-Za-z0-9_+\-/]*$/, 'must be a time zone such as Europe/London');
const callFilter = z.object({
  from: day,
  to: day,
  zone: zone.optional(),
  campaignId: id.optional(),
  caller: z.string().trim().min(1).max(100).optional(),
  /** Calls with this outcome among their chosen ones. */
  result: z.string().regex(/^[a-z0-9_]{1,64}$/).optional(),
  /** Calls carrying this flag (a flow's, such as pitched, or a flag effect's). */
  flag: z.string().regex(/^[A-Za-z0-9_]{1,64}$/).optional(),
  level: z.enum(ALL_LEVELS).optional(),
  levels: z.array(z.enum(ALL_LEVELS)).min(1).max(20).optional(),
  reached: z.boolean().optional(),
  leadKind: z.enum(ALL_LEAD_KINDS).optional(),
  pitched: z.boolean().optional(),
  newLead: z.boolean().optional(),
  appointment: z.boolean().optional(),
});
const slug = z.string().regex(/^[a-z0-9_]{1,64}$/, 'must be a result code');
/** A call's field values: at most 50, keys snake_case, text and lists bounded (their meaning is the scheme's). */
const fieldValue = z.union([
  z.string().max(FIELD_TEXT_MAX * 4, `at most ${FIELD_TEXT_MAX * 4} characters`),
  z.number().finite(),
  z.array(z.string().max(FIELD_TEXT_MAX, `at most ${FIELD_TEXT_MAX} characters`)).max(50, 'at most 50 values'),
]);
const callFields = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'must be the fields by key')
  .superRefine((v, ctx) => {
    const entries = Object.entries(v);
    if (entries.length > 50) ctx.addIssue({ code: 'custom', message: 'has more than 50 fields' });
    for (const [key, value] of entries.slice(0, 50)) {
      if (!/^[a-z][a-z0-9_]{0,39}$/.test(key)) ctx.addIssue({ code: 'custom', path: [key.slice(0, 40)], message: 'a field key is snake_case, at most 40 characters' });
      const r = fieldValue.safeParse(value);
      if (!r.success) ctx.addIssue({ code: 'custom', path: [key], message: r.error.issues[0]?.message ?? 'is not a field value' });
    }
  })
  .transform((v) => Object.fromEntries(Object.entries(v)) as Record<string, string | number | string[]>);
const campaignInput = z.object({
  id: id.optional(),
  name: z.string().trim().min(1, 'A campaign needs a name.').max(120),
  client: z.string().trim().max(120),
  region,
  timezone: z.string().min(1, 'choose a time zone').max(64),
  callingWindow: z.object(Object.fromEntries(WEEKDAYS.map((d) => [d, z.object({ start: hhmm, end: hhmm }).nullable()])) as Record<(typeof WEEKDAYS)[number], z.ZodNullable<z.ZodObject<{ start: typeof hhmm; end: typeof hhmm }>>>),
  retryDelayHours: z.number().int('must be whole hours').min(0).max(24 * 365),
  maxAttempts: z.number().int().min(1, 'must be 1 or more').max(1000).nullable(),
  notQualifiedReasons: z.array(z.string().trim().max(60)).max(20),
  /** The outcome scheme; a new campaign without one gets the default. */
  schemeId: z
    .string()
    .max(80)
    .refine((v) => findScheme(v) !== undefined, { message: `must be one of the schemes: ${SCHEMES.map((s) => s.id).join(', ')}` })
    .optional(),
  options: z.object({
    allowEmailOnlyHns: z.boolean(),
    wantsConsultantFollowUp: z.boolean(),
    qualification: z.string().max(2000),
    introEmail: z.object({ subject: z.string().max(200), body: z.string().max(10_000) }),
    dial: dialSchema.nullable(),
    script: z.string().max(10_000, 'The talk track: at most 10000 characters.').default(''),
    /** The settings the scheme declares; the engine checks them against its declarations. */
    settings: callFields.optional(),
  }),
});
/** A number as a caller types it; checked against E.164 rules by the engine. */
const typedPhone = z.string().trim().min(1, 'enter a phone number').max(40, 'a phone number has at most 40 characters');
const personText = z.string().trim().max(120, 'at most 120 characters');

export const contract = {
  'campaigns:list': { input: z.object({}) },
  /** campaignId: the campaign the Work view is on, whose scheme's figures the shift bar shows too. */
  'session:state': { input: z.object({ caller, campaignId: id.optional() }) },
  'shift:start': { input: z.object({ caller }) },
  'shift:end': { input: z.object({ caller }) },
  'shift:summary': { input: z.object({ caller }) },
  'shift:export': { input: z.object({ caller, format: z.enum(['csv', 'xlsx']) }) },
  'queue:next': { input: z.object({ campaignId: id, caller }) },
  'record:get': { input: z.object({ recordId: id }) },
  'record:release': { input: z.object({ recordId: id, caller }) },
  'record:open': { input: z.object({ recordId: id, caller }) },
  'record:correct': {
    input: z.object({
      recordId: id,
      caller,
      fixPhone: z.object({ index: z.number().int().min(0).max(50), number: typedPhone }).optional(),
      addPhone: z.object({ number: typedPhone, label: z.string().trim().max(40).optional() }).optional(),
      dmName: personText.optional(),
      dmRole: personText.optional(),
      dmDirectLine: typedPhone.optional(),
    }),
  },
  'call:log': {
    input: z.object({
      recordId: id,
      caller,
      events: z.array(z.enum(ALL_CALL_EVENTS)).min(1, 'The call has no events: dial first.').max(50),
      result: slug.optional(),
      /** Several outcomes, one per dimension of the campaign's scheme. */
      results: z.array(slug).min(1).max(20, 'at most 20 outcomes').optional(),
      /** The fields the outcomes ask for, by key; the engine checks them against the scheme's declarations. */
      fields: callFields.optional(),
      notes: z.string().max(5000, 'Notes: at most 5000 characters.').optional(),
      // B2B's fields under their older names (follow_up_at, appointment_at, appointment_kind, reason).
      followUpAt: when.optional(),
      appointmentAt: when.optional(),
      appointmentKind: z.string().max(60).optional(),
      reason: z.string().max(100).optional(),
      phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number').optional(),
      // Before the call's end and within a day of it: checked by the engine against its clock.
      startedAt: when.optional(),
    }),
  },
  'call:undo': { input: z.object({ callId: id, caller }) },
  'call:introEmail': { input: z.object({ callId: id }) },
  'dial:open': { input: z.object({ recordId: id, e164: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number') }) },
  'clipboard:write': { input: z.object({ text: z.string().max(10_000) }) },
  'tasks:list': { input: z.object({ caller, campaignId: id.optional() }) },
  'settings:get': { input: z.object({}) },
  'settings:set': { input: settingsSchema },

  'campaigns:get': { input: z.object({ campaignId: id }) },
  'campaigns:save': { input: campaignInput },
  'import:pickFile': { input: z.object({}) },
  'import:preview': { input: z.object({ file, mapping: mapping.optional() }) },
  'import:start': { input: z.object({ file, campaignId: id, mapping, region: region.optional(), dryRun: z.boolean() }) },
  'import:status': { input: z.object({ jobId: id }) },
  'import:cancel': { input: z.object({ jobId: id }) },
  'import:saveReport': { input: z.object({ jobId: id }) },
  'templates:list': { input: z.object({}) },
  'templates:save': { input: z.object({ name: z.string().trim().min(1, 'A template needs a name.').max(80), mapping }) },
  'dnc:list': { input: z.object({ search: z.string().max(40), offset: z.number().int().min(0) }) },
  'dnc:add': { input: z.object({ number: phone, region, reason: z.string().trim().max(500) }) },
  'dnc:remove': { input: z.object({ number: phone, region, reason: z.string().trim().min(1, 'Say why the number comes off the list.').max(500) }) },
  'dnc:import': { input: z.object({ region }) },
  'dnc:log': { input: z.object({ e164: z.string().regex(/^\+[1-9]\d{6,14}$/).optional() }) },
  'callers:list': { input: z.object({}) },
  'reports:totals': { input: z.object({ from: day, to: day, caller: z.string().trim().min(1).max(100).optional(), campaignId: id.optional(), zone: zone.optional() }) },
  'reports:export': { input: z.object({ from: day, to: day, caller: z.string().trim().min(1).max(100).optional(), campaignId: id.optional(), format: z.enum(['csv', 'xlsx', 'pdf']), zone: zone.optional() }) },
  'reports:outcomes': { input: z.object({ campaignId: id.optional(), from: day, to: day, caller: z.string().trim().min(1).max(100).optional(), zone: zone.optional() }) },
  'reports:rates': { input: z.object({ campaignId: id, from: day, to: day, caller: z.string().trim().min(1).max(100).optional(), zone: zone.optional() }) },
  'reports:funnel': { input: callFilter },
  'reports:calls': { input: callFilter },
  'backup:list': { input: z.object({}) },
  'backup:now': { input: z.object({}) },
  'backup:restore': { input: z.object({ name: z.string().regex(/^outcall-\d{4}-\d{2}-\d{2}\.db$/, 'choose a backup from the list') }) },
  'reports:lists': { input: z.object({ campaignId: id.optional() }) },
  'reports:callers': { input: callFilter.pick({ from: true, to: true, campaignId: true, caller: true, zone: true }) },
  'reports:callerRates': { input: callFilter.pick({ from: true, to: true, campaignId: true, caller: true, zone: true }) },
  'reports:trend': { input: callFilter.pick({ from: true, to: true, campaignId: true, caller: true, zone: true }) },
  'team:status': { input: z.object({}) },
  'team:connect': {
    input: z.object({
      url: z.string().trim().min(1, 'Enter the team database URL.').max(2000, 'at most 2000 characters').regex(/^postgres(ql)?:\/\//, 'must start with postgres://'),
      password: z.string().max(200, 'at most 200 characters').optional(),
      remember: z.boolean(),
    }),
  },
  'team:disconnect': { input: z.object({}) },
  'team:board': { input: z.object({ zone }) },
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
  'record:open': RecordView;
  'record:correct': RecordView;
  'call:log': LoggedCall;
  'call:undo': RecordView;
  'call:introEmail': { url: string };
  'dial:open': { url: string };
  'clipboard:write': { ok: true };
  'tasks:list': { due: TaskItem[]; upcoming: TaskItem[] };
  'settings:get': Settings;
  'settings:set': Settings;
  'campaigns:get': CampaignDetail;
  'campaigns:save': CampaignDetail;
  'import:pickFile': { token: string; name: string } | null;
  'import:preview': ImportPreview;
  'import:start': { jobId: number };
  'import:status': ImportJobView;
  'import:cancel': { cancelling: boolean };
  'import:saveReport': { path: string } | null;
  'templates:list': { name: string; mapping: Record<string, ColumnTarget> }[];
  'templates:save': { name: string; mapping: Record<string, ColumnTarget> }[];
  'dnc:list': { total: number; entries: DncEntryView[] };
  'dnc:add': { e164: string; added: boolean };
  'dnc:remove': { e164: string };
  'dnc:import': { lines: number; added: number; alreadyListed: number; invalid: number; problems: { line: number; value: string; reason: string }[] } | null;
  'dnc:log': DncLogView[];
  'callers:list': string[];
  /** Days and times of the rows are in `zone`. */
  'reports:totals': { columns: string[]; rows: TotalsRow[]; totals: TotalsRow; zone: string };
  'reports:export': { path: string } | null;
  'reports:outcomes': OutcomeMixView;
  'reports:rates': RatesView;
  'reports:funnel': FunnelView;
  'reports:calls': { total: number; calls: CallRowView[] };
  'backup:list': { folder: string; backups: BackupView[] };
  'backup:now': BackupView;
  'backup:restore': { calls: number; keptAside: string | null };
  'reports:lists': ListProgress[];
  'reports:callers': CallerFigures[];
  'reports:callerRates': CallerRates;
  'reports:trend': DayTrend;
  'team:status': TeamStatusView;
  'team:connect': TeamStatusView;
  'team:disconnect': TeamStatusView;
  'team:board': TeamBoard;
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
