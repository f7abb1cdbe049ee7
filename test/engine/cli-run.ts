import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, vi } from 'vitest';
import { main } from '../../electron/cli/outcall.ts';

/** Runs `outcall` in-process, capturing what it prints; call `captureConsole()` in the file first. */
let out: string[] = [];
let err: string[] = [];

export function captureConsole(): void {
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void err.push(a.join(' ')));
  });
  afterEach(() => vi.restoreAllMocks());
}

export async function run(...argv: string[]): Promise<{ code: number; out: string; err: string; json: () => unknown }> {
  out = [];
  err = [];
  const code = await main(argv);
  const o = out.join('\n');
  return { code, out: o, err: err.join('\n'), json: () => JSON.parse(o) as unknown };
}

const CLI = new URL('../../electron/cli/outcall.ts', import.meta.url).pathname;

/** Runs `outcall` as its own Node process, as a person would: exit code and both streams (env: undefined unsets). */
export function spawnCli(...argv: string[]): { code: number | null; out: string; err: string } {
  return spawnCliWith({}, ...argv);
}

export function spawnCliWith(env: NodeJS.ProcessEnv, ...argv: string[]): { code: number | null; out: string; err: string } {
  return spawnCliInput('', env, ...argv);
}

/** As spawnCliWith, with `input` on the process's standard input. */
export function spawnCliInput(input: string, env: NodeJS.ProcessEnv, ...argv: string[]): { code: number | null; out: string; err: string } {
  const merged = Object.fromEntries(Object.entries({ ...process.env, OUTCALL_DEBUG: '', ...env }).filter(([, v]) => v !== undefined));
  const r = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', timeout: 60_000, env: merged, input });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
