import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/ipc/contract.ts';
import { tempDir } from '../engine/helpers.ts';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The built main process (out/main) under plain Node with a stand-in `electron` module: the
 * bundle starts its engine worker, keeps settings in electron-store, registers every channel,
 * refuses foreign senders, takes a file only by the token its open dialog gave, imports
 * through the bundled import worker, and backs up and restores through its engine worker.
 */
describe('the built main process', () => {
  it('starts, registers every channel and answers through its engine worker', () => {
    expect(existsSync(join(root, 'out/main/index.js')), 'run npm run build first').toBe(true);
    const dir = tempDir();
    const r = spawnSync(process.execPath, ['--import', './test/smoke/register.mjs', 'test/smoke/drive.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, OUTCALL_DB: join(dir, 'outcall.db'), FAKE_USER_DATA: dir },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
    expect(out.webPreferences.preload).toMatch(/out\/preload\/index\.cjs$/);
    expect(existsSync(out.webPreferences.preload)).toBe(true);
    expect(out.webPreferences.devTools).toBe(true);
    expect(out.loaded).toBe('app://outcall/index.html');
    expect(out.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(out.channels).toEqual(Object.keys(contract).sort());
    expect(out.campaigns).toEqual({ ok: true, value: [] });
    expect(out.savedSettings.value).toMatchObject({ callerName: 'Smoke', defaultRegion: 'GB', theme: 'dark' });
    expect(out.badInput).toMatchObject({ ok: false, error: 'e164: must be an E.164 number' });
    expect(out.foreignSender).toEqual({ ok: false, error: 'Refused: the request did not come from the Outcall window.' });
    expect(out.shiftStart.value.caller).toBe('Smoke');
    expect(out.session.value.shift.id).toBe(out.shiftStart.value.id);
    expect(out.navigationPrevented).toBe(true);
    expect(out.newWindow).toEqual({ action: 'deny' });
    expect(out.permission).toBe(false);
    expect(out.remoteRequest).toEqual({ cancel: true });
    expect(out.localRequest).toEqual({ cancel: false });
    expect(out.pathRefused).toMatchObject({ ok: false, error: expect.stringMatching(/^file: choose a file with Choose file/) });
    expect(out.picked).toEqual({ ok: true, value: { token: expect.stringMatching(/^[0-9a-f-]{36}$/), name: 'au-schools.csv' } });
    expect(out.fileRequest).toEqual({ cancel: true });
    const csp = /content="([^"]+)"/.exec(readFileSync(join(root, 'renderer/index.html'), 'utf8').split('Content-Security-Policy')[1] ?? '')?.[1]?.replace(/\s+/g, ' ');
    expect(csp).toContain("default-src 'self'");
    expect(out.served.index).toEqual({ status: 200, type: 'text/html; charset=utf-8', csp, start: '<!doctype html>' });
    expect(out.served.root).toEqual(out.served.index);
    for (const refused of ['up', 'encodedUp', 'missing', 'folder', 'otherHost']) expect(out.served[refused], refused).toMatchObject({ status: 404, csp });
    expect(out.served.post.status).toBe(405);
    expect(JSON.stringify(out.menu)).toContain('toggleDevTools');
    expect(out.imported).toMatchObject({ ok: true, value: { state: 'done', summary: { rows: 6, imported: 3, invalidPhone: 2, duplicateInFile: 1 } } });
    expect(existsSync(join(dir, 'config.json'))).toBe(true);
    expect(out.backup).toMatchObject({ ok: true, value: { name: expect.stringMatching(/^outcall-\d{4}-\d{2}-\d{2}\.db$/) } });
    expect(out.backups.value.backups).toEqual([out.backup.value]);
    expect(existsSync(join(dir, 'backups', out.backup.value.name))).toBe(true);
    expect(out.campaignsBeforeRestore).toEqual(['After the backup', 'Smoke AU']);
    expect(out.restored).toMatchObject({ ok: true, value: { calls: 0, keptAside: expect.stringMatching(/outcall\.db\.before-restore-/) } });
    expect(out.campaignsAfterRestore).toEqual(['Smoke AU']);
    expect(out.teamStatus).toMatchObject({ ok: true, value: { status: 'not_connected', url: '', canKeepPassword: false } });
    expect(out.teamRefused).toMatchObject({ ok: false, error: expect.stringContaining('Cannot connect to the team database 127.0.0.1:1/outcall') });
    expect(JSON.stringify(out.teamRefused)).not.toContain('hunter2');
    expect(out.teamPushes).toEqual([{ kind: 'status' }]);
  });

  it('packaged: no DevTools, no reload, in the menu or the window', () => {
    const dir = tempDir();
    const r = spawnSync(process.execPath, ['--import', './test/smoke/register.mjs', 'test/smoke/drive.mjs'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, OUTCALL_DB: join(dir, 'outcall.db'), FAKE_USER_DATA: dir, FAKE_PACKAGED: '1' },
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
    expect(out.webPreferences.devTools).toBe(false);
    expect(out.loaded).toBe('app://outcall/index.html');
    const roles = JSON.stringify(out.menu);
    expect(roles).not.toMatch(/toggleDevTools|"reload"|forceReload|"viewMenu"/);
    expect(roles).toContain('zoomIn');
  });
});
