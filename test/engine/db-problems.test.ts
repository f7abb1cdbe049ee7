import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseProblem, openDatabase, setAside } from '../../electron/engine/index.ts';
import { LATEST_VERSION } from '../../electron/engine/db/migrations.ts';
import { lockedDatabase, newerDatabase, notADatabase, readOnlyFolder } from './broken-databases.ts';
import { tempDir } from './helpers.ts';

const root = new URL('../..', import.meta.url).pathname;

function problemOf(path: string): DatabaseProblem {
  try {
    openDatabase(path).close();
  } catch (e) {
    if (e instanceof DatabaseProblem) return e;
    throw e;
  }
  throw new Error(`${path} opened`);
}

/** `outcall campaign list --db PATH`: exit code and what it printed on stderr. */
function cli(path: string): { status: number | null; stderr: string } {
  const r = spawnSync(process.execPath, [join(root, 'electron/cli/outcall.ts'), 'campaign', 'list', '--db', path], { encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stderr: r.stderr };
}

describe('a database that cannot be opened', () => {
  const cases: [string, (dir: string) => { path: string; release?: () => void } | Promise<{ path: string; release: () => void }>, DatabaseProblem['kind'], RegExp][] = [
    ['from a newer Outcall', (d) => ({ path: newerDatabase(d) }), 'newer', new RegExp(`was written by a newer version of Outcall \\(schema ${LATEST_VERSION + 5}; this version knows up to ${LATEST_VERSION}\\)\\. Update Outcall to open it; the file was not changed\\.`)],
    ['that is no database', (d) => ({ path: notADatabase(d) }), 'damaged', /is not an Outcall database, or it is damaged \(SQLite: file is not a database\)\. The file was not changed\./],
    ['in a read-only folder', readOnlyFolder, 'read-only', /Outcall cannot write its database .*outcall\.db: the folder .*Outcall or the file is read-only, or you may not write there/],
    ['locked by another program', lockedDatabase, 'locked', /is locked by another program \(another Outcall, the outcall command or a database tool is using it\)\. Close that program and try again\./],
    ['that is a folder', (d) => { mkdirSync(join(d, 'outcall.db')); return { path: join(d, 'outcall.db') }; }, 'folder', /outcall\.db is a folder, not a database file\. Choose the \.db file itself\./],
  ];
  for (const [name, make, kind, message] of cases) {
    it(`${name}: says so in one line, in the engine and on the command line, and changes nothing`, async () => {
      const dir = tempDir();
      const { path, release } = await make(dir);
      try {
        const before = (() => { try { return readFileSync(path); } catch { return null; } })();
        const problem = problemOf(path);
        expect(problem.kind).toBe(kind);
        expect(problem.message).toMatch(message);
        expect(problem.message).toContain(path);
        const r = cli(path);
        expect(r.status, r.stderr).toBe(1);
        expect(r.stderr.trim().split('\n')).toEqual([`outcall campaign list: ${problem.message}`]);
        if (before) expect(readFileSync(path)).toEqual(before);
      } finally {
        release?.();
      }
    }, 30_000);
  }

  it('sets a file aside with its write-ahead log under a dated name, deleting nothing', () => {
    const dir = tempDir();
    const path = notADatabase(dir);
    const bytes = readFileSync(path);
    const aside = setAside(path, new Date('2026-11-24T08:40:12Z'));
    expect(aside).toBe(join(dir, 'outcall.set-aside-20261124-084012.db'));
    expect(readFileSync(aside)).toEqual(bytes);
    expect(setAside(notADatabase(dir), new Date('2026-11-24T08:40:12Z'))).toBe(join(dir, 'outcall.set-aside-20261124-084012-2.db'));
    expect(openDatabase(path).pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
  });
});
