import ExcelJS from 'exceljs';
import { promises as fs } from 'fs';
import { join } from 'path';
import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ContentModel } from '../../../server/src/modules/content/content.model';
import { pdf as pdfFile, png } from '../support/files';
import { createTestApp, type TestApp } from '../support/test-app';
import { officeSamples, zipOf } from './office-samples';

type Who = Awaited<ReturnType<TestApp['user']>>;

const PDF = pdfFile('policy attachment');
const PNG = png(11);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]);
const MAX_BYTES = 200_000;

const draft = (patch: Record<string, unknown> = {}) => ({
  kind: 'policy',
  title: '高校毕业生就业见习补贴',
  summary: '见习单位可按人数申领补贴。',
  body: '<p>详见附件。</p>',
  issuer: '大连市人力资源和社会保障局',
  ...patch,
});

describe('content attachments and unpublish reasons', () => {
  let t: TestApp;
  let bureau: Who;
  let college: Who;
  let otherCollege: Who;
  let student: Who;
  let recruiter: Who;

  const create = async (who: Who, patch: Record<string, unknown> = {}) => {
    const res = await t.http().post('/api/staff/contents').set('Authorization', who.auth).send(draft(patch));
    expect(res.status).toBe(200);
    return res.body as { id: string; version: number };
  };
  const upload = (who: Who | null, id: string, data: Buffer, name: string) => {
    const req = t.http().post(`/api/staff/contents/${id}/attachments`);
    if (who) req.set('Authorization', who.auth);
    return req.attach('file', data, name);
  };
  const move = (who: Who, id: string, action: string, version: number, reason?: string) =>
    t.http().post(`/api/staff/contents/${id}/transition`).set('Authorization', who.auth).send({ action, version, reason });
  const fileUrl = (id: string, fileId: string) => `/api/contents/${id}/attachments/${fileId}`;

  beforeAll(async () => {
    t = await createTestApp({ content: { attachmentMaxBytes: MAX_BYTES } });
    bureau = await t.user({ roles: ['bureau'] });
    college = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
    otherCollege = await t.user({ roles: ['college'], scope: { collegeId: 'dlmu' } });
    student = await t.user({ roles: ['student'] });
    recruiter = await t.user({ roles: ['recruiter'] });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('upload', () => {
    it('should answer 401 to anonymous callers and 403 to students and recruiters', async () => {
      const c = await create(bureau);
      expect((await upload(null, c.id, PDF, 'a.pdf')).status).toBe(401);
      for (const who of [student, recruiter]) {
        const res = await upload(who, c.id, PDF, 'a.pdf');
        expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
      }
      expect((await t.db.model(ContentModel).findById(c.id).lean())?.attachments).toEqual([]);
    });

    it('should keep staff to entries in their scope', async () => {
      const c = await create(college);
      const res = await upload(otherCollege, c.id, PDF, 'a.pdf');
      expect(res.status).toBe(404);
      expect((await upload(bureau, new Types.ObjectId().toHexString(), PDF, 'a.pdf')).status).toBe(404);
      expect((await upload(bureau, 'not-an-id', PDF, 'a.pdf')).status).toBe(422);
    });

    it('should refuse a missing file, forged types and files over the configured size', async () => {
      const c = await create(bureau);
      const none = await t.http().post(`/api/staff/contents/${c.id}/attachments`).set('Authorization', bureau.auth).field('x', '1');
      expect([none.status, none.body.code]).toEqual([422, 'FILE_REQUIRED']);
      const exe = await upload(bureau, c.id, EXE, '通知.pdf');
      expect([exe.status, exe.body.code, exe.body.message]).toEqual([422, 'FILE_TYPE_INVALID', '文件内容是可执行程序，已拒绝']);
      const text = await upload(bureau, c.id, Buffer.from('plain text that claims to be a Word file'), '通知.docx');
      expect([text.status, text.body.code]).toEqual([422, 'FILE_TYPE_INVALID']);
      const zip = await upload(bureau, c.id, zipOf({ 'readme.txt': 'not an office document', 'run.sh': '#!/bin/sh' }), '表格.xlsx');
      expect([zip.status, zip.body.code]).toEqual([422, 'FILE_TYPE_INVALID']);
      const html = await upload(bureau, c.id, Buffer.from('<html><script>alert(1)</script></html>'), 'page.html');
      expect([html.status, html.body.code]).toEqual([422, 'FILE_TYPE_INVALID']);
      const big = await upload(bureau, c.id, Buffer.concat([PDF, Buffer.alloc(MAX_BYTES + 1)]), 'big.pdf');
      expect([big.status, big.body.code]).toEqual([413, 'FILE_TOO_LARGE']);
      const after = await t.db.model(ContentModel).findById(c.id).lean();
      expect([after?.attachments.length, after?.version]).toEqual([0, c.version]);
    });

    it('should store PDF, images, Word and Excel files once each, audited, and serve a draft\'s files only to staff in scope', async () => {
      const c = await create(college);
      const first = await upload(college, c.id, PDF, '实施细则.pdf');
      expect(first.status).toBe(200);
      expect(first.body.version).toBe(c.version + 1);
      const [pdf] = first.body.attachments;
      expect(pdf).toMatchObject({ name: '实施细则', type: 'pdf', size: PDF.length, url: fileUrl(c.id, pdf.fileId) });
      expect(pdf.fileId).toMatch(/^[0-9a-f]{16}$/);

      // A retried upload of the same bytes changes nothing.
      const again = await upload(college, c.id, PDF, '实施细则.pdf');
      expect([again.status, again.body.attachments.length, again.body.version]).toEqual([200, 1, first.body.version]);

      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('名单').addRow(['姓名', '学校']);
      const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
      const samples: Array<[Buffer, string, string]> = [
        [officeSamples.docx, '申请表.docx', 'docx'],
        [xlsx, '名单.xlsx', 'xlsx'],
        [officeSamples.doc, '旧版申请表.doc', 'doc'],
        [officeSamples.xls, '旧版名单.xls', 'xls'],
        [PNG, '流程图.png', 'png'],
      ];
      let last = again.body;
      for (const [data, name, type] of samples) {
        const res = await upload(college, c.id, data, name);
        expect([res.status, res.body.attachments.at(-1).type]).toEqual([200, type]);
        last = res.body;
      }
      expect(last.attachments.map((a: { name: string }) => a.name)).toEqual(['实施细则', '申请表', '名单', '旧版申请表', '旧版名单', '流程图']);
      const audits = await t.db.model(AuditModel).find({ targetId: c.id, action: 'content.attachment.add' }).lean();
      expect(audits).toHaveLength(6);
      expect(audits[0].detail).toMatchObject({ name: '实施细则', type: 'pdf', size: PDF.length });

      for (const who of [null, student, otherCollege]) {
        const req = t.http().get(fileUrl(c.id, pdf.fileId));
        if (who) req.set('Authorization', who.auth);
        const res = await req;
        expect([res.status, res.body.code]).toEqual([404, 'CONTENT_ATTACHMENT_NOT_FOUND']);
      }
      for (const who of [college, bureau]) {
        const res = await t.http().get(fileUrl(c.id, pdf.fileId)).set('Authorization', who.auth).buffer(true);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toBe('application/pdf');
        expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
      }
      const docx = last.attachments[1];
      const word = await t.http().get(fileUrl(c.id, docx.fileId)).set('Authorization', college.auth);
      expect(word.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      // Every file the API sends is a download that no cache keeps (docs/security.md).
      expect(word.headers['content-disposition']).toBe(`attachment; filename="download.docx"; filename*=UTF-8''${encodeURIComponent('申请表.docx')}`);
      expect(word.headers['cache-control']).toBe('no-store');
    });

    it('should rename and remove files through the editor\'s save, refuse unknown files and a stale list, and delete removed draft files', async () => {
      const c = await create(bureau);
      const a = (await upload(bureau, c.id, PDF, '附件一.pdf')).body;
      const b = (await upload(bureau, c.id, PNG, '附件二.png')).body;
      const [one, two] = b.attachments;

      // The editor saved before the second upload: its list is stale.
      const stale = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth)
        .send({ ...draft(), attachments: [{ fileId: one.fileId, name: '附件一' }], version: a.version });
      expect([stale.status, stale.body.code]).toEqual([409, 'CONTENT_STALE']);
      const unknown = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth)
        .send({ ...draft(), attachments: [{ fileId: 'ffffffffffffffff', name: '别人的文件' }], version: b.version });
      expect([unknown.status, unknown.body.code, unknown.body.field]).toEqual([422, 'CONTENT_ATTACHMENT_UNKNOWN', 'attachments.0.fileId']);
      const both = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth)
        .send({ ...draft(), attachments: [{ fileId: one.fileId, name: 'x', url: 'https://example.com/a.pdf' }], version: b.version });
      expect([both.status, both.body.code]).toEqual([422, 'VALIDATION_FAILED']);

      const stored = await t.db.model(ContentModel).findById(c.id).lean();
      const pngKey = stored?.attachments.find(x => x.fileId === two.fileId)?.key as string;
      await expect(fs.stat(join(t.settings.storage.localDir, pngKey))).resolves.toBeDefined();
      const saved = await t.http().put(`/api/staff/contents/${c.id}`).set('Authorization', bureau.auth).send({
        ...draft(),
        attachments: [{ fileId: one.fileId, name: '2026年见习补贴实施细则' }, { name: '人社局通知原文', url: 'https://rsj.dl.gov.cn/notice.html' }],
        version: b.version,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.attachments).toEqual([
        { name: '2026年见习补贴实施细则', fileId: one.fileId, type: 'pdf', size: PDF.length, url: fileUrl(c.id, one.fileId) },
        { name: '人社局通知原文', url: 'https://rsj.dl.gov.cn/notice.html' },
      ]);
      const audit = await t.db.model(AuditModel).findOne({ targetId: c.id, action: 'content.update' }).lean();
      expect(audit?.detail).toMatchObject({
        attachmentsRemoved: [{ fileId: two.fileId, name: '附件二' }],
        attachmentsRenamed: [{ fileId: one.fileId, from: '附件一', to: '2026年见习补贴实施细则' }],
      });
      await expect(fs.stat(join(t.settings.storage.localDir, pngKey))).rejects.toMatchObject({ code: 'ENOENT' });
      const gone = await t.http().get(fileUrl(c.id, two.fileId)).set('Authorization', bureau.auth);
      expect([gone.status, gone.body.code]).toEqual([404, 'CONTENT_ATTACHMENT_NOT_FOUND']);

      const linkOnly = await t.http().post('/api/staff/contents').set('Authorization', bureau.auth).send(draft({ attachments: [{ fileId: one.fileId, name: '偷来的文件' }] }));
      expect([linkOnly.status, linkOnly.body.code]).toEqual([422, 'CONTENT_ATTACHMENT_UNKNOWN']);
    });

    it('should serve a published entry\'s files to anyone, refuse uploads once published, and 404 a file gone from storage', async () => {
      const c = await create(bureau);
      const up = (await upload(bureau, c.id, PDF, '细则.pdf')).body;
      const [file] = up.attachments;
      const review = await move(bureau, c.id, 'submit', up.version);
      const pub = await move(bureau, c.id, 'publish', review.body.version);
      expect(pub.status).toBe(200);

      const detail = await t.http().get(`/api/contents/${c.id}`);
      expect(detail.body.attachments).toEqual([{ name: '细则', fileId: file.fileId, type: 'pdf', size: PDF.length, url: fileUrl(c.id, file.fileId) }]);
      const res = await t.http().get(fileUrl(c.id, file.fileId)).buffer(true);
      expect([res.status, res.headers['content-type'], res.headers['x-content-type-options']]).toEqual([200, 'application/pdf', 'nosniff']);
      expect(Buffer.compare(res.body as Buffer, PDF)).toBe(0);
      const missing = await t.http().get(fileUrl(c.id, '0123456789abcdef'));
      expect([missing.status, missing.body.code]).toEqual([404, 'CONTENT_ATTACHMENT_NOT_FOUND']);
      expect((await t.http().get(`/api/contents/${c.id}/attachments/xyz`)).status).toBe(422);

      const late = await upload(bureau, c.id, PNG, '补充.png');
      expect([late.status, late.body.code]).toEqual([409, 'CONTENT_NOT_EDITABLE']);

      const stored = await t.db.model(ContentModel).findById(c.id).lean();
      await fs.rm(join(t.settings.storage.localDir, stored?.attachments[0].key as string));
      const lost = await t.http().get(fileUrl(c.id, file.fileId));
      expect([lost.status, lost.body.code]).toEqual([404, 'CONTENT_ATTACHMENT_NOT_FOUND']);
    });

    it('should refuse an eleventh attachment with 409', async () => {
      const links = Array.from({ length: 10 }, (_, i) => ({ name: `链接${i + 1}`, url: `https://example.com/${i}.pdf` }));
      const c = await create(bureau, { attachments: links });
      const res = await upload(bureau, c.id, PDF, 'extra.pdf');
      expect([res.status, res.body.code]).toEqual([409, 'CONTENT_ATTACHMENT_LIMIT']);
    });
  });

  describe('unpublish and archive reasons', () => {
    const published = async () => {
      const c = await create(bureau);
      const review = await move(bureau, c.id, 'submit', c.version);
      const pub = await move(bureau, c.id, 'publish', review.body.version);
      return pub.body as { id: string; version: number };
    };

    it('should refuse to unpublish or archive without a reason of 1–200 characters', async () => {
      const p = await published();
      const missing = await move(bureau, p.id, 'unpublish', p.version);
      expect([missing.status, missing.body.code, missing.body.field]).toEqual([422, 'CONTENT_REASON_REQUIRED', 'reason']);
      const blank = await move(bureau, p.id, 'unpublish', p.version, '   ');
      expect([blank.status, blank.body.code]).toEqual([422, 'CONTENT_REASON_REQUIRED']);
      const long = await move(bureau, p.id, 'unpublish', p.version, '长'.repeat(201));
      expect([long.status, long.body.code, long.body.field]).toEqual([422, 'VALIDATION_FAILED', 'reason']);
      const doc = await t.db.model(ContentModel).findById(p.id).lean();
      expect([doc?.status, doc?.version]).toEqual(['published', p.version]);

      const d = await create(bureau);
      const archive = await move(bureau, d.id, 'archive', d.version);
      expect([archive.status, archive.body.code]).toEqual([422, 'CONTENT_REASON_REQUIRED']);
    });

    it('should store the reason on the entry and in the audit record, answer a retried unpublish as the first, and clear the reason on republish', async () => {
      const p = await published();
      const reason = '申报期已结束，待新政策出台后重新发布';
      const first = await move(bureau, p.id, 'unpublish', p.version, reason);
      expect([first.status, first.body.status, first.body.statusReason]).toEqual([200, 'unpublished', reason]);
      const retry = await move(bureau, p.id, 'unpublish', p.version, reason);
      expect(retry.status).toBe(200);
      expect(retry.body).toMatchObject({ status: 'unpublished', version: first.body.version, statusReason: reason });
      const audits = await t.db.model(AuditModel).find({ targetId: p.id, action: 'content.unpublish' }).lean();
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ reason, from: 'published', to: 'unpublished' });

      // Somebody else sending the same step is told the entry changed.
      const other = await t.user({ roles: ['bureau'] });
      const theirs = await move(other, p.id, 'unpublish', p.version, '重复下线');
      expect([theirs.status, theirs.body.code]).toEqual([409, 'CONTENT_STALE']);

      const list = await t.http().get('/api/staff/contents?status=unpublished').set('Authorization', bureau.auth);
      expect(list.body.items.find((i: { id: string }) => i.id === p.id)?.statusReason).toBe(reason);
      expect((await t.http().get(`/api/contents/${p.id}`)).status).toBe(404);

      const repub = await move(bureau, p.id, 'publish', first.body.version);
      expect(repub.status).toBe(200);
      expect(repub.body.statusReason).toBeUndefined();
      expect((await t.db.model(ContentModel).findById(p.id).lean())?.statusReason).toBeUndefined();
      const again = await move(bureau, p.id, 'unpublish', repub.body.version, '内容需修订');
      const archived = await move(bureau, p.id, 'archive', again.body.version, '政策已废止');
      expect([archived.status, archived.body.statusReason]).toEqual([200, '政策已废止']);
      const archiveAudit = await t.db.model(AuditModel).findOne({ targetId: p.id, action: 'content.archive' }).lean();
      expect(archiveAudit?.reason).toBe('政策已废止');
    });
  });
});
