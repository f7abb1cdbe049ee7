import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { listCampaigns, logCall, openDatabase, queueFor } from '../../electron/engine/index.ts';
import { campaign, counts, seed, tempDb, us } from './helpers.ts';

const engine = new URL('../../electron/engine/index.ts', import.meta.url).href;

describe('an import killed half-way', () => {
  it('leaves the database as before, with the call a caller saved while it ran', async () => {
    const { db, path, dir } = tempDb();
    const c = campaign(db);
    const [seeded] = await seed(db, c, [{ company: 'Seeded', phone: us(1) }]);
    const file = join(dir, 'big.csv');
    const lines = ['Company,Phone'];
    for (let i = 0; i < 150_000; i++) lines.push(`Co ${i},(201) ${String(200 + (i % 700))}-${String(i % 10000).padStart(4, '0')}`);
    writeFileSync(file, lines.join('\n'));
    const before = counts(db);
    const schemaBefore = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    db.close();

    // A separate process runs the import in its worker and reports progress; it is killed
    // with SIGKILL once rows are being written, so nothing gets to roll back politely.
    const script = `
      import { startImport } from ${JSON.stringify(engine)};
      const run = startImport(${JSON.stringify(path)}, { file: ${JSON.stringify(file)}, campaignId: ${c.id} },
        (p) => console.log('progress', p.rowsRead));
      await run.result;
      console.log('finished');
    `;
    const runner = join(dir, 'run-import.mjs');
    writeFileSync(runner, script);
    const child = spawn(process.execPath, [runner], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    // The caller's own connection, as the app keeps it.
    const app = openDatabase(path);
    const during: { callId: number; records: number; written: number; queue: string[] } = { callId: 0, records: -1, written: 0, queue: [] };
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const rows = Number([...output.matchAll(/progress (\d+)/g)].at(-1)?.[1] ?? 0);
        if (rows >= 20_000 && !child.killed) {
          // While the import runs: its rows are written but out of sight, and a call is saved.
          during.written = app.prepare('SELECT count(*) FROM records').pluck().get() as number;
          during.records = listCampaigns(app)[0]?.records ?? -1;
          during.queue = queueFor(app, c.id, { limit: 3 }).map((q) => q.company);
          during.callId = logCall(app, { recordId: seeded ?? 0, caller: 'Dana', events: ['DIAL', 'NO_ANSWER'], result: 'no_contact' }).callId;
          child.kill('SIGKILL');
          resolve(rows);
        }
      });
      child.on('exit', () => (output.includes('finished') ? reject(new Error('the import finished before it could be killed')) : undefined));
    });
    await new Promise((r) => child.on('close', r));
    app.close();
    expect(killedAt).toBeGreaterThanOrEqual(20_000);
    expect(output).not.toContain('finished');
    expect(during.written).toBeGreaterThan(1);
    expect(during).toMatchObject({ records: 1, queue: ['Seeded'], callId: expect.any(Number) });

    // Before the next start the half-written list is still in the file, marked importing.
    const raw = new Database(path, { readonly: true });
    expect(raw.prepare('SELECT count(*) FROM lists WHERE importing = 1').pluck().get()).toBe(1);
    raw.close();
    // The next start removes it: the records are as before, and the call is kept.
    const after = openDatabase(path);
    expect(counts(after)).toEqual(before);
    expect(after.prepare('SELECT record_id FROM calls').pluck().all()).toEqual([seeded]);
    expect(after.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schemaBefore);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
