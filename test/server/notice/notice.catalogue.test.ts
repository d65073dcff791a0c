import { readFileSync } from 'fs';
import { join } from 'path';
import type { NoticeEventType } from '../../../server/src/contract/notice';
import { NOTICE_CATALOGUE, noticeKey, pageWithInboxItem, renderNotice, type RenderContext } from '../../../server/src/modules/notice/notice.catalogue';
import { fitTemplateData } from '../../../server/src/modules/notice/notice.rules';
import { EXPECTED_INBOX, SAMPLE_EVENTS, TEMPLATE_KEYS } from './notice.samples';

const ctx: RenderContext = { at: new Date('2026-06-02T06:30:00.000Z'), policyFields: { title: 'thing1', issuer: 'thing2', date: 'date3', remark: 'thing4' } };
const TYPES = Object.keys(NOTICE_CATALOGUE) as NoticeEventType[];
const routes = readFileSync(join(__dirname, '../../../src/constants/routes.ts'), 'utf8');

describe('notice catalogue', () => {
  it('should have a sample and an expected inbox item for every event type', () => {
    expect(Object.keys(SAMPLE_EVENTS).sort()).toEqual([...TYPES].sort());
  });

  it.each(TYPES)('should word %s in Chinese and open its page', type => {
    const n = renderNotice(SAMPLE_EVENTS[type], ctx);
    expect({ title: n.title, summary: n.summary, page: n.page }).toEqual(EXPECTED_INBOX[type]);
    // The page is a route of the mini-program's route table.
    expect(routes).toContain(`'${n.page.split('?')[0]}'`);
  });

  it.each(TYPES)('should lay %s out on its template within WeChat’s field limits', type => {
    const n = renderNotice(SAMPLE_EVENTS[type], ctx);
    if (!n.template) {
      expect(n.data).toEqual({});
      return;
    }
    expect(Object.keys(n.data).sort()).toEqual([...TEMPLATE_KEYS[n.template]].sort());
    const fitted = fitTemplateData(n.data);
    for (const [key, { value }] of Object.entries(fitted)) {
      expect(value.trim()).not.toBe('');
      if (key.startsWith('phrase')) expect(value).toMatch(/^[\u4e00-\u9fff]{1,5}$/);
      if (key.startsWith('time')) expect(value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    }
  });

  it('should give every event its own key, and the same key to a repeat of the same event', () => {
    const keys = TYPES.map(type => noticeKey(SAMPLE_EVENTS[type]));
    expect(new Set(keys).size).toBe(keys.length);
    expect(TYPES.map(type => noticeKey({ ...SAMPLE_EVENTS[type] }))).toEqual(keys);
  });

  it('should name a subsidy event by its timeline step, so a stage passed again after a return is told again', () => {
    const first = SAMPLE_EVENTS['subsidy.stage-passed'];
    expect(noticeKey({ ...first, step: first.step + 4 })).not.toBe(noticeKey(first));
  });

  it('should mark the notices that cannot wait for a weekly digest as urgent', () => {
    const urgent = TYPES.filter(type => renderNotice(SAMPLE_EVENTS[type], ctx).urgent);
    expect(urgent).toEqual(
      expect.arrayContaining(['application.interview', 'application.hired', 'subsidy.returned', 'subsidy.payment-returned', 'subsidy.enterprise-decided', 'live.started', 'digest.weekly']),
    );
    for (const calm of ['application.viewed', 'application.rejected', 'subsidy.stage-passed', 'subsidy.approved', 'subsidy.paid', 'policy.published', 'fair.registered', 'fair.reminder', 'growth.story-decided'] as const) {
      expect(renderNotice(SAMPLE_EVENTS[calm], ctx).urgent).toBe(false);
    }
    const passed = { ...SAMPLE_EVENTS['subsidy.enterprise-decided'], outcome: 'stage-passed' as const };
    expect(renderNotice(passed, ctx).urgent).toBe(false);
  });

  it('should send the digest on the template of the topic most of its notices belong to', () => {
    expect(renderNotice(SAMPLE_EVENTS['digest.weekly'], ctx).template).toBe('applicationStatus');
    const onlyFairs = { ...SAMPLE_EVENTS['digest.weekly'], items: [{ ...SAMPLE_EVENTS['digest.weekly'].items[0], topic: 'fair' as const }] };
    expect(renderNotice(onlyFairs, ctx).template).toBeNull();
  });

  it('should fit a long policy title into the 20-character thing field and fill an empty issuer', () => {
    const long = { ...SAMPLE_EVENTS['policy.published'], title: '关于进一步做好高校毕业生来连留连就业创业住房补贴申领工作的通知', issuer: ' ' };
    const data = fitTemplateData(renderNotice(long, { ...ctx, at: new Date('2026-05-01T02:00:00Z') }).data);
    expect(Array.from(data.thing1.value)).toHaveLength(20);
    expect(data.thing2.value).toBe('大连市人力资源和社会保障局');
    expect(data.date3.value).toBe('2026年5月1日');
  });

  it('should word a fair reminder with the time and venue, open 我的招聘会 and name it once per fair', () => {
    const e = { type: 'fair.reminder' as const, fairId: 'c'.repeat(24), title: '春季双选会', startAt: '2026-06-03T01:00:00.000Z', venue: '星海会展中心' };
    expect(renderNotice(e, ctx)).toMatchObject({
      topic: 'fair',
      urgent: false,
      template: null,
      title: '招聘会即将开始：春季双选会',
      summary: '你报名的「春季双选会」将于6月3日 09:00在星海会展中心举行，入场时出示电子票',
      page: 'packages/job/pages/my-fairs/index',
    });
    expect(noticeKey(e)).toBe(`fair:${'c'.repeat(24)}:reminder`);
    expect(noticeKey(e)).not.toBe(noticeKey({ ...e, type: 'fair.registered' }));
  });

  it('should add the inbox item id to the page a card opens', () => {
    expect(pageWithInboxItem('packages/growth/pages/mine/index', 'b'.repeat(24))).toBe(`packages/growth/pages/mine/index?n=${'b'.repeat(24)}`);
    expect(pageWithInboxItem('packages/live/pages/room/index?id=1', 'b'.repeat(24))).toBe(`packages/live/pages/room/index?id=1&n=${'b'.repeat(24)}`);
  });
});
