import { Inject } from '@midwayjs/core';
import type { Context } from '@midwayjs/koa';
import { CourseService } from './course.service';
import { SlotService } from './slot.service';
import { StartupService } from './startup.service';
import { StoryService } from './story.service';

/** The request and the four growth services, injected once for the student and the staff controller. */
export abstract class GrowthControllerBase {
  @Inject()
  protected ctx!: Context;

  @Inject()
  protected courses!: CourseService;

  @Inject()
  protected slots!: SlotService;

  @Inject()
  protected startups!: StartupService;

  @Inject()
  protected stories!: StoryService;
}
