import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { registerTextChecker } from '../../core/text-security';
import { UserService } from '../user/user.service';
import { ContentSecurityService } from '../wechat/content-security.service';

/** Gives core's UserTextGuard WeChat's text check, with the author's openid (@Autoload: registered at start). */
@Provide()
@Autoload()
@Scope(ScopeEnum.Singleton)
export class TextSecurityService {
  @Inject()
  private security!: ContentSecurityService;

  @Inject()
  private users!: UserService;

  @Init()
  init(): void {
    registerTextChecker(async ({ userId, scene, content }) => {
      const openid = this.security.configured ? await this.users.openidOf(userId) : undefined;
      return this.security.check({ openid, scene, content });
    });
  }
}
