/** Runs one import in its own process for the benchmark, and reports time and peak memory. */
import { startImport } from '../../electron/engine/index.ts';

const [dbPath, file, campaignId, errors] = process.argv.slice(2);
const t0 = performance.now();
const summary = await startImport(dbPath ?? '', { file: file ?? '', campaignId: Number(campaignId), errorReportPath: errors }).result;
const ms = performance.now() - t0;
// maxRSS is in kilobytes: the peak of the whole process, main thread and import worker.
console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, summary }));
