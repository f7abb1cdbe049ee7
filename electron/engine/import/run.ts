import { Worker } from 'node:worker_threads';
import { UserError } from '../errors.ts';
import { ImportCancelled, type ImportOptions, type ImportProgress, type ImportSummary } from './importer.ts';

export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'error'; message: string; kind: 'cancelled' | 'user' | 'internal' };

export interface RunningImport {
  result: Promise<ImportSummary>;
  cancel: () => void;
  worker: Worker;
}

/** The worker beside this module, as sources run (tests, command line). Bundles pass their own. */
const sourceWorker = () => new URL(['.', 'worker.ts'].join('/'), import.meta.url);

/**
 * Runs an import in a worker thread so that the caller's thread (the window, the command
 * line's progress) never waits on it. `cancel()` rolls the import back; so does the worker
 * dying, since its transaction never commits.
 */
export function startImport(
  dbPath: string,
  options: Omit<ImportOptions, 'signal' | 'onProgress'>,
  onProgress?: (p: ImportProgress) => void,
  workerUrl: URL | string = sourceWorker(),
): RunningImport {
  const worker = new Worker(workerUrl, { workerData: { dbPath, options } });
  const result = new Promise<ImportSummary>((resolve, reject) => {
    let settled = false;
    worker.on('message', (m: WorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') {
        settled = true;
        resolve(m.summary);
      } else {
        settled = true;
        if (m.kind === 'cancelled') reject(new ImportCancelled());
        else if (m.kind === 'user') reject(new UserError(m.message));
        else reject(new Error(m.message));
      }
    });
    worker.on('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`The import stopped unexpectedly (exit ${code}); nothing was saved.`));
    });
  });
  return { result, cancel: () => worker.postMessage({ type: 'cancel' }), worker };
}
