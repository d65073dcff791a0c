import { MidwayWebRouterService } from '@midwayjs/core';
import type { JoiDescription } from '../../../server/src/core/openapi/joi-schema';
import { routeFacts } from '../../../server/src/core/openapi/routes';
import { routeUserText } from '../../../server/src/core/text-security';
import { createTestApp, type TestApp } from '../support/test-app';

/** Free text: a string with no fixed values, pattern, id or date shape. */
function isFreeText(d: JoiDescription): boolean {
  if (d.type !== 'string' || d.flags?.only) return false;
  return !(d.rules ?? []).some(r => ['pattern', 'hex', 'guid', 'isoDate', 'email', 'uri', 'base64', 'token', 'ip', 'domain', 'hostname'].includes(r.name));
}

/** Body paths of free text, in UserText's notation (`a.b`, `a[]`, `a[].b`). */
function freeTextPaths(d: JoiDescription | undefined, at = ''): string[] {
  if (!d) return [];
  if (d.type === 'object') return Object.entries(d.keys ?? {}).flatMap(([k, child]) => freeTextPaths(child, at ? `${at}.${k}` : k));
  if (d.type === 'array') return (d.items ?? []).flatMap(item => freeTextPaths(item, `${at}[]`));
  if (d.type === 'alternatives') return (d.matches ?? []).flatMap(m => [m.schema, m.then, m.otherwise].flatMap(s => freeTextPaths(s, at)));
  return isFreeText(d) ? [at] : [];
}

/**
 * Free-text body fields that do not go through the route's UserText check, each with why. Everything
 * else a student or recruiter can write must be marked with @UserText on its route.
 */
const NOT_BY_ROUTE: Record<string, string> = {
  'recruiterController.publish title description duties requirements tags[] repostSource':
    'JobService.checkPosting sends the whole posting text (scene 3) after the posting and wording rules',
  'recruiterController.edit title description duties requirements tags[] repostSource': 'JobService.checkPosting, as for publish',
  'enterpriseController.register industry chainTags[] category': 'values of the reference lists staff keep, refused when not listed',
  'subsidyEnterpriseController.save form.graduates[].name form.bankName': 'an application form read by reviewing staff only; names and bank names are personal data not sent to WeChat',
  'subsidyController.save form.employerName form.bankName': 'an application form read by reviewing staff only',
  'subsidyOfferController.confirm bankName': 'the receiving account of a confirmed 免申即享 offer, read by reviewing and paying staff only',
  'subsidyAccountController.correct bankName': 'a corrected receiving account, read by paying staff only',
  'subsidyEnterpriseAccountController.correct bankName': 'an enterprise’s corrected receiving account, read by paying staff only',
  'enterpriseController.verifyRealName name idNumber': 'a recruiter’s real-name check, sealed and shown to no one',
  'complaintController.submit phone': 'a contact number, revealed to staff only through the reveal log',
  'liveController.report phone': 'a contact number, as in a complaint',
  'subsidyPublicityController.object phone': 'a contact number for the bureau, stored sealed and shown masked, as in a complaint',
  'supportController.register intention': 'an intake form read by the caseworker only',
  'growthController.applyPlace projectTitle projectSummary needs': 'an application read by the bureau only',
  'growthController.register projectTitle projectSummary teamName members[]': 'a registration read by the organisers only',
  'growthController.book note': 'a note to the staff advisor who hosts the slot',
  'authController.refresh refreshToken': 'a credential, not text',
  'liveController.callback sign stream_id sequence': "Tencent's callback, not a person's text",
  'liveController.mediaCheck sign stream_id stream_param': "Tencent's callback, not a person's text",
  'accountController.delete confirm': 'the typed confirmation 注销, kept by no one',
  'meController.bindPhone code': "WeChat's phone-number code, not text",
  'meController.typePhone phone': 'the user’s own number, shown to no one but masked to staff',
};

describe('every user-written text others can see goes through msgSecCheck', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('should mark every free-text field a student or recruiter can send, or say why not', async () => {
    const router = await t.app.getApplicationContext().getAsync(MidwayWebRouterService);
    const unexplained: string[] = [];
    const explained = new Set<string>();
    const checked: string[] = [];
    for (const route of await router.getFlattenRouterTable()) {
      const facts = routeFacts(route);
      if (facts.access.roles && !facts.access.roles.some(r => r === 'student' || r === 'recruiter')) continue;
      const paths = freeTextPaths(facts.inputs.find(i => i.in === 'body')?.schema);
      if (paths.length === 0) continue;
      const spec = routeUserText(route.controllerClz as new (...args: never[]) => unknown, String(route.method));
      const rest = paths.filter(p => !spec?.fields.includes(p));
      if (spec) checked.push(`${facts.operationId} ${spec.fields.join(' ')}`);
      // A marked field the body does not have is a typo that would check nothing.
      for (const f of spec?.fields ?? []) expect([facts.operationId, paths]).toEqual([facts.operationId, expect.arrayContaining([f])]);
      if (rest.length === 0) continue;
      const key = `${facts.operationId} ${rest.join(' ')}`;
      if (NOT_BY_ROUTE[key]) explained.add(key);
      else unexplained.push(key);
    }
    expect(unexplained).toEqual([]);
    // The list of exceptions holds nothing stale either.
    expect(Object.keys(NOT_BY_ROUTE).filter(k => !explained.has(k))).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining([
      'complaintController.submit partyName description',
      'enterpriseController.register name',
      'growthController.createStory title text',
      'jobController.report reason',
      'liveController.create title',
      'meController.updateProfile schoolName major originCity intentionText',
      'recruiterController.edit majors[] address contactPolicy',
      'recruiterController.move note interview.location interview.contactName interview.message',
      'recruiterController.publish majors[] address contactPolicy',
    ]));
  });
});
