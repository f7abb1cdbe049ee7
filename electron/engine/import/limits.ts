import { UserError } from '../errors.ts';
import type { SourceRow } from './source.ts';

/**
 * How much of a list the importer accepts. A list beyond one of these is refused with a message
 * naming the limit, the row and how to raise it (an import option; `--max-...` on the command
 * line), so that a broken or hostile file cannot fill the memory or the disk.
 */
export interface ImportLimits {
  /** Characters in one cell. */
  maxCellChars: number;
  /** Columns in one row. */
  maxColumns: number;
  /** Bytes one part of an XLSX workbook (a sheet, the shared strings) may inflate to. */
  maxXlsxPartBytes: number;
  /** Rows that may be rejected (no valid number, duplicate, do-not-call) before the list is refused. */
  maxRejectedRows: number;
  /** Rejected rows written to the error report; its last line says how many more there were. */
  maxReportRows: number;
}

export const DEFAULT_LIMITS: Readonly<ImportLimits> = {
  maxCellChars: 10_000,
  maxColumns: 1_000,
  maxXlsxPartBytes: 512 * 1024 * 1024,
  maxRejectedRows: 100_000,
  maxReportRows: 10_000,
};

/** The command-line flag that raises each limit. */
export const LIMIT_FLAGS: Record<keyof ImportLimits, string> = {
  maxCellChars: '--max-cell-chars',
  maxColumns: '--max-columns',
  maxXlsxPartBytes: '--max-xlsx-part-mb',
  maxRejectedRows: '--max-rejected',
  maxReportRows: '--max-report-rows',
};

export function importLimits(given: Partial<ImportLimits> = {}): ImportLimits {
  const limits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof ImportLimits)[]) {
    const v = given[key];
    if (v === undefined) continue;
    if (!Number.isSafeInteger(v) || v < 1) throw new UserError(`The import limit ${LIMIT_FLAGS[key]} must be a whole number above 0 (not ${v}).`);
    limits[key] = v;
  }
  return limits;
}

const n = (x: number) => x.toLocaleString('en-US');

/** "column 3 (C)", as a spreadsheet shows it. */
function columnName(index: number): string {
  let letters = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) letters = String.fromCharCode(65 + ((i - 1) % 26)) + letters;
  return `column ${index + 1} (${letters})`;
}

/**
 * Checks one batch of rows against the cell and column limits and removes NUL characters
 * (which some exports pad cells with and which text fields must not hold), in place.
 */
function checkRows(rows: SourceRow[], limits: ImportLimits): SourceRow[] {
  const { maxCellChars, maxColumns } = limits;
  for (const row of rows) {
    const cells = row.cells;
    if (cells.length > maxColumns) {
      throw new UserError(
        `Row ${row.row} has ${n(cells.length)} columns, more than the limit of ${n(maxColumns)} (raise it with ${LIMIT_FLAGS.maxColumns}). Nothing was imported.`,
      );
    }
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i] as string;
      if (c.length > maxCellChars) {
        throw new UserError(
          `Row ${row.row}, ${columnName(i)} holds ${n(c.length)} characters, more than the limit of ${n(maxCellChars)} for one cell (raise it with ${LIMIT_FLAGS.maxCellChars}). Nothing was imported.`,
        );
      }
    }
    dropNuls(cells);
  }
  return rows;
}

/** Removes NUL characters from a row's cells, in place: the import and the preview read the same headers. */
export function dropNuls(cells: string[]): void {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i] as string;
    if (c.includes('\0')) cells[i] = c.replaceAll('\0', '');
  }
}

/** The rows of a source, each batch checked and cleaned as it is read. */
export async function* limitedRows(rows: AsyncIterable<SourceRow[]>, limits: ImportLimits): AsyncGenerator<SourceRow[]> {
  for await (const batch of rows) yield checkRows(batch, limits);
}

/** Too many rows were rejected: the list (or its mapping) is probably not what was meant. */
export class TooManyRejected extends UserError {}

export function tooManyRejected(row: number, limits: ImportLimits, report: string | null): TooManyRejected {
  return new TooManyRejected(
    `Row ${row} is rejected row number ${n(limits.maxRejectedRows + 1)}: more than the limit of ${n(limits.maxRejectedRows)} rejected rows (raise it with ${LIMIT_FLAGS.maxRejectedRows}). Check the file and its column mapping. Nothing was imported.${report ? ` The first rejected rows are listed in ${report}.` : ''}`,
  );
}
