import { z } from 'zod';

/** Softphone hand-off: how a number leaves Outcall. */
export const DIAL_MODES = ['tel', 'sip', 'callto', 'custom'] as const;
export type DialMode = (typeof DIAL_MODES)[number];

/** URL schemes a hand-off may open. Anything else is refused in main, whatever a template says. */
export const DIAL_SCHEMES = [
  'tel', 'sip', 'sips', 'callto', 'zoiper', 'bria', 'microsip', 'skype', 'teams', 'msteams', 'ringcentral', 'rcmobile', 'dialpad', 'aircall', 'tcxcallto',
] as const;

/** Presets for common softphones: a template with {number} (E.164) or {digits} (no +). */
export const DIAL_PRESETS: readonly { id: string; label: string; mode: DialMode; template?: string }[] = [
  { id: 'tel', label: 'System default (tel:)', mode: 'tel' },
  { id: 'callto', label: 'callto: (Skype, older softphones)', mode: 'callto' },
  { id: 'sip', label: 'SIP address (sip:number@domain)', mode: 'sip' },
  { id: 'zoiper', label: 'Zoiper', mode: 'custom', template: 'zoiper:{number}' },
  { id: 'microsip', label: 'MicroSIP', mode: 'custom', template: 'microsip:{number}' },
  { id: 'bria', label: 'Bria', mode: 'custom', template: 'bria:{number}' },
  { id: 'teams', label: 'Microsoft Teams', mode: 'custom', template: 'msteams:/l/call/0/0?users=4:{number}' },
  { id: 'ringcentral', label: 'RingCentral', mode: 'custom', template: 'rcmobile://call?number={number}' },
  { id: 'dialpad', label: 'Dialpad', mode: 'custom', template: 'dialpad://{number}' },
  { id: 'aircall', label: 'Aircall', mode: 'custom', template: 'aircall:{number}' },
  { id: '3cx', label: '3CX', mode: 'custom', template: 'tcxcallto:{number}' },
];

const REGION = /^[A-Z]{2}$/;

/** How a number is handed off; also a campaign's own override. */
export const dialSchema = z
  .object({
    mode: z.enum(DIAL_MODES),
    sipDomain: z
      .string()
      .trim()
      .max(253)
      .regex(/^$|^[A-Za-z0-9.-]+(:\d{1,5})?$/, 'SIP domain must be a host name such as pbx.example.com.'),
    template: z.string().trim().max(300),
  })
  .superRefine((d, ctx) => {
    if (d.mode === 'sip' && !d.sipDomain) {
      ctx.addIssue({ code: 'custom', path: ['sipDomain'], message: 'SIP hand-off needs the SIP domain, e.g. pbx.example.com.' });
    }
    if (d.mode === 'custom') {
      const problem = templateProblem(d.template);
      if (problem) ctx.addIssue({ code: 'custom', path: ['template'], message: problem });
    }
  });

export const settingsSchema = z.object({
  callerName: z.string().trim().max(100, 'Caller name: at most 100 characters.'),
  defaultRegion: z.string().regex(REGION, 'Default region must be a two-letter country code such as US, GB or AU.'),
  dial: dialSchema,
  theme: z.enum(['system', 'light', 'dark']),
  lastCampaignId: z.number().int().positive().nullable(),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  callerName: '',
  defaultRegion: 'US',
  dial: { mode: 'tel', sipDomain: '', template: '' },
  theme: 'system',
  lastCampaignId: null,
};

/**
 * Settings read back from a file that may be damaged: every field that is still valid is kept
 * (one level deep, so a bad SIP domain does not cost the dial mode), the others take their
 * defaults, and `reset` says which, and why, in words.
 */
export function recoverSettings(raw: unknown): { settings: Settings; reset: string[] } {
  const reset: string[] = [];
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const input = isObject(raw) ? raw : {};
  const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [key, schema] of Object.entries(settingsSchema.shape) as [keyof Settings, z.ZodType][]) {
    if (!(key in input)) continue;
    const whole = schema.safeParse(input[key]);
    if (whole.success) {
      out[key] = whole.data;
      continue;
    }
    const shape = (schema as { shape?: Record<string, z.ZodType> }).shape;
    const value = input[key];
    if (shape && isObject(value)) {
      // Keep the sub-fields that are fine on their own, if together they still make sense.
      const merged: Record<string, unknown> = { ...(DEFAULT_SETTINGS[key] as object) };
      for (const [sub, subSchema] of Object.entries(shape)) if (subSchema.safeParse(value[sub]).success) merged[sub] = value[sub];
      const partial = schema.safeParse(merged);
      if (partial.success) {
        out[key] = partial.data;
        reset.push(...whole.error.issues.map((i) => `${[key, ...i.path].join('.')} (${i.message})`));
        continue;
      }
    }
    reset.push(`${key} (${whole.error.issues[0]?.message ?? 'invalid'})`);
  }
  return { settings: settingsSchema.parse(out), reset };
}

export function schemeOf(url: string): string {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return m?.[1]?.toLowerCase() ?? '';
}

/** What a template may hold besides {number} and {digits}: what a URL scheme and a number need. */
const TEMPLATE_TEXT = /^[A-Za-z0-9:/?=.@_~+-]$/;

function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (ch === ' ') return 'a space';
  if (code < 0x20 || code === 0x7f) return `a control character (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
  return `"${ch}"`;
}

function templateProblem(template: string): string | null {
  if (!template.includes('{number}') && !template.includes('{digits}')) {
    return 'A custom hand-off template needs {number} or {digits}, e.g. zoiper:{number}.';
  }
  const scheme = schemeOf(template);
  if (!(DIAL_SCHEMES as readonly string[]).includes(scheme)) {
    return `"${scheme || template}" is not an allowed dial scheme. Allowed: ${DIAL_SCHEMES.join(', ')}.`;
  }
  const bad = [...template.replaceAll('{number}', '').replaceAll('{digits}', '')].find((ch) => !TEMPLATE_TEXT.test(ch));
  if (bad !== undefined) {
    return `The template may not contain ${describeChar(bad)}: only letters, digits and : / ? = . @ _ ~ + - around {number} or {digits}.`;
  }
  return null;
}

const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * The URL that hands `e164` to the softphone, or why none can be made. Main opens only URLs
 * that come out of here: a valid E.164 number and an allowed scheme.
 */
export function dialUrl(dial: Settings['dial'], e164: string): { ok: true; url: string } | { ok: false; reason: string } {
  if (!E164.test(e164)) return { ok: false, reason: `"${e164}" is not an E.164 number.` };
  // A hand-off saved before today's rules is checked again: only a valid one builds a URL.
  const valid = dialSchema.safeParse(dial);
  if (!valid.success) return { ok: false, reason: valid.error.issues.map((i) => i.message).join(' ') };
  const d = valid.data;
  let url: string;
  if (d.mode === 'tel') url = `tel:${e164}`;
  else if (d.mode === 'callto') url = `callto:${e164}`;
  else if (d.mode === 'sip') url = `sip:${e164}@${d.sipDomain}`;
  else url = d.template.replaceAll('{number}', encodeURIComponent(e164)).replaceAll('{digits}', e164.slice(1));
  if (!(DIAL_SCHEMES as readonly string[]).includes(schemeOf(url))) return { ok: false, reason: `Scheme of "${url}" is not allowed.` };
  return { ok: true, url };
}
