import { promises as fs } from 'fs';
import { join } from 'path';
import sharp from 'sharp';
import { createDeflate, crc32 } from 'zlib';
import { FileStorage } from '../../../../server/src/core/files/storage';
import { SubsidyApplicationModel } from '../../../../server/src/modules/subsidy/subsidy.model';
import { createProgram, draftApplication, studentProfile, subsidyProgram, type Who } from '../../support/factories';
import { flateStream, pdf, png } from '../../support/files';
import { createTestApp, type TestApp } from '../../support/test-app';

/** #13.11: uploads are parsed and decoded, not judged by their first bytes, and stored encrypted. */

const HTML = '<html><body><script>alert(document.cookie)</script></body></html>';

/** Flate data of `mb` MiB of spaces, deflated in pieces (the bomb of the issue: about 400 KB → 400 MB). */
async function deflatedSpaces(mb: number): Promise<Buffer> {
  const z = createDeflate({ level: 9 });
  const out: Buffer[] = [];
  z.on('data', (c: Buffer) => out.push(c));
  const done = new Promise(resolve => z.on('end', resolve));
  const piece = Buffer.alloc(1024 * 1024, 0x20);
  for (let i = 0; i < mb; i++) if (!z.write(piece)) await new Promise(resolve => z.once('drain', resolve));
  z.end();
  await done;
  return Buffer.concat(out);
}

/** `image` with its IHDR saying `width`×`height` (the pixels are not there: the header alone must refuse it). */
function claimedSize(image: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(image);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

describe('upload checks (#13.11)', () => {
  let t: TestApp;
  let programId: string;
  let bomb: Buffer;

  beforeAll(async () => {
    t = await createTestApp();
    const bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, subsidyProgram({ name: '上传检查测试补贴', requiredDocuments: ['diploma', 'idCard'] }));
    const packed = await deflatedSpaces(400);
    bomb = pdf('bomb', { extra: [Buffer.concat([Buffer.from(`<< /Length ${packed.length} /Filter /FlateDecode >>\nstream\n`), packed, Buffer.from('\nendstream')])] });
  });

  afterAll(async () => {
    await t.close();
  });

  const draft = async (): Promise<{ s: Who; id: string }> => {
    const { student, id } = await draftApplication(t, programId, { profile: studentProfile() });
    return { s: student, id };
  };
  const upload = (who: Who, id: string, data: Buffer, name: string, kind = 'diploma') =>
    t.http().post(`/api/subsidy/applications/${id}/documents?kind=${kind}`).set('Authorization', who.auth).attach('file', data, name);
  const download = (who: Who, url: string) =>
    t.http().get(url).set('Authorization', who.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  const storedFiles = async (): Promise<string[]> => fs.readdir(join(t.settings.storage.localDir, 'subsidy')).catch(() => []);

  it('should refuse a "PDF" that is %PDF- followed by HTML and script, or a real PDF with HTML after it, storing nothing', async () => {
    const { s, id } = await draft();
    const before = await storedFiles();
    const polyglot = await upload(s, id, Buffer.from(`%PDF-1.4\n${HTML}`), 'diploma.pdf');
    expect([polyglot.status, polyglot.body.code, polyglot.body.field]).toEqual([422, 'UPLOAD_INVALID_PDF', 'file']);
    const tail = await upload(s, id, pdf('a real page', { tail: HTML }), 'diploma.pdf');
    expect([tail.status, tail.body.code]).toEqual([422, 'UPLOAD_INVALID_PDF']);
    const noPages = await upload(s, id, Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), 'diploma.pdf');
    expect([noPages.status, noPages.body.code]).toEqual([422, 'UPLOAD_INVALID_PDF']);
    const script = await upload(s, id, pdf('opens with a script', { catalogExtra: ' /OpenAction << /S /JavaScript /JS (app.alert(1)) >>' }), 'diploma.pdf');
    expect([script.status, script.body.code]).toEqual([422, 'UPLOAD_INVALID_PDF']);
    expect(script.body.message).toContain('脚本');
    expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents).toEqual([]);
    expect(await storedFiles()).toEqual(before);
  });

  it('should refuse a 400 KB PDF that inflates to 400 MB without inflating it all, and take a PDF with ordinary compressed streams', async () => {
    const { s, id } = await draft();
    expect(bomb.length).toBeLessThan(500 * 1024);
    const started = Date.now();
    const res = await upload(s, id, bomb, 'diploma.pdf');
    expect([res.status, res.body.code, res.body.field]).toEqual([422, 'UPLOAD_DECOMPRESSION_BOMB', 'file']);
    expect(Date.now() - started).toBeLessThan(5000);
    const ordinary = await upload(s, id, pdf('a page with a compressed image', { extra: [flateStream(2 * 1024 * 1024)] }), 'diploma.pdf');
    expect(ordinary.status).toBe(200);
  });

  it('should re-encode a PNG with HTML after it: stored without the HTML, served as an attachment that is not cached', async () => {
    const { s, id } = await draft();
    const polyglot = Buffer.concat([png(5, 24, 16), Buffer.from(HTML)]);
    const res = await upload(s, id, polyglot, 'diploma.png');
    expect(res.status).toBe(200);
    const served = await download(s, res.body.documents[0].url);
    expect(served.status).toBe(200);
    const body = served.body as Buffer;
    expect(body.includes(Buffer.from('<script'))).toBe(false);
    expect(await sharp(body).metadata()).toMatchObject({ format: 'png', width: 24, height: 16 });
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-disposition']).toMatch(/^attachment/);
    expect(served.headers['cache-control']).toBe('no-store');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
  });

  it('should refuse a PNG header followed by HTML, and an image claiming too many pixels before decoding it', async () => {
    const { s, id } = await draft();
    const headerOnly = Buffer.concat([png(1).subarray(0, 8), Buffer.from(HTML)]);
    const fake = await upload(s, id, headerOnly, 'diploma.png');
    expect([fake.status, fake.body.code, fake.body.field]).toEqual([422, 'UPLOAD_INVALID_IMAGE', 'file']);
    const huge = await upload(s, id, claimedSize(png(2), 30_000, 30_000), 'diploma.png');
    expect([huge.status, huge.body.code]).toEqual([422, 'UPLOAD_IMAGE_TOO_LARGE']);
    expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents).toEqual([]);
  });

  it('should strip EXIF (GPS position, owner) from a JPEG and apply its orientation to the pixels', async () => {
    const { s, id } = await draft();
    const photo = await sharp({ create: { width: 40, height: 20, channels: 3, background: 'green' } })
      .jpeg()
      .withExif({ IFD0: { Artist: 'owner-name-in-exif' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '38/1 54/1 0/1' } })
      .withMetadata({ orientation: 6 })
      .toBuffer();
    expect(await sharp(photo).metadata()).toMatchObject({ orientation: 6, exif: expect.any(Buffer) });
    expect(photo.includes(Buffer.from('owner-name-in-exif'))).toBe(true);
    const res = await upload(s, id, photo, 'id.jpg', 'idCard');
    expect(res.status).toBe(200);
    const body = (await download(s, res.body.documents[0].url)).body as Buffer;
    const meta = await sharp(body).metadata();
    expect(meta.exif).toBeUndefined();
    expect(body.includes(Buffer.from('owner-name-in-exif'))).toBe(false);
    // Orientation 6 (rotate 90°) is applied, so the stored picture stands upright without the tag.
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 20, 40]);
  });

  it('should store files encrypted on disk and serve the original bytes back', async () => {
    const { s, id } = await draft();
    const original = pdf('encrypted at rest: diploma of 张伟');
    const res = await upload(s, id, original, 'diploma.pdf');
    expect(res.status).toBe(200);
    const key = (await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents[0].key ?? '';
    const onDisk = await fs.readFile(join(t.settings.storage.localDir, key));
    expect(onDisk.subarray(0, 4).toString('latin1')).toBe('LLF1');
    expect(onDisk.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(onDisk.includes(Buffer.from('encrypted at rest'))).toBe(false);
    const served = await download(s, res.body.documents[0].url);
    expect(Buffer.compare(served.body as Buffer, original)).toBe(0);

    // The same ciphertext under another key does not open: the storage key is authenticated.
    const storage = await t.app.getApplicationContext().getAsync(FileStorage);
    const other = await storage.put('subsidy', Buffer.from('x'), 'pdf');
    await fs.writeFile(join(t.settings.storage.localDir, other), onDisk);
    await expect(storage.get(other)).rejects.toThrow();
  });

  it('should still read a file stored before encryption, as it was', async () => {
    const { s, id } = await draft();
    const res = await upload(s, id, pdf('stored later'), 'diploma.pdf');
    const key = (await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents[0].key ?? '';
    const legacy = pdf('stored in plain before the change');
    await fs.writeFile(join(t.settings.storage.localDir, key), legacy);
    const served = await download(s, res.body.documents[0].url);
    expect(Buffer.compare(served.body as Buffer, legacy)).toBe(0);
  });
});
