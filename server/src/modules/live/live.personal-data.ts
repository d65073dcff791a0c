import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { LiveBookingModel, LiveMessageModel, LiveViewModel } from './live.model';

/** Live bookings and chat messages go with the account; views stay as anonymous statistics. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class LivePersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    const r = this.registry;
    r.register(
      'live-bookings',
      r.collection({ title: '直播预约', model: LiveBookingModel, field: 'userId', idType: 'objectId', columns: { 直播: d => d.sessionId.toHexString(), 预约时间: d => copyDate(d.createdAt) } }),
    );
    r.register(
      'live-messages',
      r.collection({ title: '直播互动', model: LiveMessageModel, field: 'userId', idType: 'objectId', columns: { 昵称: d => d.nickname, 内容: d => d.text } }),
    );
    r.register(
      'live-views',
      r.collection({
        title: '直播观看',
        model: LiveViewModel,
        field: 'userId',
        idType: 'objectId',
        columns: { 直播: d => d.sessionId.toHexString() },
        keep: { filter: {} },
      }),
      [{ what: '直播观看统计（不含昵称）', retention: '随直播统计保存' }],
    );
  }
}
