import { contextBridge } from 'electron';

// The typed API generated from shared/ipc arrives with the desktop issue; until then the
// renderer sees only the app version it runs in.
contextBridge.exposeInMainWorld('outcall', {
  platform: process.platform,
});
