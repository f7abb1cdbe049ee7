import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** The parts of a workbook ExcelJS writes with `rows` on its one sheet, by name, in zip order. */
export async function workbookParts(rows: (string | number)[][]): Promise<[string, Buffer][]> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('List');
  for (const r of rows) sheet.addRow(r);
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const zip = await yauzl.fromBufferPromise(buffer);
  const parts: [string, Buffer][] = [];
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    parts.push([entry.fileName, Buffer.concat(chunks)]);
  }
  return parts;
}

/** Writes the parts as a zip in the given order; `lie` declares smaller sizes for some parts. */
export async function writeZip(file: string, parts: [string, Buffer][], lie: Record<string, number> = {}): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of parts) zip.addBuffer(data, name, { compress: true });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const c of zip.outputStream) chunks.push(c as Buffer);
  const out = Buffer.concat(chunks);
  // Patch the declared uncompressed size in both the local and the central directory headers.
  for (const [name, size] of Object.entries(lie)) {
    for (const [sig, nameAt, sizeAt] of [[0x04034b50, 30, 22], [0x02014b50, 46, 24]] as const) {
      for (let at = out.indexOf(Buffer.from(name)); at >= 0; at = out.indexOf(Buffer.from(name), at + 1)) {
        const head = at - nameAt;
        if (head >= 0 && out.readUInt32LE(head) === sig) out.writeUInt32LE(size, head + sizeAt);
      }
    }
  }
  writeFileSync(file, out);
}
