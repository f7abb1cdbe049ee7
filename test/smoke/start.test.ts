import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../engine/helpers.ts';

const root = new URL('../..', import.meta.url).pathname;

/** This checkout as a fresh clone would have it (tracked and new files, as they are now) with its own node_modules. */
function freshClone(): string {
  const dir = tempDir();
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(root, f), join(dir, f));
    } catch {
      // deleted in the work tree but not yet in the index
    }
  }
  // `npm ci` puts no Electron binary in node_modules any more: hard links of every file, minus
  // whatever an earlier `npm start` on this machine downloaded.
  execFileSync('cp', ['-al', join(root, 'node_modules'), join(dir, 'node_modules')]);
  rmSync(join(dir, 'node_modules/electron/dist'), { recursive: true, force: true });
  rmSync(join(dir, 'node_modules/electron/path.txt'), { force: true });
  return dir;
}

describe('npm start on a fresh clone', () => {
  it("says Electron's binary could not be downloaded, from where and how to retry, when the mirror answers 404", async () => {
    const dir = freshClone();
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      res.writeHead(404).end('not here');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const version = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    try {
      const env = { ...process.env, ELECTRON_MIRROR: mirror, electron_config_cache: join(dir, 'electron-cache'), ELECTRON_GET_USE_PROXY: '', ELECTRON_OVERRIDE_DIST_PATH: '' };
      const r = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = execFile('npm', ['start'], { cwd: dir, env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) =>
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, output: `${stdout}\n${stderr}` }),
        );
        child.stdin?.end();
      });
      expect(r.code, r.output).toBe(1);
      expect(r.output).not.toContain('Electron uninstall');
      expect(r.output).toContain(`Outcall could not start: Electron's binary (Electron ${version}) could not be downloaded.`);
      expect(r.output).toMatch(new RegExp(`from: +${mirror}v${version}/electron-v${version}-${process.platform}-${process.arch}\\.zip`));
      expect(r.output).toContain('Response code 404');
      expect(r.output).toContain(`cache:  ${join(dir, 'electron-cache')}`);
      expect(r.output).toContain('run `npm start` again');
      expect(r.output).toContain('ELECTRON_MIRROR');
      expect(r.output).toContain('electron_config_cache');
      expect(asked).toContain(`/v${version}/electron-v${version}-${process.platform}-${process.arch}.zip`);
    } finally {
      server.close();
    }
  }, 150_000);
});
