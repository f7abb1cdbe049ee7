// Loads the built main process against the fake electron, then calls its IPC handlers the way
// the window would, and prints what happened as JSON.
import { recorded } from './fake-electron.mjs';

const main = new URL('../../out/main/index.js', import.meta.url);
await import(main.href);

const until = async (check, what) => {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
};
await until(() => recorded.windows.length > 0 && recorded.handlers.size > 0, 'the window and the IPC handlers');
const win = recorded.windows[0];
const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
const call = (channel, input, e = event) => recorded.handlers.get(channel)(e, input);

const out = {
  webPreferences: win.options.webPreferences,
  loaded: win.loaded,
  channels: [...recorded.handlers.keys()].sort(),
  campaigns: await call('campaigns:list', {}),
  settings: await call('settings:get', {}),
  savedSettings: await call('settings:set', { callerName: 'Smoke', defaultRegion: 'GB', dial: { mode: 'tel', sipDomain: '', template: '' }, theme: 'dark', lastCampaignId: null }),
  badInput: await call('dial:open', { recordId: 1, e164: 'javascript:alert(1)' }),
  foreignSender: await call('campaigns:list', {}, { sender: {}, senderFrame: {} }),
  shiftStart: await call('shift:start', { caller: 'Smoke' }),
  session: await call('session:state', { caller: 'Smoke' }),
  navigationPrevented: (() => {
    let prevented = false;
    for (const fn of win.webContents.listeners['will-navigate'] ?? []) fn({ preventDefault: () => (prevented = true) }, 'https://example.com');
    return prevented;
  })(),
  newWindow: win.webContents.windowOpenHandler?.({ url: 'https://example.com' }),
  permission: await new Promise((r) => recorded.permissionHandler(null, 'media', r)),
  remoteRequest: await new Promise((r) => recorded.requestFilter({ url: 'https://example.com/x.js' }, r)),
  localRequest: await new Promise((r) => recorded.requestFilter({ url: 'app://outcall/assets/index.js' }, r)),
  fileRequest: await new Promise((r) => recorded.requestFilter({ url: 'file:///etc/passwd' }, r)),
  privilegedSchemes: recorded.privilegedSchemes,
  menu: recorded.menu,
};
// What app:// serves: the built renderer's own files, with the CSP as a header; nothing else.
const serve = async (url, method = 'GET') => {
  const res = await recorded.protocols.get('app')(new Request(url, { method }));
  return { status: res.status, type: res.headers.get('content-type'), csp: res.headers.get('content-security-policy'), start: (await res.text()).slice(0, 15) };
};
out.served = {
  index: await serve('app://outcall/index.html'),
  root: await serve('app://outcall/'),
  up: await serve('app://outcall/../main/index.js'),
  encodedUp: await serve('app://outcall/%2e%2e/%2e%2e/package.json'),
  missing: await serve('app://outcall/nothing.js'),
  folder: await serve('app://outcall/assets'),
  otherHost: await serve('app://elsewhere/index.html'),
  post: await serve('app://outcall/index.html', 'POST'),
};
// An import through the bundled import worker, polled as the wizard does.
const saved = await call('campaigns:save', {
  name: 'Smoke AU', client: '', region: 'AU', timezone: 'Australia/Perth',
  callingWindow: { mon: null, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  retryDelayHours: 48, maxAttempts: null, notQualifiedReasons: [],
  options: { allowEmailOnlyHns: false, wantsConsultantFollowUp: false, qualification: '', introEmail: { subject: '', body: '' }, dial: null },
});
const file = new URL('../fixtures/au-schools.csv', import.meta.url).pathname;
out.pathRefused = await call('import:preview', { file });
recorded.nextOpen = file;
const picked = await call('import:pickFile', {});
out.picked = picked;
const started = await call('import:start', { file: picked.value.token, campaignId: saved.value.id, mapping: {}, dryRun: false });
let status;
for (let i = 0; i < 200; i++) {
  status = await call('import:status', { jobId: started.value.jobId });
  if (status.value.state !== 'running') break;
  await new Promise((r) => setTimeout(r, 25));
}
out.imported = status;
// A backup through the engine worker, then a restore that restarts it on the restored file.
out.backup = await call('backup:now', {});
out.backups = await call('backup:list', {});
await call('campaigns:save', { ...(await call('campaigns:get', { campaignId: saved.value.id })).value, id: undefined, name: 'After the backup', notQualifiedReasons: [] });
out.campaignsBeforeRestore = (await call('campaigns:list', {})).value.map((c) => c.name);
out.restored = await call('backup:restore', { name: out.backup.value.name });
out.campaignsAfterRestore = (await call('campaigns:list', {})).value.map((c) => c.name);
out.teamStatus = await call('team:status', {});
// Nothing listens on port 1: refused in words, the password never echoed.
out.teamRefused = await call('team:connect', { url: 'postgres://ann:hunter2@127.0.0.1:1/outcall', remember: true });
out.teamPushes = recorded.sent.filter((s) => s.channel === 'team:changed').map((s) => s.value);
console.log(JSON.stringify(out));
process.exit(0);
