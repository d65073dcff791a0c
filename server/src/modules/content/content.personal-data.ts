import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { FavouriteModel } from './content.model';

/** A person's favourites among policies and services. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class ContentPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    this.registry.register(
      'content-favourites',
      this.registry.collection({
        title: '我的收藏',
        model: FavouriteModel,
        field: 'userId',
        idType: 'string',
        columns: { 内容编号: d => d.contentId.toHexString(), 收藏时间: d => copyDate(d.createdAt) },
      }),
    );
  }
}
