import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOWS } from '../../shared/callflow/index.ts';
import { SCHEMES } from '../../shared/schemes/index.ts';

/**
 * Rules live in one place (issue 11): outside a scheme's folder (and the call-flow machines),
 * no code names a scheme's outcome slugs, level ids or lead kinds. A word with an underscore
 * (no_contact, email_follow_up) is looked for anywhere; a plain word (duplicate, nurture,
 * reception) only as a whole quoted string, since it is also English.
 */
const ROOT = new URL('../..', import.meta.url).pathname;
const SOURCES = ['electron', 'renderer', 'shared'];

/** Where scheme words belong: every scheme folder, and the B2B flow's machine and helpers. */
const ALLOWED = [/^shared\/schemes\/[^/]+\//, /^shared\/callflow\/(b2b|machine)\.ts$/];
/** The same word meaning something else there. */
const HOMONYMS: readonly { file: RegExp; word: string }[] = [
  // log_call's answer for a call sent twice, not B2B's Duplicate outcome.
  { file: /^electron\/engine\/(team|store)\//, word: 'duplicate' },
  // The answer as the app's IPC types carry it to the screen.
  { file: /^shared\/ipc\/types\.ts$/, word: 'duplicate' },
  // The desk outbox's record of that answer (SQLite migration 9).
  { file: /^electron\/engine\/db\/migrations\.ts$/, word: 'duplicate' },
  // begin_dial's refusal of a number on the do-not-call list, not real estate's Do Not Call outcome.
  { file: /^electron\/engine\/team\//, word: 'do_not_call' },
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'out') return [];
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|tsx|mts|cts|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

/** Migration 1 pinned B2B's words in CHECKs; it is released and never edited. */
function withoutMigration1(file: string, text: string): string {
  if (!file.endsWith('electron/engine/db/migrations.ts')) return text;
  const start = text.indexOf('version: 1,');
  const end = text.indexOf('version: 2,');
  return start >= 0 && end > start ? text.slice(0, start) + text.slice(end) : text;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('scheme words stay in their scheme', () => {
  const words = [...new Set(SCHEMES.flatMap((s) => [...s.codes.map((c) => c.slug), ...s.levels.map((l) => l.id), ...s.leadKinds]))];

  it('finds the words of every registered scheme (the check is not empty)', () => {
    expect(words.length).toBeGreaterThan(SCHEMES.length);
    expect(Object.keys(FLOWS).length).toBeGreaterThan(0);
  });

  it('finds none of them in electron/, renderer/ or shared/ outside the scheme folders and flow files', () => {
    const found: string[] = [];
    const patterns = words.map((w) => ({ w, re: w.includes('_') ? new RegExp(`(?<![A-Za-z0-9_])${escape(w)}(?![A-Za-z0-9_])`) : new RegExp(`(['"\`])${escape(w)}\\1`) }));
    for (const dir of SOURCES) {
      for (const path of files(join(ROOT, dir))) {
        const file = relative(ROOT, path);
        if (ALLOWED.some((a) => a.test(file))) continue;
        const lines = withoutMigration1(file, readFileSync(path, 'utf8')).split('\n');
        lines.forEach((line, i) => {
          for (const { w, re } of patterns) {
            if (re.test(line) && !HOMONYMS.some((h) => h.word === w && h.file.test(file))) found.push(`${file}:${i + 1}: ${w}`);
          }
        });
      }
    }
    expect(found).toEqual([]);
  });
});

describe("a scheme's own words are reached only through its scheme", () => {
  const folders = readdirSync(join(ROOT, 'shared/schemes')).filter((d) => statSync(join(ROOT, 'shared/schemes', d)).isDirectory());
  const intoFolder = new RegExp(`from '[./]*(?:shared/)?schemes/(${folders.map(escape).join('|')})/`);

  it('finds the scheme folders (the check is not empty)', () => {
    expect(folders.length).toBeGreaterThanOrEqual(3);
  });

  it('no code outside shared/schemes and the flow files imports from a scheme folder', () => {
    const found: string[] = [];
    for (const dir of SOURCES) {
      for (const path of files(join(ROOT, dir))) {
        const file = relative(ROOT, path);
        if (/^shared\/(schemes|callflow)\//.test(file)) continue;
        readFileSync(path, 'utf8').split('\n').forEach((line, i) => {
          if (intoFolder.test(line)) found.push(`${file}:${i + 1}`);
        });
      }
    }
    expect(found).toEqual([]);
  });

  it("shared/schemes/index.ts hands out a scheme folder's schemes, not its vocabulary (B2B's meeting kinds reached the team store that way)", async () => {
    const index = (await import('../../shared/schemes/index.ts')) as Record<string, unknown>;
    const reexports = readFileSync(join(ROOT, 'shared/schemes/index.ts'), 'utf8')
      .split('\n')
      .flatMap((line) => {
        const m = /^export \{([^}]*)\} from '\.\/([^/']+)\//.exec(line);
        return m && folders.includes(m[2] as string) ? (m[1] as string).split(',').map((n) => n.trim().replace(/^type /, '')).filter(Boolean) : [];
      });
    expect(reexports.length).toBeGreaterThan(0);
    expect(reexports.filter((n) => !SCHEMES.includes(index[n] as (typeof SCHEMES)[number]))).toEqual([]);
  });
});
