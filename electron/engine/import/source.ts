import { createReadStream, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import Papa from 'papaparse';
import ExcelJS from 'exceljs';
import { UserError } from '../errors.ts';
import { mustBeFile } from '../files.ts';
import { DEFAULT_LIMITS, dropNuls, type ImportLimits } from './limits.ts';
import { workbookStream } from './workbook.ts';

/** One row of a list as text cells, with its row number as a spreadsheet would show it. */
export interface SourceRow {
  row: number;
  cells: string[];
  /** Spreadsheets only: the cells that held a number rather than text (a phone may have lost its leading 0). */
  numeric?: number[];
}

export interface SourceInfo {
  kind: 'csv' | 'xlsx';
  encoding?: Encoding;
  delimiter?: string;
  bytes: number;
}

/** UTF-16 is what Excel writes as "Unicode Text" (tab-separated, with a byte-order mark). */
export type Encoding = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

/** The file's UTF-8 turned out to be invalid part-way: read it again as Windows-1252. */
export class EncodingChanged extends Error {
  constructor() {
    super('The file is not UTF-8 after all.');
  }
}

const SNIFF_BYTES = 256 * 1024;

async function head(file: string, bytes: number): Promise<Buffer> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.alloc(bytes);
    const { bytesRead } = await fh.read(buf, 0, bytes, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

export async function detectKind(file: string): Promise<'csv' | 'xlsx'> {
  const start = await head(file, 8);
  if (start[0] === 0x50 && start[1] === 0x4b && start[2] === 0x03 && start[3] === 0x04) return 'xlsx';
  if (start[0] === 0xd0 && start[1] === 0xcf && start[2] === 0x11 && start[3] === 0xe0) {
    throw new UserError(`${file} is an old Excel 97-2003 (.xls) workbook: save it as .xlsx or CSV and import that.`);
  }
  return 'csv';
}

/**
 * The text encoding of a list: a byte-order mark settles it (UTF-8, UTF-16 LE or BE); NUL bytes
 * in every other place are UTF-16 without one; otherwise UTF-8 when the start of the file is
 * valid UTF-8, else Windows-1252. Many NUL bytes otherwise (UTF-32, a binary file) are refused
 * by name.
 */
export function sniffEncoding(sample: Buffer): Encoding {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe && !(sample[2] === 0 && sample[3] === 0)) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  let even = 0;
  let odd = 0;
  const probe = Math.min(sample.length, 4096);
  for (let i = 0; i < probe; i++) {
    if (sample[i] === 0) {
      if (i % 2) odd++;
      else even++;
    }
  }
  // A stray NUL or two is a damaged row, left to the rows; many are another encoding.
  if (even + odd > Math.max(8, probe / 100)) {
    const pairs = Math.floor(probe / 2);
    // UTF-16 has its NULs in one byte of a pair and none in the other: in nearly every pair for
    // Latin text, in the ASCII ones (digits, commas, spaces) for Cyrillic, Greek or Arabic.
    // NUL padding in 8-bit text falls on both.
    if (even === 0 && odd > pairs / 16) return 'utf-16le';
    if (odd === 0 && even > pairs / 16) return 'utf-16be';
    // Text padded with NULs (some exports fill cells with them) is still mostly text: the rows
    // drop them. UTF-32 or a binary file is mostly NULs.
    if (even + odd > probe / 4) {
      throw new UserError(
        `The file holds NUL bytes, so it is not text in UTF-8, UTF-16 or Windows-1252${sample[0] === 0xff && sample[1] === 0xfe ? ' (it starts like UTF-32)' : ''}. Save it from the spreadsheet as CSV UTF-8 (or Unicode Text) and import that.`,
      );
    }
  }
  // Cut at a line end so that a multi-byte character split by the sample size is not blamed.
  const cut = sample.lastIndexOf(0x0a);
  const body = cut > 0 && sample.length === SNIFF_BYTES ? sample.subarray(0, cut) : sample;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(body);
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

/** The delimiter that splits the first lines most consistently into more than one field. */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20);
  let best = ',';
  let bestScore = 0;
  for (const d of [',', ';', '\t', '|']) {
    const counts = lines.map((line) => {
      let n = 0;
      let quoted = false;
      for (const ch of line) {
        if (ch === '"') quoted = !quoted;
        else if (ch === d && !quoted) n++;
      }
      return n;
    });
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = consistent * 1000 + first;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Decodes bytes to text, with every line end as \n (Papa Parse reads one kind per file, and
 * lists mix them); in UTF-8 mode, invalid bytes stop the stream with EncodingChanged.
 */
class Decode extends Transform {
  private readonly decoder: InstanceType<typeof TextDecoder>;
  /** A \r at the end of a chunk waits for the next one, which may start with its \n. */
  private pendingCR = false;
  constructor(encoding: Encoding) {
    super({ decodeStrings: true, readableObjectMode: true });
    this.decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8', ignoreBOM: false });
  }
  private lines(text: string, last: boolean): string {
    if (this.pendingCR) text = '\r' + text;
    this.pendingCR = !last && text.endsWith('\r');
    if (this.pendingCR) text = text.slice(0, -1);
    return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      done(new EncodingChanged());
      return;
    }
    const out = this.lines(text, false);
    done(null, out || undefined);
  }
  override _flush(done: TransformCallback): void {
    let text: string;
    try {
      text = this.decoder.decode();
    } catch {
      done(new EncodingChanged());
      return;
    }
    const out = this.lines(text, true);
    done(null, out || undefined);
  }
}

const CSV_PROBLEMS: Record<string, string> = {
  MissingQuotes: 'a quoted field is never closed (a stray " character)',
  InvalidQuotes: 'a quote is closed in the middle of a field',
};

export interface OpenedSource {
  info: SourceInfo;
  /** The rows in batches, in file order. */
  rows: AsyncIterable<SourceRow[]>;
  /** Bytes of the file read so far, for progress. */
  bytesRead: () => number;
  close: () => void;
}

/** Batches of parsed rows ready ahead of the reader; parsing pauses beyond this. */
const READ_AHEAD = 4;

export async function openCsv(file: string, encoding?: Encoding): Promise<OpenedSource> {
  const bytes = statSync(file).size;
  const sample = await head(file, SNIFF_BYTES);
  const enc = encoding ?? sniffEncoding(sample);
  const sampleText = new TextDecoder(enc).decode(sample);
  const delimiter = sniffDelimiter(sampleText);
  let read = 0;
  const stream = createReadStream(file, { highWaterMark: 256 * 1024 });
  stream.on('data', (chunk) => {
    read += chunk.length;
  });
  const decoded = stream.pipe(new Decode(enc));
  stream.on('error', (e) => decoded.destroy(e));

  // Papa Parse pushes each chunk's rows; they queue here until the importer pulls them.
  const ready: SourceRow[][] = [];
  let rowsParsed = 0;
  let finished = false;
  let failure: unknown = null;
  let parser: Papa.Parser | null = null;
  let paused = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  const fail = (e: unknown) => {
    failure ??= e;
    signal();
  };
  decoded.on('error', fail);
  Papa.parse<string[]>(decoded as unknown as NodeJS.ReadableStream, {
    delimiter,
    newline: '\n',
    skipEmptyLines: 'greedy',
    chunk(results, p) {
      parser = p;
      if (failure) return;
      const problem = results.errors.find((e) => e.type === 'Quotes');
      if (problem) {
        const at = rowsParsed + (problem.row ?? 0) + 1;
        fail(
          new UserError(
            `The file cannot be read at row ${at} (after ${at - 1} rows): ${CSV_PROBLEMS[problem.code] ?? problem.message}. Nothing was imported.`,
          ),
        );
        p.abort();
        return;
      }
      const batch: SourceRow[] = new Array(results.data.length);
      for (let i = 0; i < results.data.length; i++) batch[i] = { row: ++rowsParsed, cells: results.data[i] as string[] };
      if (batch.length) ready.push(batch);
      if (ready.length >= READ_AHEAD && !paused) {
        paused = true;
        p.pause();
      }
      signal();
    },
    complete() {
      finished = true;
      signal();
    },
    error: fail,
  });

  async function* rows(): AsyncGenerator<SourceRow[]> {
    for (;;) {
      const batch = ready.shift();
      if (batch) {
        if (paused && ready.length < READ_AHEAD) {
          paused = false;
          parser?.resume();
        }
        yield batch;
        continue;
      }
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return {
    info: { kind: 'csv', encoding: enc, delimiter, bytes },
    rows: rows(),
    bytesRead: () => read,
    close: () => {
      finished = true;
      parser?.abort();
      stream.destroy();
      decoded.destroy();
    },
  };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; hyperlink?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.hyperlink) return o.hyperlink;
    if (o.error) return '';
  }
  return String(v);
}

export async function openXlsx(file: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<OpenedSource> {
  const bytes = statSync(file).size;
  // The parts ExcelJS needs, workbook first, each within the size limits (see workbook.ts).
  const workbook = await workbookStream(file, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(workbook.stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  // A problem in the file stops the reading at once, wherever ExcelJS is waiting.
  const next = <T>(it: AsyncIterator<T>) => Promise.race([it.next(), workbook.failure]);
  async function* rows(): AsyncGenerator<SourceRow[]> {
    let batch: SourceRow[] = [];
    // The first worksheet in the workbook's own order is the list; others (instructions,
    // lookups) are skipped. Zip order can differ from the tab order, so compare names.
    const sheets = reader[Symbol.asyncIterator]();
    for (let s = await next(sheets); !s.done; s = await next(sheets)) {
      const sheet = s.value;
      const first = (reader as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name;
      const sheetRows = sheet[Symbol.asyncIterator]();
      if (first !== undefined && (sheet as unknown as { name?: string }).name !== first) {
        for (let r = await next(sheetRows); !r.done; r = await next(sheetRows)) void r;
        continue;
      }
      for (let r = await next(sheetRows); !r.done; r = await next(sheetRows)) {
        const row = r.value;
        const values = row.values as unknown[];
        const cells: string[] = [];
        let numeric: number[] | undefined;
        for (let i = 1; i < values.length; i++) {
          const v = values[i];
          cells.push(cellText(v).trim());
          if (typeof v === 'number' || (typeof v === 'object' && v !== null && typeof (v as { result?: unknown }).result === 'number')) (numeric ??= []).push(i - 1);
        }
        if (cells.some((c) => c !== '')) batch.push(numeric ? { row: row.number, cells, numeric } : { row: row.number, cells });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      break;
    }
    if (batch.length) yield batch;
  }
  return {
    info: { kind: 'xlsx', bytes },
    rows: rows(),
    bytesRead: () => {
      const p = workbook.progress();
      return p.total ? Math.round((p.done / p.total) * bytes) : 0;
    },
    close: () => workbook.close(),
  };
}

/** Up to `count` first rows of a source (for finding the header), then closes it. */
export async function firstRows(source: OpenedSource, count: number): Promise<SourceRow[]> {
  const seen: SourceRow[] = [];
  try {
    for await (const batch of source.rows) {
      for (const row of batch.slice(0, count - seen.length)) {
        dropNuls(row.cells);
        seen.push(row);
      }
      if (seen.length >= count) break;
    }
  } finally {
    source.close();
  }
  return seen;
}

export async function openSource(file: string, encoding?: Encoding, limits: ImportLimits = DEFAULT_LIMITS): Promise<OpenedSource> {
  mustBeFile(file);
  return (await detectKind(file)) === 'xlsx' ? openXlsx(file, limits) : openCsv(file, encoding);
}
