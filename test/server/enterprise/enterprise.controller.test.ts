import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Types } from 'mongoose';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { EnterpriseModel } from '../../../server/src/modules/enterprise/enterprise.model';
import { enterpriseInput, jobInput, png, postedJob, recruiterWithEnterprise as registeredRecruiter, uscc } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

const uploadDir = mkdtempSync(join(tmpdir(), 'enterprise-uploads-'));
process.env.UPLOAD_DIR = uploadDir;

describe('enterprise routes', () => {
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;

  /** A recruiter whose enterprise is registered and (unless told otherwise) verified. */
  const recruiterWithEnterprise = (verify = true) => registeredRecruiter(t, bureau, verify);

  async function publish(auth: string) {
    return { id: await postedJob(t, { auth }, jobInput()) };
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
    rmSync(uploadDir, { recursive: true, force: true });
  });

  describe('access', () => {
    it('should answer 401 to anonymous callers on the recruiter and review routes', async () => {
      const id = new Types.ObjectId().toHexString();
      const calls = [
        t.http().get('/api/recruiter/enterprise'),
        t.http().post('/api/recruiter/enterprise').send(enterpriseInput(uscc('91210200MA0QC9999'))),
        t.http().post('/api/recruiter/enterprise/recruiters').send({ userId: id }),
        t.http().get('/api/staff/enterprises'),
        t.http().put(`/api/staff/enterprises/${id}/decision`).send({ decision: 'verify' }),
        t.http().get(`/api/staff/enterprises/${id}/licence`),
      ];
      for (const res of await Promise.all(calls)) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });

    it('should answer 403 to a student on recruiter and review routes, and to a recruiter on review routes', async () => {
      const s = await t.user({ roles: ['student'] });
      const r = await t.user({ roles: ['recruiter'] });
      const id = new Types.ObjectId().toHexString();
      const forbidden = [
        t.http().get('/api/recruiter/enterprise').set('Authorization', s.auth),
        t.http().get('/api/staff/enterprises').set('Authorization', s.auth),
        t.http().get('/api/staff/enterprises').set('Authorization', r.auth),
        t.http().put(`/api/staff/enterprises/${id}/decision`).set('Authorization', r.auth).send({ decision: 'verify' }),
      ];
      for (const res of await Promise.all(forbidden)) {
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('FORBIDDEN');
      }
    });

    it('should answer 403 to college and district staff on bureau review routes', async () => {
      const c = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const d = await t.user({ roles: ['district'], scope: { districtCode: '210211' } });
      expect((await t.http().get('/api/staff/enterprises').set('Authorization', c.auth)).status).toBe(403);
      expect((await t.http().get('/api/staff/enterprises').set('Authorization', d.auth)).status).toBe(403);
    });
  });

  describe('registration and review', () => {
    it('should refuse a credit code with a wrong check character, naming the field', async () => {
      const r = await t.user({ roles: ['recruiter'] });
      const bad = uscc('91210200MA0QC9999');
      const wrong = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
      const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterpriseInput(wrong));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'USCC_INVALID', field: 'uscc' });
      expect(await t.db.model(EnterpriseModel).countDocuments({ uscc: wrong })).toBe(0);
    });

    it('should answer 409 ENTERPRISE_REQUIRED to a recruiter without an enterprise', async () => {
      const r = await t.user({ roles: ['recruiter'] });
      const res = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput());
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('ENTERPRISE_REQUIRED');
    });

    it('should refuse to publish before the bureau verifies, then allow it after', async () => {
      const r = await recruiterWithEnterprise(false);
      const before = await t.http().post('/api/recruiter/jobs').set('Authorization', r.auth).send(jobInput());
      expect(before.status).toBe(409);
      expect(before.body.code).toBe('ENTERPRISE_NOT_VERIFIED');
      const list = await t.http().get('/api/staff/enterprises?status=pending').set('Authorization', bureau.auth);
      expect(list.body.items.map((e: { id: string }) => e.id)).toContain(r.enterpriseId);
      await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).attach('file', png(41), 'licence.png');
      await t.http().put(`/api/staff/enterprises/${r.enterpriseId}/decision`).set('Authorization', bureau.auth).send({ decision: 'verify' });
      await publish(r.auth);
      const audit = await t.db.model(AuditModel).findOne({ targetId: r.enterpriseId }).lean();
      expect(audit).toMatchObject({ action: 'enterprise.verify', from: 'pending', to: 'verified' });
    });

    it('should refuse to verify an enterprise with no business licence on file, and verify it once one is uploaded', async () => {
      const r = await recruiterWithEnterprise(false);
      const refused = await t.http().put(`/api/staff/enterprises/${r.enterpriseId}/decision`).set('Authorization', bureau.auth).send({ decision: 'verify' });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ code: 'ENTERPRISE_LICENCE_REQUIRED', field: 'licence' });
      expect(refused.body.message).toContain('营业执照');
      expect((await t.db.model(EnterpriseModel).findById(r.enterpriseId).lean())?.status).toBe('pending');
      expect(await t.db.model(AuditModel).countDocuments({ targetId: r.enterpriseId })).toBe(0);
      // Rejecting needs no licence: it is how staff ask for one.
      expect((await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).attach('file', png(42), 'licence.png')).status).toBe(200);
      const verified = await t.http().put(`/api/staff/enterprises/${r.enterpriseId}/decision`).set('Authorization', bureau.auth).send({ decision: 'verify' });
      expect(verified.body).toMatchObject({ status: 'verified', hasLicence: true });
    });

    it('should require a reason to reject, record it, and let the recruiter resubmit', async () => {
      const r = await recruiterWithEnterprise(false);
      const noReason = await t.http().put(`/api/staff/enterprises/${r.enterpriseId}/decision`).set('Authorization', bureau.auth).send({ decision: 'reject' });
      expect(noReason.status).toBe(422);
      expect(noReason.body.field).toBe('reason');
      const rejected = await t.http()
        .put(`/api/staff/enterprises/${r.enterpriseId}/decision`)
        .set('Authorization', bureau.auth)
        .send({ decision: 'reject', reason: '营业执照不清晰' });
      expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '营业执照不清晰' });
      const again = await t.http().put(`/api/staff/enterprises/${r.enterpriseId}/decision`).set('Authorization', bureau.auth).send({ decision: 'verify' });
      expect(again.status).toBe(409);
      expect(again.body.code).toBe('ENTERPRISE_ALREADY_DECIDED');
      const mine = await t.http().get('/api/recruiter/enterprise').set('Authorization', r.auth);
      const resubmit = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send({ ...enterpriseInput(mine.body.uscc, mine.body.name), size: '500人以上' });
      expect(resubmit.body).toMatchObject({ status: 'pending', size: '500人以上' });
      expect(resubmit.body.rejectReason).toBeUndefined();
    });

    it('should refuse a second registration of the same credit code', async () => {
      const r = await recruiterWithEnterprise(false);
      const mine = await t.http().get('/api/recruiter/enterprise').set('Authorization', r.auth);
      const other = await t.user({ roles: ['recruiter'] });
      const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', other.auth).send(enterpriseInput(mine.body.uscc, '另一家公司名称'));
      expect(res.status).toBe(409);
      expect(res.body.field).toBe('uscc');
    });

    it('should let a recruiter add a colleague who then sees the same jobs', async () => {
      const r = await recruiterWithEnterprise();
      const job = await publish(r.auth);
      const colleague = await t.user({ roles: ['recruiter'] });
      const added = await t.http().post('/api/recruiter/enterprise/recruiters').set('Authorization', r.auth).send({ userId: colleague.doc._id.toHexString() });
      expect(added.body.recruiterCount).toBe(2);
      const jobs = await t.http().get('/api/recruiter/jobs').set('Authorization', colleague.auth);
      expect(jobs.body.items.map((j: { id: string }) => j.id)).toContain(job.id);
    });

    it('should store a PNG licence checked by content and refuse a renamed executable', async () => {
      const r = await recruiterWithEnterprise(false);
      const ok = await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).attach('file', png(3), 'licence.png');
      expect(ok.status).toBe(200);
      expect(ok.body.hasLicence).toBe(true);
      const view = await t.http().get(`/api/staff/enterprises/${r.enterpriseId}/licence`).set('Authorization', bureau.auth);
      expect(view.status).toBe(200);
      expect(view.headers['content-type']).toBe('image/png');
      const seen = await t.http().get('/api/me/data-views').set('Authorization', r.auth);
      expect(seen.body.items).toEqual([expect.objectContaining({ kind: 'licence', unit: '大连市人力资源和社会保障局', purpose: '审核企业资质' })]);
      const exe = await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).attach('file', Buffer.from('MZ\x90\x00rest'), 'licence.png');
      expect(exe.status).toBe(422);
      expect(exe.body.code).toBe('FILE_TYPE_INVALID');
      const none = await t.http().post('/api/recruiter/enterprise/licence').set('Authorization', r.auth).field('x', '1');
      expect(none.status).toBe(422);
      expect(none.body.code).toBe('FILE_REQUIRED');
    });
  });
});
