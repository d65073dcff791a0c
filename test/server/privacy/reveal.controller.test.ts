import type { DataViewRecord } from '../../../server/src/contract/privacy';
import { RevealLogService } from '../../../server/src/modules/privacy/reveal.service';
import { staffUnit } from '../../../server/src/modules/privacy/reveal.rules';
import { createTestApp, type TestApp } from '../support/test-app';

describe('个人信息查看记录', () => {
  let t: TestApp;
  let reveals: RevealLogService;

  beforeAll(async () => {
    t = await createTestApp();
    reveals = await t.app.getApplicationContext().getAsync(RevealLogService);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('should need a signed-in user', async () => {
    expect((await t.http().get('/api/me/data-views')).status).toBe(401);
  });

  it('should show a person only their own records, newest first, page by page', async () => {
    const person = await t.user({ roles: ['student'] });
    const other = await t.user({ roles: ['student'] });
    const staff = { id: 'staff-1', roles: ['college' as const], scope: { collegeId: 'dlut' }, sessionId: 's' };
    for (let i = 0; i < 3; i++) {
      await reveals.record(staff, { subjectIds: [person.doc._id], kind: 'idNumber', purpose: `核对第${i + 1}次`, targetType: 'test', targetId: `${i}` });
    }
    await reveals.record(staff, { subjectIds: [other.doc._id], kind: 'phone', purpose: '别人的', targetType: 'test', targetId: 'x' });

    const first = await t.http().get('/api/me/data-views?limit=2').set('Authorization', person.auth);
    expect(first.status).toBe(200);
    expect(first.body.items.map((r: DataViewRecord) => r.purpose)).toEqual(['核对第3次', '核对第2次']);
    expect(first.body.items[0]).toMatchObject({ unit: '大连理工大学就业指导中心', role: '高校就业指导中心', kind: 'idNumber', kindLabel: '完整身份证号码' });
    expect(Object.keys(first.body.items[0]).sort()).toEqual(['at', 'id', 'kind', 'kindLabel', 'purpose', 'role', 'unit']);
    const second = await t.http().get(`/api/me/data-views?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`).set('Authorization', person.auth);
    expect(second.body.items.map((r: DataViewRecord) => r.purpose)).toEqual(['核对第1次']);
    expect(second.body.nextCursor).toBeUndefined();
    const tampered = await t.http().get(`/api/me/data-views?cursor=${encodeURIComponent(`${first.body.nextCursor}x`)}`).set('Authorization', person.auth);
    expect(tampered.body.code).toBe('CURSOR_INVALID');
  });

  it('should name the unit from the staff role and scope', () => {
    expect(staffUnit(['bureau'], {})).toEqual({ unit: '大连市人力资源和社会保障局', role: '市人社局' });
    expect(staffUnit(['district'], { districtCode: '210202' })).toEqual({ unit: '中山区人力资源和社会保障局', role: '区市县人社局' });
    expect(staffUnit(['college'], { collegeId: 'dlmu' }).unit).toBe('大连海事大学就业指导中心');
    // Someone holding several roles acts for the most senior unit.
    expect(staffUnit(['college', 'bureau'], { collegeId: 'dlmu' }).unit).toBe('大连市人力资源和社会保障局');
  });
});
