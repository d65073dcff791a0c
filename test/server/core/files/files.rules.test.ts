import { randomBytes } from 'crypto';
import { FileCipher } from '../../../../server/src/core/files/file-cipher';
import { checkPdfStreams, streamFilters } from '../../../../server/src/core/files/pdf-check';
import { pastGrace, unreferenced } from '../../../../server/src/core/files/sweep.rules';
import { flateStream, pdf } from '../../support/files';

describe('sweep rules', () => {
  const now = new Date('2026-12-06T12:00:00Z');
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3600_000);

  it('should judge only files older than the grace period', () => {
    const objects = [
      { key: 'subsidy/a.pdf', modified: at(25) },
      { key: 'subsidy/b.pdf', modified: at(23) },
      { key: 'subsidy/c.pdf', modified: at(24) },
    ];
    expect(pastGrace(objects, now, 24 * 3600_000)).toEqual(['subsidy/a.pdf']);
  });

  it('should leave every claimed key', () => {
    expect(unreferenced(['a', 'b', 'c'], ['b', 'x'])).toEqual(['a', 'c']);
    expect(unreferenced(['a'], [])).toEqual(['a']);
  });
});

describe('PDF stream checks', () => {
  it('should read a stream dictionary\'s filters in decoding order', () => {
    expect(streamFilters('<< /Length 10 /Filter /FlateDecode >>')).toEqual(['FlateDecode']);
    expect(streamFilters('<< /Filter [/ASCII85Decode /DCTDecode] >>')).toEqual(['ASCII85Decode', 'DCTDecode']);
    expect(streamFilters('<< /Length 3 >>')).toEqual([]);
    expect(() => streamFilters('<< /Filter 7 0 R >>')).toThrow(expect.objectContaining({ code: 'UPLOAD_INVALID_PDF' }));
  });

  it('should count inflated bytes over the whole file against one budget', () => {
    const two = pdf('two streams', { extra: [flateStream(600_000), flateStream(600_000)] });
    expect(() => checkPdfStreams(two, 2_000_000)).not.toThrow();
    expect(() => checkPdfStreams(two, 1_000_000)).toThrow(expect.objectContaining({ code: 'UPLOAD_DECOMPRESSION_BOMB' }));
  });

  it('should refuse filters whose output the cap cannot see', () => {
    const lzw = pdf('lzw', { extra: ['<< /Length 4 /Filter /LZWDecode >>\nstream\nabcd\nendstream'] });
    expect(() => checkPdfStreams(lzw, 1_000_000)).toThrow(expect.objectContaining({ code: 'UPLOAD_INVALID_PDF' }));
    const twice = pdf('flate after text', { extra: ['<< /Length 4 /Filter [/ASCIIHexDecode /FlateDecode] >>\nstream\nabcd\nendstream'] });
    expect(() => checkPdfStreams(twice, 1_000_000)).toThrow(expect.objectContaining({ code: 'UPLOAD_INVALID_PDF' }));
  });
});

describe('FileCipher', () => {
  const cipher = new FileCipher(randomBytes(32).toString('base64'));

  it('should seal with a fresh key and IV each time and open only under the same storage key', () => {
    const plain = Buffer.from('%PDF-1.4 毕业证书');
    const a = cipher.seal('subsidy/aa.pdf', plain);
    const b = cipher.seal('subsidy/aa.pdf', plain);
    expect(a.equals(b)).toBe(false);
    expect(FileCipher.isSealed(a)).toBe(true);
    expect(cipher.open('subsidy/aa.pdf', a)).toEqual(plain);
    expect(() => cipher.open('subsidy/bb.pdf', a)).toThrow();
    const flipped = Buffer.from(a);
    flipped[flipped.length - 1] ^= 1;
    expect(() => cipher.open('subsidy/aa.pdf', flipped)).toThrow();
  });

  it('should not open with another configured key, and pass files stored before encryption through', () => {
    const sealed = cipher.seal('resumes/cc.pdf', Buffer.from('résumé'));
    expect(() => new FileCipher(randomBytes(32).toString('base64')).open('resumes/cc.pdf', sealed)).toThrow();
    const legacy = Buffer.from('%PDF-1.4 stored in plain');
    expect(cipher.open('resumes/cc.pdf', legacy)).toBe(legacy);
  });
});
