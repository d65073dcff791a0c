import type { Audience } from '../../../server/src/contract/policy';
import { NoticeService } from '../../../server/src/modules/notice/notice.service';
import { PushWorker } from '../../../server/src/modules/notice/push.worker';
import { SubscriptionModel } from '../../../server/src/modules/notice/subscription.model';
import type { FakeWeChatServer } from '../support/fake-wechat';
import { createTestApp, type TestApp } from '../support/test-app';
import { TEMPLATE_IDS, TEMPLATE_KEYS } from './notice.samples';

export type Who = Awaited<ReturnType<TestApp['user']>>;

export const POLICY_TEMPLATE = 'tpl_policy_notice_0001';
export const SEND_PATH = '/cgi-bin/message/subscribe/send';

/** Starts `wx` with every catalogue template defined and an app sending through it; the app, its NoticeService and PushWorker. */
export async function catalogueApp(wx: FakeWeChatServer): Promise<{ t: TestApp; notices: NoticeService; worker: PushWorker }> {
  const apiBase = await wx.start();
  for (const [template, id] of Object.entries(TEMPLATE_IDS)) wx.defineTemplate(id, TEMPLATE_KEYS[template as keyof typeof TEMPLATE_IDS]);
  const t = await createTestApp({ wechat: { appid: wx.appid, secret: wx.secret, apiBase }, notice: { templates: TEMPLATE_IDS } });
  const context = t.app.getApplicationContext();
  return { t, notices: await context.getAsync(NoticeService), worker: await context.getAsync(PushWorker) };
}

export function audience(patch: Partial<Audience> = {}): Audience {
  return { graduationYears: [], degrees: [], doubleFirstClassOnly: false, hardshipOnly: false, districts: [], majorKeywords: [], ...patch };
}

/** A student of `graduationYear` with `credits` one-time credits, known both to us and to the fake. */
export async function studentWithCredits(
  t: TestApp,
  wx: FakeWeChatServer | null,
  graduationYear: number,
  opts: { openid?: string | null; credits?: number; fakeCredits?: number } = {},
): Promise<Who> {
  const openid = opts.openid === null ? undefined : (opts.openid ?? `o_${Math.random().toString(36).slice(2, 14)}`);
  const who = await t.user({ profile: { graduationYear, degree: 'bachelor' }, openid });
  const credits = opts.credits ?? 1;
  if (credits > 0 || opts.credits === 0) {
    await t.db.model(SubscriptionModel).create({ userId: who.doc._id.toHexString(), templateId: POLICY_TEMPLATE, credits, longTerm: false, lastResult: 'accept' });
  }
  const fakeCredits = opts.fakeCredits ?? credits;
  if (wx && openid && fakeCredits > 0) wx.grantSubscribeCredit(openid, POLICY_TEMPLATE, fakeCredits);
  return who;
}

/** Creates, submits and publishes a policy over HTTP; returns its id and version. */
export async function publishPolicy(t: TestApp, staff: Who, aud: Audience, title = '高校毕业生住房补贴申领通知'): Promise<{ id: string; version: number }> {
  const c = await t.http().post('/api/staff/contents').set('Authorization', staff.auth).send({ kind: 'policy', title, summary: '来连就业的高校毕业生可申请住房补贴。', issuer: '大连市人社局', audience: aud });
  if (c.status !== 200) throw new Error(`create failed: ${c.status} ${JSON.stringify(c.body)}`);
  const r = await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', staff.auth).send({ action: 'submit', version: c.body.version });
  const p = await t.http().post(`/api/staff/contents/${c.body.id}/transition`).set('Authorization', staff.auth).send({ action: 'publish', version: r.body.version });
  if (p.status !== 200) throw new Error(`publish failed: ${p.status} ${JSON.stringify(p.body)}`);
  return { id: c.body.id as string, version: p.body.version as number };
}
