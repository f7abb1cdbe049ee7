/** The engine: plain Node, no Electron. The desktop app, the command line and the tests use it. */
export * from './errors.ts';
export * from './db/open.ts';
export * from './db/problems.ts';
export * from './campaigns.ts';
export * from './callers.ts';
export * from './phones.ts';
export * from './dnc.ts';
export * from './records.ts';
export * from './queue.ts';
export * from './calls.ts';
export * from './shifts.ts';
export * from './totals.ts';
export * from './templates.ts';
export * from './import/importer.ts';
export * from './import/mapping.ts';
export * from './import/run.ts';
export * from './reports.ts';
