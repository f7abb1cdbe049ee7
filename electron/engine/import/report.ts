/** The error report of an import: the rejected rows, why, and the rows as the file had them. */
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { csvLine } from '../../../shared/csv.ts';
import { iso } from '../clock.ts';
import { UserError } from '../errors.ts';
import type { SourceRow } from './source.ts';

export type RejectReason = 'invalid_phone' | 'duplicate_in_file' | 'duplicate_in_campaign' | 'on_do_not_call';

export const REJECT_LABELS: Record<RejectReason, string> = {
  invalid_phone: 'no valid phone number',
  duplicate_in_file: 'duplicate within the file',
  duplicate_in_campaign: 'already in the campaign',
  on_do_not_call: 'on the do-not-call list',
};

/** Buffered error report, created only when the first row is rejected, of at most `maxRows` rows. */
export class ErrorReport {
  private fd: number | null = null;
  private lines: string[] = [];
  private written = 0;
  private leftOut = 0;
  readonly path: string;
  private readonly headers: readonly string[];
  private readonly maxRows: number;
  constructor(path: string, headers: readonly string[], maxRows: number) {
    this.path = path;
    this.headers = headers;
    this.maxRows = maxRows;
  }
  add(row: SourceRow, reason: RejectReason, detail: string): void {
    if (this.written >= this.maxRows) {
      this.leftOut++;
      return;
    }
    this.written++;
    if (this.fd === null) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.fd = openSync(this.path, 'w');
      this.lines.push(csvLine(['row', 'reason', 'detail', ...this.headers]));
    }
    this.lines.push(csvLine([row.row, REJECT_LABELS[reason], detail, ...row.cells]));
    if (this.lines.length >= 1000) this.flush();
  }
  /** Rejected rows counted elsewhere and not listed (beyond the report's rows). */
  leaveOut(rows: number): void {
    this.leftOut += rows;
  }
  flush(): void {
    if (this.fd !== null && this.lines.length > 0) {
      writeSync(this.fd, this.lines.join('\r\n') + '\r\n');
      this.lines = [];
    }
  }
  close(): string | null {
    if (this.leftOut > 0) {
      this.lines.push(csvLine(['', 'not listed', `${this.leftOut} more rejected rows are left out: this report lists the first ${this.maxRows}`]));
      this.leftOut = 0;
    }
    this.flush();
    if (this.fd === null) return null;
    closeSync(this.fd);
    this.fd = null;
    return this.path;
  }
  /** Nothing was imported after all: the report would describe an import that did not happen. */
  discard(): void {
    if (this.close() !== null) rmSync(this.path, { force: true });
  }
}

function stamp(now: Date): string {
  return iso(now).replace(/[:.]/g, '-');
}

/** Most file systems allow 255 bytes in a name. */
const NAME_BYTES = 255;

/** `<list file>-<time>.errors.csv`, the list's name shortened to fit the file system's limit. */
export function reportName(file: string, now: Date): string {
  const tail = `-${stamp(now)}.errors.csv`;
  let base = basename(file);
  const room = NAME_BYTES - Buffer.byteLength(tail);
  if (Buffer.byteLength(base) > room) {
    // Cut whole characters (never half of one) until the name fits.
    const chars = [...base];
    while (Buffer.byteLength(chars.join('')) > room) chars.pop();
    base = chars.join('');
  }
  return base + tail;
}

/** A write refused for want of space, in words a person can act on. */
export function diskFull(e: unknown): UserError | null {
  const code = (e as { code?: unknown } | null)?.code;
  if (code !== 'SQLITE_FULL' && code !== 'ENOSPC') return null;
  return new UserError('The disk is full: the import stopped and nothing was imported. Free some space on the disk that holds the database and its import reports, then import the list again.');
}
