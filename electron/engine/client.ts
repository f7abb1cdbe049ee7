import { Worker } from 'node:worker_threads';
import type { AsyncEngineApi, EngineApi } from './api.ts';
import { DatabaseProblem } from './db/problems.ts';
import { UserError } from './errors.ts';
import type { EngineReply } from './host.ts';

/**
 * Starts the engine in a worker thread and returns its API, every method as a promise. When the
 * database cannot be opened it rejects with the DatabaseProblem the worker threw.
 */
export async function startEngineWorker(
  entry: URL | string,
  dbPath: string,
  importWorker?: string,
): Promise<{ api: AsyncEngineApi; close: () => Promise<void> }> {
  const worker = new Worker(entry, { workerData: { dbPath, importWorker } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: { ready?: boolean }) => {
      if (m.ready) {
        worker.off('message', onMessage);
        resolve();
      }
    };
    worker.on('message', onMessage);
    worker.once('error', (e) => reject(asDatabaseProblem(e)));
  });
  worker.on('message', (m: EngineReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(m.user ? new UserError(m.error) : new Error(m.error));
  });
  worker.on('error', (e) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  });
  const api = new Proxy({} as AsyncEngineApi, {
    get: (_t, method: string) =>
      (...args: unknown[]) =>
        new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, method: method as keyof EngineApi, args });
        }),
  });
  return {
    api,
    close: async () => {
      worker.postMessage({ type: 'close' });
      await new Promise((r) => worker.once('exit', r));
    },
  };
}

/** A worker's uncaught error arrives as a plain Error with the thrown one's own fields. */
function asDatabaseProblem(e: Error): Error {
  const { kind, file } = e as Partial<DatabaseProblem>;
  return kind && file ? new DatabaseProblem(kind, file, e.message) : e;
}
