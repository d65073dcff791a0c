import { crc32, deflateSync } from 'zlib';

/** Real files for upload tests: uploads are parsed (PDF) and decoded (images), not judged by their first bytes. */

function pdfString(text: string): Buffer {
  return Buffer.from(text.replace(/[\\()]/g, c => `\\${c}`), 'utf8');
}

/**
 * A one-page PDF whose page shows `text` (which also tells files apart), with a correct xref table.
 * `extra` objects are appended as they are (for tests that need an action or a stream of their own);
 * `catalogExtra` is written into the catalog dictionary.
 */
export function pdf(text: string, options: { extra?: Array<string | Buffer>; catalogExtra?: string; tail?: string } = {}): Buffer {
  const content = Buffer.concat([Buffer.from('BT /F1 12 Tf 72 720 Td ('), pdfString(text), Buffer.from(') Tj ET')]);
  const objects: Buffer[] = [
    Buffer.from(`<< /Type /Catalog /Pages 2 0 R${options.catalogExtra ?? ''} >>`),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>'),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('\nendstream')]),
    Buffer.from('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'),
    ...(options.extra ?? []).map(o => (typeof o === 'string' ? Buffer.from(o) : o)),
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(offset);
    const obj = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(obj);
    offset += obj.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map(o => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n${options.tail ?? ''}`));
  return Buffer.concat(parts);
}

/** A stream object body compressed with Flate: `size` bytes of one repeated byte (a bomb when large). */
export function flateStream(size: number, byte = 0x20): Buffer {
  const packed = deflateSync(Buffer.alloc(size, byte), { level: 9 });
  return Buffer.concat([Buffer.from(`<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`), packed, Buffer.from('\nendstream')]);
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A real `width`×`height` RGB PNG filled with a colour derived from `seed` (different seeds, different files). */
export function png(seed = 1, width = 8, height = 8, extraChunks: Array<[string, Buffer]> = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.alloc(1 + width * 3);
  for (let x = 0; x < width; x++) row.set([(seed * 37) & 255, (seed * 91 + x) & 255, (seed * 13) & 255], 1 + x * 3);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    ...extraChunks.map(([type, data]) => chunk(type, data)),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
