import { createHash } from 'crypto';
import { IncomingMessage, ServerResponse } from 'http';
import { Socket } from 'net';
import { contextLogLine, redactUrl } from '../../../server/src/core/log-redaction';
import { asAttachment, inlineScriptHashes, securityHeaders } from '../../../server/src/core/middleware/security-headers.middleware';
import { captureLogs } from '../support/log-capture';
import { createTestApp, type TestApp } from '../support/test-app';

describe('hardening: bodies, logs, headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('request bodies', () => {
    it.each([
      ['text/plain', 'refreshToken=x'],
      ['application/xml', '<refreshToken>x</refreshToken>'],
      ['text/xml', '<a/>'],
      ['application/x-www-form-urlencoded', 'refreshToken=0123456789abcdef'],
    ])('should answer 415 UNSUPPORTED_MEDIA_TYPE to a %s body on a JSON route', async (type, body) => {
      const res = await t.http().post('/api/auth/refresh').set('Content-Type', type).send(body);
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('should refuse a signed-in text body before the route treats it as empty', async () => {
      const { auth } = await t.user();
      const res = await t.http().put('/api/me/profile').set('Authorization', auth).set('Content-Type', 'text/plain').send('name=张三');
      expect(res.status).toBe(415);
    });

    it('should answer 415 to a multipart body on a route that takes no file', async () => {
      const { auth } = await t.user();
      const res = await t.http().put('/api/me/profile').set('Authorization', auth).field('name', '张三');
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });

    it('should still take a multipart upload on an upload route', async () => {
      const { auth } = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const res = await t.http()
        .post('/api/staff/registry/import')
        .set('Authorization', auth)
        .attach('file', Buffer.from('not a workbook'), '名单.xlsx');
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('REGISTRY_FILE_INVALID');
    });

    it('should accept JSON with a charset, and a bodiless POST', async () => {
      const json = await t.http().post('/api/auth/refresh').set('Content-Type', 'application/json; charset=utf-8').send('{"refreshToken":"0123456789"}');
      expect(json.status).toBe(401);
      const { auth } = await t.user();
      expect((await t.http().post('/api/auth/logout').set('Authorization', auth)).status).toBe(204);
    });

    it('should refuse a 10,000-level nested JSON body as BODY_TOO_DEEP, not as an operator', async () => {
      const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
      const res = await t.http().post('/api/auth/refresh').set('Content-Type', 'application/json').send(`{"refreshToken":"x","extra":${deep}}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('BODY_TOO_DEEP');
      const objects = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
      const res2 = await t.http().post('/api/auth/refresh').set('Content-Type', 'application/json').send(objects);
      expect(res2.body.code).toBe('BODY_TOO_DEEP');
    });
  });

  describe('access log', () => {
    const accessLines = (lines: string[]) => lines.filter(l => / access (GET|POST|PUT) /.test(l));

    it('should log the status each answer really had, BAD_JSON included', async () => {
      const student = await t.user();
      const log = captureLogs(t.app);
      try {
        await t.http().get('/api/me');
        await t.http().get('/api/admin/users').set('Authorization', student.auth);
        await t.http().put('/api/me/profile').set('Authorization', student.auth).send({ name: 1 });
        await t.http().post('/api/auth/wechat-login').send({ code: 'abc' });
        await t.http().post('/api/auth/refresh').set('Content-Type', 'application/json').send('{"refreshToken":');
        await t.http().get('/api/me').set('Authorization', student.auth);
      } finally {
        log.stop();
      }
      const statuses = accessLines(log.lines).map(l => / access \w+ \S+ (\d{3}) /.exec(l)?.[1]);
      expect(statuses).toEqual(['401', '403', '422', '503', '400', '200']);
    });

    it('should log no stack trace for refusals and WECHAT_NOT_CONFIGURED', async () => {
      const log = captureLogs(t.app);
      try {
        await t.http().get('/api/me');
        await t.http().post('/api/auth/wechat-login').send({ code: 'abc' });
      } finally {
        log.stop();
      }
      const rejected = log.lines.filter(l => l.includes('rejected '));
      expect(rejected).toHaveLength(2);
      for (const line of log.lines) expect(line).not.toMatch(/\n\s+at /);
    });

    it('should keep ID, phone and card numbers out of every line, wherever they are in the URL', async () => {
      const { auth } = await t.user({ roles: ['college'], scope: { collegeId: 'dlut' } });
      const log = captureLogs(t.app);
      try {
        await t.http().get('/api/staff/registry/graduates?q=210202199001011234&x=13812345678').set('Authorization', auth);
        await t.http().get('/api/staff/registry/13812345678/6222021234567890123').set('Authorization', auth);
        await t.http().get(`/api/staff/registry/graduates?q=${encodeURIComponent('王21020219900101123X')}`).set('Authorization', auth);
      } finally {
        log.stop();
      }
      expect(log.lines.length).toBeGreaterThanOrEqual(3);
      const all = log.lines.join('\n');
      for (const secret of ['210202199001011234', '13812345678', '6222021234567890123', '21020219900101123X']) expect(all).not.toContain(secret);
      expect(all).not.toContain('王');
      expect(all).toContain('/api/staff/registry/graduates?q=[已隐去]&x=[已隐去]');
    });

    it('should mask personal numbers however they are written, and leave ids alone', () => {
      expect(redactUrl('/api/x?phone=%2B8613812345678&id=21020219900101123x')).not.toMatch(/\d{11}/);
      expect(redactUrl('/api/x?card=6222 0212 3456 7890 123')).not.toMatch(/\d{4} \d{4}/);
      expect(redactUrl('/api/x?tel=138-1234-5678')).not.toContain('5678');
      expect(redactUrl('/api/ws?session=1&token=eyJhbGciOi.abc.def')).not.toContain('eyJ');
      const id = '/api/jobs/665f1c2b9a1e4a0012345678/applications?cursor=eyJ2IjoxfQ';
      expect(redactUrl(id)).toBe(id);
    });

    it('should format context lines with the redacted URL and message', () => {
      const line = contextLogLine({
        timestamp: '2026-06-02 08:00:00,000',
        LEVEL: 'INFO',
        pid: 1,
        message: 'rejected VALIDATION_FAILED: "idNumber" 210202199001011234 不正确',
        ctx: { ip: '127.0.0.1', method: 'GET', url: '/api/a?phone=13812345678', startTime: Date.now(), traceId: 'r1' },
      });
      expect(line).not.toMatch(/13812345678|210202199001011234/);
      expect(line).toContain('GET /api/a?phone=');
    });
  });

  describe('headers', () => {
    it('should send nosniff, frame protection, a CSP, a referrer policy and no-store on API answers, errors included', async () => {
      for (const res of [await t.http().get('/api/health'), await t.http().get('/api/me'), await t.http().get('/api/nope')]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('DENY');
        expect(res.headers['content-security-policy']).toContain("default-src 'none'");
        expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['strict-transport-security']).toBeUndefined();
      }
    });

    it('should send HSTS in production only', () => {
      const live = t.settings.live;
      const headersOf = (production: boolean) => {
        const req = new IncomingMessage(new Socket());
        req.headers.host = 'jiuye.example.cn';
        const res = new ServerResponse(req);
        const { api } = securityHeaders(production, live);
        api(req, res, () => undefined);
        return res;
      };
      expect(headersOf(true).getHeader('strict-transport-security')).toMatch(/max-age=\d{7,}/);
      expect(headersOf(false).getHeader('strict-transport-security')).toBeUndefined();
    });

    it('should let the h5 pages load their own scripts, styles, media and the live room socket only', () => {
      const req = new IncomingMessage(new Socket());
      req.headers.host = '127.0.0.1:7001';
      const res = new ServerResponse(req);
      securityHeaders(false, t.settings.live).page(req, res, () => undefined);
      const csp = String(res.getHeader('content-security-policy'));
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain('ws://127.0.0.1:7001');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-eval');
    });

    it('should allow the h5 page\'s inline scripts by their hashes only', () => {
      const html = '<head><script>var a=1;</script><script defer src="/js/app.js"></script><script> </script></head>';
      const hashes = inlineScriptHashes(html);
      expect(hashes).toEqual([`'sha256-${createHash('sha256').update('var a=1;').digest('base64')}'`]);
    });

    it('should send files as private attachments that no cache keeps', async () => {
      const { auth } = await t.user({ roles: ['bureau'] });
      for (const path of ['/api/staff/statistics/dashboard.xlsx', '/api/staff/registry/template']) {
        const res = await t.http().get(path).set('Authorization', auth);
        expect(res.status).toBe(200);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(res.headers['content-disposition']).toMatch(/^attachment/);
      }
    });

    it('should turn an inline disposition into an attachment and keep the file name', () => {
      expect(asAttachment("inline; filename*=UTF-8''%E7%AE%80%E5%8E%86.pdf")).toBe("attachment; filename*=UTF-8''%E7%AE%80%E5%8E%86.pdf");
      expect(asAttachment('inline')).toBe('attachment');
      expect(asAttachment('')).toBe('attachment');
      expect(asAttachment('attachment; filename="a.xlsx"')).toBe('attachment; filename="a.xlsx"');
    });
  });

  describe('API document', () => {
    it('should answer 404 to an unknown file under /api/docs and serve the real ones', async () => {
      for (const path of ['/api/docs/nope', '/api/docs/..%2f..%2fpackage.json', '/api/docs/a/b.js']) {
        const res = await t.http().get(path);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('ROUTE_NOT_FOUND');
      }
      expect((await t.http().get('/api/docs/index.html')).status).toBe(200);
      expect((await t.http().get('/api/docs/swagger-ui.css')).status).toBe(200);
    });
  });
});
