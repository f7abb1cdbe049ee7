import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, copyFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.ts';

const root = new URL('../..', import.meta.url).pathname;

/** Every `node` on PATH (and the usual system places) older than 22.18, like `which -a node`. */
function oldNodes(): string[] {
  const dirs = [...(process.env['PATH'] ?? '').split(delimiter), '/usr/bin', '/usr/local/bin', '/bin'];
  const found = new Set<string>(); // by real path: /bin/node is often /usr/bin/node
  for (const dir of dirs) {
    const bin = join(dir, process.platform === 'win32' ? 'node.exe' : 'node');
    try {
      accessSync(bin, constants.X_OK);
      const [major = 0, minor = 0] = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8', timeout: 10_000 }).trim().split('.').map(Number);
      if (major < 22 || (major === 22 && minor < 18)) found.add(realpathSync(bin));
    } catch {
      // not there, or not runnable
    }
  }
  return [...found];
}

/** What a fresh clone has for these commands: package.json, the lock file, .npmrc and the gate. */
function project(): string {
  const dir = tempDir();
  for (const f of ['package.json', 'package-lock.json', '.npmrc', 'electron/tools/node-gate.cjs']) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    copyFileSync(join(root, f), join(dir, f));
  }
  return dir;
}

function npm(args: string[], cwd: string, env: NodeJS.ProcessEnv): { status: number | null; output: string } {
  const r = spawnSync('npm', args, { cwd, env, encoding: 'utf8', timeout: 60_000, shell: process.platform === 'win32' });
  return { status: r.status, output: `${r.stdout}\n${r.stderr}` };
}

/**
 * On a Node older than 22.18 each README command stops at once, saying which Node is needed and
 * where to get it: `npm ci` before it installs anything (engine-strict reads `engines`), and
 * `npm start`, `npm test`, `npm run outcall` in the gate before anything else runs. With every
 * real old Node this machine has; the gate also with a faked version, on any machine (npm's own
 * engine check cannot be given a fake version).
 */
describe('the Node version gate', () => {
  const envs: [string, NodeJS.ProcessEnv, boolean][] = [
    ['Node 20 played by OUTCALL_TEST_NODE_VERSION', { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env['PATH']}`, OUTCALL_TEST_NODE_VERSION: '20.20.2' }, false],
    ...oldNodes().map((bin): [string, NodeJS.ProcessEnv, boolean] => [`the machine's ${bin}`, { ...process.env, PATH: `${dirname(bin)}${delimiter}${process.env['PATH']}` }, true]),
  ];

  for (const [name, env, real] of envs) {
    it(`stops ${real ? 'npm ci, ' : ''}npm start, npm test and npm run outcall on ${name}`, () => {
      const dir = project();
      if (real) {
        const ci = npm(['ci', '--no-audit', '--no-fund'], dir, env);
        expect(ci.status, ci.output).not.toBe(0);
        expect(ci.output).toContain('EBADENGINE');
        expect(ci.output).toMatch(/Required: \{"node":">=22\.18\.0","get-node":"Node 22\.18\+ from https:\/\/nodejs\.org\/en\/download or `nvm install 22`"\}/);
        expect(ci.output).toMatch(/Actual: +\{"node":"v\d+\./);
        expect(existsSync(join(dir, 'node_modules')), 'npm ci installed packages before stopping').toBe(false);
      }
      for (const args of [['start'], ['test'], ['run', 'outcall', '--', '--help']]) {
        const r = npm(args, dir, env);
        expect(r.status, `npm ${args.join(' ')}: ${r.output}`).toBe(1);
        expect(r.output).toMatch(/Outcall needs Node\.js 22\.18 or later; this is Node \d+\.\d+\.\d+\./);
        expect(r.output).toContain('https://nodejs.org/en/download');
        expect(r.output).not.toMatch(/ERR_UNKNOWN_FILE_EXTENSION|is not a function|Cannot find module/);
      }
    }, 120_000);
  }

  it('lets Node 22.18 and later through', () => {
    for (const version of ['22.18.0', '22.23.3', '24.1.0']) {
      const r = spawnSync(process.execPath, [join(root, 'electron/tools/node-gate.cjs')], { env: { ...process.env, OUTCALL_TEST_NODE_VERSION: version }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
    }
    const r = spawnSync(process.execPath, [join(root, 'electron/tools/node-gate.cjs')], { env: { ...process.env, OUTCALL_TEST_NODE_VERSION: '22.17.1' }, encoding: 'utf8' });
    expect(r.stderr).toContain('this is Node 22.17.1');
  });
});
