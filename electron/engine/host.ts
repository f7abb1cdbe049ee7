import { parentPort, workerData } from 'node:worker_threads';
import { createEngineApi, type EngineApi } from './api.ts';
import { openDatabase } from './db/open.ts';
import { isUserError } from './errors.ts';

/**
 * Worker-thread entry of the desktop app's engine: the database and every query run here, off
 * the window's main thread. Requests are `{ id, method, args }`; replies `{ id, ok, value }` or
 * `{ id, ok: false, error, user }`.
 */
export interface EngineRequest {
  id: number;
  method: keyof EngineApi;
  args: unknown[];
}
export type EngineReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string; user: boolean };

const port = parentPort;
if (!port) throw new Error('engine host started outside a worker thread');
const { dbPath, importWorker } = workerData as { dbPath: string; importWorker?: string };
const db = openDatabase(dbPath);
const api = createEngineApi(db, () => new Date(), { importWorker: importWorker ? new URL(importWorker) : undefined });

// SQLite copies its write-ahead log into the database file (a checkpoint) inside whichever
// COMMIT finds the log past 1000 pages: a few milliseconds added to one save in a hundred.
// Here it runs while no request is being answered instead, every two seconds.
db.pragma('wal_autocheckpoint = 0');
let answering = 0;
const checkpoints = setInterval(() => {
  if (answering === 0) db.pragma('wal_checkpoint(PASSIVE)');
}, 2000);
checkpoints.unref();

port.on('message', async (req: EngineRequest | { type: 'close' }) => {
  if ('type' in req) {
    clearInterval(checkpoints);
    db.close();
    port.close();
    return;
  }
  answering++;
  try {
    const fn = api[req.method] as (...a: unknown[]) => unknown;
    if (typeof fn !== 'function') throw new Error(`Unknown engine method ${String(req.method)}`);
    const value = await fn(...req.args);
    port.postMessage({ id: req.id, ok: true, value } satisfies EngineReply);
  } catch (e) {
    port.postMessage({ id: req.id, ok: false, error: e instanceof Error ? e.message : String(e), user: isUserError(e) } satisfies EngineReply);
  } finally {
    answering--;
  }
});
port.postMessage({ ready: true });
