import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import type { Model, Types } from 'mongoose';
import type { GrowthNoticeConfig } from '../../contract/growth';
import type { NoticeEvent } from '../../contract/notice';
import { Database } from '../../core/database';
import type { NoticeOutboxEntry, NoticeOutboxHolder } from '../../core/notice-outbox';
import { NoticeService } from '../notice/notice.service';
import { ContestModel, ContestRegistrationModel, CourseModel, PlaceApplicationModel, SignupModel, SlotModel, StoryModel } from './growth.model';
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
 * subscribe message, once per event and student). Changes of one document of growth's own (course
 * edits and cancels, training enrolment decisions, slot withdrawals, contest and place decisions,
 * stories) go through the
 * outbox: the conditional update pushes `entry(…)` onto the document and the caller `flush`es after;
 * the other events (`tell`) are told after the state change and again when a retried request finds
 * the change already made, so a request that died between the two is repaired only by its retry.
 */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class GrowthNotifier {
  @Inject()
  private notices!: NoticeService;

  @Inject()
  private db!: Database;

  /** Growth's outboxes: what a process that died before its flush left is told by any live worker. */
  @Init()
  init(): void {
    this.notices.registerOutbox('growth-course', this.db.model(CourseModel));
    this.notices.registerOutbox('growth-signup', this.db.model(SignupModel));
    this.notices.registerOutbox('growth-slot', this.db.model(SlotModel));
    this.notices.registerOutbox('growth-contest', this.db.model(ContestModel));
    this.notices.registerOutbox('growth-contest-registration', this.db.model(ContestRegistrationModel));
    this.notices.registerOutbox('growth-place-application', this.db.model(PlaceApplicationModel));
    this.notices.registerOutbox('growth-story', this.db.model(StoryModel));
  }

  /** The outbox entry a state change pushes onto its document's `pendingNotices`. */
  entry(userIds: ReadonlyArray<string | Types.ObjectId>, event: GrowthEvent, at?: Date): NoticeOutboxEntry {
    return this.notices.outboxEntry(userIds, growthNoticeEvent(event), at);
  }

  /** Tells and pulls the document's pending entries (never throws; the worker retries). */
  async flush<T extends NoticeOutboxHolder>(model: Model<T>, id: Types.ObjectId): Promise<void> {
    await this.notices.flush(model, id);
  }

  config(): GrowthNoticeConfig {
    const templateId = this.notices.templateId('growthStatus');
    return templateId ? { templateId } : {};
  }

  async tell(userIds: ReadonlyArray<string | Types.ObjectId>, event: GrowthEvent): Promise<void> {
    await this.notices.tell(userIds, growthNoticeEvent(event));
  }
}
