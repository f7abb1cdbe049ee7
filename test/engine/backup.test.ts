import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  backupDir,
  backupsToKeep,
  backupTo,
  dailyBackup,
  listBackups,
  logCall,
  openDatabase,
  restoreDatabase,
  type DB,
} from '../../electron/engine/index.ts';
import { startEngineWorker } from '../../electron/engine/client.ts';
import { LATEST_VERSION } from '../../electron/engine/db/migrations.ts';
import { appOver } from './harness.ts';
import { campaign, seed, tempDb, tempDir, us } from './helpers.ts';

const T0 = new Date('2026-11-23T01:00:00Z'); // Monday 12:00 in Sydney (the tests' local zone)

/** A database with `n` records to log calls on. */
async function desk(n: number): Promise<{ db: DB; path: string; ids: number[] }> {
  const { db, path } = tempDb();
  const ids = await seed(db, campaign(db), Array.from({ length: n }, (_, i) => ({ company: `Co ${i}`, phone: us(i) })));
  return { db, path, ids };
}

let minute = 0;
const logOne = (db: DB, recordId: number) =>
  logCall(db, { recordId, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: new Date(T0.getTime() + ++minute * 1000) }).callId;
const callIds = (db: DB) => db.prepare('SELECT id FROM calls ORDER BY id').pluck().all() as number[];

describe('backups', () => {
  it('a backup taken while calls are being logged opens, passes integrity_check and holds every call logged before it', async () => {
    const { db, ids } = await desk(300);
    // Some weight, so that the copy takes many steps.
    db.prepare('UPDATE records SET address = ?').run('x'.repeat(4000));
    const before = ids.slice(0, 100).map((id) => logOne(db, id));
    const dest = join(tempDir(), 'copy.db');
    let done = false;
    const running = backupTo(db, dest, 4).then((r) => ((done = true), r));
    let during = 0;
    for (let i = 100; i < 300 && !done; i++) {
      logOne(db, ids[i] ?? 0);
      during++;
      await new Promise((r) => setImmediate(r));
    }
    await running;
    expect(during).toBeGreaterThan(10); // the engine kept logging while the copy ran
    const copy = new Database(dest, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = new Set(callIds(copy));
    expect(before.filter((id) => !copied.has(id))).toEqual([]);
    copy.close();
    expect(existsSync(`${dest}.partial`)).toBe(false);
  });

  it('a restore brings the backup back and keeps the current file aside', async () => {
    const { db, path, ids } = await desk(5);
    const kept = ids.slice(0, 3).map((id) => logOne(db, id));
    expect(await dailyBackup(db, T0)).toMatchObject({ name: 'outcall-2026-11-23.db', day: '2026-11-23' });
    expect(await dailyBackup(db, T0)).toBeNull(); // one a day
    const later = logOne(db, ids[3] ?? 0);
    db.close();

    const r = restoreDatabase(path, join(backupDir(path), 'outcall-2026-11-23.db'), T0);
    expect(r).toEqual({ keptAside: `${path}.before-restore-2026-11-23T01-00-00-000Z`, calls: 3 });
    const restored = openDatabase(path);
    expect(callIds(restored)).toEqual(kept);
    expect(restored.pragma('journal_mode', { simple: true })).toBe('wal');
    restored.close();
    const aside = openDatabase(r.keptAside ?? '', { readonly: true });
    expect(callIds(aside)).toEqual([...kept, later]);
    aside.close();
  });

  it('refuses a file that is not an Outcall database or is from a newer version, and changes nothing', async () => {
    const { db, path, ids } = await desk(2);
    const kept = [logOne(db, ids[0] ?? 0)];
    db.close();
    const dir = tempDir();
    const text = join(dir, 'notes.db');
    writeFileSync(text, 'company,phone\nAcme,555\n');
    const other = join(dir, 'other.db');
    new Database(other).exec('CREATE TABLE things (x)').close();
    const newer = join(dir, 'newer.db');
    const n = openDatabase(newer);
    n.pragma(`user_version = ${LATEST_VERSION + 1}`);
    n.close();
    for (const [file, message] of [
      [text, /notes\.db is not an Outcall database \(it is not an SQLite file\)/],
      [other, /other\.db is not an Outcall database \(it has no campaigns, records, calls tables\)/],
      [newer, /newer\.db is from a newer version of Outcall/],
      [join(dir, 'missing.db'), /ENOENT/],
    ] as const) {
      expect(() => restoreDatabase(path, file, T0), file).toThrow(message);
    }
    const still = openDatabase(path);
    expect(callIds(still)).toEqual(kept);
    still.close();
    expect(existsSync(`${path}.restoring`)).toBe(false);
  });

  it('keeps the 7 newest daily copies and the newest copy of each of the 4 weeks before those', async () => {
    const { db, path } = await desk(1);
    for (let d = 59; d >= 0; d--) await dailyBackup(db, new Date(T0.getTime() - d * 86_400_000));
    expect(listBackups(path).map((b) => b.day)).toEqual([
      '2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19', '2026-11-18', '2026-11-17',
      // then the newest copy of each of the 4 weeks before those
      '2026-11-16', '2026-11-15', '2026-11-08', '2026-11-01',
    ]);
    expect([...backupsToKeep(['2026-11-23', '2026-11-01'])].sort()).toEqual(['2026-11-01', '2026-11-23']);
  });
});

describe('backups in the app', () => {
  it('a damaged backup in the list is refused and the app keeps working on its data', async () => {
    const { db, path, ids } = await desk(2);
    logOne(db, ids[0] ?? 0);
    mkdirSync(backupDir(path), { recursive: true });
    writeFileSync(join(backupDir(path), 'outcall-2026-11-01.db'), 'not a database at all');
    const app = appOver(db);
    expect((await app.api.listBackups({})).ok).toBe(true);
    expect(await app.api.restoreBackup({ name: 'outcall-2026-11-01.db' })).toEqual({
      ok: false,
      error: 'outcall-2026-11-01.db is not an Outcall database (it is not an SQLite file).',
    });
    expect(await app.api.callsBehind({ from: '2000-01-01', to: '2099-12-31' })).toMatchObject({ ok: true, value: { total: 1 } });
    expect(app.current()).toBe(db);
  });

  it('the engine worker keeps logging calls while it backs up, and restores a backup by name', async () => {
    const { db, path, ids } = await desk(40);
    db.prepare('UPDATE records SET address = ?').run('x'.repeat(4000));
    const before = ids.slice(0, 10).map((id) => logOne(db, id));
    db.close();
    const engine = await startEngineWorker(new URL('../../electron/engine/host.ts', import.meta.url), path);
    try {
      const log = (recordId: number) =>
        engine.api.logCall({ recordId, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', startedAt: new Date(Date.now() - 3_600_000 + ++minute * 1000).toISOString() });
      const [made, ...during] = await Promise.all([engine.api.backupNow(), ...ids.slice(10, 20).map(log)]);
      expect(during).toHaveLength(10);
      expect(made.name).toMatch(/^outcall-\d{4}-\d{2}-\d{2}\.db$/);
      const listed = await engine.api.backups();
      expect(listed).toEqual({ folder: backupDir(path), backups: [made] });
      const copy = new Database(join(backupDir(path), made.name), { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const inCopy = callIds(copy);
      copy.close();
      expect(before.every((id) => inCopy.includes(id))).toBe(true);

      await log(ids[30] ?? 0);
      await expect(engine.restoreBackup('outcall-1999-01-01.db')).rejects.toThrow('There is no backup called "outcall-1999-01-01.db".');
      const restored = await engine.restoreBackup(made.name);
      expect(restored.calls).toBe(inCopy.length);
      expect((await engine.api.calls({ from: '2000-01-01', to: '2099-12-31' })).total).toBe(inCopy.length);
    } finally {
      await engine.close();
    }
  });
});
