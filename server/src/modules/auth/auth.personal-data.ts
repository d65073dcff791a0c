import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { SessionModel } from './auth.model';

/** Sign-in sessions: listed in the copy, all dropped with the account (their refresh tokens die). */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class AuthPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register(
      'auth-sessions',
      this.registry.collection({
        title: '登录记录',
        model: SessionModel,
        field: 'userId',
        idType: 'objectId',
        columns: { 登录方式: d => d.client, 登录时间: d => copyDate(d.createdAt), 退出时间: d => copyDate(d.revokedAt) },
      }),
    );
  }
}
