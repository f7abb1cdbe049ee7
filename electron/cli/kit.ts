import { userInfo } from 'node:os';
import type { ParseArgsConfig } from 'node:util';
import type { DB } from '../engine/index.ts';
import type { Store } from '../engine/store/types.ts';
import { parseTimeIn, timeIn } from '../engine/zone.ts';

/** What every command module builds on: its shape, option readers and plain-text tables. */

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Record<string, string | boolean | string[] | undefined>;

export interface Command {
  usage: string;
  summary: string;
  options: Options;
  /**
   * More help text after the usage line (e.g. the events and result codes of `log`); given the
   * command's options, it may read the store, local or the team's (`log --help --campaign NAME`).
   */
  details?: (ctx?: Pick<Context, 'values' | 'store'>) => string | Promise<string>;
  /**
   * How the command meets team mode (--team URL or OUTCALL_TEAM_URL): 'store' works through
   * ctx.store() on either store; 'own' reads its own URL (team init); without it the command
   * works on the local file only and is refused in team mode.
   */
  team?: 'store' | 'own';
  run: (ctx: Context) => Promise<void> | void;
}

export interface Context {
  positionals: string[];
  values: Values;
  json: boolean;
  db: () => DB;
  dbPath: string;
  /** The local file's store, or the team database's with --team URL (or OUTCALL_TEAM_URL). */
  store: () => Promise<Store>;
  /** The team database's URL when the command acts on it (--team, else OUTCALL_TEAM_URL unless --db is given). */
  teamUrl: string | undefined;
  out: (human: string, json?: unknown) => void;
  /** A note for the person at the terminal, on stderr (never in --json output). */
  note: (text: string) => void;
}

/** Bad usage: a missing or malformed option. Exit code 2, with the command's help. */
export class UsageError extends Error {}

export function str(v: Values, name: string): string | undefined {
  const x = v[name];
  return typeof x === 'string' ? x : undefined;
}

/** A repeatable option's values, in the order given. */
export function many(v: Values, name: string): string[] {
  const x = v[name];
  return Array.isArray(x) ? x : typeof x === 'string' ? [x] : [];
}

export function need(v: Values, name: string): string {
  const x = str(v, name);
  if (x === undefined || x.trim() === '') throw new UsageError(`--${name} is required.`);
  return x;
}

export function int(v: Values, name: string): number | undefined {
  const x = str(v, name);
  if (x === undefined) return undefined;
  if (!/^\d{1,9}$/.test(x)) throw new UsageError(`--${name} "${x}" is not a whole number.`);
  return Number(x);
}

export function oneOf<T extends string>(v: Values, name: string, allowed: readonly T[]): T | undefined {
  const x = str(v, name);
  if (x === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(x)) throw new UsageError(`--${name} must be ${allowed.join(', ')}, not "${x}".`);
  return x as T;
}

/** A date and time option: with an offset it is that instant, without one it is read in `zone`. */
export function time(v: Values, name: string, zone: string): Date | undefined {
  const x = str(v, name);
  if (x === undefined) return undefined;
  const t = parseTimeIn(x, zone);
  if (!t) {
    throw new UsageError(
      `--${name} "${x}" is not a date and time: write 2026-11-23T14:30 (read in ${zone}) or give an offset, 2026-11-23T14:30-05:00.`,
    );
  }
  return t;
}

/** An instant as "YYYY-MM-DD HH:MM Zone/Name". */
export const at = (isoOrDate: string | Date, zone: string) => `${timeIn(new Date(isoOrDate), zone)} ${zone}`;

/** Columns padded to their widest cell, under a header line. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map((c) => (c === null || c === undefined ? '' : String(c))));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => r[i]?.length ?? 0)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd()).join('\n');
}

export const whoAmI = () => {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
};
