/** What an uploaded file is, read from its first bytes (the name and MIME type are the client's word). */
export type SniffedType = 'pdf' | 'png' | 'jpeg' | 'executable' | 'unknown';

export function sniffFileType(head: Buffer): SniffedType {
  if (head.length >= 5 && head.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.length >= 2 && head[0] === 0x4d && head[1] === 0x5a) return 'executable'; // MZ: Windows PE
  if (head.length >= 4 && head.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) return 'executable'; // ELF
  if (head.length >= 4 && [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(head.readUInt32BE(0))) return 'executable';
  if (head.length >= 2 && head[0] === 0x23 && head[1] === 0x21) return 'executable'; // #! script
  return 'unknown';
}
