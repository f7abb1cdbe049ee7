/** Runs one import in its own process for the benchmark, and reports time and peak memory. */
import { startImport } from '../../electron/engine/index.ts';

const [dbPath, file, campaignId, errors] = process.argv.slice(2);
const t0 = performance.now();
const running = startImport(dbPath ?? '', { file: file ?? '', campaignId: Number(campaignId), errorReportPath: errors });
const exited = new Promise((resolve) => running.worker.once('exit', resolve));
const summary = await running.result;
const ms = performance.now() - t0;
// After the result, the worker copies the log into the database file and exits.
await exited;
const checkpointMs = performance.now() - t0 - ms;
// maxRSS is in kilobytes: the peak of the whole process, main thread and import worker.
console.log(JSON.stringify({ ms, checkpointMs, maxRssMb: process.resourceUsage().maxRSS / 1024, summary }));
