import { Inject, Provide, Scope, ScopeEnum } from '@midwayjs/core';
import ExcelJS from 'exceljs';
import { COLLEGES, DISTRICTS } from '../../contract/reference';
import { startOfBeijingDay } from '../../contract/time';
import { DESTINATION_KINDS, DESTINATION_LABELS, type DestinationKind } from '../../contract/registry';
import type { BreakdownRow, Dashboard, ServicesDelivered, YearTargets } from '../../contract/statistics';
import { BizError } from '../../core/errors';
import type { AuthUser } from '../../interface';
import { ContentService } from '../content/content.service';
import { FairService } from '../fair/fair.service';
import { CourseService } from '../growth/course.service';
import { ApplicationService } from '../job/application.service';
import { JobService } from '../job/job.service';
import { LiveService } from '../live/live.service';
import { RegistryService, type StayFacets } from '../registry/registry.service';
import { SubsidyApplicationService } from '../subsidy/subsidy-application.service';
import { SupportService } from '../support/support.service';
import { DEFINITIONS, ratio, targetProgress, type RecordedServices, type StayTotals } from './statistics.rules';
import { StatisticsTargetService } from './statistics-targets.service';

export const DASHBOARD_FRESHNESS_SECONDS = 60;

export interface DashboardRequest {
  year?: number;
  collegeId?: string;
  districtCode?: string;
}

export type ResolvedScope = Dashboard['scope'];


@Provide()
@Scope(ScopeEnum.Singleton)
export class StatisticsService {
  @Inject()
  private targets!: StatisticsTargetService;

  @Inject()
  private registry!: RegistryService;

  @Inject()
  private contents!: ContentService;

  @Inject()
  private jobs!: JobService;

  @Inject()
  private applications!: ApplicationService;

  @Inject()
  private fairs!: FairService;

  @Inject()
  private live!: LiveService;

  @Inject()
  private subsidies!: SubsidyApplicationService;

  @Inject()
  private courses!: CourseService;

  @Inject()
  private support!: SupportService;

  private cache = new Map<string, { at: number; value: Dashboard }>();

  /** City staff may look at any one college or district; college and district staff only at their own. */
  resolveScope(actor: AuthUser, req: DashboardRequest): ResolvedScope {
    if (actor.roles.includes('bureau') || actor.roles.includes('admin')) {
      if (req.collegeId && req.districtCode) throw new BizError('VALIDATION_FAILED', '高校与区市县只能选一个', 'districtCode');
      if (req.collegeId) return { kind: 'college', collegeId: req.collegeId };
      if (req.districtCode) return { kind: 'district', districtCode: req.districtCode };
      return { kind: 'city' };
    }
    if (actor.roles.includes('college') && actor.scope.collegeId) {
      if ((req.collegeId && req.collegeId !== actor.scope.collegeId) || req.districtCode) throw new BizError('OUT_OF_SCOPE');
      return { kind: 'college', collegeId: actor.scope.collegeId };
    }
    if (actor.roles.includes('district') && actor.scope.districtCode) {
      if ((req.districtCode && req.districtCode !== actor.scope.districtCode) || req.collegeId) throw new BizError('OUT_OF_SCOPE');
      return { kind: 'district', districtCode: actor.scope.districtCode };
    }
    throw new BizError('FORBIDDEN');
  }

  async dashboard(actor: AuthUser, req: DashboardRequest, now: Date = new Date()): Promise<Dashboard> {
    const scope = this.resolveScope(actor, req);
    const year = req.year ?? now.getUTCFullYear();
    // Read on every request (one indexed lookup), so an edit of the targets shows at once, figures cached or not.
    const plan = await this.targets.ofYear(year);
    const key = `${year}|${scope.kind}|${scope.collegeId ?? ''}|${scope.districtCode ?? ''}`;
    const hit = this.cache.get(key);
    if (hit && now.getTime() - hit.at < DASHBOARD_FRESHNESS_SECONDS * 1000 && hit.value.plan?.version === plan?.version) return hit.value;
    const value = await this.compute(year, scope, now, plan);
    this.cache.set(key, { at: now.getTime(), value });
    return value;
  }

  async compute(year: number, scope: ResolvedScope, now: Date, plan: YearTargets | null): Promise<Dashboard> {
    return computeDashboard(this, year, scope, now, plan);
  }

  stayFacets(year: number, scope: ResolvedScope, now: Date): Promise<StayFacets | undefined> {
    return this.registry.stayFacets(year, scope, now);
  }

  async servicesDelivered(scope: ResolvedScope): Promise<ServicesDelivered> {
    const [contentsPublished, jobs, fairs, liveSessions, applications, subsidies] = await Promise.all([
      this.contents.countPublished(),
      this.jobs.publishedFigures(scope.districtCode),
      this.fairs.countPublished(),
      this.live.countApproved(),
      this.applications.countAll(),
      this.subsidies.decidedCounts(scope),
    ]);
    return {
      contentsPublished,
      jobsPublished: jobs.jobs,
      fairs,
      liveSessions,
      traineePosts: jobs.traineePosts,
      applications,
      subsidiesApproved: subsidies.approved,
      subsidiesPaid: subsidies.paid,
    };
  }

  /** Training enrolments and “1311” follow-up for the year (Beijing calendar year). */
  async recordedServices(year: number, scope: ResolvedScope): Promise<RecordedServices> {
    const from = startOfBeijingDay(`${year}-01-01`);
    const to = startOfBeijingDay(`${year + 1}-01-01`);
    // Enrolments carry no college or district, and cases are kept by district: each counts where it can.
    const trained = scope.kind === 'city' ? await this.courses.trainingSignups(from, to) : null;
    if (scope.kind === 'college') return { trained, followUp: null };
    return { trained, followUp: await this.support.caseCounts(from, to, scope.districtCode) };
  }

  /** The dashboard as a workbook for the 调度会. */
  async exportWorkbook(dashboard: Dashboard): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const scopeName =
      dashboard.scope.kind === 'city'
        ? '全市'
        : dashboard.scope.collegeId
          ? COLLEGES.find(c => c.id === dashboard.scope.collegeId)?.name ?? dashboard.scope.collegeId
          : DISTRICTS.find(d => d.code === dashboard.scope.districtCode)?.name ?? dashboard.scope.districtCode ?? '';
    const targets = wb.addWorksheet('目标进度');
    targets.addRow([`${dashboard.year}年 高校毕业生留连来连工作进度（${scopeName}）`, '', '', '', `统计时间 ${dashboard.computedAt}`]);
    if (dashboard.plan) targets.addRow([`目标来源：${dashboard.plan.source}`]);
    else targets.addRow([`${dashboard.year}年尚未设定工作目标（由市人社局在“年度工作目标”中填写）`]);
    targets.addRow(['指标', '完成', '目标', '力争', '完成率', '说明']);
    for (const t of dashboard.targets) {
      const r = targets.addRow([t.label, t.actual ?? '暂无', t.target, t.stretch ?? '', t.progress === null ? '' : t.progress, t.note ?? '']);
      r.getCell(5).numFmt = '0.0%';
      if (t.unit === 'percent') for (const c of [2, 3, 4]) r.getCell(c).numFmt = '0.0%';
    }
    targets.getColumn(1).width = 28;
    targets.getColumn(6).width = 36;
    const sheet = (name: string, rows: BreakdownRow[]) => {
      const ws = wb.addWorksheet(name);
      ws.addRow(['分类', '当年毕业生', '留连人数']);
      for (const r of rows) ws.addRow([r.label, r.graduates, r.stayed]);
      ws.getColumn(1).width = 24;
    };
    sheet('按高校', dashboard.byCollege);
    sheet('按区市县', dashboard.byDistrict);
    sheet('按生源', dashboard.byOrigin);
    sheet('按去向', dashboard.byDestination);
    sheet('双一流', dashboard.byDoubleFirstClass);
    const services = wb.addWorksheet('服务情况');
    const s = dashboard.services;
    services.addRows([
      ['项目', '数量'],
      ['已发布政策/资讯', s.contentsPublished],
      ['已发布岗位', s.jobsPublished],
    ['招聘会', s.fairs],
    ['直播带岗场次', s.liveSessions],
      ['见习岗位（人数）', s.traineePosts],
      ['岗位投递', s.applications],
      ['补贴审批通过', s.subsidiesApproved],
      ['补贴已发放', s.subsidiesPaid],
    ]);
    const defs = wb.addWorksheet('口径说明');
    for (const d of dashboard.definitions) defs.addRow([d]);
    defs.getColumn(1).width = 100;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
}

/**
 * Where the dashboard's figures come from: each module counts its own records (the registry its
 * graduates, the job module its jobs…); the statistics module only combines them.
 */
export interface DashboardSources {
  stayFacets(year: number, scope: ResolvedScope, now: Date): Promise<StayFacets | undefined>;
  servicesDelivered(scope: ResolvedScope): Promise<ServicesDelivered>;
  recordedServices(year: number, scope: ResolvedScope): Promise<RecordedServices>;
}

/** The whole dashboard (no cache). */
export async function computeDashboard(sources: DashboardSources, year: number, scope: ResolvedScope, now: Date, plan: YearTargets | null): Promise<Dashboard> {
  const facets = await sources.stayFacets(year, scope, now);
  const totalsRow = facets?.totals[0];
  const stayedByKind: Partial<Record<string, number>> = {};
  for (const row of facets?.byDestination ?? []) stayedByKind[String(row._id)] = row.stayed;
  const totals: StayTotals = {
    graduates: totalsRow?.graduates ?? 0,
    dalianCollegeGraduates: totalsRow?.dalianCollegeGraduates ?? 0,
    stayed: totalsRow?.stayed ?? 0,
    stayedFromDalianColleges: totalsRow?.stayedFromDalianColleges ?? 0,
    stayedFromElsewhereInProvince: totalsRow?.stayedFromElsewhereInProvince ?? 0,
    stayedFromElsewhereOutOfProvince: totalsRow?.stayedFromElsewhereOutOfProvince ?? 0,
    stayedDoubleFirstClass: totalsRow?.stayedDoubleFirstClass ?? 0,
    stayedByKind,
  };
  const [services, recorded] = await Promise.all([sources.servicesDelivered(scope), sources.recordedServices(year, scope)]);
  const row = (label: (id: string) => string) => (g: StayFacets['byCollege'][number]): BreakdownRow => ({
    key: String(g._id),
    label: label(String(g._id)),
    graduates: g.graduates,
    stayed: g.stayed,
  });
  const byStayed = (a: BreakdownRow, b: BreakdownRow) => b.stayed - a.stayed || b.graduates - a.graduates || a.key.localeCompare(b.key);
  return {
    year,
    scope,
    computedAt: now.toISOString(),
    freshnessSeconds: DASHBOARD_FRESHNESS_SECONDS,
    plan: plan ? { source: plan.source, version: plan.version, updatedAt: plan.updatedAt } : null,
    targets: plan ? targetProgress(totals, services, plan.figures, recorded) : [],
    byCollege: (facets?.byCollege ?? []).map(row(id => COLLEGES.find(c => c.id === id)?.name ?? '外地高校')).sort(byStayed),
    byDistrict: (facets?.byDistrict ?? []).map(row(id => DISTRICTS.find(d => d.code === id)?.name ?? '大连以外/未就业')).sort(byStayed),
    byOrigin: (facets?.byOrigin ?? []).map(row(id => (id === 'true' ? '省内生源' : '省外生源'))).sort(byStayed),
    byDestination: (facets?.byDestination ?? [])
      .map(g => ({ ...row(id => (id === 'none' ? '未登记去向' : DESTINATION_LABELS[id as DestinationKind] ?? id))(g), key: String(g._id) as DestinationKind | 'none' }))
      .sort((a, b) => DESTINATION_KINDS.indexOf(a.key as DestinationKind) - DESTINATION_KINDS.indexOf(b.key as DestinationKind)),
    byDoubleFirstClass: (facets?.byDfc ?? []).map(row(id => (id === 'true' ? '“双一流”高校' : '其他高校'))).sort(byStayed),
    retention: {
      graduates: totals.dalianCollegeGraduates,
      stayed: totals.stayedFromDalianColleges,
      rate: ratio(totals.stayedFromDalianColleges, totals.dalianCollegeGraduates),
    },
    services,
    definitions: [...DEFINITIONS],
  };
}
