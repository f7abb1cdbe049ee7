// Loads the built main process against the fake electron when its database cannot be opened,
// answers its windows as FAKE_MESSAGE_BOX_ANSWERS says, and prints what happened as JSON.
import { recorded } from './fake-electron.mjs';

const rejections = [];
process.on('unhandledRejection', (e) => rejections.push(String(e?.stack ?? e)));
await import(new URL('../../out/main/index.js', import.meta.url).href);

for (let i = 0; i < 800 && recorded.exitCode === null && recorded.handlers.size === 0; i++) await new Promise((r) => setTimeout(r, 25));
const out = {
  exitCode: recorded.exitCode,
  windows: recorded.windows.length,
  messageBoxes: recorded.messageBoxes.map(({ title, message, detail, buttons }) => ({ title, message, detail, buttons })),
  rejections,
};
if (recorded.handlers.size > 0) {
  const win = recorded.windows[0];
  const event = { sender: win.webContents, senderFrame: win.webContents.mainFrame };
  out.campaigns = await recorded.handlers.get('campaigns:list')(event, {});
  out.settings = await recorded.handlers.get('settings:get')(event, {});
}
console.log(JSON.stringify(out));
process.exit(0);
