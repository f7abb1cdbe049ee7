// `npm start`: make sure Electron's binary is there (Electron 45 no longer downloads it at
// install), then build and open the app with electron-vite. A failed download ends with one
// message saying from where, and how to retry or point Electron at a mirror or a cache.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const electronDir = join(root, 'node_modules/electron');

/** The first set one of the variables @electron/get reads for `name` (from .npmrc or the environment). */
function electronVar(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const keys = [`npm_config_electron_${name.replace('_', '')}`, `npm_config_electron_${name}`, `NPM_CONFIG_ELECTRON_${name.toUpperCase()}`, `ELECTRON_${name.toUpperCase()}`];
  return keys.map((k) => env[k]).find((v) => v);
}

/** Where @electron/get fetches the zip from: ELECTRON_MIRROR (or the release server) + version folder + file. */
export function electronDownloadUrl(version: string, env: NodeJS.ProcessEnv = process.env, platform: string = process.platform, arch: string = process.arch): string {
  const base = electronVar(env, 'mirror') ?? 'https://github.com/electron/electron/releases/download/';
  const dir = (electronVar(env, 'custom_dir') ?? `v${version}`).replace('{{ version }}', version);
  const file = electronVar(env, 'custom_filename') ?? `electron-v${version}-${platform}-${arch}.zip`;
  return `${base}${dir}/${file}`;
}

/** Where @electron/get keeps downloaded zips (env-paths' cache folder for "electron"), or electron_config_cache. */
export function electronCacheDir(env: NodeJS.ProcessEnv = process.env, platform: string = process.platform): string {
  if (env['electron_config_cache']) return env['electron_config_cache'];
  if (platform === 'win32') return join(env['LOCALAPPDATA'] ?? join(homedir(), 'AppData', 'Local'), 'electron', 'Cache');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'electron');
  return join(env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'electron');
}

/** The one message for a failed download, given what the installer printed. */
export function downloadFailure(version: string, installerOutput: string, env: NodeJS.ProcessEnv = process.env): string {
  const url = electronDownloadUrl(version, env);
  const reason = installerOutput
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|response code|ENOTFOUND|ECONN|ETIMEDOUT|fetch failed|checksum/i.test(l) && !l.startsWith('at '));
  return [
    `Outcall could not start: Electron's binary (Electron ${version}) could not be downloaded.`,
    `  from:   ${url}`,
    ...(reason ? [`  reason: ${reason}`] : []),
    `  cache:  ${electronCacheDir(env)}`,
    'To retry: check the network (or proxy: ELECTRON_GET_USE_PROXY=1 with HTTPS_PROXY) and run `npm start` again.',
    'To use a mirror: set ELECTRON_MIRROR (e.g. ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/) and run `npm start`.',
    'Offline: copy the cache folder above from a machine where `npm start` worked (same mirror), or set',
    '  electron_config_cache to a copy of it, and run `npm start` again.',
  ].join('\n');
}

function main(): number {
  const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string };
  // Electron's own installer: returns at once when the binary is in place, else downloads it
  // (through its cache) and unpacks it into node_modules/electron/dist.
  const install = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
  if (install.status !== 0) {
    console.error(downloadFailure(version, `${install.stderr ?? ''}\n${install.error?.message ?? ''}`));
    return 1;
  }
  const preview = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'preview', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  return preview.status ?? 1;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main();
