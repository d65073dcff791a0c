import type { DistrictCode } from '../../contract/reference';
import {
  SUBSIDY_STATUS_LABELS,
  type ProgramWithEligibility,
  type SubsidyApplicationForm,
  type SubsidyApplicationView,
  type SubsidyProgram,
  type TimelineEntry,
} from '../../contract/subsidy';
import type { StoredTimelineEntry, SubsidyApplicationDoc, SubsidyProgramDoc } from './subsidy.model';
import { evaluate, isWindowOpen, referencedFields, type Facts } from './subsidy.rules';
import { amountSummary } from './subsidy.guide.rules';
import { actorUnit } from './subsidy.timeline.rules';

export const DOCUMENT_CONTENT_TYPES = { pdf: 'application/pdf', png: 'image/png', jpeg: 'image/jpeg' } as const;

export function toProgram(doc: SubsidyProgramDoc): SubsidyProgram {
  return {
    id: doc._id.toHexString(),
    name: doc.name,
    legalBasis: doc.legalBasis,
    applicantKind: doc.applicantKind,
    period: doc.period,
    opensAt: doc.opensAt,
    closesAt: doc.closesAt,
    requiredDocuments: doc.requiredDocuments,
    conditions: doc.conditions,
    amount: doc.amount,
    workflow: doc.workflow,
    ...(doc.offerMode ? { offerMode: doc.offerMode } : {}),
    note: doc.note,
    exampleAmounts: doc.exampleAmounts ?? false,
    ...(doc.guide ? { guide: doc.guide } : {}),
    policyIds: (doc.policyIds ?? []).map(id => id.toHexString()),
    active: doc.active,
    updatedAt: doc.updatedAt.toISOString(),
  };
}

/** A program on an applicant's list: whether these facts qualify and why (not), whether it is open, what it asks. */
export function toProgramWithEligibility(doc: SubsidyProgramDoc, facts: Facts, today: string): ProgramWithEligibility {
  return {
    program: toProgram(doc),
    eligibility: evaluate(doc, facts, today),
    open: isWindowOpen(doc.opensAt, doc.closesAt, today),
    fields: referencedFields(doc),
    amountSummary: amountSummary(doc.amount),
  };
}

/** A step as anyone may read it: a reviewer's step names the unit (the applicant's college or district: only they review it). */
function toTimeline(entry: StoredTimelineEntry, doc: Pick<SubsidyApplicationDoc, 'collegeId' | 'employmentDistrict'>): TimelineEntry {
  return {
    at: entry.at.toISOString(),
    action: entry.action,
    stage: entry.stage,
    actorRole: entry.actorRole,
    reason: entry.reason,
    ...(entry.nextStep ? { nextStep: entry.nextStep } : {}),
    ...(entry.actorRole !== 'applicant' ? { actorUnit: actorUnit(entry.actorRole, { collegeId: doc.collegeId, districtCode: doc.employmentDistrict }) } : {}),
  };
}

export function toApplicationView(doc: SubsidyApplicationDoc): SubsidyApplicationView {
  const id = doc._id.toHexString();
  return {
    id,
    programId: doc.programId.toHexString(),
    programName: doc.programName,
    period: doc.period,
    status: doc.status,
    statusLabel: SUBSIDY_STATUS_LABELS[doc.status],
    stage: doc.stage,
    applicantKind: doc.applicantKind ?? 'graduate',
    applicantName: doc.applicantName,
    enterprise:
      doc.applicantKind === 'enterprise'
        ? {
            name: doc.applicantName,
            uscc: doc.employerUscc ?? '',
            district: doc.employmentDistrict as DistrictCode,
            industry: doc.industry ?? '',
            size: doc.enterpriseSize ?? '',
          }
        : undefined,
    collegeId: doc.collegeId as SubsidyApplicationView['collegeId'],
    degree: doc.degree as SubsidyApplicationView['degree'],
    form: {
      idNumber: doc.idNumberMasked,
      graduationDate: doc.graduationDate,
      employmentDistrict: doc.employmentDistrict as SubsidyApplicationForm['employmentDistrict'],
      employerName: doc.employerName,
      employerUscc: doc.employerUscc,
      socialInsuranceMonths: doc.socialInsuranceMonths,
      traineeMonths: doc.traineeMonths,
      hardship: doc.hardship,
      businessRegistered: doc.businessRegistered,
      bankName: doc.bankName,
      bankAccount: doc.bankAccountMasked,
      graduates: doc.graduates?.map(g => ({ key: g.key, name: g.name, idNumber: g.idNumberMasked })),
    },
    documents: (doc.documents ?? []).map(d => ({
      id: d.id,
      kind: d.kind,
      type: d.type,
      size: d.size,
      url: `/api/subsidy-documents/${id}/${d.id}`,
    })),
    eligibility: doc.eligibility,
    amount: doc.amount,
    consentAt: doc.consentAt?.toISOString(),
    timeline: doc.timeline.map(e => toTimeline(e, doc)),
    submittedAt: doc.submittedAt?.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    ...(doc.status === 'payReturned' && doc.paymentReturn ? { paymentReturn: { reason: doc.paymentReturn.reason, at: doc.paymentReturn.at.toISOString() } } : {}),
  };
}
