import { MidwayWebRouterService } from '@midwayjs/core';
import { readFileSync } from 'fs';
import { buildResponses, RESPONSES_FILE } from '../../../server/scripts/openapi-responses';
import type { OpenApiDocument } from '../../../server/src/core/openapi/document';
import { createTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
let doc: OpenApiDocument;

beforeAll(async () => {
  t = await createTestApp();
  const res = await t.http().get('/api/docs/index.json');
  expect(res.status).toBe(200);
  doc = res.body as OpenApiDocument;
});

afterAll(async () => {
  await t?.close();
});

function operations(): Array<{ path: string; method: string; op: OpenApiDocument['paths'][string][string] }> {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => ({ path, method, op })));
}

describe('GET /api/docs/index.json', () => {
  it('should describe every route the server has, and nothing else', async () => {
    const router = await t.app.getApplicationContext().getAsync(MidwayWebRouterService);
    const routes = (await router.getFlattenRouterTable()).map(r => `${r.requestMethod.toLowerCase()} ${String(r.fullUrl).replace(/:(\w+)/g, '{$1}')}`);
    expect(operations().map(o => `${o.method} ${o.path}`).sort()).toEqual([...new Set(routes)].sort());
    expect(doc.paths['/api/growth/stories/{id}/video']?.post?.requestBody?.content['multipart/form-data']).toBeDefined();
  });

  it('should declare every path parameter of every operation', () => {
    const undeclared = operations().flatMap(({ path, method, op }) =>
      [...path.matchAll(/\{(\w+)\}/g)]
        .map(m => m[1])
        .filter(name => !(op.parameters ?? []).some(p => p.in === 'path' && p.name === name && p.required))
        .map(name => `${method} ${path}: ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it('should be valid OpenAPI: no "required": false inside properties, one security scheme, all referenced', () => {
    // Parameter and request body objects carry a boolean `required`; schemas never do.
    const schemas = JSON.stringify(operations().map(({ op }) => [op.requestBody?.content, op.responses, (op.parameters ?? []).map(p => p.schema)]));
    expect(schemas.includes('"required":false')).toBe(false);
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.components.securitySchemes)).toEqual(['bearer']);
    const schemes = new Set(operations().flatMap(({ op }) => op.security.flatMap(s => Object.keys(s))));
    expect([...schemes]).toEqual(['bearer']);
  });

  it('should document an error body beside every success, with 401 and 403 on guarded routes', () => {
    const me = doc.paths['/api/me'].get;
    expect(Object.keys(me.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(me.security).toEqual([{ bearer: [] }]);
    for (const { op } of operations()) {
      const errors = Object.keys(op.responses).filter(status => Number(status) >= 400);
      expect(errors.length).toBeGreaterThan(0);
    }
  });

  it('should state the validator rules of a request body (required keys, lengths, formats)', () => {
    const schema = doc.paths['/api/staff/jobs/{id}/take-down']?.post.requestBody?.content['application/json'].schema as { required?: string[] };
    expect(schema.required?.length).toBeGreaterThan(0);
    const devLogin = doc.paths['/api/auth/dev-login'].post;
    expect(devLogin.security).toEqual([]);
    expect(devLogin.requestBody?.content['application/json'].schema).toMatchObject({
      required: ['userId'],
      properties: { userId: { minLength: 24, maxLength: 24 } },
    });
  });
});

describe('whole-body rules (@BodyRule)', () => {
  const body = (path: string, method: 'put' | 'post') => doc.paths[path]?.[method].requestBody?.content['application/json'].schema as Record<string, unknown>;

  it('should state that a reference-data edit changes at least one field', () => {
    expect(doc.paths['/api/staff/reference/{id}'].put.requestBody?.required).toBe(true);
    expect(body('/api/staff/reference/{id}', 'put').allOf).toContainEqual({
      anyOf: [{ required: ['description'] }, { required: ['active'] }, { required: ['order'] }],
    });
  });

  it("should state that a college or district role's scope names its college or district", () => {
    const conditions = body('/api/admin/users/{id}/roles', 'put').allOf as unknown[];
    for (const [role, key] of [['college', 'collegeId'], ['district', 'districtCode']]) {
      const holds = { required: ['roles'], properties: { roles: { contains: { const: role } } } };
      expect(conditions).toContainEqual({
        anyOf: [{ allOf: [holds, { required: ['scope'], properties: { scope: { required: [key] } } }] }, { not: holds }],
      });
    }
  });
});

describe('success bodies', () => {
  it('should come from the handlers\' declared return types, and the generated file be current (npm run build:openapi)', () => {
    expect(JSON.parse(readFileSync(RESPONSES_FILE, 'utf8'))).toEqual(buildResponses());
  });

  it('should state the shape of a page, a file and an empty answer', () => {
    const jobs = doc.paths['/api/jobs'].get.responses['200'].content?.['application/json'].schema;
    expect(jobs).toMatchObject({ type: 'object', required: ['items'], properties: { items: { type: 'array' } } });
    expect(doc.paths['/api/staff/statistics/dashboard.xlsx'].get.responses['200'].content).toHaveProperty(['application/octet-stream']);
    expect(doc.paths['/api/auth/logout'].post.responses['204']).toEqual({ description: '成功，无内容' });
  });
});

describe('Swagger UI', () => {
  it('should serve the UI and answer 404 for any other name under /api/docs', async () => {
    expect((await t.http().get('/api/docs/index.html')).status).toBe(200);
    const unknown = await t.http().get('/api/docs/no-such-file.js');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'ROUTE_NOT_FOUND']);
  });
});
