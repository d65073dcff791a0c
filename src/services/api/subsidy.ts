import type { Page } from '@contract/common';
import type { BatchSchedule, BatchScheduleInput, OverdueCount, StageLimits, StageSettingsView, WorkingCalendarYear, WorkingCalendarYearInput } from '@contract/subsidy-stages';
import type {
  AccountCorrectionInput,
  EnterpriseSubsidyInput,
  EnterpriseSubsidyOverview,
  PaymentBatchPreview,
  PaymentBatchView,
  PaymentImportResult,
  ProgramWithEligibility,
  ReviewDecisionInput,
  SubsidyApplicationInput,
  SubsidyApplicationView,
  SubsidyDocumentKind,
  SubsidyGuideView,
  SubsidyProgram,
  SubsidyReviewDetail,
  SubsidyStatus,
} from '@contract/subsidy';
import type {
  ObjectionDecisionInput,
  ObjectionInput,
  ObjectionStaffView,
  ObjectionView,
  PublicityEntry,
  PublicityEntryQuery,
  PublicityNoticeView,
  StaffNoticeView,
} from '@contract/subsidy-publicity';
import type { OfferConfirmInput, OfferMatchRun, OfferMode, OfferProgramCounts, SubsidyOfferView } from '@contract/subsidy-offer';
import { uploadFile } from '../files';
import { request } from '../http';

export function subsidyPrograms(): Promise<ProgramWithEligibility[]> {
  return request<ProgramWithEligibility[]>({ path: '/subsidy/programs' });
}

/** 办事指南 of the programs the caller may apply to (all for a guest), of one policy when given. */
export function subsidyGuides(policyId?: string): Promise<SubsidyGuideView[]> {
  return request<SubsidyGuideView[]>({ path: '/subsidy-guides', query: policyId ? { policyId } : undefined });
}

export function subsidyGuide(programId: string): Promise<SubsidyGuideView> {
  return request<SubsidyGuideView>({ path: `/subsidy-guides/${encodeURIComponent(programId)}` });
}

export function mySubsidyApplications(): Promise<SubsidyApplicationView[]> {
  return request<SubsidyApplicationView[]>({ path: '/subsidy/applications' });
}

export function mySubsidyApplication(id: string): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ path: `/subsidy/applications/${encodeURIComponent(id)}` });
}

/** Saves a draft (`submit: false`) or submits; the server keeps one application per program and period. */
export function saveSubsidyApplication(input: SubsidyApplicationInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: '/subsidy/applications', data: input });
}

function upload<T>(path: string, filePath: string, name: string): Promise<T> {
  return uploadFile<T>(path, filePath, name);
}

export function uploadSubsidyDocument(id: string, kind: SubsidyDocumentKind, filePath: string, name: string): Promise<SubsidyApplicationView> {
  return upload<SubsidyApplicationView>(`/subsidy/applications/${encodeURIComponent(id)}/documents?kind=${kind}`, filePath, name);
}

/** After a bank return: the corrected account puts the application into the next batch. */
export function correctSubsidyAccount(id: string, input: AccountCorrectionInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: `/subsidy/applications/${encodeURIComponent(id)}/account`, data: input });
}

// Recruiters, for their enterprise

export function correctEnterpriseSubsidyAccount(id: string, input: AccountCorrectionInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: `/subsidy/enterprise/applications/${encodeURIComponent(id)}/account`, data: input });
}

export function enterpriseSubsidyOverview(): Promise<EnterpriseSubsidyOverview> {
  return request<EnterpriseSubsidyOverview>({ path: '/subsidy/enterprise/programs' });
}

export function enterpriseSubsidyApplications(): Promise<SubsidyApplicationView[]> {
  return request<SubsidyApplicationView[]>({ path: '/subsidy/enterprise/applications' });
}

/** One application per enterprise, program and period: every recruiter of the enterprise continues the same one. */
export function saveEnterpriseSubsidyApplication(input: EnterpriseSubsidyInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: '/subsidy/enterprise/applications', data: input });
}

export function uploadEnterpriseSubsidyDocument(id: string, kind: SubsidyDocumentKind, filePath: string, name: string): Promise<SubsidyApplicationView> {
  return upload<SubsidyApplicationView>(`/subsidy/enterprise/applications/${encodeURIComponent(id)}/documents?kind=${kind}`, filePath, name);
}

// Staff

export function reviewQueue(query: { status?: SubsidyStatus; cursor?: string; limit?: number }): Promise<Page<SubsidyApplicationView>> {
  return request<Page<SubsidyApplicationView>>({ path: '/staff/subsidy/applications', query: { ...query } });
}

export function reviewDetail(id: string): Promise<SubsidyReviewDetail> {
  return request<SubsidyReviewDetail>({ path: `/staff/subsidy/applications/${encodeURIComponent(id)}` });
}

export function decideApplication(id: string, input: ReviewDecisionInput): Promise<SubsidyApplicationView> {
  return request<SubsidyApplicationView>({ method: 'POST', path: `/staff/subsidy/applications/${encodeURIComponent(id)}/decision`, data: input });
}

export function paymentBatches(): Promise<PaymentBatchView[]> {
  return request<PaymentBatchView[]>({ path: '/staff/subsidy/batches' });
}

/** What 生成批次 would do now; changes nothing. */
export function previewPaymentBatch(programId?: string): Promise<PaymentBatchPreview> {
  return request<PaymentBatchPreview>({ method: 'POST', path: '/staff/subsidy/batches/preview', data: programId ? { programId } : {} });
}

/** Generates the previewed batch; sending the same preview again answers with the same batch. */
export function createPaymentBatch(preview: Pick<PaymentBatchPreview, 'previewKey' | 'programId'>): Promise<PaymentBatchView> {
  return request<PaymentBatchView>({
    method: 'POST',
    path: '/staff/subsidy/batches',
    data: { previewKey: preview.previewKey, ...(preview.programId ? { programId: preview.programId } : {}) },
  });
}

export function importPaymentResult(id: string, filePath: string, name: string): Promise<PaymentImportResult> {
  return upload<PaymentImportResult>(`/staff/subsidy/batches/${encodeURIComponent(id)}/result`, filePath, name);
}

export function overdueCounts(): Promise<OverdueCount[]> {
  return request<OverdueCount[]>({ path: '/staff/subsidy/overdue' });
}

export function stageSettings(): Promise<StageSettingsView> {
  return request<StageSettingsView>({ path: '/staff/subsidy/stage-settings' });
}

export function setStageLimits(programId: string, limits: StageLimits): Promise<StageLimits> {
  return request<StageLimits>({ method: 'PUT', path: `/staff/subsidy/programs/${encodeURIComponent(programId)}/limits`, data: { limits } });
}

export function putCalendarYear(year: number, input: WorkingCalendarYearInput): Promise<WorkingCalendarYear> {
  return request<WorkingCalendarYear>({ method: 'PUT', path: `/staff/subsidy/calendar/${year}`, data: input });
}

export function setBatchSchedule(input: BatchScheduleInput): Promise<BatchSchedule> {
  return request<BatchSchedule>({ method: 'PUT', path: '/staff/subsidy/schedule', data: input });
}

// Shared with the other domains' uploads and downloads.
export { apiFileUrl, openProtectedFile, pickFile } from '../files';

// 免申即享

export function mySubsidyOffers(): Promise<SubsidyOfferView[]> {
  return request<SubsidyOfferView[]>({ path: '/subsidy/offers' });
}

export function confirmSubsidyOffer(id: string, input: OfferConfirmInput): Promise<SubsidyOfferView> {
  return request<SubsidyOfferView>({ method: 'POST', path: `/subsidy/offers/${encodeURIComponent(id)}/confirm`, data: input });
}

export function declineSubsidyOffer(id: string): Promise<SubsidyOfferView> {
  return request<SubsidyOfferView>({ method: 'POST', path: `/subsidy/offers/${encodeURIComponent(id)}/decline` });
}

export function offerCounts(): Promise<OfferProgramCounts[]> {
  return request<OfferProgramCounts[]>({ path: '/staff/subsidy/offers' });
}

/** Starts the match (or answers the run already running); it goes on after the answer: poll `offerMatchRun`. */
export function startOfferMatch(programId: string): Promise<OfferMatchRun> {
  return request<OfferMatchRun>({ method: 'POST', path: `/staff/subsidy/programs/${encodeURIComponent(programId)}/match` });
}

export function offerMatchRun(runId: string): Promise<OfferMatchRun> {
  return request<OfferMatchRun>({ path: `/staff/subsidy/match-runs/${encodeURIComponent(runId)}` });
}

export function setProgramOfferMode(programId: string, offerMode: OfferMode): Promise<SubsidyProgram> {
  return request<SubsidyProgram>({ method: 'PUT', path: `/staff/subsidy/programs/${encodeURIComponent(programId)}/offer-mode`, data: { offerMode } });
}

// ---------------------------------------------------------------- 公示

/** The notices running now, with their counts: anyone logged in. */
export function subsidyNotices(): Promise<PublicityNoticeView[]> {
  return request<PublicityNoticeView[]>({ path: '/subsidy-notices' });
}

/** A page of a running notice's entries (masked names and IDs); `name` is a full name to find one's own line. */
export function noticeEntries(noticeId: string, query: PublicityEntryQuery): Promise<Page<PublicityEntry>> {
  return request<Page<PublicityEntry>>({ path: `/subsidy-notices/${encodeURIComponent(noticeId)}/entries`, query: { ...query } });
}

export function myObjections(): Promise<ObjectionView[]> {
  return request<ObjectionView[]>({ path: '/subsidy-notices/objections' });
}

/** One objection per person and application: sending it again answers with the first. */
export function fileObjection(noticeId: string, input: ObjectionInput): Promise<ObjectionView> {
  return request<ObjectionView>({ method: 'POST', path: `/subsidy-notices/${encodeURIComponent(noticeId)}/objections`, data: input });
}

export function uploadObjectionEvidence(id: string, filePath: string, name: string): Promise<ObjectionView> {
  return upload<ObjectionView>(`/subsidy-notices/objections/${encodeURIComponent(id)}/evidence`, filePath, name);
}

export function staffNotices(): Promise<StaffNoticeView[]> {
  return request<StaffNoticeView[]>({ path: '/staff/subsidy/notices' });
}

/** A page of any published notice's entries, ended ones too (bureau). */
export function staffNoticeEntries(noticeId: string, query: PublicityEntryQuery): Promise<Page<PublicityEntry>> {
  return request<Page<PublicityEntry>>({ path: `/staff/subsidy/notices/${encodeURIComponent(noticeId)}/entries`, query: { ...query } });
}

/** Publishes the batch for its 公示 period; publishing again answers with the same notice. */
export function publishBatch(batchId: string): Promise<PaymentBatchView> {
  return request<PaymentBatchView>({ method: 'POST', path: `/staff/subsidy/batches/${encodeURIComponent(batchId)}/publicity` });
}

export function decideObjection(id: string, input: ObjectionDecisionInput): Promise<ObjectionStaffView> {
  return request<ObjectionStaffView>({ method: 'POST', path: `/staff/subsidy/objections/${encodeURIComponent(id)}/decision`, data: input });
}
