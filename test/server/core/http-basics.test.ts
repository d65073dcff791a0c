import { createTestApp, type TestApp } from '../support/test-app';

describe('cross-cutting HTTP behaviour', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('GET /api/health', () => {
    it('should report the database as connected', async () => {
      const res = await t.http().get('/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'ok', database: 'connected', version: expect.any(String) });
      expect(res.body.databaseLatencyMs).toBeGreaterThanOrEqual(0);
    });
  });

  describe('request ids', () => {
    it('should give every response an X-Request-Id and repeat it in error bodies', async () => {
      const res = await t.http().get('/api/nope');
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(res.headers['x-request-id']);
    });

    it('should report the server\'s own time in Server-Timing, on answers and on errors', async () => {
      for (const path of ['/api/health', '/api/does-not-exist']) {
        const res = await t.http().get(path);
        expect(res.headers['server-timing']).toMatch(/^app;dur=\d+\.\d$/);
      }
    });

    it('should keep a well-formed incoming X-Request-Id', async () => {
      const res = await t.http().get('/api/health').set('X-Request-Id', 'gateway-12345678');
      expect(res.headers['x-request-id']).toBe('gateway-12345678');
    });
  });

  describe('unknown routes', () => {
    it('should answer 404 JSON with a stable code', async () => {
      const res = await t.http().get('/api/does-not-exist');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/application\/json/);
      expect(res.body).toMatchObject({ code: 'ROUTE_NOT_FOUND', message: '接口不存在' });
    });
  });

  describe('bad bodies', () => {
    it('should answer 400 BAD_JSON to malformed JSON', async () => {
      const res = await t.http()
        .post('/api/auth/dev-login')
        .set('Content-Type', 'application/json')
        .send('{"userId": "abc",');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BAD_JSON');
      expect(JSON.stringify(res.body)).not.toMatch(/at .*\.js|SyntaxError|bodyParser/);
    });

    it('should answer 413 BODY_TOO_LARGE above the JSON limit', async () => {
      const res = await t.http()
        .post('/api/auth/dev-login')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ userId: 'x'.repeat(300 * 1024) }));
      expect(res.status).toBe(413);
      expect(res.body.code).toBe('BODY_TOO_LARGE');
    });

    it('should refuse an operator in any field with 400 OPERATOR_NOT_ALLOWED', async () => {
      const res = await t.http().post('/api/auth/dev-login').send({ userId: { $gt: '' } });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'OPERATOR_NOT_ALLOWED', field: 'userId.$gt' });
    });

    it('should refuse an operator nested in an array', async () => {
      const res = await t.http().post('/api/auth/refresh').send({ refreshToken: 'x', extra: [{ a: { $where: '1' } }] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('OPERATOR_NOT_ALLOWED');
    });

    it('should answer 422 naming the field for a wrong type', async () => {
      const res = await t.http().post('/api/auth/dev-login').send({ userId: 12345 });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'userId' });
      expect(res.body.message).toMatch(/^体验账号：/);
    });

    it('should answer 422 for an over-long string', async () => {
      const res = await t.http().post('/api/auth/wechat-login').send({ code: 'a'.repeat(500) });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', field: 'code' });
    });

    it('should answer 422 for a missing required field', async () => {
      const res = await t.http().post('/api/auth/refresh').send({});
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('refreshToken');
    });

    it('should reject a malformed id in the path with 422', async () => {
      const res = await t.http().get('/api/contents/not-an-id');
      expect(res.status).toBe(422);
      expect(res.body.field).toBe('id');
    });
  });

  describe('OpenAPI docs', () => {
    it('should serve the OpenAPI document built from the DTOs', async () => {
      const res = await t.http().get('/api/docs/index.json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toEqual(
        expect.arrayContaining(['/api/auth/wechat-login', '/api/me/profile', '/api/health', '/api/admin/users/{id}/roles']),
      );
      // The profile's request body is the DTO's rules, inline.
      expect(JSON.stringify(res.body.paths['/api/me/profile'])).toContain('graduationYear');
    });

    it('should serve the Swagger UI page', async () => {
      const res = await t.http().get('/api/docs/index.html');
      expect(res.status).toBe(200);
      expect(res.text).toContain('swagger');
    });
  });
});
