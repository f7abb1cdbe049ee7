import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/index.ts';
import { captureConsole, run } from './cli-run.ts';
import { tempDir } from './helpers.ts';

captureConsole();

const campaigns = (db: string) => {
  const d = openDatabase(db, { readonly: true });
  const names = d.prepare('SELECT name FROM campaigns ORDER BY id').pluck().all();
  d.close();
  return names;
};

describe('outcall backup and outcall restore', () => {
  it('backs up to a file and restores it, keeping the current database aside', async () => {
    const dir = tempDir();
    const db = join(dir, 'outcall.db');
    expect((await run('campaign', 'create', 'Before', '--timezone', 'America/Chicago', '--db', db)).code).toBe(0);
    const copy = join(dir, 'copy.db');
    const b = await run('backup', '--out', copy, '--db', db);
    expect(b).toMatchObject({ code: 0, out: expect.stringContaining(`to ${copy}`) });
    expect((await run('campaign', 'create', 'After', '--timezone', 'America/Chicago', '--db', db)).code).toBe(0);

    const r = await run('restore', copy, '--db', db);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Restored .*copy\.db \(0 calls\).*The previous database is kept as .*outcall\.db\.before-restore-/);
    expect(campaigns(db)).toEqual(['Before']);
    const aside = /kept as (\S+)\.$/.exec(r.out)?.[1] ?? '';
    expect(campaigns(aside)).toEqual(['Before', 'After']);

    const today = await run('backup', '--db', db);
    expect(today.code).toBe(0);
    expect(today.out).toMatch(/backups[/\\]outcall-\d{4}-\d{2}-\d{2}\.db/);
    expect((await run('backup', '--help')).out).toContain('Usage: outcall backup');
    expect((await run('restore', '--help')).out).toContain('Usage: outcall restore FILE');
  });

  it('refuses to restore a file that is not an Outcall database or is from a newer version, and exits 1', async () => {
    const dir = tempDir();
    const db = join(dir, 'outcall.db');
    await run('campaign', 'create', 'Kept', '--timezone', 'America/Chicago', '--db', db);
    const text = join(dir, 'list.csv');
    writeFileSync(text, 'Company,Phone\nAcme,2015550101\n');
    const newer = join(dir, 'newer.db');
    new Database(newer).exec('CREATE TABLE campaigns (x); CREATE TABLE records (x); CREATE TABLE calls (x); PRAGMA user_version = 999').close();
    const r1 = await run('restore', text, '--db', db);
    expect(r1).toMatchObject({ code: 1, err: 'outcall restore: list.csv is not an Outcall database (it is not an SQLite file).' });
    const r2 = await run('restore', newer, '--db', db);
    expect(r2.code).toBe(1);
    expect(r2.err).toMatch(/newer\.db is from a newer version of Outcall \(schema 999/);
    expect(campaigns(db)).toEqual(['Kept']);
    expect(existsSync(`${db}.restoring`)).toBe(false);
    expect((await run('backup', '--out', db, '--db', db)).err).toMatch(/--out must be another file than the database itself/);
  });
});
