import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { PLACE_STATUS_LABELS, REGISTRATION_STATUS_LABELS, SIGNUP_STATUS_LABELS, SLOT_KIND_LABELS, STORY_STATUS_LABELS } from '../../contract/growth';
import { Database } from '../../core/database';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import {
  ContestRegistrationModel,
  CourseModel,
  PlaceApplicationModel,
  SignupModel,
  SlotModel,
  StoryLikeModel,
  StoryModel,
} from './growth.model';

/** Courses, bookings, contests, incubator places and stories of a person: copied, and gone with the account. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class GrowthPersonalData {
  @Inject()
  private db!: Database;

  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    const r = this.registry;
    r.register('growth-signups', {
      title: '课程与培训报名',
      export: async userId => {
        const signups = await this.db.model(SignupModel).find({ userId }).lean();
        const courses = await this.db.model(CourseModel).find({ _id: { $in: signups.map(s => s.courseId) } }, { title: 1 }).lean();
        const titles = new Map(courses.map(c => [c._id.toHexString(), c.title]));
        return signups.map(s => ({ 课程: titles.get(s.courseId.toHexString()) ?? null, 状态: SIGNUP_STATUS_LABELS[s.status], 报名时间: copyDate(s.signedUpAt) }));
      },
      erase: async userId => {
        // The seat goes back with the sign-up (the pair moves together, as in a cancel).
        await this.db.model(CourseModel).updateMany({ attendees: userId }, { $pull: { attendees: userId }, $inc: { signedUp: -1 } });
        await this.db.model(SignupModel).deleteMany({ userId });
      },
    });
    r.register('growth-slots', {
      title: '职业指导与创业诊所预约',
      export: async userId =>
        (await this.db.model(SlotModel).find({ bookedBy: userId }).lean()).map(s => ({
          类型: SLOT_KIND_LABELS[s.kind],
          老师: s.hostName,
          地点: s.location,
          开始: copyDate(s.startsAt),
          留言: s.note ?? null,
        })),
      erase: async userId => {
        await this.db
          .model(SlotModel)
          .updateMany({ bookedBy: userId, status: 'booked' }, { $set: { status: 'open' }, $unset: { bookedBy: 1, bookedAt: 1, note: 1, holdKey: 1 } });
        await this.db.model(SlotModel).updateMany({ bookedBy: userId }, { $unset: { bookedBy: 1, bookedAt: 1, note: 1, holdKey: 1 } });
      },
    });
    r.register(
      'growth-contests',
      r.collection({
        title: '创业大赛报名',
        model: ContestRegistrationModel,
        field: 'userId',
        idType: 'string',
        columns: {
          大赛: d => d.contestTitle,
          团队: d => d.teamName,
          负责人: d => d.leaderName,
          成员: d => d.members.join('、'),
          项目: d => d.projectTitle,
          状态: d => REGISTRATION_STATUS_LABELS[d.status ?? 'submitted'],
          报名时间: d => copyDate(d.registeredAt),
        },
      }),
    );
    r.register(
      'growth-places',
      r.collection({
        title: '孵化基地入驻申请',
        model: PlaceApplicationModel,
        field: 'userId',
        idType: 'string',
        columns: { 基地: d => d.institutionName, 项目: d => d.projectTitle, 状态: d => PLACE_STATUS_LABELS[d.status], 提交时间: d => copyDate(d.submittedAt) },
      }),
    );
    r.register('growth-stories', {
      title: '留连故事',
      export: async userId =>
        (await this.db.model(StoryModel).find({ userId }).lean()).map(s => ({
          标题: s.title,
          正文: s.text,
          署名: s.authorName,
          状态: STORY_STATUS_LABELS[s.status],
          附视频: Boolean(s.videoKey),
          发布时间: copyDate(s.publishedAt),
        })),
      // Stories and their likes go (videos are swept as unreferenced); likes given to others' stories are taken back.
      erase: async userId => {
        const likes = this.db.model(StoryLikeModel);
        const given = await likes.find({ userId }, { storyId: 1 }).lean();
        if (given.length > 0) await this.db.model(StoryModel).updateMany({ _id: { $in: given.map(l => l.storyId) } }, { $inc: { likes: -1 } });
        await likes.deleteMany({ userId });
        const stories = await this.db.model(StoryModel).find({ userId }, { _id: 1 }).lean();
        await likes.deleteMany({ storyId: { $in: stories.map(s => s._id) } });
        await this.db.model(StoryModel).deleteMany({ userId });
      },
    });
  }
}
