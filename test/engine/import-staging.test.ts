import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  getRecord,
  importList,
  listCampaigns,
  logCall,
  openDatabase,
  queueFor,
  type Campaign,
  type DB,
} from '../../electron/engine/index.ts';
import { campaign, seed, tempDb, us } from './helpers.ts';

const T0 = new Date('2026-11-23T15:00:00Z');

function bigList(dir: string, rows: number): string {
  const file = join(dir, 'big.csv');
  const lines = ['Company,Phone'];
  for (let i = 0; i < rows; i++) lines.push(`Co ${i},(212) ${200 + (i % 700)}-${String(i % 10_000).padStart(4, '0')}`);
  writeFileSync(file, lines.join('\n'));
  return file;
}

/** A list as an import that is still running (or that died) leaves it: marked importing, with one record. */
function importingList(db: DB, c: Campaign, pid: number, heartbeat: Date, n: number): number {
  const list = Number(
    db
      .prepare(
        `INSERT INTO lists (campaign_id, name, source_file, imported_at, mapping, region, importing, importer_pid, heartbeat_at)
         VALUES (?, ?, 'x.csv', ?, '{}', 'US', 1, ?, ?)`,
      )
      .run(c.id, `half ${n}`, T0.toISOString(), pid, heartbeat.toISOString()).lastInsertRowid,
  );
  const record = db.prepare(`INSERT INTO records (campaign_id, list_id, list_row, company, tz) VALUES (?, ?, 2, ?, 'America/New_York')`).run(c.id, list, `Half ${n}`).lastInsertRowid;
  db.prepare(`INSERT INTO phones (record_id, campaign_id, position, raw, e164) VALUES (?, ?, 0, 'x', ?)`).run(record, c.id, `+1212555${String(n).padStart(4, '0')}`);
  return list;
}

describe('an import in progress', () => {
  it('lets a call be saved at once between its writes, and stays out of sight until it is done', async () => {
    const { db, path, dir } = tempDb();
    const c = campaign(db);
    const [seeded] = await seed(db, c, [{ company: 'Seeded', phone: us(1) }]);
    const file = bigList(dir, 12_000);
    const other = openDatabase(path);
    // No waiting at all: a write lock held across the import would fail this call at once.
    other.pragma('busy_timeout = 0');
    const seen: { campaignRecords: number; queue: number[]; rowsWritten: number; lookup: string }[] = [];
    let callId = 0;
    const s = await importList(db, {
      file,
      campaignId: c.id,
      onProgress: () => {
        if (seen.length > 0) return;
        const rowsWritten = other.prepare('SELECT count(*) FROM records').pluck().get() as number;
        const half = other.prepare('SELECT max(id) FROM records').pluck().get() as number;
        let lookup = '';
        try {
          getRecord(other, half);
        } catch (e) {
          lookup = (e as Error).message;
        }
        seen.push({
          campaignRecords: listCampaigns(other)[0]?.records ?? -1,
          queue: queueFor(other, c, { limit: 5, at: T0 }).map((q) => q.id),
          rowsWritten,
          lookup,
        });
        callId = logCall(other, { recordId: seeded ?? 0, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact', at: T0 }).callId;
      },
    });
    expect(s.imported).toBe(12_000);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.rowsWritten).toBeGreaterThan(1);
    expect(seen[0]).toMatchObject({ campaignRecords: 1, queue: [seeded], lookup: expect.stringMatching(/^There is no record \d+\.$/) });
    expect(callId).toBeGreaterThan(0);
    // Done: every record is there at once, and the call saved meanwhile is kept.
    expect(listCampaigns(other)[0]?.records).toBe(12_001);
    expect(queueFor(other, c, { limit: 2, at: T0 }).map((q) => q.company)).toEqual(['Co 0', 'Co 1']);
    expect(other.prepare('SELECT count(*) FROM calls').pluck().get()).toBe(1);
    other.close();
  });

  it('refuses a second import into the same campaign while one runs, and removes what a dead one left at the next start', async () => {
    const { db, path, dir } = tempDb();
    const c = campaign(db);
    const file = bigList(dir, 3);
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 0;
    const fresh = new Date();
    const live = importingList(db, c, process.pid, fresh, 1);
    importingList(db, c, dead, fresh, 2);
    importingList(db, c, process.pid, new Date(fresh.getTime() - 10 * 60_000), 3);
    await expect(importList(db, { file, campaignId: c.id })).rejects.toThrow(
      'Another list ("half 1") is being imported into this campaign: wait until it is done, then import this one.',
    );
    expect(listCampaigns(db)[0]?.records).toBe(0);
    db.close();

    // The next start removes the lists whose importer is gone or silent, with their records.
    const again = openDatabase(path);
    expect(again.prepare('SELECT id FROM lists').pluck().all()).toEqual([live]);
    expect(again.prepare('SELECT company FROM records').pluck().all()).toEqual(['Half 1']);
    expect(again.prepare('SELECT count(*) FROM phones').pluck().get()).toBe(1);
    again.prepare('UPDATE lists SET importing = 0 WHERE id = ?').run(live);
    expect(listCampaigns(again)[0]?.records).toBe(1);
    again.close();
  });

  it('still opens when a left-behind list cannot be removed yet (a full disk), keeping it out of sight', () => {
    const { db, path } = tempDb();
    const c = campaign(db);
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid ?? 0;
    importingList(db, c, dead, new Date(), 1);
    // Deleting needs room in the write-ahead log; here it is refused the way a full disk refuses it.
    db.exec(`CREATE TRIGGER refuse BEFORE DELETE ON records BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    db.close();
    const again = openDatabase(path);
    expect(again.prepare('SELECT count(*) FROM lists WHERE importing = 1').pluck().get()).toBe(1);
    expect(listCampaigns(again)[0]?.records).toBe(0);
    again.exec('DROP TRIGGER refuse');
    again.close();
    const later = openDatabase(path);
    expect(later.prepare('SELECT count(*) FROM lists').pluck().get()).toBe(0);
    later.close();
  });
});
