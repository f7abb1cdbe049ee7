import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/engine/index.ts';
import { campaign, counts, tempDb } from './helpers.ts';

const engine = new URL('../../electron/engine/index.ts', import.meta.url).href;

describe('an import killed half-way', () => {
  it('leaves the database exactly as before', async () => {
    const { db, path, dir } = tempDb();
    const c = campaign(db);
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
    const killedAt = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const rows = Number([...output.matchAll(/progress (\d+)/g)].at(-1)?.[1] ?? 0);
        if (rows >= 20_000 && !child.killed) {
          child.kill('SIGKILL');
          resolve(rows);
        }
      });
      child.on('exit', () => (output.includes('finished') ? reject(new Error('the import finished before it could be killed')) : undefined));
    });
    await new Promise((r) => child.on('close', r));
    expect(killedAt).toBeGreaterThanOrEqual(20_000);
    expect(output).not.toContain('finished');

    const after = openDatabase(path);
    expect(counts(after)).toEqual(before);
    expect(after.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schemaBefore);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    after.close();
  });
});
