import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/open.ts';
import { isUserError } from '../errors.ts';
import { ImportCancelled, importList, type ImportOptions } from './importer.ts';
import type { WorkerMessage } from './run.ts';

/** Worker thread entry: one import on its own connection, progress and result as messages. */
const { dbPath, options } = workerData as { dbPath: string; options: Omit<ImportOptions, 'signal' | 'onProgress'> };
const port = parentPort;
if (!port) throw new Error('import worker started outside a worker thread');
const post = (m: WorkerMessage) => port.postMessage(m);
const controller = new AbortController();
port.on('message', (m: { type: string }) => {
  if (m.type === 'cancel') controller.abort();
});

const db = openDatabase(dbPath, { migrate: false });
// The import commits every few thousand rows, each commit adding the pages it changed to the
// write-ahead log: copied into the database file (a checkpoint) every 64 MB of log, the log
// stays that size instead of growing to many times the list. (A checkpoint lets the app's
// connection keep writing.) The last part is copied below, after the result is sent.
db.pragma('wal_autocheckpoint = 16384');
try {
  const summary = await importList(db, {
    ...options,
    signal: controller.signal,
    onProgress: (p) => post({ type: 'progress', progress: p }),
  });
  post({ type: 'done', summary });
} catch (e) {
  post({
    type: 'error',
    message: e instanceof Error ? e.message : String(e),
    kind: e instanceof ImportCancelled ? 'cancelled' : isUserError(e) ? 'user' : 'internal',
  });
} finally {
  try {
    // PASSIVE: never waits for the app's own connection, which may be reading or writing.
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
    port.close();
  }
}
