import { contextBridge, ipcRenderer } from 'electron';
import { createApi, type OutcallApi } from '../../shared/ipc/client.ts';

// One named function per channel of the contract; never ipcRenderer itself or a generic invoke.
const api: OutcallApi = createApi((channel, input) => ipcRenderer.invoke(channel, input));
contextBridge.exposeInMainWorld('outcall', api);
