import { ROLES, type Role } from '../../../server/src/contract/roles';
import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { UserModel } from '../../../server/src/modules/user/user.model';
import { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';

const profile = {
  name: '王小雨',
  collegeId: 'dlmu',
  degree: 'master',
  major: '交通运输工程',
  graduationYear: 2026,
  originProvince: '山东省',
  originCity: '青岛市',
  intentionDistricts: ['210202', 'jinpu'],
  intentionText: '港口物流',
};

describe('user routes', () => {
  const wx = new FakeWeChatServer({ appid: 'wx_user_test', secret: 'user_secret' });
  let t: TestApp;

  beforeAll(async () => {
    const apiBase = await wx.start();
    t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase } });
  });

  afterAll(async () => {
    await t.close();
    await wx.stop();
  });

  describe('GET /api/me', () => {
    it('should answer 401 UNAUTHENTICATED without a token', async () => {
      const res = await t.http().get('/api/me');
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    });

    it('should return the caller with an incomplete profile', async () => {
      const { auth, doc } = await t.user();
      const res = await t.http().get('/api/me').set('Authorization', auth);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: doc._id.toHexString(), roles: ['student'], profileComplete: false });
    });
  });

  describe('PUT /api/me/profile', () => {
    it('should answer 401 without a token', async () => {
      expect((await t.http().put('/api/me/profile').send(profile)).status).toBe(401);
    });

    it('should save a complete profile, fill the school from the college list and mask the ID number', async () => {
      const { auth, doc } = await t.user();
      // The ID number is kept only under the separate 1311 consent (the profile page asks before the field shows).
      expect((await t.http().post('/api/me/consents').set('Authorization', auth).send({ purpose: 'support', version: 1 })).status).toBe(200);
      const res = await t.http()
        .put('/api/me/profile')
        .set('Authorization', auth)
        .send({ ...profile, idNumber: '21020219990101123 8' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        profileComplete: true,
        idNumber: '2102**********1238',
        profile: { schoolName: '大连海事大学', doubleFirstClass: true, degree: 'master' },
      });
      const stored = await t.db.model(UserModel).findById(doc._id).lean();
      expect(JSON.stringify(stored)).not.toContain('210202199901011238');
      expect(stored?.idNumberEnc).toMatch(/^v1\./);
      expect(stored?.idNumberHash).toMatch(/^[0-9a-f]{64}$/);
    });

    it('should refuse a wrong ID check digit with ID_NUMBER_INVALID and change nothing', async () => {
      const { auth, doc } = await t.user();
      const res = await t.http()
        .put('/api/me/profile')
        .set('Authorization', auth)
        .send({ ...profile, idNumber: '210202199901011237' });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'ID_NUMBER_INVALID', field: 'idNumber' });
      const stored = await t.db.model(UserModel).findById(doc._id).lean();
      expect(stored?.profile?.name).toBeUndefined();
    });

    it('should require a school name for a college outside Dalian', async () => {
      const { auth } = await t.user();
      const { collegeId: _omit, ...outside } = profile;
      const res = await t.http().put('/api/me/profile').set('Authorization', auth).send(outside);
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('schoolName');
    });

    it('should strip unknown fields so a student cannot grant themself a role', async () => {
      const { auth, doc } = await t.user();
      const res = await t.http()
        .put('/api/me/profile')
        .set('Authorization', auth)
        .send({ ...profile, roles: ['admin'], scope: { districtCode: '210211' } });
      expect(res.status).toBe(200);
      const stored = await t.db.model(UserModel).findById(doc._id).lean();
      expect(stored?.roles).toEqual(['student']);
    });

    it.each([
      ['graduationYear', 'next decade', 'graduationYear'],
      ['degree', 'phd', 'degree'],
      ['intentionDistricts', ['北京'], 'intentionDistricts.0'],
      ['name', 'x'.repeat(31), 'name'],
    ])('should answer 422 for a bad %s', async (key, value, field) => {
      const { auth } = await t.user();
      const res = await t.http()
        .put('/api/me/profile')
        .set('Authorization', auth)
        .send({ ...profile, [key]: value });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
    });
  });

  describe('POST /api/me/phone', () => {
    it('should bind the WeChat phone number encrypted and return it masked', async () => {
      const { auth, doc } = await t.user({ openid: 'openid-phone' });
      const code = wx.issuePhoneCode('13912345678', { openid: 'openid-phone' });
      const res = await t.http().post('/api/me/phone').set('Authorization', auth).send({ code });
      expect(res.status).toBe(200);
      expect(res.body.phone).toBe('139****5678');
      const stored = await t.db.model(UserModel).findById(doc._id).lean();
      expect(JSON.stringify(stored)).not.toContain('13912345678');
    });

    it('should refuse a used phone code with WECHAT_PHONE_CODE_INVALID', async () => {
      const { auth } = await t.user({ openid: 'openid-phone-2' });
      const code = wx.issuePhoneCode('13912345679', { openid: 'openid-phone-2' });
      await t.http().post('/api/me/phone').set('Authorization', auth).send({ code });
      const res = await t.http().post('/api/me/phone').set('Authorization', auth).send({ code });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('WECHAT_PHONE_CODE_INVALID');
    });
  });

  describe('admin: /api/admin/users', () => {
    const nonAdmins = ROLES.filter(r => r !== 'admin');

    it('should answer 401 to anonymous callers on every admin route', async () => {
      expect((await t.http().get('/api/admin/users')).status).toBe(401);
      expect((await t.http().put('/api/admin/users/0123456789abcdef01234567/roles').send({})).status).toBe(401);
    });

    it.each(nonAdmins)('should answer 403 to a %s', async role => {
      const { auth } = await t.user({ roles: [role as Role], scope: { collegeId: 'dlut', districtCode: '210211' } });
      const list = await t.http().get('/api/admin/users').set('Authorization', auth);
      expect(list.status).toBe(403);
      expect(list.body.code).toBe('FORBIDDEN');
      const assign = await t.http()
        .put('/api/admin/users/0123456789abcdef01234567/roles')
        .set('Authorization', auth)
        .send({ roles: ['bureau'], scope: {}, reason: '越权尝试' });
      expect(assign.status).toBe(403);
    });

    it('should list users page by page with a signed cursor', async () => {
      const { auth } = await t.user({ roles: ['admin'] });
      const first = await t.http().get('/api/admin/users?limit=2').set('Authorization', auth);
      expect(first.status).toBe(200);
      expect(first.body.items).toHaveLength(2);
      const second = await t.http()
        .get(`/api/admin/users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`)
        .set('Authorization', auth);
      expect(second.status).toBe(200);
      const ids = [...first.body.items, ...second.body.items].map((u: { id: string }) => u.id);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('should answer 400 CURSOR_INVALID to a tampered cursor', async () => {
      const { auth } = await t.user({ roles: ['admin'] });
      const first = await t.http().get('/api/admin/users?limit=1').set('Authorization', auth);
      const cursor = `x${first.body.nextCursor as string}`;
      const res = await t.http().get(`/api/admin/users?cursor=${encodeURIComponent(cursor)}`).set('Authorization', auth);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('CURSOR_INVALID');
    });

    it('should assign a scoped staff role and leave an audit record', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const target = await t.user();
      const res = await t.http()
        .put(`/api/admin/users/${target.doc._id.toHexString()}/roles`)
        .set('Authorization', admin.auth)
        .send({ roles: ['college'], scope: { collegeId: 'dlut' }, reason: '新任就业指导中心老师' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const audit = await t.db.model(AuditModel).findOne({ targetId: target.doc._id.toHexString() }).lean();
      expect(audit).toMatchObject({
        action: 'user.roles.assign',
        actorId: admin.doc._id.toHexString(),
        actorRoles: ['admin'],
        reason: '新任就业指导中心老师',
      });
    });

    it('should take a removed staff role away from the old token at once; a refresh brings the new roles', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const teacher = await t.db.model(UserModel).create({
        devAccount: 'role-removal-teacher',
        nickname: '离任老师',
        roles: ['college'],
        scope: { collegeId: 'dlut' },
      });
      const login = await t.http().post('/api/auth/dev-login').send({ userId: teacher._id.toHexString() });
      const bearer = { Authorization: `Bearer ${login.body.accessToken}` };
      expect((await t.http().get('/api/staff/registry/graduates').set(bearer)).status).toBe(200);
      const removed = await t.http()
        .put(`/api/admin/users/${teacher._id.toHexString()}/roles`)
        .set('Authorization', admin.auth)
        .send({ roles: ['student'], scope: {}, reason: '调离就业指导中心' });
      expect(removed.status).toBe(200);
      const stale = await t.http().get('/api/staff/registry/graduates').set(bearer);
      expect(stale.status).toBe(401);
      expect(stale.body.code).toBe('TOKEN_REVOKED');
      const renewed = await t.http().post('/api/auth/refresh').send({ refreshToken: login.body.refreshToken });
      expect(renewed.status).toBe(200);
      const now = await t.http().get('/api/staff/registry/graduates').set('Authorization', `Bearer ${renewed.body.accessToken}`);
      expect(now.status).toBe(403);
      expect((await t.http().get('/api/me').set('Authorization', `Bearer ${renewed.body.accessToken}`)).body.roles).toEqual(['student']);
    });

    it('should find a user by phone number sent in the body, never in the URL', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const { auth, doc } = await t.user({ openid: 'openid-phone-search' });
      await t.http().post('/api/me/phone').set('Authorization', auth).send({ code: wx.issuePhoneCode('13712345670', { openid: 'openid-phone-search' }) });
      const found = await t.http().post('/api/admin/users/search').set('Authorization', admin.auth).send({ phone: '137 1234 5670' });
      expect(found.status).toBe(200);
      expect(found.body.items.map((u: { id: string }) => u.id)).toEqual([doc._id.toHexString()]);
      expect(found.body.items[0].phone).toBe('137****5670');
      const inUrl = await t.http().get('/api/admin/users?phone=13712345670').set('Authorization', admin.auth);
      expect(inUrl.status).toBe(422);
      expect(inUrl.body.field).toBe('phone');
      expect((await t.http().post('/api/admin/users/search').send({ phone: '13712345670' })).status).toBe(401);
      const student = await t.user();
      expect((await t.http().post('/api/admin/users/search').set('Authorization', student.auth).send({ phone: '13712345670' })).status).toBe(403);
    });

    it('should refuse a college role without its college', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const target = await t.user();
      const res = await t.http()
        .put(`/api/admin/users/${target.doc._id.toHexString()}/roles`)
        .set('Authorization', admin.auth)
        .send({ roles: ['college'], scope: {}, reason: '缺少范围' });
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('scope.collegeId');
      expect(await t.db.model(AuditModel).countDocuments({ targetId: target.doc._id.toHexString() })).toBe(0);
    });

    it('should answer a repeated assignment with the same result and change nothing the second time', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const target = await t.user({ roles: ['student'] });
      const id = target.doc._id.toHexString();
      const send = () =>
        t.http().put(`/api/admin/users/${id}/roles`).set('Authorization', admin.auth).send({ roles: ['district', 'student'], scope: { districtCode: '210211', collegeId: 'dlut' }, reason: '区人社局经办人' });
      const first = await send();
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ roles: ['student', 'district'], scope: { districtCode: '210211' } });
      expect(first.body.scope.collegeId).toBeUndefined();
      const version = (await t.db.model(UserModel).findById(id).lean())?.sessionVersion;
      const again = await send();
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      expect((await t.db.model(UserModel).findById(id).lean())?.sessionVersion).toBe(version);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: id, action: 'user.roles.assign' })).toBe(1);
    });

    it('should find users by name and by role, showing roles, scope and a masked phone', async () => {
      const admin = await t.user({ roles: ['admin'] });
      const teacher = await t.user({ roles: ['college'], scope: { collegeId: 'dufe' }, profile: { name: '赵老师' } });
      const byName = await t.http().get(`/api/admin/users?q=${encodeURIComponent('赵老师')}`).set('Authorization', admin.auth);
      expect(byName.status).toBe(200);
      expect(byName.body.items).toEqual([expect.objectContaining({ id: teacher.doc._id.toHexString(), nickname: '赵老师', roles: ['college'], scope: { collegeId: 'dufe' } })]);
      const byRole = await t.http().get('/api/admin/users?role=college&limit=50').set('Authorization', admin.auth);
      expect(byRole.body.items.every((u: { roles: string[] }) => u.roles.includes('college'))).toBe(true);
      expect(byRole.body.items.map((u: { id: string }) => u.id)).toContain(teacher.doc._id.toHexString());
    });

    // Last in the file: it takes the admin role from every admin but the ones it makes.
    it('should keep the last admin: refused alone, allowed once another admin exists, and one left when two remove each other at once', async () => {
      await t.db.model(UserModel).updateMany({ roles: 'admin' }, { $set: { roles: ['student'] } });
      const sole = await t.user({ roles: ['admin'] });
      const soleId = sole.doc._id.toHexString();
      const drop = (auth: string, id: string) =>
        t.http().put(`/api/admin/users/${id}/roles`).set('Authorization', auth).send({ roles: ['bureau'], scope: {}, reason: '转任市人社局' });
      const refused = await drop(sole.auth, soleId);
      expect(refused.status).toBe(409);
      expect(refused.body.code).toBe('LAST_ADMIN');
      expect((await t.db.model(UserModel).findById(soleId).lean())?.roles).toEqual(['admin']);
      expect(await t.db.model(AuditModel).countDocuments({ targetId: soleId })).toBe(0);

      const second = await t.user({ roles: ['admin'] });
      const secondId = second.doc._id.toHexString();
      expect((await drop(second.auth, soleId)).status).toBe(200);
      expect(await t.db.model(UserModel).countDocuments({ roles: 'admin' })).toBe(1);

      // Two admins take the role from each other at the same moment: one admin remains whatever the interleaving.
      const third = await t.user({ roles: ['admin'] });
      const thirdId = third.doc._id.toHexString();
      const answers = await Promise.all([drop(second.auth, thirdId), drop(third.auth, secondId)]);
      // Each is done, refused as the last admin, or (when the other's removal landed first) no longer an admin's request.
      expect(answers.every(a => a.status === 200 || a.body.code === 'LAST_ADMIN' || a.body.code === 'TOKEN_REVOKED')).toBe(true);
      expect(answers.filter(a => a.status === 200)).toHaveLength(1);
      expect(await t.db.model(UserModel).countDocuments({ roles: 'admin' })).toBeGreaterThanOrEqual(1);
      const audited = await t.db.model(AuditModel).countDocuments({ targetId: { $in: [secondId, thirdId] } });
      expect(audited).toBe(answers.filter(a => a.status === 200).length);
    });
  });
});
