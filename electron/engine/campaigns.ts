import type { CountryCode } from 'libphonenumber-js/max';
import {
  DEFAULT_CALLING_WINDOW,
  WEEKDAYS,
  windowProblems,
  type CallingWindow,
} from '../../shared/calling-window.ts';
import { campaignSettingsSchema, DEFAULT_SCHEME_ID, findScheme, getScheme } from '../../shared/schemes/index.ts';
import type { FlowInput } from '../../shared/callflow/index.ts';
import type { CampaignOptions } from '../../shared/ipc/types.ts';
import type { DB } from './db/open.ts';
import { UserError } from './errors.ts';
import { iso } from './clock.ts';
import { isRegion } from './phones.ts';
import { isValidTimeZone, soleZone, zonesOfCountry } from './timezones.ts';
import { IMPORTING_LISTS } from './import/staging.ts';
import { dialSchema } from '../../shared/settings.ts';

export type { CampaignOptions };

export const DEFAULT_OPTIONS: CampaignOptions = {
  allowEmailOnlyHns: false,
  wantsConsultantFollowUp: false,
  notQualifiedVariants: [],
  qualification: '',
  introEmail: { subject: '', body: '' },
  dial: null,
  script: '',
};

/** The longest talk track a campaign may keep, in characters. */
export const SCRIPT_MAX = 10_000;

export interface Campaign {
  id: number;
  name: string;
  client: string;
  schemeId: string;
  region: CountryCode;
  timezone: string;
  callingWindow: CallingWindow;
  retryDelayHours: number;
  maxAttempts: number | null;
  options: CampaignOptions;
  createdAt: string;
}

interface CampaignRow {
  id: number;
  name: string;
  client: string;
  scheme_id: string;
  region: string;
  timezone: string;
  calling_window: string;
  retry_delay_hours: number;
  max_attempts: number | null;
  options: string;
  created_at: string;
}

function toCampaign(row: CampaignRow): Campaign {
  return {
    id: row.id,
    name: row.name,
    client: row.client,
    schemeId: row.scheme_id,
    region: row.region as CountryCode,
    timezone: row.timezone,
    callingWindow: JSON.parse(row.calling_window) as CallingWindow,
    retryDelayHours: row.retry_delay_hours,
    maxAttempts: row.max_attempts,
    options: { ...DEFAULT_OPTIONS, ...(JSON.parse(row.options) as Partial<CampaignOptions>) },
    createdAt: row.created_at,
  };
}

export interface NewCampaign {
  name: string;
  client?: string;
  schemeId?: string;
  region?: string;
  timezone?: string;
  callingWindow?: CallingWindow;
  retryDelayHours?: number;
  maxAttempts?: number | null;
  options?: Partial<CampaignOptions>;
}

const regionName = (region: string) => `${new Intl.DisplayNames(['en'], { type: 'region' }).of(region) ?? region} (${region})`;

function checkCampaign(c: NewCampaign): void {
  const problems: { field: string; message: string }[] = [];
  if (!c.name.trim()) problems.push({ field: 'name', message: 'A campaign needs a name.' });
  if (c.region !== undefined && !isRegion(c.region.toUpperCase())) {
    problems.push({ field: 'region', message: `"${c.region}" is not a country code such as US, GB or AU.` });
  }
  if (c.timezone !== undefined && !isValidTimeZone(c.timezone)) {
    problems.push({ field: 'timezone', message: `"${c.timezone}" is not a time zone such as America/Chicago.` });
  }
  if (c.schemeId !== undefined) {
    try {
      getScheme(c.schemeId);
    } catch (e) {
      problems.push({ field: 'schemeId', message: (e as Error).message });
    }
  }
  if (c.callingWindow) {
    for (const message of windowProblems(c.callingWindow)) problems.push({ field: 'callingWindow', message });
  }
  if (c.retryDelayHours !== undefined && (!Number.isInteger(c.retryDelayHours) || c.retryDelayHours < 0)) {
    problems.push({ field: 'retryDelayHours', message: `Retry delay must be a whole number of hours, not "${c.retryDelayHours}".` });
  }
  if (c.maxAttempts !== undefined && c.maxAttempts !== null && (!Number.isInteger(c.maxAttempts) || c.maxAttempts < 1)) {
    problems.push({ field: 'maxAttempts', message: `Maximum attempts must be 1 or more, not "${c.maxAttempts}".` });
  }
  const variants = findScheme(c.schemeId ?? DEFAULT_SCHEME_ID)?.variants;
  for (const v of c.options?.notQualifiedVariants ?? []) {
    if (!variants || !v.slug.startsWith(variants.slugPrefix) || !/^[a-z0-9_]{1,40}$/.test(v.slug.slice(variants.slugPrefix.length)) || !v.label.trim()) {
      const what = variants ? `${variants.labelPrefix.replace(/\s*-\s*$/, '')} variant` : 'A campaign\'s own reason';
      problems.push({ field: 'options.notQualifiedVariants', message: `${what} "${v.label}" needs a label (its code is made from it).` });
    }
  }
  if (c.options?.settings !== undefined) {
    const scheme = findScheme(c.schemeId ?? DEFAULT_SCHEME_ID);
    const parsed = scheme ? campaignSettingsSchema(scheme).safeParse(c.options.settings) : undefined;
    for (const i of parsed?.success === false ? parsed.error.issues : []) {
      const key = String(i.path[0] ?? '');
      const name = scheme?.settings?.find((s) => s.key === key)?.label ?? key;
      const known = (scheme?.settings ?? []).map((s) => s.key).join(', ') || 'none';
      const message = i.code === 'unrecognized_keys' ? `${scheme?.name} takes no setting ${i.keys.join(', ')}; its settings are: ${known}.` : `${name}: ${i.message}.`;
      problems.push({ field: `options.settings${key ? `.${key}` : ''}`, message });
    }
  }
  if ((c.options?.script?.length ?? 0) > SCRIPT_MAX) {
    problems.push({ field: 'options.script', message: `The talk track is ${c.options?.script?.length} characters long: at most ${SCRIPT_MAX}.` });
  }
  if (c.options?.dial) {
    const parsed = dialSchema.safeParse(c.options.dial);
    if (!parsed.success) for (const i of parsed.error.issues) problems.push({ field: `options.dial.${i.path.join('.')}`, message: i.message });
  }
  if (problems.length > 0) throw new UserError(problems.map((p) => p.message).join(' '), problems);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A campaign's own reason as a code of its scheme's `variants`: in B2B, "No Roof" ->
 * { slug: 'not_qualified_no_roof', label: 'Not Qualified - No Roof' }.
 */
export function notQualifiedVariant(reason: string, schemeId = DEFAULT_SCHEME_ID): { slug: string; label: string } {
  const v = getScheme(schemeId).variants;
  const slugPrefix = v?.slugPrefix ?? '';
  const labelPrefix = v?.labelPrefix ?? '';
  const clean = labelPrefix ? reason.trim().replace(new RegExp(`^${escapeRe(labelPrefix.trim().replace(/\s*-$/, ''))}\\s*-\\s*`, 'i'), '') : reason.trim();
  const slug = `${slugPrefix}${clean.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 40)}`;
  return { slug, label: `${labelPrefix}${clean}` };
}

/** A new campaign checked and with its defaults filled in, as either store writes it. */
export function newCampaignValues(c: NewCampaign): Omit<Campaign, 'id' | 'createdAt'> {
  checkCampaign(c);
  const region = (c.region ?? 'US').toUpperCase();
  const timezone = c.timezone ?? soleZone(region);
  if (timezone === undefined) {
    const zones = zonesOfCountry(region);
    const message = `${regionName(region)} has ${zones.length ? `${zones.length} time zones` : 'no time zone we know'}: choose the campaign's own with --timezone${zones.length ? `, e.g. ${zones.slice(0, 6).join(', ')}` : ''}.`;
    throw new UserError(message, [{ field: 'timezone', message }]);
  }
  return {
    name: c.name.trim(), client: c.client ?? '', schemeId: c.schemeId ?? DEFAULT_SCHEME_ID, region: region as CountryCode, timezone,
    callingWindow: c.callingWindow ?? DEFAULT_CALLING_WINDOW, retryDelayHours: c.retryDelayHours ?? 48, maxAttempts: c.maxAttempts ?? null,
    options: { ...DEFAULT_OPTIONS, ...c.options },
  };
}

/** The refusal of a campaign name that is taken. */
export const campaignNameTaken = (name: string) => new UserError(`A campaign called "${name}" already exists.`, [{ field: 'name', message: 'Name taken.' }]);

export function createCampaign(db: DB, c: NewCampaign, now = new Date()): Campaign {
  const v = newCampaignValues(c);
  const exists = db.prepare('SELECT 1 FROM campaigns WHERE name = ?').get(v.name);
  if (exists) throw campaignNameTaken(v.name);
  const info = db
    .prepare(
      `INSERT INTO campaigns (name, client, scheme_id, region, timezone, calling_window, retry_delay_hours, max_attempts, options, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(v.name, v.client, v.schemeId, v.region, v.timezone, JSON.stringify(v.callingWindow), v.retryDelayHours, v.maxAttempts, JSON.stringify(v.options), iso(now));
  return getCampaign(db, Number(info.lastInsertRowid));
}

/** What `campaign set` (and the app's campaign settings) may change: every field, the name too. */
export type CampaignPatch = Omit<Partial<NewCampaign>, 'name'> & { name?: string };

/**
 * A campaign with a change put over it, checked as a new one would be; its outcome scheme stays
 * once calls are logged with it (`calls` of them). Both stores write what this answers.
 */
export function patchedCampaign(current: Campaign, patch: CampaignPatch, calls: number): NewCampaign {
  const next: NewCampaign = {
    name: patch.name ?? current.name,
    client: patch.client ?? current.client,
    schemeId: patch.schemeId ?? current.schemeId,
    region: patch.region ?? current.region,
    timezone: patch.timezone ?? current.timezone,
    callingWindow: patch.callingWindow ?? current.callingWindow,
    retryDelayHours: patch.retryDelayHours ?? current.retryDelayHours,
    maxAttempts: patch.maxAttempts === undefined ? current.maxAttempts : patch.maxAttempts,
    options: { ...current.options, ...patch.options },
  };
  checkCampaign(next);
  if (next.schemeId !== current.schemeId && calls > 0) {
    const message = `Campaign "${current.name}" keeps its outcome scheme (${getScheme(current.schemeId).name}): ${calls === 1 ? '1 call is' : `${calls} calls are`} logged with it.`;
    throw new UserError(message, [{ field: 'schemeId', message }]);
  }
  return next;
}

export function updateCampaign(db: DB, id: number, patch: CampaignPatch): Campaign {
  const current = getCampaign(db, id);
  const next = patchedCampaign(current, patch, db.prepare('SELECT count(*) FROM calls WHERE campaign_id = ?').pluck().get(id) as number);
  db.prepare(
    `UPDATE campaigns SET name = ?, client = ?, scheme_id = ?, region = ?, timezone = ?, calling_window = ?,
       retry_delay_hours = ?, max_attempts = ?, options = ? WHERE id = ?`,
  ).run(
    next.name.trim(),
    next.client ?? '',
    next.schemeId ?? DEFAULT_SCHEME_ID,
    (next.region ?? 'US').toUpperCase(),
    next.timezone ?? current.timezone,
    JSON.stringify(next.callingWindow),
    next.retryDelayHours ?? 48,
    next.maxAttempts ?? null,
    JSON.stringify(next.options),
    id,
  );
  return getCampaign(db, id);
}

export function getCampaign(db: DB, id: number): Campaign {
  const row = db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
  if (!row) throw new UserError(`There is no campaign with id ${id}.`);
  return toCampaign(row);
}

/** The refusal of an unknown campaign name, with the names there are. */
export function noSuchCampaign(name: string, names: readonly string[]): UserError {
  const known = names.length ? ` Known campaigns: ${names.map((n) => `"${n}"`).join(', ')}.` : ' There are no campaigns yet: create one first.';
  return new UserError(`There is no campaign called "${name}".${known}`);
}

export function findCampaign(db: DB, name: string): Campaign {
  const row = db.prepare('SELECT * FROM campaigns WHERE name = ?').get(name.trim()) as CampaignRow | undefined;
  if (!row) throw noSuchCampaign(name, db.prepare('SELECT name FROM campaigns ORDER BY name').pluck().all() as string[]);
  return toCampaign(row);
}

export function listCampaigns(db: DB): (Campaign & { records: number; open: number })[] {
  const rows = db.prepare('SELECT * FROM campaigns ORDER BY name').all() as CampaignRow[];
  const counts = db.prepare(
    `SELECT count(*) AS records, coalesce(sum(status = 'open'), 0) AS open FROM records WHERE campaign_id = ? AND list_id NOT IN ${IMPORTING_LISTS}`,
  );
  return rows.map((row) => ({ ...toCampaign(row), ...(counts.get(row.id) as { records: number; open: number }) }));
}

/**
 * The call-flow input a campaign contributes: the switches and settings its scheme declares, and
 * its own reasons (the scheme's `variants`).
 */
export function flowCampaignInput(c: Campaign): NonNullable<FlowInput['campaign']> {
  const scheme = getScheme(c.schemeId);
  const options = c.options as unknown as Readonly<Record<string, unknown>>;
  return {
    ...Object.fromEntries(scheme.switches.map((s) => [s.key, options[s.key] === true])),
    ...c.options.settings,
    notQualifiedVariants: c.options.notQualifiedVariants,
  };
}

export { WEEKDAYS };
