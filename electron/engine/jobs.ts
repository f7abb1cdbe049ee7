import { copyFileSync } from 'node:fs';
import { UserError } from './errors.ts';
import { ImportCancelled, type ImportOptions, type ImportProgress, type ImportSummary } from './import/importer.ts';
import { startImport, type RunningImport } from './import/run.ts';

export type ImportJobState =
  | { state: 'running'; progress: ImportProgress | null }
  | { state: 'done'; summary: ImportSummary }
  | { state: 'failed'; error: string }
  | { state: 'cancelled' };

/** An import under way: its summary to come, and how to cancel it (which rolls it back). */
export type ImportRun = Pick<RunningImport, 'result' | 'cancel'>;
export type ImportOrder = Omit<ImportOptions, 'signal' | 'onProgress'>;

/**
 * Imports as jobs the window can poll: each runs in its own worker thread and connection, so
 * the engine keeps answering while it works, and a cancel rolls it back.
 */
export function createImportJobs(dbPath: string, workerUrl?: URL | string) {
  return importJobs((options, onProgress) => startImport(dbPath, options, onProgress, workerUrl));
}

/** Jobs the window can poll over imports that `run` starts (into this desk's file, or the team database). */
export function importJobs<O = ImportOrder>(run: (options: O, onProgress: (p: ImportProgress) => void) => ImportRun) {
  const jobs = new Map<number, { run: ImportRun; status: ImportJobState }>();
  let next = 1;
  return {
    start(options: O): { jobId: number } {
      const jobId = next++;
      const job: { run: ImportRun; status: ImportJobState } = {
        run: run(options, (progress) => {
          if (job.status.state === 'running') job.status = { state: 'running', progress };
        }),
        status: { state: 'running', progress: null },
      };
      job.run.result.then(
        (summary) => (job.status = { state: 'done', summary }),
        (e: Error) => (job.status = e instanceof ImportCancelled ? { state: 'cancelled' } : { state: 'failed', error: e.message }),
      );
      jobs.set(jobId, job);
      return { jobId };
    },
    status(jobId: number): ImportJobState {
      const job = jobs.get(jobId);
      if (!job) throw new UserError(`There is no import ${jobId}.`);
      return job.status;
    },
    cancel(jobId: number): { cancelling: boolean } {
      const job = jobs.get(jobId);
      if (!job) throw new UserError(`There is no import ${jobId}.`);
      if (job.status.state !== 'running') return { cancelling: false };
      job.run.cancel();
      return { cancelling: true };
    },
    /** Copies a finished job's error report to where the user chose. */
    saveReport(jobId: number, dest: string): { path: string } {
      const s = this.status(jobId);
      if (s.state !== 'done' || !s.summary.errorReport) throw new UserError('This import has no error report.');
      copyFileSync(s.summary.errorReport, dest);
      return { path: dest };
    },
  };
}
