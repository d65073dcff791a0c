import { AuditModel } from '../../../server/src/modules/audit/audit.model';
import { ReferenceItemModel } from '../../../server/src/modules/reference/reference.model';
import { REFERENCE_SEEDS } from '../../../server/src/modules/reference/reference.seed';
import type { ReferenceItem } from '../../../server/src/contract/reference';
import { createTestApp, type TestApp } from '../support/test-app';

/** A valid GB 32100 code made from a 17-character body. */
function uscc(body17: string): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...body17].reduce((acc, c, i) => acc + chars.indexOf(c) * weights[i], 0);
  return body17 + chars[(31 - (sum % 31)) % 31];
}

describe('editable reference data', () => {
  let t: TestApp;
  let bureau: Awaited<ReturnType<TestApp['user']>>;
  let seq = 0;

  const enterprise = (patch: Record<string, unknown> = {}) => {
    seq += 1;
    return {
      name: `大连基础数据测试${seq}号有限公司`,
      uscc: uscc(`912104${String(seq).padStart(2, '0')}MA0QC1234`),
      district: 'hitech',
      industry: '制造业',
      size: '20-99人',
      ownership: '民营企业',
      chainTags: ['高端装备'],
      category: '老',
      ...patch,
    };
  };

  async function staffList(): Promise<ReferenceItem[]> {
    const res = await t.http().get('/api/staff/reference').set('Authorization', bureau.auth);
    expect(res.status).toBe(200);
    return res.body as ReferenceItem[];
  }

  beforeAll(async () => {
    t = await createTestApp();
    bureau = await t.user({ roles: ['bureau'] });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should answer 401 to anonymous callers and 403 to students, recruiters and district staff on the staff routes', async () => {
    expect((await t.http().get('/api/staff/reference')).status).toBe(401);
    expect((await t.http().post('/api/staff/reference').send({ kind: 'chain', value: '新链' })).status).toBe(401);
    for (const roles of [['student'], ['recruiter'], ['district']] as const) {
      const u = await t.user({ roles: [...roles], scope: roles[0] === 'district' ? { districtCode: '210211' } : undefined });
      const list = await t.http().get('/api/staff/reference').set('Authorization', u.auth);
      expect(list.status).toBe(403);
      const add = await t.http().post('/api/staff/reference').set('Authorization', u.auth).send({ kind: 'chain', value: '新链' });
      expect(add.status).toBe(403);
    }
  });

  it('should seed the "15+N" chains, the 老/原/新 categories and the industries once, and list them publicly', async () => {
    const [a, b] = await Promise.all([t.http().get('/api/reference'), t.http().get('/api/reference')]);
    expect(a.status).toBe(200);
    expect(a.body.chain.map((i: { value: string }) => i.value)).toEqual(REFERENCE_SEEDS.chain.map(i => i.value));
    expect(a.body.category.map((i: { value: string }) => i.value)).toEqual(['老', '原', '新']);
    expect(a.body.industry).toHaveLength(20);
    expect(b.body.chain).toHaveLength(REFERENCE_SEEDS.chain.length);
    expect(a.body.districts.length).toBeGreaterThan(10);
    const stored = await t.db.model(ReferenceItemModel).countDocuments();
    expect(stored).toBe(REFERENCE_SEEDS.chain.length + REFERENCE_SEEDS.category.length + REFERENCE_SEEDS.industry.length);
  });

  it('should refuse bad input with 422 naming the field, and a duplicate value with 409', async () => {
    const badKind = await t.http().post('/api/staff/reference').set('Authorization', bureau.auth).send({ kind: 'colour', value: '红' });
    expect(badKind.status).toBe(422);
    expect(badKind.body.field).toBe('kind');
    const empty = await t.http().post('/api/staff/reference').set('Authorization', bureau.auth).send({ kind: 'chain', value: '  ' });
    expect(empty.status).toBe(422);
    expect(empty.body.field).toBe('value');
    const dup = await t.http().post('/api/staff/reference').set('Authorization', bureau.auth).send({ kind: 'chain', value: '高端装备' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('高端装备');
    const nothing = await t.http().put(`/api/staff/reference/${(await staffList())[0].id}`).set('Authorization', bureau.auth).send({});
    expect(nothing.status).toBe(422);
    const missing = await t.http().put('/api/staff/reference/0123456789abcdef01234567').set('Authorization', bureau.auth).send({ active: false });
    expect(missing.status).toBe(404);
  });

  it('should refuse an enterprise whose industry, chain or category is not an active item, naming the value', async () => {
    const r = await t.user({ roles: ['recruiter'] });
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ industry: '捕鲸业' }, 'industry', '捕鲸业'],
      [{ chainTags: ['高端装备', '时间旅行'] }, 'chainTags', '时间旅行'],
      [{ category: '旧' }, 'category', '旧'],
      [{ size: '很大' }, 'size', ''],
    ];
    for (const [patch, field, phrase] of cases) {
      const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterprise(patch));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field });
      expect(res.body.message).toContain(phrase);
    }
    expect((await t.http().get('/api/recruiter/enterprise').set('Authorization', r.auth)).body.code).toBe('ENTERPRISE_REQUIRED');
  });

  it('should let bureau staff add a chain that enterprises can then choose, audited', async () => {
    const add = await t.http().post('/api/staff/reference').set('Authorization', bureau.auth).send({ kind: 'chain', value: '低空经济', description: '2026年新增' });
    expect(add.status).toBe(200);
    expect(add.body).toMatchObject({ kind: 'chain', value: '低空经济', active: true });
    const publicList = await t.http().get('/api/reference');
    expect(publicList.body.chain.at(-1)).toEqual({ value: '低空经济', description: '2026年新增' });
    const r = await t.user({ roles: ['recruiter'] });
    const res = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterprise({ chainTags: ['低空经济'] }));
    expect(res.status).toBe(200);
    expect(res.body.chainTags).toEqual(['低空经济']);
    const audit = await t.db.model(AuditModel).findOne({ action: 'reference.add', targetId: add.body.id }).lean();
    expect(audit?.actorId).toBe(bureau.doc._id.toHexString());
  });

  it('should retire an item so new registrations cannot pick it, keep it on existing enterprises, and restore it', async () => {
    const item = (await staffList()).find(i => i.kind === 'category' && i.value === '原');
    expect(item).toBeDefined();
    const holder = await t.user({ roles: ['recruiter'] });
    const held = await t.http().post('/api/recruiter/enterprise').set('Authorization', holder.auth).send(enterprise({ category: '原' }));
    expect(held.status).toBe(200);

    const retire = await t.http().put(`/api/staff/reference/${item!.id}`).set('Authorization', bureau.auth).send({ active: false, description: '暂停使用' });
    expect(retire.status).toBe(200);
    expect(retire.body).toMatchObject({ value: '原', active: false, description: '暂停使用' });
    expect((await t.http().get('/api/reference')).body.category.map((i: { value: string }) => i.value)).toEqual(['老', '新']);
    expect((await staffList()).some(i => i.id === item!.id && !i.active)).toBe(true);

    const r = await t.user({ roles: ['recruiter'] });
    const refused = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterprise({ category: '原' }));
    expect(refused.status).toBe(422);
    expect(refused.body.field).toBe('category');
    expect((await t.http().get('/api/recruiter/enterprise').set('Authorization', holder.auth)).body.category).toBe('原');

    // A retried request is harmless: the same patch again answers the same item.
    const again = await t.http().put(`/api/staff/reference/${item!.id}`).set('Authorization', bureau.auth).send({ active: false, description: '暂停使用' });
    expect(again.body.active).toBe(false);
    // An edit that changes nothing is refused by the validator, as the API document states.
    const empty = await t.http().put(`/api/staff/reference/${item!.id}`).set('Authorization', bureau.auth).send({});
    expect(empty.status).toBe(422);
    expect(empty.body.message).toBe('请求内容：至少填写以下一项：说明、启用状态、排序');
    const restore = await t.http().put(`/api/staff/reference/${item!.id}`).set('Authorization', bureau.auth).send({ active: true });
    expect(restore.body.active).toBe(true);
    const ok = await t.http().post('/api/recruiter/enterprise').set('Authorization', r.auth).send(enterprise({ category: '原' }));
    expect(ok.status).toBe(200);
    const actions = (await t.db.model(AuditModel).find({ targetId: item!.id }).lean()).map(a => a.action).sort();
    expect(actions).toEqual(['reference.restore', 'reference.retire', 'reference.retire']);
  });

  it('should keep minimum-wage standards with their area tiers as a history, correct one by its day, show the one in force, and audit each change', async () => {
    const staffWages = async () => (await t.http().get('/api/staff/reference/minimum-wages').set('Authorization', bureau.auth)).body as Array<{ effectiveFrom: string; amount: number; areas: unknown[] }>;
    const seeded = await staffWages();
    expect(seeded).toEqual([expect.objectContaining({ amount: 2100, effectiveFrom: '2025-01-01', areas: [] })]);
    expect(seeded[0]).toMatchObject({ source: expect.stringContaining('待') });
    const body = { amount: 2200, effectiveFrom: '2025-06-01', source: '示例：新一档标准', areas: [{ district: '210283', amount: 1950 }] };
    const duplicate = await t.http().post('/api/staff/reference/minimum-wages').set('Authorization', bureau.auth).send({ ...body, areas: [...body.areas, { district: '210283', amount: 1900 }] });
    expect(duplicate.status).toBe(422);
    const student = await t.user({ roles: ['student'] });
    expect((await t.http().post('/api/staff/reference/minimum-wages').set('Authorization', student.auth).send(body)).status).toBe(403);
    const added = await t.http().post('/api/staff/reference/minimum-wages').set('Authorization', bureau.auth).send(body);
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ amount: 2200, areas: [{ district: '210283', amount: 1950 }] });
    const corrected = await t.http().post('/api/staff/reference/minimum-wages').set('Authorization', bureau.auth).send({ ...body, amount: 2250 });
    expect(corrected.body.id).toBe(added.body.id);
    expect((await staffWages()).map(w => [w.effectiveFrom, w.amount])).toEqual([['2025-01-01', 2100], ['2025-06-01', 2250]]);
    expect((await t.http().get('/api/reference')).body.minimumWage).toMatchObject({ amount: 2250, areas: [{ district: '210283', amount: 1950 }] });
    const trail = await t.db.model(AuditModel).find({ targetId: added.body.id }).sort({ _id: 1 }).lean();
    expect(trail.map(a => a.action)).toEqual(['reference.minimum-wage.add', 'reference.minimum-wage.edit']);
    expect(trail[1]).toMatchObject({ from: '2200元（庄河市 1950元） 2025-06-01 示例：新一档标准', to: '2250元（庄河市 1950元） 2025-06-01 示例：新一档标准' });
  });
});
