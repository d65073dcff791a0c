import * as zlib from 'zlib';
import { FakeWeChatServer, FakeWeChatOptions } from './fake-wechat';

type Json = Record<string, unknown>;

const T0 = Date.UTC(2025, 0, 6, 2, 0, 0); // 10:00 Beijing time
const MIN = 60_000;

let clock = T0;
let wx: FakeWeChatServer;
let base: string;

async function boot(opts: FakeWeChatOptions = {}): Promise<void> {
  await wx?.stop();
  wx = new FakeWeChatServer({ now: () => clock, ...opts });
  base = await wx.start();
}

beforeEach(async () => {
  clock = T0;
  await boot();
});

afterEach(async () => {
  await wx.stop();
});

function url(path: string, query: Record<string, string> = {}): string {
  const qs = new URLSearchParams(query).toString();
  return `${base}${path}${qs ? `?${qs}` : ''}`;
}

async function getJson(path: string, query: Record<string, string> = {}): Promise<Json> {
  const res = await fetch(url(path, query));
  return (await res.json()) as Json;
}

async function postRaw(path: string, body: string, query: Record<string, string> = {}): Promise<Response> {
  return fetch(url(path, query), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
}

async function postJson(path: string, body: unknown, query: Record<string, string> = {}): Promise<Json> {
  const res = await postRaw(path, JSON.stringify(body), query);
  return (await res.json()) as Json;
}

function login(code: string, overrides: Record<string, string> = {}): Promise<Json> {
  return getJson('/sns/jscode2session', {
    appid: wx.appid,
    secret: wx.secret,
    js_code: code,
    grant_type: 'authorization_code',
    ...overrides,
  });
}

function stable(forceRefresh = false, overrides: Json = {}): Promise<Json> {
  return postJson('/cgi-bin/stable_token', {
    grant_type: 'client_credential',
    appid: wx.appid,
    secret: wx.secret,
    force_refresh: forceRefresh,
    ...overrides,
  });
}

async function stableToken(forceRefresh = false): Promise<string> {
  const r = await stable(forceRefresh);
  expect(typeof r.access_token).toBe('string');
  return r.access_token as string;
}

/** Any cheap access_token API, used to probe a token's state. */
function probe(token: string): Promise<Json> {
  return postJson('/wxa/msg_sec_check', { version: 2, openid: 'o_probe', scene: 1, content: 'hello' }, { access_token: token });
}

function send(token: string, body: Json): Promise<Json> {
  return postJson('/cgi-bin/message/subscribe/send', body, { access_token: token });
}

describe('envelope and routing', () => {
  it('answers unknown and wrongly cased paths with 40066 and a rid suffix', async () => {
    const a = await getJson('/sns/jsCode2Session', { appid: wx.appid });
    expect(a.errcode).toBe(40066);
    expect(a.errmsg).toMatch(/^invalid url rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    expect((await getJson('/nope')).errcode).toBe(40066);
  });

  it('records calls with parsed query and body', async () => {
    await postJson('/wxa/msg_sec_check', { version: 2 }, { access_token: 'x' });
    expect(wx.calls).toHaveLength(1);
    expect(wx.calls[0]).toMatchObject({
      method: 'POST',
      path: '/wxa/msg_sec_check',
      query: { access_token: 'x' },
      body: { version: 2 },
      at: T0,
    });
    wx.resetCalls();
    expect(wx.calls).toHaveLength(0);
  });

  it('rejects bodies over 1 MB with 45002', async () => {
    const token = await stableToken();
    const res = await postRaw('/wxa/msg_sec_check', 'x'.repeat(1024 * 1024 + 1), { access_token: token });
    expect(((await res.json()) as Json).errcode).toBe(45002);
  });

  it('delays every response by latencyMs', async () => {
    await boot({ latencyMs: 60 });
    const started = Date.now();
    await getJson('/nope');
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('forceError answers the next N calls to a path with the given errcode', async () => {
    wx.forceError('/cgi-bin/stable_token', -1, 2);
    expect((await stable()).errcode).toBe(-1);
    expect((await stable()).errcode).toBe(-1);
    expect(typeof (await stable()).access_token).toBe('string');
  });
});

describe('jscode2session', () => {
  it('exchanges a code once; reuse gives 40163', async () => {
    const code = wx.issueLoginCode('o_user_1', { unionid: 'u_1' });
    const first = await login(code);
    expect(first.openid).toBe('o_user_1');
    expect(first.unionid).toBe('u_1');
    expect(first.session_key).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(first.errcode).toBeUndefined();
    expect((await login(code)).errcode).toBe(40163);
    expect(wx.counters().jscode2session).toBe(2);
  });

  it('omits unionid when not bound', async () => {
    const r = await login(wx.issueLoginCode('o_user_2'));
    expect(r.openid).toBe('o_user_2');
    expect('unionid' in r).toBe(false);
  });

  it('expires codes after 5 minutes (40029) and rejects unknown codes', async () => {
    const fresh = wx.issueLoginCode('o_user_1');
    const stale = wx.issueLoginCode('o_user_1');
    clock += 5 * MIN - 1;
    expect((await login(fresh)).openid).toBe('o_user_1');
    clock += 2;
    expect((await login(stale)).errcode).toBe(40029);
    expect((await login('does-not-exist')).errcode).toBe(40029);
  });

  it('validates appid, secret, code and grant_type', async () => {
    const code = wx.issueLoginCode('o_user_1');
    expect((await login(code, { secret: 'wrong' })).errcode).toBe(40125);
    expect((await login(code, { appid: 'wx_other' })).errcode).toBe(40013);
    expect((await login(code, { grant_type: 'client_credential' })).errcode).toBe(40002);
    expect((await login('', {})).errcode).toBe(41008);
    expect((await getJson('/sns/jscode2session', { appid: wx.appid, js_code: code })).errcode).toBe(41004);
    const post = await postJson('/sns/jscode2session', {}, { appid: wx.appid, secret: wx.secret, js_code: code });
    expect(post.errcode).toBe(41002);
    // Failed attempts did not consume the code.
    expect((await login(code)).openid).toBe('o_user_1');
  });

  it('limits each openid to 100 exchanges per minute (45011)', async () => {
    for (let i = 0; i < 100; i++) expect((await login(wx.issueLoginCode('o_busy'))).openid).toBe('o_busy');
    expect((await login(wx.issueLoginCode('o_busy'))).errcode).toBe(45011);
    expect((await login(wx.issueLoginCode('o_other'))).openid).toBe('o_other');
    clock += MIN;
    expect((await login(wx.issueLoginCode('o_busy'))).openid).toBe('o_busy');
  });
});

describe('access tokens', () => {
  it('stable token: same token within validity, expires_in counts down', async () => {
    const a = await stable();
    expect((a.access_token as string).length).toBeGreaterThanOrEqual(64);
    expect(a.expires_in).toBe(7200);
    clock += 10 * MIN;
    const b = await stable();
    expect(b.access_token).toBe(a.access_token);
    expect(b.expires_in).toBe(7200 - 600);
    expect(wx.counters().stableToken).toBe(2);
  });

  it('stable token: rotates in the last 5 minutes, the old one valid until its expiry', async () => {
    const old = await stableToken();
    clock += 7200_000 - 5 * MIN - 1000;
    const before = await stable();
    expect(before.access_token).toBe(old);
    expect(before.expires_in).toBe(301);
    clock += 2000;
    const rotated = await stable();
    expect(rotated.access_token).not.toBe(old);
    expect(rotated.expires_in).toBe(7200);
    expect((await probe(old)).errcode).toBe(0);
    expect((await stable()).access_token).toBe(rotated.access_token);
    clock += 5 * MIN;
    expect((await probe(old)).errcode).toBe(42001);
    expect((await probe(rotated.access_token as string)).errcode).toBe(0);
  });

  it('stable token: force_refresh invalidates the old token (40001) and is rate limited (45009)', async () => {
    const old = await stableToken();
    const forced = await stableToken(true);
    expect(forced).not.toBe(old);
    const stale = await probe(old);
    expect(stale.errcode).toBe(40001);
    expect(stale.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest rid: /);
    expect((await probe(forced)).errcode).toBe(0);

    clock += 29_000;
    expect((await stable(true)).errcode).toBe(45009);
    clock += 1000;
    // 2nd force of the day; 18 more fit, then the daily cap applies.
    for (let i = 2; i <= 20; i++) {
      expect(typeof (await stable(true)).access_token).toBe('string');
      clock += 30_000;
    }
    expect((await stable(true)).errcode).toBe(45009);
    expect(typeof (await stable(false)).access_token).toBe('string');
    clock = T0 + 24 * 60 * MIN;
    expect(typeof (await stable(true)).access_token).toBe('string');
  });

  it('stable token: validates body and credentials', async () => {
    const res = await postRaw('/cgi-bin/stable_token', 'grant_type=client_credential');
    expect(((await res.json()) as Json).errcode).toBe(47001);
    expect((await stable(false, { appid: 'wx_other' })).errcode).toBe(40013);
    expect((await stable(false, { secret: 'wrong' })).errcode).toBe(40125);
    expect((await stable(false, { grant_type: 'authorization_code' })).errcode).toBe(40002);
  });

  it('classic token: each fetch retires the previous one after 5 minutes; isolated from stable', async () => {
    const st = await stableToken();
    const q = { grant_type: 'client_credential', appid: wx.appid, secret: wx.secret };
    const first = (await getJson('/cgi-bin/token', q)).access_token as string;
    expect(first.length).toBeGreaterThanOrEqual(64);
    const second = (await getJson('/cgi-bin/token', q)).access_token as string;
    expect(second).not.toBe(first);
    expect((await probe(first)).errcode).toBe(0);
    clock += 5 * MIN;
    expect((await probe(first)).errcode).toBe(40001);
    expect((await probe(second)).errcode).toBe(0);
    expect((await probe(st)).errcode).toBe(0);
    expect((await stable()).access_token).toBe(st);
    expect((await getJson('/cgi-bin/token', { ...q, secret: 'wrong' })).errcode).toBe(40001);
    expect(wx.counters().token).toBe(3);
  });

  it('expireAccessTokens makes every issued token answer 42001; a new fetch recovers', async () => {
    const st = await stableToken();
    const classic = (await getJson('/cgi-bin/token', { grant_type: 'client_credential', appid: wx.appid, secret: wx.secret }))
      .access_token as string;
    wx.expireAccessTokens();
    expect((await probe(st)).errcode).toBe(42001);
    expect((await probe(classic)).errcode).toBe(42001);
    const fresh = await stableToken();
    expect(fresh).not.toBe(st);
    expect((await probe(fresh)).errcode).toBe(0);
  });

  it('missing token gives 41001, unknown token 40001', async () => {
    expect((await postJson('/wxa/msg_sec_check', { version: 2 })).errcode).toBe(41001);
    expect((await probe('not-a-token')).errcode).toBe(40001);
  });
});

describe('getuserphonenumber', () => {
  it('returns phone_info once per code and checks the openid binding', async () => {
    const token = await stableToken();
    const code = wx.issuePhoneCode('13800138000', { openid: 'o_user_1' });
    const path = '/wxa/business/getuserphonenumber';
    expect((await postJson(path, { code, openid: 'o_someone_else' }, { access_token: token })).errcode).toBe(40029);
    const r = await postJson(path, { code, openid: 'o_user_1' }, { access_token: token });
    expect(r).toMatchObject({
      errcode: 0,
      errmsg: 'ok',
      phone_info: {
        phoneNumber: '13800138000',
        purePhoneNumber: '13800138000',
        countryCode: '86',
        watermark: { timestamp: Math.floor(T0 / 1000), appid: wx.appid },
      },
    });
    expect((await postJson(path, { code }, { access_token: token })).errcode).toBe(40029);
    const late = wx.issuePhoneCode('13800138001');
    clock += 5 * MIN + 1;
    expect((await postJson(path, { code: late }, { access_token: await stableToken() })).errcode).toBe(40029);
  });
});

describe('subscribe send', () => {
  const TPL = 'tpl_status';
  let token: string;

  beforeEach(async () => {
    wx.defineTemplate(TPL, ['thing1', 'time2', 'phrase3']);
    token = await stableToken();
  });

  const goodData = {
    thing1: { value: '就业补贴申请' },
    time2: { value: '2025年1月6日 10:00' },
    phrase3: { value: '已通过' },
  };

  it('consumes one-time credit per send, then 43101', async () => {
    wx.grantSubscribeCredit('o_user_1', TPL, 2);
    const body = { touser: 'o_user_1', template_id: TPL, page: 'pages/index/index', data: goodData };
    expect(await send(token, body)).toMatchObject({ errcode: 0, errmsg: 'ok' });
    expect((await send(token, body)).errcode).toBe(0);
    expect((await send(token, body)).errcode).toBe(43101);
    expect((await send(token, { ...body, touser: 'o_user_2' })).errcode).toBe(43101);
    expect(wx.sent).toHaveLength(2);
    expect(wx.sent[0]).toEqual({ touser: 'o_user_1', template_id: TPL, page: 'pages/index/index', data: goodData });
    expect(wx.counters()).toMatchObject({ send: 4, sendOk: 2 });
    expect(wx.subscribeCredit('o_user_1', TPL)).toBe(0);
  });

  it('long-term templates never consume credit', async () => {
    wx.setLongTermTemplate(TPL);
    for (let i = 0; i < 3; i++) {
      expect((await send(token, { touser: 'o_user_1', template_id: TPL, data: goodData })).errcode).toBe(0);
    }
  });

  it('47003 names the field: phrase with Latin letters, thing over 20 chars; nothing is consumed', async () => {
    wx.grantSubscribeCredit('o_user_1', TPL, 1);
    const phrase = await send(token, {
      touser: 'o_user_1',
      template_id: TPL,
      data: { ...goodData, phrase3: { value: 'OK' } },
    });
    expect(phrase.errcode).toBe(47003);
    expect(phrase.errmsg).toMatch(/^argument invalid! data\.phrase3\.value invalid rid: /);

    const thing = await send(token, {
      touser: 'o_user_1',
      template_id: TPL,
      data: { ...goodData, thing1: { value: '一'.repeat(21) } },
    });
    expect(thing.errcode).toBe(47003);
    expect(thing.errmsg).toContain('data.thing1.value invalid');

    const missing = await send(token, { touser: 'o_user_1', template_id: TPL, data: { thing1: goodData.thing1, time2: goodData.time2 } });
    expect(missing.errmsg).toContain('data.phrase3.value invalid');
    const extra = await send(token, { touser: 'o_user_1', template_id: TPL, data: { ...goodData, thing9: { value: 'x' } } });
    expect(extra.errmsg).toContain('data.thing9.value invalid');
    const newline = await send(token, { touser: 'o_user_1', template_id: TPL, data: { ...goodData, thing1: { value: 'a\nb' } } });
    expect(newline.errmsg).toContain('data.thing1.value invalid');

    expect(wx.subscribeCredit('o_user_1', TPL)).toBe(1);
    const exact = await send(token, { touser: 'o_user_1', template_id: TPL, data: { ...goodData, thing1: { value: '一'.repeat(20) } } });
    expect(exact.errcode).toBe(0);
  });

  it('validates the other field types', async () => {
    const tpl = 'tpl_types';
    wx.defineTemplate(tpl, ['number1', 'letter2', 'symbol3', 'character_string4', 'date5', 'amount6', 'phone_number7', 'car_number8', 'name9', 'enum10'], {
      enums: { enum10: ['待审核', '已发放'] },
    });
    wx.setLongTermTemplate(tpl);
    const good = {
      number1: { value: '12.5' },
      letter2: { value: 'ABC' },
      symbol3: { value: '%' },
      character_string4: { value: 'JOB-2025_0001' },
      date5: { value: '2025-01-06~2025/02/01' },
      amount6: { value: '¥3000.00' },
      phone_number7: { value: '+86-411-88888888' },
      car_number8: { value: '辽B12345' },
      name9: { value: '张三' },
      enum10: { value: '已发放' },
    };
    expect((await send(token, { touser: 'o_user_1', template_id: tpl, data: good })).errcode).toBe(0);
    const bad: Array<[keyof typeof good, string]> = [
      ['number1', '12a'],
      ['letter2', 'AB1'],
      ['symbol3', '%%%%%%'],
      ['character_string4', '中文'],
      ['date5', '2025-13-01'],
      ['amount6', '¥12345678901'],
      ['phone_number7', '123456789012345678'],
      ['car_number8', '辽B123456789'],
      ['name9', '张三abc'],
      ['enum10', '未知'],
    ];
    for (const [key, value] of bad) {
      const r = await send(token, { touser: 'o_user_1', template_id: tpl, data: { ...good, [key]: { value } } });
      expect([key, r.errcode, r.errmsg]).toEqual([key, 47003, expect.stringContaining(`data.${key}.value invalid`)]);
    }
  });

  it('41030 for a page outside the released pages; query strings are allowed', async () => {
    wx.setPages(['pages/index/index', 'pages/policy/detail']);
    wx.grantSubscribeCredit('o_user_1', TPL, 2);
    const body = { touser: 'o_user_1', template_id: TPL, data: goodData };
    expect((await send(token, { ...body, page: 'pages/unreleased/index' })).errcode).toBe(41030);
    expect((await send(token, { ...body, page: 'pages/policy/detail?id=42' })).errcode).toBe(0);
    wx.setPages(null);
    expect((await send(token, { ...body, page: 'pages/unreleased/index' })).errcode).toBe(0);
  });

  it('40003 bad touser, 40037 unknown template', async () => {
    wx.grantSubscribeCredit('o_user_1', TPL);
    expect((await send(token, { touser: '', template_id: TPL, data: goodData })).errcode).toBe(40003);
    expect((await send(token, { touser: 'bad openid!', template_id: TPL, data: goodData })).errcode).toBe(40003);
    expect((await send(token, { touser: 'o_user_1', template_id: 'nope', data: goodData })).errcode).toBe(40037);
  });

  it('injected failures consume nothing', async () => {
    await boot({ now: () => clock, failureRate: { send: 1, errcode: -1 } });
    wx.defineTemplate(TPL, ['thing1', 'time2', 'phrase3']);
    wx.grantSubscribeCredit('o_user_1', TPL);
    const r = await send(await stableToken(), { touser: 'o_user_1', template_id: TPL, data: goodData });
    expect(r.errcode).toBe(-1);
    expect(wx.subscribeCredit('o_user_1', TPL)).toBe(1);
    expect(wx.sent).toHaveLength(0);
  });

  it('handles a thousand concurrent sends with latency', async () => {
    await boot({ latencyMs: 20 });
    wx.defineTemplate(TPL, ['thing1', 'time2', 'phrase3']);
    wx.setLongTermTemplate(TPL);
    const tok = await stableToken();
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => send(tok, { touser: `o_user_${i}`, template_id: TPL, data: goodData })),
    );
    expect(results.every((r) => r.errcode === 0)).toBe(true);
    expect(wx.counters().sendOk).toBe(1000);
  });
});

describe('msg_sec_check', () => {
  it('passes clean text and flags risky words', async () => {
    const token = await stableToken();
    const pass = await probe(token);
    expect(pass).toMatchObject({ errcode: 0, errmsg: 'ok', result: { suggest: 'pass', label: 100 } });
    expect(typeof pass.trace_id).toBe('string');
    expect(Array.isArray(pass.detail)).toBe(true);
    const risky = await postJson('/wxa/msg_sec_check', { version: 2, openid: 'o_user_1', scene: 2, content: '包过代考' }, { access_token: token });
    expect(risky).toMatchObject({ errcode: 0, result: { suggest: 'risky', label: 20006 } });
    wx.setRiskyWords(['广告']);
    const custom = await postJson('/wxa/msg_sec_check', { version: 2, openid: 'o_user_1', scene: 2, content: '代考广告' }, { access_token: token });
    expect(custom).toMatchObject({ result: { suggest: 'risky' } });
  });

  it('rejects bad version and scene', async () => {
    const token = await stableToken();
    const q = { access_token: token };
    expect((await postJson('/wxa/msg_sec_check', { openid: 'o_u', scene: 1, content: 'x' }, q)).errcode).toBe(44002);
    expect((await postJson('/wxa/msg_sec_check', { version: 1, openid: 'o_u', scene: 1, content: 'x' }, q)).errcode).toBe(47001);
    expect((await postJson('/wxa/msg_sec_check', { version: 2, openid: 'o_u', scene: 5, content: 'x' }, q)).errcode).toBe(40129);
  });
});

describe('getwxacodeunlimit', () => {
  function pngChunks(buf: Buffer): Array<{ type: string; data: Buffer }> {
    const chunks: Array<{ type: string; data: Buffer }> = [];
    let off = 8;
    while (off < buf.length) {
      const len = buf.readUInt32BE(off);
      const type = buf.toString('latin1', off + 4, off + 8);
      const data = buf.subarray(off + 8, off + 8 + len);
      const crc = buf.readUInt32BE(off + 8 + len);
      expect(crc).toBe(zlib.crc32(buf.subarray(off + 4, off + 8 + len)));
      chunks.push({ type, data });
      off += 12 + len;
    }
    return chunks;
  }

  it('returns a valid PNG on success', async () => {
    const token = await stableToken();
    wx.setPages(['pages/job/detail']);
    const res = await postRaw('/wxa/getwxacodeunlimit', JSON.stringify({ scene: 'j=9f3Kq2', page: 'pages/job/detail' }), {
      access_token: token,
    });
    expect(res.headers.get('content-type')).toBe('image/png');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const chunks = pngChunks(buf);
    expect(chunks[0].type).toBe('IHDR');
    expect(chunks[chunks.length - 1].type).toBe('IEND');
    const width = chunks[0].data.readUInt32BE(0);
    const height = chunks[0].data.readUInt32BE(4);
    const idat = Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data));
    expect(zlib.inflateSync(idat).length).toBe(height * (width + 1));
    const text = chunks.filter((c) => c.type === 'tEXt').map((c) => c.data.toString('latin1'));
    expect(text).toContain('scene\u0000j=9f3Kq2');
  });

  it('answers JSON 40169 for a bad scene and 41030 for an unreleased page', async () => {
    const token = await stableToken();
    const q = { access_token: token };
    for (const scene of ['', 'x'.repeat(33), 'a%20b', '中文']) {
      const res = await postRaw('/wxa/getwxacodeunlimit', JSON.stringify({ scene }), q);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(((await res.json()) as Json).errcode).toBe(40169);
    }
    const longest = await postRaw('/wxa/getwxacodeunlimit', JSON.stringify({ scene: "a-Z_0.9~!#$&'()*+,/:;=?@".padEnd(32, 'x') }), q);
    expect(longest.headers.get('content-type')).toBe('image/png');
    const notJson = await postRaw('/wxa/getwxacodeunlimit', 'scene=a', q);
    expect(((await notJson.json()) as Json).errcode).toBe(40169);

    wx.setPages(['pages/index/index']);
    expect((await postJson('/wxa/getwxacodeunlimit', { scene: 'a=1', page: 'pages/draft/index' }, q)).errcode).toBe(41030);
    const unchecked = await postRaw('/wxa/getwxacodeunlimit', JSON.stringify({ scene: 'a=1', page: 'pages/draft/index', check_path: false }), q);
    expect(unchecked.headers.get('content-type')).toBe('image/png');
  });
});
