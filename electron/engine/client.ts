import { Worker } from 'node:worker_threads';
import type { AsyncEngineApi, EngineApi } from './api.ts';
import { DatabaseProblem } from './db/problems.ts';
import { UserError } from './errors.ts';
import type { EngineReply, EngineStart } from './host.ts';

/**
 * Starts the engine in a worker thread and returns its API, every method as a promise. When the
 * database cannot be opened it rejects with the worker's DatabaseProblem (or plain Error).
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
    const onMessage = (m: EngineStart) => {
      worker.off('message', onMessage);
      if (m.ready) resolve();
      else reject(m.problem ? new DatabaseProblem(m.problem.kind, m.problem.file, m.error) : new Error(m.error));
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
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
