import { Readable, Transform, type TransformCallback } from 'node:stream';
import yauzl from 'yauzl';
import { UserError } from '../errors.ts';
import { LIMIT_FLAGS, type ImportLimits } from './limits.ts';

/**
 * The parts of an XLSX workbook that ExcelJS's streaming reader needs, as one zip stream in the
 * order it needs them. ExcelJS reads the zip front to back, so a workbook that stores
 * `xl/workbook.xml` after its sheets (as some writers do) left it matching sheets to a model it
 * had not read yet. Here the zip's central directory (read with yauzl) says where each part
 * is, and the parts are handed over inflated, workbook first, each checked on the way:
 * - a part declared larger than the limit is refused before anything is inflated;
 * - a part that inflates to more than it declared is stopped there (yauzl checks the sizes);
 * - a run of text longer than a cell may hold is stopped before the XML reader keeps it.
 */

const ORDER = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml'];
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const rank = (name: string) => {
  const i = ORDER.indexOf(name);
  return i >= 0 ? i : ORDER.length + Number(SHEET.exec(name)?.[1] ?? 0);
};

const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024)).toLocaleString('en-US')} MB`;

function partTooLarge(part: string, limits: ImportLimits): UserError {
  return new UserError(
    `The workbook's part ${part} inflates to more than ${mb(limits.maxXlsxPartBytes)}, the limit for one part of an XLSX file (raise it with ${LIMIT_FLAGS.maxXlsxPartBytes}). Nothing was imported.`,
  );
}

/** A zip local file header for a stored (not compressed) entry of `size` bytes. */
function storedHeader(name: string, size: number): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(0x04034b50, 0);
  h.writeUInt16LE(20, 4); // version needed
  h.writeUInt16LE(0x0800, 6); // UTF-8 name
  h.writeUInt16LE(0, 8); // stored
  h.writeUInt32LE(size, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([h, nameBytes]);
}

/** Fails a part whose XML holds a run of text (no tag in between) longer than `maxBytes`. */
class TextRunGuard extends Transform {
  private run = 0;
  private readonly maxBytes: number;
  private readonly fail: () => Error;
  constructor(maxBytes: number, fail: () => Error) {
    super();
    this.maxBytes = maxBytes;
    this.fail = fail;
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    let from = 0;
    for (;;) {
      const lt = chunk.indexOf(0x3c, from);
      const end = lt < 0 ? chunk.length : lt;
      this.run += end - from;
      if (this.run > this.maxBytes) {
        done(this.fail());
        return;
      }
      if (lt < 0) break;
      this.run = 0;
      from = lt + 1;
    }
    done(null, chunk);
  }
}

export interface WorkbookStream {
  stream: Readable;
  /** Inflated bytes handed over so far, and in all. */
  progress: () => { done: number; total: number };
  /** Settles with the first problem found in the file (never resolves otherwise). */
  failure: Promise<never>;
  close: () => void;
}

export async function workbookStream(file: string, limits: ImportLimits): Promise<WorkbookStream> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(file, { autoClose: false, strictFileNames: false });
  } catch (e) {
    throw new UserError(`${file} cannot be read as an XLSX workbook (${(e as Error).message}). Open it in Excel and save it again.`);
  }
  const parts: yauzl.Entry[] = [];
  try {
    for await (const entry of zip.eachEntry()) {
      if (!ORDER.includes(entry.fileName) && !SHEET.test(entry.fileName)) continue;
      if (entry.uncompressedSize > limits.maxXlsxPartBytes) throw partTooLarge(entry.fileName, limits);
      parts.push(entry);
    }
  } catch (e) {
    zip.close();
    if (e instanceof UserError) throw e;
    throw new UserError(`${file} cannot be read as an XLSX workbook (${(e as Error).message}). Open it in Excel and save it again.`);
  }
  parts.sort((a, b) => rank(a.fileName) - rank(b.fileName));
  const total = parts.reduce((sum, p) => sum + p.uncompressedSize, 0);
  let done = 0;
  let fail: (e: Error) => void = () => {};
  const failure = new Promise<never>((_resolve, reject) => (fail = reject));
  failure.catch(() => {});
  // A cell of N characters takes at most 6N bytes of XML (an entity per character), plus room
  // for the longest tag.
  const maxRun = limits.maxCellChars * 6 + 64 * 1024;
  let current = '';
  async function* inflated(): AsyncGenerator<Buffer> {
    try {
      for (const entry of parts) {
        current = entry.fileName;
        yield storedHeader(entry.fileName, entry.uncompressedSize);
        const raw = await zip.openReadStreamPromise(entry);
        const guarded = raw.pipe(
          new TextRunGuard(maxRun, () =>
            new UserError(
              `The workbook's part ${entry.fileName} holds a text longer than the limit of ${limits.maxCellChars.toLocaleString('en-US')} characters for one cell (raise it with ${LIMIT_FLAGS.maxCellChars}). Nothing was imported.`,
            ),
          ),
        );
        raw.on('error', (e) => guarded.destroy(e));
        try {
          for await (const chunk of guarded as AsyncIterable<Buffer>) {
            done += chunk.length;
            yield chunk;
          }
        } finally {
          // Also when the reader stops early (a preview reads the first rows only).
          raw.destroy();
        }
      }
    } catch (e) {
      const problem =
        e instanceof UserError
          ? e
          : /too many bytes/i.test((e as Error).message)
            ? new UserError(`The workbook's part ${current} inflates to more than the size it declares: the file is damaged or built to fill the memory. Nothing was imported.`)
            : new UserError(`${file} cannot be read as an XLSX workbook (${(e as Error).message}). Open it in Excel and save it again.`);
      fail(problem);
      throw problem;
    }
  }
  const stream = Readable.from(inflated(), { objectMode: false });
  stream.on('error', () => {}); // reported through `failure`
  return {
    stream,
    progress: () => ({ done, total }),
    failure,
    close: () => {
      stream.destroy();
      zip.close();
    },
  };
}
