import { WEEKDAYS, type CallingWindow, type Weekday } from '../../../shared/calling-window.ts';
import { notQualifiedVariant, UserError, type Campaign, type CampaignPatch } from '../../engine/index.ts';
import { DEFAULT_SCHEME_ID, findScheme, getScheme, settingFromText, type SettingValue } from '../../../shared/schemes/index.ts';
import { int, many, oneOf, str, table, UsageError, type Command, type Values } from '../kit.ts';

/** Campaigns and callers: what a manager sets up before anyone calls. */

const DAY_RANGE = /^(mon|tue|wed|thu|fri|sat|sun)(?:-(mon|tue|wed|thu|fri|sat|sun))?$/;

/** "mon-fri 09:00-17:00, sat 10:00-14:00, sun closed": the days named change, the others stay. */
export function parseWindow(spec: string, current: CallingWindow): CallingWindow {
  const next: CallingWindow = { ...current };
  for (const part of spec.split(/[,;]/).map((p) => p.trim().toLowerCase()).filter(Boolean)) {
    const m = /^(\S+)\s+(?:(closed)|(\S+)-(\S+))$/.exec(part);
    const days = m ? (m[1] === 'all' ? 'mon-sun' : m[1] === 'weekdays' ? 'mon-fri' : (m[1] ?? '')) : '';
    const d = DAY_RANGE.exec(days);
    if (!m || !d) {
      throw new UsageError(`--window: "${part}" is not "DAYS HH:MM-HH:MM" or "DAYS closed" (DAYS: mon, mon-fri, weekdays, all).`);
    }
    const from = WEEKDAYS.indexOf(d[1] as Weekday);
    const to = WEEKDAYS.indexOf((d[2] ?? d[1]) as Weekday);
    if (to < from) throw new UsageError(`--window: "${days}" runs backwards; write the days from Monday on (e.g. mon-fri).`);
    for (const day of WEEKDAYS.slice(from, to + 1)) next[day] = m[2] ? null : { start: m[3] ?? '', end: m[4] ?? '' };
  }
  return next;
}

export function windowText(w: CallingWindow): string {
  return WEEKDAYS.map((d) => `${d} ${w[d] ? `${w[d].start}-${w[d].end}` : 'closed'}`).join(', ');
}

function describe(c: Campaign): string {
  const o = c.options;
  return [
    `Campaign ${c.id} "${c.name}"${c.client ? ` for ${c.client}` : ''}`,
    `  outcome scheme ${getScheme(c.schemeId).name} (${c.schemeId})`,
    `  region ${c.region}, default time zone ${c.timezone}`,
    `  calling window (each record's own zone): ${windowText(c.callingWindow)}`,
    `  retry delay ${c.retryDelayHours} h, maximum attempts ${c.maxAttempts ?? 'none'}`,
    `  Email Only - HNS ${o.allowEmailOnlyHns ? 'on' : 'off'}, Wants Consultant Follow Up ${o.wantsConsultantFollowUp ? 'on' : 'off'}`,
    `  Not Qualified reasons: ${o.notQualifiedVariants.map((v) => v.label).join(', ') || 'none'}`,
    `  qualification: ${o.qualification || '(none)'}`,
    `  intro email: ${o.introEmail.subject || o.introEmail.body ? `"${o.introEmail.subject}"` : '(none)'}`,
  ].join('\n');
}

const onOff = (v: Values, name: string) => {
  const x = oneOf(v, name, ['on', 'off'] as const);
  return x === undefined ? undefined : x === 'on';
};

const SETTING_HELP =
  '--setting KEY=VALUE sets one of the settings the campaign\'s scheme declares (repeat it for several; a list comma\n' +
  'separated), e.g. --setting closers="Cleo, Max" --setting products="Coaching" --setting currency=USD.';

/** The campaign's scheme settings with the `--setting key=value` ones given put over `current`. */
function schemeSettings(values: Values, schemeId: string, current: Readonly<Record<string, SettingValue>>): Record<string, SettingValue> {
  const scheme = findScheme(schemeId);
  const out: Record<string, SettingValue> = { ...current };
  for (const pair of many(values, 'setting')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--setting takes KEY=VALUE, not "${pair}".`);
    const key = pair.slice(0, eq).trim();
    const decl = scheme?.settings?.find((d) => d.key === key);
    if (!decl) throw new UserError(`"${key}" is not a setting of ${scheme?.name ?? schemeId}; its settings are: ${scheme?.settings?.map((d) => d.key).join(', ') || 'none'}.`);
    out[key] = settingFromText(decl, pair.slice(eq + 1));
  }
  return out;
}

export const SETUP_COMMANDS: Record<string, Command> = {
  'campaign create': {
    usage: 'campaign create NAME [--scheme ID] [--region CC] [--timezone ZONE] [--client TEXT] [--setting KEY=VALUE ...]',
    summary: 'Create a campaign (default region US). A country with one time zone sets it; give --timezone where it has several.',
    details: () =>
      `--scheme chooses the campaign's outcome scheme ("outcall schemes" lists them; default ${DEFAULT_SCHEME_ID}). It stays once calls are logged.\n${SETTING_HELP}`,
    options: { scheme: { type: 'string' }, region: { type: 'string' }, timezone: { type: 'string' }, client: { type: 'string' }, setting: { type: 'string', multiple: true } },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      const name = positionals[0];
      if (!name) throw new UsageError('Give the campaign a NAME.');
      const c = await (await store()).createCampaign({
        name, schemeId: str(values, 'scheme'), region: str(values, 'region'), timezone: str(values, 'timezone'), client: str(values, 'client'),
        ...(values['setting'] === undefined ? {} : { options: { settings: schemeSettings(values, str(values, 'scheme') ?? DEFAULT_SCHEME_ID, {}) } }),
      });
      out(`Created campaign "${c.name}" (id ${c.id}, region ${c.region}, ${c.timezone}, ${getScheme(c.schemeId).name}).`, c);
    },
  },
  'campaign list': {
    usage: 'campaign list',
    summary: 'List campaigns with their record counts.',
    options: {},
    team: 'store',
    run: async ({ store, out }) => {
      const list = await (await store()).listCampaigns();
      out(
        list.length
          ? table(['ID', 'CAMPAIGN', 'REGION', 'TIME ZONE', 'OPEN', 'RECORDS'], list.map((c) => [c.id, c.name, c.region, c.timezone, c.open, c.records]))
          : 'No campaigns yet: create one with "outcall campaign create NAME".',
        list,
      );
    },
  },
  'campaign set': {
    usage:
      'campaign set NAME [--window "mon-fri 09:00-17:00, sat closed"] [--retry-delay HOURS] [--max-attempts N|none] [--region CC] [--timezone ZONE] [--client TEXT] ' +
      '[--email-only-hns on|off] [--consultant-follow-up on|off] [--not-qualified "No Roof; Too Small"] [--qualification TEXT] [--intro-subject TEXT] [--intro-body TEXT] ' +
      '[--setting KEY=VALUE ...]',
    summary: "Change a campaign's calling window, retry delay, maximum attempts, region, zone and options.",
    details: () =>
      'The window is in each record\'s own time zone; the days named change, the others keep their hours.\n' +
      '--not-qualified replaces the campaign\'s extra Not Qualified reasons ("" for none).\n' + SETTING_HELP +
      '\nOn a team database (--team) only a manager changes a campaign.',
    options: {
      window: { type: 'string' }, 'retry-delay': { type: 'string' }, 'max-attempts': { type: 'string' }, region: { type: 'string' },
      timezone: { type: 'string' }, client: { type: 'string' }, 'email-only-hns': { type: 'string' }, 'consultant-follow-up': { type: 'string' },
      'not-qualified': { type: 'string' }, qualification: { type: 'string' }, 'intro-subject': { type: 'string' }, 'intro-body': { type: 'string' },
      setting: { type: 'string', multiple: true },
    },
    team: 'store',
    run: async ({ positionals, values, store, out }) => {
      const name = positionals[0];
      if (!name) throw new UsageError('Give the NAME of the campaign to change.');
      const st = await store();
      const c = await st.findCampaign(name);
      const max = str(values, 'max-attempts');
      const reasons = str(values, 'not-qualified');
      const patch: CampaignPatch = {
        region: str(values, 'region'),
        timezone: str(values, 'timezone'),
        client: str(values, 'client'),
        retryDelayHours: int(values, 'retry-delay'),
        maxAttempts: max === undefined ? undefined : max === 'none' ? null : int(values, 'max-attempts'),
        callingWindow: str(values, 'window') === undefined ? undefined : parseWindow(str(values, 'window') ?? '', c.callingWindow),
        options: {
          ...(onOff(values, 'email-only-hns') === undefined ? {} : { allowEmailOnlyHns: onOff(values, 'email-only-hns') }),
          ...(onOff(values, 'consultant-follow-up') === undefined ? {} : { wantsConsultantFollowUp: onOff(values, 'consultant-follow-up') }),
          ...(reasons === undefined ? {} : { notQualifiedVariants: reasons.split(/[;\n]/).map((r) => r.trim()).filter(Boolean).map((r) => notQualifiedVariant(r, c.schemeId)) }),
          ...(str(values, 'qualification') === undefined ? {} : { qualification: str(values, 'qualification') }),
          ...(values['setting'] === undefined ? {} : { settings: schemeSettings(values, c.schemeId, c.options.settings ?? {}) }),
          ...(str(values, 'intro-subject') === undefined && str(values, 'intro-body') === undefined
            ? {}
            : { introEmail: { subject: str(values, 'intro-subject') ?? c.options.introEmail.subject, body: str(values, 'intro-body') ?? c.options.introEmail.body } }),
        },
      };
      const changed = Object.entries(patch).some(([k, v]) => (k === 'options' ? Object.keys(v as object).length > 0 : v !== undefined));
      if (!changed) throw new UsageError('Say what to change (see the options below).');
      const saved = await st.updateCampaign(c.id, patch);
      out(describe(saved), saved);
    },
  },
  'caller add': {
    usage: 'caller add NAME',
    summary: 'Add a caller, so that calls and shifts can be logged under the name.',
    options: {},
    team: 'store',
    run: async ({ positionals, store, out }) => {
      const name = positionals[0];
      if (!name) throw new UsageError('Give the caller a NAME.');
      const c = await (await store()).addCaller(name);
      out(`Added caller "${c.name}".`, c);
    },
  },
  'caller list': {
    usage: 'caller list',
    summary: 'List the callers.',
    options: {},
    team: 'store',
    run: async ({ store, out }) => {
      const names = await (await store()).listCallers();
      out(names.length ? table(['CALLER'], names.map((n) => [n])) : 'No callers yet: add one with "outcall caller add NAME".', names);
    },
  },
};
