import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi, type OutcallApi } from '../../shared/ipc/client.ts';

// One named function per channel of the contract, and one listener per channel main pushes on;
// never ipcRenderer itself or a generic invoke.
const api: OutcallApi = createApi(
  (channel, input) => ipcRenderer.invoke(channel, input),
  (channel, listener) => {
    const handler = (_event: IpcRendererEvent, value: unknown) => listener(value);
    ipcRenderer.on(channel, handler);
    return () => void ipcRenderer.removeListener(channel, handler);
  },
);
contextBridge.exposeInMainWorld('outcall', api);
