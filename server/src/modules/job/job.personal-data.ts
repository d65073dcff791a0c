import { Autoload, Init, Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import { APPLICATION_STATUS_LABELS, applicationSourceLabel } from '../../contract/job';
import { copyDate, PersonalDataRegistry } from '../../core/personal-data';
import { ApplicationModel, DestinationModel, JobReportModel } from './application.model';

/** What the job module holds about a person (their applications, reports, hires), for the copy and deletion. */
@Autoload()
@Provide()
@Scope(ScopeEnum.Singleton)
export class JobPersonalData {
  @Inject()
  private registry!: PersonalDataRegistry;

  @Init()
  init(): void {
    // Applications go with the account (the recruiter's list loses them; the résumé file is swept as unreferenced).
    this.registry.register(
      'job-applications',
      this.registry.collection({
        title: '岗位投递',
        model: ApplicationModel,
        field: 'studentId',
        idType: 'objectId',
        columns: {
          岗位: d => d.jobTitle,
          企业: d => d.enterpriseName,
          状态: d => APPLICATION_STATUS_LABELS[d.status],
          投递时姓名: d => d.profile.name,
          学校: d => d.profile.schoolName,
          专业: d => d.profile.major,
          已附简历: d => Boolean(d.resumeKey),
          来源: d => (d.source ? applicationSourceLabel({ ...d.source, sessionId: d.source.sessionId.toHexString() }) : ''),
          投递时间: d => copyDate(d.createdAt),
        },
      }),
    );
    this.registry.register(
      'job-reports',
      this.registry.collection({ title: '岗位举报', model: JobReportModel, field: 'studentId', idType: 'objectId', columns: { 原因: d => d.reason, 时间: d => copyDate(d.createdAt) } }),
    );
    // Destinations feed the city's employment statistics: kept, naming nobody (the account is gone).
    this.registry.register(
      'job-destinations',
      this.registry.collection({
        title: '就业去向',
        model: DestinationModel,
        field: 'studentId',
        idType: 'objectId',
        columns: { 单位: d => d.enterpriseName, 区市县: d => d.district, 记录时间: d => copyDate(d.recordedAt) },
        keep: { filter: {}, update: {} },
      }),
      [{ what: '就业去向统计记录（不含姓名、证件号）', retention: '按就业统计制度长期保存' }],
    );
  }
}
