import { Worker } from 'node:worker_threads';
import type { AsyncEngineApi, EngineApi } from './api.ts';
import { restoreNamedBackup } from './backup.ts';
import { DatabaseProblem } from './db/problems.ts';
import { UserError } from './errors.ts';
import type { EngineReply } from './host.ts';

export interface EngineWorker {
  api: AsyncEngineApi;
  close: () => Promise<void>;
  /**
   * Puts the backup called `name` in place of the database: the worker closes the file, the
   * current one is kept aside, and a new worker opens the restored one. Calls made meanwhile
   * wait for it.
   */
  restoreBackup: (name: string) => Promise<{ calls: number; keptAside: string | null }>;
}

/**
 * Starts the engine in a worker thread and returns its API, every method as a promise. When the
 * database cannot be opened it rejects with the DatabaseProblem the worker threw.
 */
export async function startEngineWorker(entry: URL | string, dbPath: string, importWorker?: string): Promise<EngineWorker> {
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let next = 1;
  let worker!: Worker;

  const spawn = () =>
    new Promise<void>((resolve, reject) => {
      const w = new Worker(entry, { workerData: { dbPath, importWorker } });
      const onError = (e: Error) => reject(asDatabaseProblem(e));
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        w.off('message', onMessage);
        w.off('error', onError);
        resolve();
      };
      w.on('message', onMessage);
      w.once('error', onError);
      w.on('message', (m: EngineReply) => {
        const p = pending.get(m.id);
        if (!p) return;
        pending.delete(m.id);
        if (m.ok) p.resolve(m.value);
        else p.reject(m.user ? new UserError(m.error) : new Error(m.error));
      });
      const failAll = (e: Error) => {
        for (const p of pending.values()) p.reject(e);
        pending.clear();
      };
      w.on('error', failAll);
      w.on('exit', () => failAll(new Error('The engine restarted before it answered.')));
      worker = w;
    });

  const stop = async () => {
    const exited = new Promise((r) => worker.once('exit', r));
    worker.postMessage({ type: 'close' });
    await exited;
  };

  /** Calls wait while the worker is being replaced. */
  let gate: Promise<unknown> = spawn();
  await gate;

  const api = new Proxy({} as AsyncEngineApi, {
    get: (_t, method: string) =>
      async (...args: unknown[]) => {
        await gate;
        return new Promise((resolve, reject) => {
          const id = next++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, method: method as keyof EngineApi, args });
        });
      },
  });

  return {
    api,
    close: async () => {
      await gate.catch(() => undefined);
      await stop();
    },
    restoreBackup: async (name) => {
      await gate;
      const run = restoreNamedBackup(dbPath, name, new Date(), { stop, start: spawn });
      gate = run.catch(() => undefined);
      return run;
    },
  };
}

/** A worker's uncaught error arrives as a plain Error with the thrown one's own fields. */
function asDatabaseProblem(e: Error): Error {
  const { kind, file } = e as Partial<DatabaseProblem>;
  return kind && file ? new DatabaseProblem(kind, file, e.message) : e;
}
