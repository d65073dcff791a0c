import { SubsidyApplicationModel } from '../../../../server/src/modules/subsidy/subsidy.model';
import { startFakeS3, type FakeS3 } from '../../support/fake-s3';
import { createProgram, draftApplication, pdf, studentProfile, subsidyProgram } from '../../support/factories';
import { createTestApp, type TestApp } from '../../support/test-app';

const program = subsidyProgram({
  name: '对象存储测试补贴',
  conditions: [{ field: 'degree', op: 'in', value: ['bachelor', 'master', 'doctor'] }],
  amount: { kind: 'fixed', amount: 1000, label: '固定标准（示例金额）' },
});

const profile = studentProfile({ name: '王芳', major: '土木工程' });

const PDF = pdf('diploma stored in object storage');

describe('uploads with the s3 storage driver', () => {
  let fake: FakeS3;
  let t: TestApp;
  let programId: string;

  beforeAll(async () => {
    fake = await startFakeS3({ bucket: 'liulian-uploads', region: 'ap-guangzhou' });
    t = await createTestApp({ storage: { driver: 's3', s3: fake.settings() } });
    const bureau = await t.user({ roles: ['bureau'] });
    programId = await createProgram(t, bureau, program);
  });

  afterAll(async () => {
    await t.close();
    await fake.close();
  });

  const draft = () => draftApplication(t, programId, { profile });

  it('should store an uploaded subsidy document in the object store and serve it back from there', async () => {
    const { student: s, id } = await draft();
    const up = await t.http().post(`/api/subsidy/applications/${id}/documents?kind=diploma`).set('Authorization', s.auth).attach('file', PDF, 'diploma.pdf');
    expect(up.status).toBe(200);

    const stored = await t.db.model(SubsidyApplicationModel).findById(id).lean();
    const key = stored?.documents[0].key ?? '';
    expect(key).toMatch(/^subsidy\/[0-9a-f]{32}\.pdf$/);
    // Encrypted at rest: the object store holds ciphertext (LLF1 header), never the document.
    const object = fake.objects.get(key);
    expect(object?.contentType).toBe('application/octet-stream');
    expect(object?.body.subarray(0, 4).toString('latin1')).toBe('LLF1');
    expect(object?.body.includes(Buffer.from('diploma stored in object storage'))).toBe(false);
    expect(object?.body.includes(Buffer.from('%PDF-'))).toBe(false);
    expect(fake.requests.find(r => r.method === 'PUT')?.path).toBe(`/liulian-uploads/${key}`);

    const url = up.body.documents[0].url as string;
    const seen = await t.http().get(url).set('Authorization', s.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(seen.body as Buffer, PDF)).toBe(0);
    expect(fake.requests.some(r => r.method === 'GET' && r.path === `/liulian-uploads/${key}` && r.status === 200)).toBe(true);

    // A file gone from the store is a 404 with a Chinese message, not a 500.
    fake.objects.delete(key);
    const gone = await t.http().get(url).set('Authorization', s.auth);
    expect(gone.status).toBe(404);
    expect(gone.body).toMatchObject({ code: 'NOT_FOUND', message: '文件不存在' });
  });

  it('should answer 503 STORAGE_UNAVAILABLE and record nothing when the object store keeps failing', async () => {
    const { student: s, id } = await draft();
    const before = fake.objects.size;
    fake.failNext(2);
    const up = await t.http().post(`/api/subsidy/applications/${id}/documents?kind=diploma`).set('Authorization', s.auth).attach('file', PDF, 'diploma.pdf');
    expect(up.status).toBe(503);
    expect(up.body.code).toBe('STORAGE_UNAVAILABLE');
    expect(up.body.message).toBe('文件存储暂时不可用，请稍后再试');
    expect((await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents).toEqual([]);
    expect(fake.objects.size).toBe(before);
  });

  it('should ride out one failed attempt of the object store', async () => {
    const { student: s, id } = await draft();
    fake.failNext(1);
    const up = await t.http().post(`/api/subsidy/applications/${id}/documents?kind=diploma`).set('Authorization', s.auth).attach('file', PDF, 'diploma.pdf');
    expect(up.status).toBe(200);
    const key = (await t.db.model(SubsidyApplicationModel).findById(id).lean())?.documents[0].key ?? '';
    expect(fake.objects.get(key)?.body.subarray(0, 4).toString('latin1')).toBe('LLF1');
    const seen = await t.http().get(up.body.documents[0].url).set('Authorization', s.auth).buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
    expect(Buffer.compare(seen.body as Buffer, PDF)).toBe(0);
  });
});
