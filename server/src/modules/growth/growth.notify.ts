import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Types } from 'mongoose';
import type { GrowthNoticeConfig } from '../../contract/growth';
import type { NoticeEvent } from '../../contract/notice';
import { NoticeService } from '../notice/notice.service';
import type { GrowthEvent } from './growth.rules';

/** The catalogue event of a growth event (times as ISO strings). */
export function growthNoticeEvent(e: GrowthEvent): NoticeEvent {
  switch (e.type) {
    case 'course-signed-up':
      return { ...e, type: 'growth.course-signed-up', startsAt: e.startsAt.toISOString(), at: e.at.toISOString() };
    case 'slot-booked':
      return { ...e, type: 'growth.slot-booked', startsAt: e.startsAt.toISOString(), at: e.at.toISOString() };
    case 'slot-withdrawn':
      return { ...e, type: 'growth.slot-withdrawn', startsAt: e.startsAt.toISOString() };
    case 'course-cancelled':
      return { ...e, type: 'growth.course-cancelled' };
    case 'course-changed':
      return { ...e, type: 'growth.course-changed' };
    case 'training-rejected':
      return { ...e, type: 'growth.training-rejected' };
    case 'training-completed':
      return { ...e, type: 'growth.training-completed' };
    case 'contest-registered':
      return { ...e, type: 'growth.contest-registered' };
    case 'contest-decided':
      return { ...e, type: 'growth.contest-decided' };
    case 'contest-cancelled':
      return { ...e, type: 'growth.contest-cancelled' };
    case 'place-decided':
      return { ...e, type: 'growth.place-decided' };
    case 'story-decided':
      return { ...e, type: 'growth.story-decided' };
  }
}

/**
 * Tells students about growth decisions and events through the notice module (inbox item and
 * subscribe message, once per event and student). Callers run this after the state change and
 * again when a retried request finds the change already made, so a request that died between the
 * two is repaired by its retry without telling anyone twice.
 */
@Provide()
@Scope(ScopeEnum.Singleton)
export class GrowthNotifier {
  @Inject()
  private notices!: NoticeService;

  config(): GrowthNoticeConfig {
    const templateId = this.notices.templateId('growthStatus');
    return templateId ? { templateId } : {};
  }

  async tell(userIds: ReadonlyArray<string | Types.ObjectId>, event: GrowthEvent): Promise<void> {
    await this.notices.tell(userIds, growthNoticeEvent(event));
  }
}
